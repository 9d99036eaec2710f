"""On whose word an event rests (``claimed_by``) and how firmly (``certainty``).

- "denied": the window reports a denial (denied, refuted, dismissed ... as false);
- "hedged": the outlet itself hedges (may, reportedly, allegedly, suspected, ...);
- "reported": unnamed reports ("Reports said", "according to reports");
- "claimed": the window is attributed to a party (a quote with a speaker, or
  "X said/claimed/according to X" in the window);
- "fact": the outlet states it; claimed_by is then the agency credit or outlet.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

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
_ACCORDING_TO = re.compile(r"\baccording to (?:the )?((?:[A-Z][\w'’.-]*|of|the|al-\w+)(?:\s+(?:[A-Z][\w'’.-]*|of|the|for|al-\w+)){0,7})")
_SAID_BY = re.compile(r"(?:,|\bthe)\s+((?:the\s+)?(?:[A-Z][\w'’.-]*|of|the|for|al-\w+|Syria's)(?:\s+(?:[A-Z][\w'’.-]*|of|the|for|al-\w+|Syria's)){0,9})\s+(?:said|says|claimed|stated|announced|reported|added)\b")
_GENERIC_SPEAKER = re.compile(r"^(?:the\s+)?(?:\w+\s+)?(?:reports?|sources?|media)\b", re.I)
_CREDIT = re.compile(r"\b([A-Z]{2,6})\s+(?:reported|said|quoted)\b")


@dataclass
class Attribution:
    certainty: str
    claimed_by: str | None


def _clean_name(name: str | None) -> str | None:
    if not name:
        return None
    name = re.sub(r"^(?:the|a)\s+", "", name.strip(" ,.;:"), flags=re.I)
    name = re.sub(r"\s+(?:of|the|for)$", "", name)
    return name or None


def attribute(window: str, speaker: str | None, default_source: str | None) -> Attribution:
    """Certainty and source of one evidence window.

    ``speaker``: who the quotes layer says speaks the window (None when no quote covers it);
    ``default_source``: the agency credit or outlet that states what is not attributed.
    """
    if _DENIED.search(window):
        return Attribution("denied", speaker or _named_source(window) or default_source)
    reports = _REPORTS.search(window)
    if speaker and default_source and speaker.lower() == default_source.lower():
        speaker = None  # the outlet's own credit: the outlet states it
    if speaker and _GENERIC_SPEAKER.match(speaker):
        return Attribution("reported", speaker)
    if reports and not speaker:
        return Attribution("reported", "reports")
    if speaker:
        return Attribution("hedged" if _HEDGED.search(window) else "claimed", speaker)
    named = _named_source(window)
    if named and named != default_source:
        return Attribution("claimed", named)
    if _HEDGED.search(window):
        return Attribution("hedged", default_source)
    return Attribution("fact", named or default_source)


def _named_source(window: str) -> str | None:
    m = _ACCORDING_TO.search(window)
    if m:
        return _clean_name(m.group(1))
    m = _SAID_BY.search(window)
    if m:
        return _clean_name(m.group(1))
    m = _CREDIT.search(window)
    if m:
        return m.group(1)
    return None
