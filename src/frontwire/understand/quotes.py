"""Quotes and claims, with who says them (component "quotes", fills ``article.quotes``).

Two kinds:
- direct: words inside quotation marks, attributed by the speech verb after
  the quote ('"...," the army said'), before it ('X said: "..."'), by a
  participle that continues a sentence ('adding, "..."'), or, failing those,
  by the speaker of the quote just before it (consecutive quotes of one voice);
- reported: "X said (that) ...", "..., FNA reported", "X accused Y of ...",
  "according to X, ..." and "..., according to X"; also a named source closing
  a sentence whose comma the scrape lost ("... killing 12 people the
  Observatory said.").  The events layer takes every attribution from here.

A cheap regex gate decides whether the article needs any work; only then is
the shared parse (``work.doc``) used, to find the cue verb's subject (the
speaker) and its complement (the content). Quoted words embedded in a sentence
('contained "military assets"') are partial quotes: they stay part of the
reported claim around them rather than becoming direct quotes.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from functools import cached_property
from typing import Optional

import numpy as np
from spacy.attrs import IDX, LEMMA, POS
from spacy.parts_of_speech import AUX, VERB

from ..lexicons import alternation, load, word_pattern
from ..model import Article, Quote
from ..registry import component
from .dates import find_dates
from .quote_marks import Quoted, find_quoted, paragraph_bounds, single_quoted_after
from .speakers import (
    Speaker,
    canonical_speaker,
    is_pronoun,
    resolve_pronoun,
    speaker_from_subject,
    subject_of,
)

_SPEECH = load("speech")
SPEECH_LEMMAS = frozenset(_SPEECH["speech_lemmas"])
# Verbs whose claim can be their object rather than a clause ("denied the report", "accused X of Y").
OBJECT_CUES = frozenset(_SPEECH["object_claim_lemmas"])
_OBJECT_DEPS = {"dobj", "xcomp", "ccomp", "attr", "oprd", "pcomp"}
_ACCORDING_TO = alternation(_SPEECH["according_to"])
# Word forms of the cue verbs: an article without any of these or a quote mark is never parsed (speed).
_CUE_WORD = word_pattern(_SPEECH["speech_word_forms"])
_GATE = re.compile(r"[\"“”«»]|\b" + _ACCORDING_TO + r"\b|" + _CUE_WORD.pattern, re.IGNORECASE)
_SINGLE_QUOTE_CUE = re.compile(r"\b" + alternation(_SPEECH["single_quote_opening_verbs"]) + r"\s*[,:]\s*['‘]")
_ACCORDING = re.compile(r"\b" + _ACCORDING_TO + r"\s+(?P<speaker>[^,.;:!?\n\"“”]{2,120}?)(?=\s*(?:[,.;:!?\n\"“”]|$))")
_SENTENCE_END = re.compile(r"[.!?](?=[\s\"”»’']|$)")
_MIN_UNATTRIBUTED_WORDS = 3
_NAMED_SOURCE_KINDS = ("actor", "organization", "person")
# a speech verb closing the sentence, maybe with its time or a participle clause: "said on Sunday."
_TRAILING_ATTRIBUTION = re.compile(
    r"\s+(?P<cue>" + alternation(_SPEECH["sentence_closing_verbs"]) + ")"
    r"(?:\s+(?:on|late|early|in|last|this)\s+\w+(?:\s+\w+)?|\s+\w+ing\b[^.!?\n]{0,120})?\s*[.!?](?=\s|$)"
)
# what opens the source's noun phrase before its name: "the Britain-based", "the opposition"
_SOURCE_LEAD = re.compile(r"\b(?:the\s+)?(?:[A-Z][\w]*-based\s+|(?:opposition|monitoring|war|rights)\s+)*$")
_MIN_CLAIM_WORDS = 4


def _overlap(a_start: int, a_end: int, b_start: int, b_end: int) -> int:
    return max(0, min(a_end, b_end) - max(a_start, b_start))


def _negated(cue, subject) -> bool:
    """'did not comment', 'No group has claimed': a speech act that did not happen carries no claim."""
    return any(c.dep_ == "neg" for c in cue.children) or any(
        c.dep_ == "det" and c.lower_ == "no" for c in subject.children)


def _passive_of(cue) -> bool:
    """"The army accused of using chlorine", "militants blamed for the attack": the one accused, not
    an accuser (a headline drops the "was"); the active verb has its object first ("accused the
    army of")."""
    if cue.lemma_ not in ("accuse", "blame") or cue.i + 1 >= len(cue.doc):
        return False  # ("the UN has warned of famine" warns)
    return (cue.tag_ == "VBN" or cue.dep_ == "acl") and cue.nbor(1).lower_ in ("of", "for")


class _Finder:
    """Quotes of one article; keeps each quote's speaker as written until ``finish`` resolves pronouns."""

    def __init__(self, work):
        self.article: Article = work.article
        self.text = self.article.text
        self.doc = work.doc
        self.paragraphs = ([(p.start, p.end) for p in self.article.paragraphs]
                           or paragraph_bounds(self.text))
        self.used_cues: set[int] = set()  # token indices already attributing a direct quote
        self.made: list[tuple[Quote, Optional[Speaker]]] = []

    # --- shared helpers -------------------------------------------------------------------

    def _paragraph_of(self, pos: int) -> tuple[int, int]:
        for start, end in self.paragraphs:
            if start <= pos <= end:
                return start, end
        return 0, len(self.text)

    def _tokens_between(self, start: int, end: int):
        span = self.doc.char_span(start, end, alignment_mode="contract")
        return list(span) if span is not None else []

    @cached_property
    def _cue_offsets(self) -> tuple[list[int], list[int]]:
        """(character offsets, token indices) of every speech verb, read from the parse's arrays at once."""
        table = self.doc.to_array([LEMMA, POS, IDX])
        lemmas = np.array([self.doc.vocab.strings.add(lemma) for lemma in SPEECH_LEMMAS], dtype=table.dtype)
        mask = np.isin(table[:, 0], lemmas) & np.isin(table[:, 1], np.array([VERB, AUX], dtype=table.dtype))
        indices = np.nonzero(mask)[0]
        return table[indices, 2].tolist(), indices.tolist()

    def _cue_tokens(self, start: int, end: int):
        offsets, indices = self._cue_offsets
        lo, hi = bisect_left(offsets, start), bisect_left(offsets, end)
        return [self.doc[i] for i in indices[lo:hi]]

    @cached_property
    def _date_mentions(self):
        # found once per article where the dates layer found none: once per quote made the layer quadratic
        return self.article.dates or find_dates(self.article.text, self.article.published)

    def _date_between(self, start: int, end: int, avoid: list[tuple[int, int]]) -> Optional[str]:
        for mention in self._date_mentions:
            if mention.start < start or mention.end > end:
                continue
            if mention.value and not any(_overlap(mention.start, mention.end, a, b) for a, b in avoid):
                return mention.value
        return None

    def _quote(self, kind: str, start: int, end: int, speaker: Optional[Speaker], cue: Optional[str],
               date: Optional[str]) -> Quote:
        """A quote with its speaker as written; ``finish`` resolves pronouns once every speaker is known."""
        quote = Quote(
            text=self.text[start:end], start=start, end=end, kind=kind,
            speaker=speaker.text if speaker else None,
            speaker_start=speaker.start if speaker else None,
            speaker_end=speaker.end if speaker else None,
            cue=cue, date=date,
        )
        self.made.append((quote, speaker))
        return quote

    def finish(self) -> list[Quote]:
        """Every quote made, pronoun speakers resolved and speakers linked to actors, in text order."""
        named = [s for _, s in self.made if s is not None and not is_pronoun(s)]
        for quote, speaker in self.made:
            if speaker is None:
                continue
            if is_pronoun(speaker):
                speaker = resolve_pronoun(speaker, named, self.article, self.doc) or speaker
                quote.speaker, quote.speaker_start, quote.speaker_end = speaker.text, speaker.start, speaker.end
            quote.speaker_id, quote.speaker_canonical = canonical_speaker(self.article, speaker)
        return sorted((q for q, _ in self.made), key=lambda q: (q.start, q.end))

    # --- direct quotes ----------------------------------------------------------------------

    def _stands_alone(self, q: Quoted) -> bool:
        """True when the quote opens a sentence or follows a colon/comma; False for words quoted mid-sentence."""
        pos = q.open_mark - 1
        while pos >= 0 and self.text[pos].isspace():
            pos -= 1
        return pos < 0 or self.text[pos] in ".!?:,;—–\"”»"

    def _speaker_of_cue(self, cue, window: tuple[int, int], q: Quoted) -> Optional[Speaker]:
        subject = subject_of(cue)
        if subject is not None and window[0] <= subject.idx < window[1]:
            return speaker_from_subject(subject, self.text, avoid=[(q.start, q.end)])
        if subject is None and window[0] < cue.idx:
            # No subject in the parse: take the words between the quote and the cue ('"...," the source said').
            start, end = window[0], cue.idx
            words = self.text[start:end].strip(" ,\n\"”“")
            if words and len(words.split()) <= 10:
                offset = self.text.index(words, start)
                return Speaker(words, offset, offset + len(words))
        return None

    def _after_attribution(self, q: Quoted, next_open: int) -> Optional[tuple]:
        if q.close_mark is None:
            return None
        start = q.close_mark + 1
        _, p_end = self._paragraph_of(q.close_mark)
        end = min(p_end, next_open)
        stop = _SENTENCE_END.search(self.text, start, end)
        if stop:
            end = stop.start()
        tail = self.text[start:end]
        if not tail.strip():
            return None
        closes_sentence = self.text[q.end - 1:q.end] == "." if q.end > q.start else False
        first_word = tail.strip(" ,").split(" ", 1)[0]
        if closes_sentence and not (first_word[:1].islower()):
            return None  # a new sentence starts after the quote
        cues = [c for c in self._cue_tokens(start, end) if c.i not in self.used_cues]
        if not cues or len(self._tokens_between(start, cues[0].idx)) > 14:
            return None
        cue = cues[0]
        return cue, self._speaker_of_cue(cue, (start, end), q), (start, end)

    def _before_attribution(self, q: Quoted, previous_close: int) -> Optional[tuple]:
        sentence_start = self._sentence_start(q.open_mark)
        p_start, _ = self._paragraph_of(q.open_mark)
        start = max(sentence_start, previous_close, p_start)
        lead = self.text[start:q.open_mark]
        if not re.search(r"[:,]\s*$", lead):
            return None
        cues = [c for c in self._cue_tokens(start, q.open_mark) if c.i not in self.used_cues]
        if not cues:
            return None
        cue = cues[-1]
        return cue, self._speaker_of_cue(cue, (start, q.open_mark), q), (start, q.open_mark)

    def _sentence_start(self, pos: int) -> int:
        span = self.doc.char_span(pos, min(pos + 1, len(self.text)), alignment_mode="expand")
        return span.sent.start_char if span is not None else pos

    def _single_quoted(self, double: list[Quoted]) -> list[Quoted]:
        """'adding, 'the siege is over.'': single-quoted quotes right after a speech participle."""
        found = []
        for match in _SINGLE_QUOTE_CUE.finditer(self.text):
            if any(d.open_mark <= match.start() <= (d.close_mark or d.end) for d in double):
                continue
            comma = match.start() + match.group().rindex(",") if "," in match.group() else \
                match.start() + match.group().rindex(":")
            _, p_end = self._paragraph_of(match.start())
            quoted = single_quoted_after(self.text, comma, p_end)
            if quoted is not None:
                found.append(quoted)
        return found

    def direct(self) -> list[tuple[Quote, Quoted]]:
        quoted = find_quoted(self.text, self.paragraphs)
        quoted = sorted(quoted + self._single_quoted(quoted), key=lambda q: q.open_mark)
        out: list[tuple[Quote, Quoted]] = []
        previous: Optional[tuple[Quote, Quoted, Optional[Speaker]]] = None
        for index, q in enumerate(quoted):
            if not self._stands_alone(q):
                continue
            next_open = quoted[index + 1].open_mark if index + 1 < len(quoted) else len(self.text)
            previous_close = quoted[index - 1].close_mark or quoted[index - 1].end if index else 0
            found = self._after_attribution(q, next_open) or self._before_attribution(q, previous_close + 1 if index else 0)
            speaker = cue_text = date = None
            if found:
                cue, speaker, window = found
                self.used_cues.add(cue.i)
                cue_text = cue.text
                if speaker is None and cue.dep_ in ("advcl", "xcomp", "conj") and previous:
                    speaker = previous[2]
                date = self._date_between(window[0], window[1], [(q.start, q.end)])
            elif previous and self._continues(previous[1], q):
                speaker, cue_text = previous[2], previous[0].cue
            if speaker is None and len(self.text[q.start:q.end].split()) < _MIN_UNATTRIBUTED_WORDS:
                continue  # a scare quote or title, not speech
            quote = self._quote("direct", q.start, q.end, speaker, cue_text, date)
            out.append((quote, q))
            previous = (quote, q, speaker)
        return out

    def _continues(self, before: Quoted, q: Quoted) -> bool:
        """Consecutive quotes of one voice: same paragraph, or this one opens the paragraph after."""
        before_par = self._paragraph_of(before.open_mark)
        this_par = self._paragraph_of(q.open_mark)
        if before_par == this_par:
            return True
        index = self.paragraphs.index(this_par) if this_par in self.paragraphs else -1
        return (index > 0 and self.paragraphs[index - 1] == before_par
                and not self.text[this_par[0]:q.open_mark].strip())

    # --- reported claims --------------------------------------------------------------------

    def _complement(self, cue) -> Optional[tuple[int, int]]:
        clauses = [c for c in cue.children if c.dep_ == "ccomp"]
        if clauses:
            chosen = clauses
        elif cue.lemma_.lower() in OBJECT_CUES:
            chosen = [c for c in cue.children if c.i > cue.i and (
                c.dep_ in _OBJECT_DEPS or (c.dep_ == "prep" and c.lower_ in ("of", "for")))]
        else:
            return None
        if not chosen:
            return None
        start = min(c.left_edge.idx for c in chosen)
        last = max(chosen, key=lambda c: c.right_edge.i).right_edge
        return self._trim_content(start, last.idx + len(last))

    def _trim_content(self, start: int, end: int) -> Optional[tuple[int, int]]:
        text = self.text
        lead = re.match(r"[\s\"“”«»]*(?:that\s+)?", text[start:end])
        start += lead.end()
        while end > start and text[end - 1] in " \n\t.,;:!?":
            end -= 1
        # A closing mark belongs to the content only when the content also opens one.
        while end > start and text[end - 1] in "\"”»" and text.count(text[end - 1], start, end) % 2 == 1 \
                and not any(m in text[start:end - 1] for m in "“«"):
            end -= 1
            while end > start and text[end - 1] in " \n\t.,;:!?":
                end -= 1
        return (start, end) if end - start >= 3 else None

    def reported(self, directs: list[tuple[Quote, Quoted]]) -> list[Quote]:
        inside = [(q.start, q.end) for _, q in directs]
        out: list[Quote] = []
        seen: set[tuple[int, int]] = set()
        for cue in self._cue_tokens(0, len(self.text)):
            if cue.i in self.used_cues:
                continue
            if any(a <= cue.idx < b for a, b in inside):
                continue
            content = self._complement(cue)
            if content is None or content in seen:
                continue
            c_start, c_end = content
            if any(_overlap(c_start, c_end, a, b) > (c_end - c_start) / 2 for a, b in inside):
                continue  # the verb introduces a direct quote already attributed
            subject = subject_of(cue)
            if subject is None or c_start <= subject.idx < c_end or _negated(cue, subject) or _passive_of(cue):
                continue
            speaker = speaker_from_subject(subject, self.text, avoid=[content])
            if speaker is None:
                continue
            sentence = cue.sent
            date = self._date_between(sentence.start_char, sentence.end_char,
                                      [content, (speaker.start, speaker.end)])
            seen.add(content)
            out.append(self._quote("reported", c_start, c_end, speaker, cue.text, date))
        out += self._according_to(inside, seen)
        out += self._named_at_sentence_end(inside, seen)
        return out

    def _named_at_sentence_end(self, inside: list[tuple[int, int]], seen: set) -> list[Quote]:
        """'... killing 12 people the Syrian Observatory said.': a named source closing the sentence,
        its comma lost in the scrape, so the parser hangs the verb on the wrong word."""
        out = []
        for entity in self.article.entities:
            if entity.kind not in _NAMED_SOURCE_KINDS:
                continue
            tail = _TRAILING_ATTRIBUTION.match(self.text, entity.end)
            if tail is None or any(a <= entity.start < b for a, b in inside):
                continue
            span = self.doc.char_span(entity.start, entity.end, alignment_mode="expand")
            if span is None:
                continue
            s_start = span.sent.start_char
            lead = _SOURCE_LEAD.search(self.text, s_start, entity.start)
            speaker_start = lead.start() if lead else entity.start
            content = self._trim_content(s_start, speaker_start)
            if content is None or content in seen or len(self.text[content[0]:content[1]].split()) < _MIN_CLAIM_WORDS:
                continue
            # a claim the parse already attributed, or a direct quote, keeps its speaker
            if any(_overlap(content[0], content[1], a, b) for a, b in [*inside, *seen]):
                continue
            seen.add(content)
            speaker = Speaker(self.text[speaker_start:entity.end], speaker_start, entity.end)
            date = self._date_between(s_start, tail.end(), [content, (speaker.start, speaker.end)])
            out.append(self._quote("reported", content[0], content[1], speaker, tail.group("cue"), date))
        return out

    def _according_speaker(self, start: int, end: int) -> Optional[Speaker]:
        """The source after "according to", cut before a verb or relative clause that the commas did not end."""
        span = self.doc.char_span(start, end, alignment_mode="expand")
        if span is not None:
            for token in span[1:]:
                if token.pos_ in ("VERB", "AUX") or token.lower_ in ("who", "which", "that", "whose"):
                    end = min(end, token.idx)
                    break
        words = self.text[start:end].rstrip(" ,;")
        return Speaker(words, start, start + len(words)) if words else None

    def _according_to(self, inside: list[tuple[int, int]], seen: set) -> list[Quote]:
        out = []
        for match in _ACCORDING.finditer(self.text):
            if any(a <= match.start() < b for a, b in inside):
                continue
            span = self.doc.char_span(match.start(), match.end(), alignment_mode="expand")
            if span is None:
                continue
            sentence = span.sent
            s_start, s_end = sentence.start_char, sentence.end_char
            before = self.text[s_start:match.start()]
            if not before.strip(" \n\"”“"):
                rest = self.text[match.end("speaker"):s_end]
                comma = rest.find(",")
                if comma < 0:
                    continue
                content = self._trim_content(match.end("speaker") + comma + 1, s_end)
            else:
                content = self._trim_content(s_start, match.start())
            if content is None or content in seen:
                continue
            speaker = self._according_speaker(match.start("speaker"), match.end("speaker"))
            if speaker is None:
                continue
            seen.add(content)
            date = self._date_between(s_start, s_end, [content, (speaker.start, speaker.end)])
            out.append(self._quote("reported", content[0], content[1], speaker, "according to", date))
        return out


@component("quotes", requires=["text", "entities"], assigns=["quotes"], uses=["actors", "lexicons", "spacy_model"])
class QuotesComponent:
    """Who says so: direct and reported quotes with their speakers."""

    def __init__(self, config=None):
        pass

    def __call__(self, work) -> None:
        article = work.article
        if not article.text or not _GATE.search(article.text):
            article.quotes = []
            return
        finder = _Finder(work)
        finder.reported(finder.direct())
        article.quotes = finder.finish()

