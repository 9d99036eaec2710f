"""Who wields the weapon when the text names them only as its adjective.

"Russian air strikes", "regime barrel bombs", "US-led coalition raids", "rebel
rocket fire": the acting party is the word before the weapon, a word the actor
layer does not take for a name on its own ("Russian", "regime"). The attributive
table (``lexicons/actor_names.yaml``) maps such words, by the kind of weapon
(``lexicons/weapons.yaml``: air or ground means), to actors of the project's
knowledge base (``understand/data/actors``), or to a plain label when the text
names no organisation ("rebel", "jihadist").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from ..lexicons import DIR, LexiconError, alternation
from ..lexicons.entries import any_of, entry, word_list

_AIR = alternation(word_list("weapons", "air_means"))
_GROUND = alternation(word_list("weapons", "ground_means"))
# a second wielder joined to the first ("Syrian and Russian jets") does not end the adjective
_JOINED = alternation(word_list("actor_names", "attributive_joined"))


@dataclass(frozen=True)
class _Wielder:
    """One row of the attributive table."""

    wielding: re.Pattern  # the words before a weapon: "Russian jets"
    as_label: re.Pattern  # the words as a whole label: "the regime"
    air_id: str | None  # the KB actor for air means; None keeps the word as a label
    ground_id: str | None  # ... and for any other means


def _wielders() -> list[_Wielder]:
    rows = []
    for row in entry("actor_names", "attributive"):
        if not isinstance(row, dict) or not isinstance(row.get("words"), list) or not {"air", "ground"} <= set(row):
            raise LexiconError(f"{DIR / 'actor_names.yaml'}: every attributive row needs words, air and ground")
        words = any_of(row["words"])
        # acronyms that are also English words ("IS", "US") must keep their case
        flags = 0 if row.get("match_case") else re.I
        wielding = re.compile(
            r"(?<![\w-])(?P<who>" + words + r")(?:\s+and\s+" + _JOINED + r"\b)?"
            r"\s+(?:(?:\w+|[\w-]+)\s+){0,1}?(?P<what>" + _AIR + r"|" + _GROUND + r")\b",
            flags,
        )
        as_label = re.compile(r"(?:the\s+)?(?:" + words + r")(?:\s+forces)?", flags)
        rows.append(_Wielder(wielding, as_label, row["air"], row["ground"]))
    return rows


_WIELDERS = _wielders()
_AIR_MEANS = re.compile(_AIR, re.I)
_AIR_WORD = re.compile(r"\b" + _AIR + r"\b", re.I)


@dataclass
class Agent:
    surface: str
    start: int  # offset in the window text
    actor_id: str | None  # None: a label only


def is_air_means(word: str) -> bool:
    return _AIR_MEANS.fullmatch(word) is not None


def attributive_agent(text: str) -> Agent | None:
    """The first weapon-wielding party the window names as an adjective, if any."""
    best: Agent | None = None
    for row in _WIELDERS:
        m = row.wielding.search(text)
        if m and (best is None or m.start() < best.start):
            best = Agent(m.group("who"), m.start(), row.air_id if is_air_means(m.group("what")) else row.ground_id)
    return best


@lru_cache(maxsize=256)
def resolve_label(label: str) -> str | None:
    """The KB actor a bare label stands for in this table ("regime" -> the Syrian armed forces), if any."""
    text = label.strip()
    for row in _WIELDERS:
        if row.ground_id and row.as_label.fullmatch(text):
            return row.ground_id
    return None


def mentions_air_means(text: str) -> bool:
    """Whether the text speaks of aircraft or their weapons (jets, raids, barrel bombs, helicopters)."""
    return _AIR_WORD.search(text) is not None


def air_wielders(text: str) -> dict[str, int]:
    """How often the text names each air power as the wielder of aircraft or air strikes
    ("Russian jets", "US-led coalition raids"), by KB id."""
    counts: dict[str, int] = {}
    for row in _WIELDERS:
        if row.air_id is None:
            continue
        for m in row.wielding.finditer(text):
            if is_air_means(m.group("what")):
                counts[row.air_id] = counts.get(row.air_id, 0) + 1
    return counts
