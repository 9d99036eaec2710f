"""On whose word an event rests (``claimed_by``) and how firmly (``certainty``).

- "denied": the window reports a denial (denied, refuted, dismissed ... as false);
- "hedged": the outlet itself hedges (may, reportedly, allegedly, suspected, ...);
- "reported": unnamed reports ("Reports said", "according to reports");
- "claimed": the window is attributed to a party: the quotes layer gives its
  speaker ("X said ...", "..., X said", "according to X");
- "fact": the outlet states it; claimed_by is then the agency credit or outlet.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..model import Article

_DENIED = re.compile(
    r"\b(?:den(?:y|ied|ies|ying)|refut(?:ed|es|e)|rejected (?:the )?(?:claims?|reports?|accusations?|allegations?)|"
    r"dismissed (?:\w+\W+){0,4}?as (?:false|fabricated|baseless|lies)|fabricated|baseless|false (?:claims?|reports?|news)|"
    r"no truth|categorically|fake news|staged|not (?:involved|responsible))\b",
    re.I,
)
_HEDGED = re.compile(
    r"\b(?:reportedly|allegedly|alleged|suspected|apparent(?:ly)?|purported(?:ly)?|possibl[ey]|likely|may have|might have|"
    r"could have|may be|is believed|are believed|were believed|was believed|unconfirmed|rumou?rs?)\b",
    re.I,
)
_REPORTS = re.compile(
    r"\b(?:(?:media |news |local |unconfirmed |press |field )?reports (?:said|say|suggest|indicate|added)|according to (?:\w+ )?(?:media )?reports|"
    r"reports (?:also )?(?:said|say)|it (?:was|is) reported|were reported|was reported|has been reported|sources said|"
    r"(?:local |field |informed |reliable )?sources (?:said|say|told|reported)|according to (?:local |field |informed )?sources)\b",
    re.I,
)
_GENERIC_SPEAKER = re.compile(r"^(?:the\s+)?(?:\w+\s+)?(?:reports?|sources?|media)\b", re.I)
_ARTICLE = re.compile(r"^(?:the|a|an)\s+", re.I)


@dataclass
class Attribution:
    certainty: str
    claimed_by: str | None


def attribute(window: str, speaker: str | None, default_source: str | None) -> Attribution:
    """Certainty and source of one evidence window.

    ``speaker``: who the quotes layer says speaks the window (None when no quote covers it);
    ``default_source``: the agency credit or outlet that states what is not attributed.
    """
    if _DENIED.search(window):
        return Attribution("denied", speaker or default_source)
    reports = _REPORTS.search(window)
    if speaker and default_source and speaker.lower() == default_source.lower():
        speaker = None  # the outlet's own credit: the outlet states it
    if speaker and _GENERIC_SPEAKER.match(speaker):
        return Attribution("reported", speaker)
    if reports and not speaker:
        return Attribution("reported", "reports")
    if speaker:
        return Attribution("hedged" if _HEDGED.search(window) else "claimed", speaker)
    if _HEDGED.search(window):
        return Attribution("hedged", default_source)
    return Attribution("fact", default_source)


def speaker_of(article: Article, start: int, end: int) -> str | None:
    """The speaker of the quote (or reported claim) the window ``start:end`` belongs to."""
    best, overlap = None, 0
    for q in article.quotes:
        spans = [(q.start, q.end)]
        if q.speaker_start is not None and q.speaker_end is not None:
            spans.append((q.speaker_start, q.speaker_end))
        o = sum(max(0, min(end, e) - max(start, s)) for s, e in spans)
        if o > overlap and (q.speaker or q.speaker_canonical):
            best, overlap = q, o
    if best is None or overlap < min(20, (end - start) // 3):
        return None
    # the source as the text names it ("the General Staff"), not the institution it resolves to
    return _ARTICLE.sub("", (best.speaker or best.speaker_canonical).strip())
