"""Evidence windows: the spans of text an event is coded from.

A window is one sentence, joined by the next one (in the same paragraph) only when
that changes what the sentence's own trigger means: a protest the next sentence
says was dispersed, a capture then a handover. Every field of an event is taken
from its window, never from unrelated parts of the article.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..model import Article
from .classify import Trigger, classify
from .location import paragraph_of
from .parties import Party, parties_in, side_of
from .taxonomy import CAPTURES
from .theatres import Theatre

# types a following sentence can turn into another (a protest then dispersed, a capture then a handover)
_CONTEXT_SENSITIVE = {
    "Peaceful protest", "Protest with intervention", "Excessive force against protesters", "Violent demonstration",
    "Mob violence", "Armed clash", "Government regains territory", "Non-state actor overtakes territory",
    "Non-violent transfer of territory", "Arrests", "Attack",
}
# what the next sentence can make of a capture: a handover ("the town was handed over under the
# deal"), not another capture or a clash (the ground retaken in 2022, the arms seized after it)
_A_CAPTURE_BECOMES = {"Non-violent transfer of territory"}
_LINES_OF_ONE_PARAGRAPH = re.compile(r"[^\n]+(?:\n(?!\s*\n)[^\n]+)*")
# A sentence the parser ended without closing punctuation, followed on the same line by one that
# opens in lower case, is one sentence cut in two ("were killed and | five more injured in an
# air strike"): its halves would be coded as two happenings.
_ENDS_UNCLOSED = re.compile(r"[\w,]\Z")
_OPENS_LOWER = re.compile(r"\A[a-z]")


@dataclass
class Window:
    start: int
    end: int
    text: str  # article.text[start:end]
    parties: list[Party]  # in text order
    triggers: list[Trigger]  # best first; offsets are within ``text``


def sentences(work) -> list[tuple[int, int]]:
    """Sentence spans, trimmed, split again at paragraph breaks the parser ran over."""
    text = work.article.text
    spans = []
    for sent in work.doc.sents:
        s, e = sent.start_char, sent.end_char
        for part in _LINES_OF_ONE_PARAGRAPH.finditer(text[s:e]):
            ps, pe = s + part.start(), s + part.end()
            chunk = text[ps:pe]
            lead = len(chunk) - len(chunk.lstrip())
            trail = len(chunk) - len(chunk.rstrip())
            ps, pe = ps + lead, pe - trail
            if pe - ps >= 3:
                spans.append((ps, pe))
    return _rejoin_cut_sentences(text, spans)


def _rejoin_cut_sentences(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    joined: list[tuple[int, int]] = []
    for start, end in spans:
        if joined:
            before_start, before_end = joined[-1]
            gap = text[before_end:start]
            if (not gap.strip() and "\n" not in gap and _ENDS_UNCLOSED.search(text[before_start:before_end])
                    and _OPENS_LOWER.match(text[start:end])):
                joined[-1] = (before_start, end)
                continue
        joined.append((start, end))
    return joined


def lead_end(article: Article, sentences: list[tuple[int, int]]) -> int:
    """End of the lead: the first paragraph that reads like prose (not a title or dateline)."""
    for p in article.paragraphs or []:
        body = article.text[p.start:p.end]
        if len(body) > 120 or body.rstrip().endswith("."):
            return p.end
    return sentences[min(1, len(sentences) - 1)][1]


def next_sentence_end(article: Article, sentences: list[tuple[int, int]], rank: int) -> int | None:
    """End of the sentence after sentence ``rank``, when it stands in the same paragraph."""
    if rank + 1 >= len(sentences):
        return None
    start, following = sentences[rank][0], sentences[rank + 1][1]
    if paragraph_of(article, start) != paragraph_of(article, following - 1):
        return None
    return following


def window_at(article: Article, start: int, end: int, following: int | None, theatre: Theatre) -> Window | None:
    """The window of the sentence ``start:end`` (None when it tells of no event); the next
    sentence, ending at ``following``, joins it when it changes what the trigger means."""
    text = article.text[start:end]
    parties = parties_in(article, start, end, theatre)
    agent_side = side_of(parties[0].actor_id) if parties else None
    triggers = classify(text, agent_side)
    if not triggers:
        return None
    if following is not None and triggers[0].sub_event_type in _CONTEXT_SENSITIVE:
        pair = article.text[start:following]
        paired = [t for t in classify(pair, agent_side) if t.start < end - start]
        if paired and paired[0].sub_event_type != triggers[0].sub_event_type and (
                triggers[0].sub_event_type not in CAPTURES or paired[0].sub_event_type in _A_CAPTURE_BECOMES):
            end, text, triggers = following, pair, paired
            parties = parties_in(article, start, end, theatre)
    return Window(start, end, text, parties, triggers)
