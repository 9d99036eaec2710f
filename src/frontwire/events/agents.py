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
_GROUND = alternation(word_list("weapons", "ground_means") + word_list("actor_names", "attack_nouns")
                      + word_list("actor_names", "force_nouns"))
# a second wielder joined to the first ("Syrian and Russian jets") does not end the adjective
_JOINED = alternation(word_list("actor_names", "attributive_joined"))
# "Saudi-led coalition", "Free Syrian Army": the word is part of another name
_NOT_AFTER = "".join(f"(?<!{w})" for w in word_list("actor_names", "attributive_not_after"))
# "air strikes on regime positions": the word names the target, not who fires
# (a generic label may stand between: "wiped out the terrorist Ahrar al-Sham")
_TARGET_BEFORE = re.compile(
    # a count between the verb and the target's name: "shot down 37 of the 45 Russian drones"
    r"\b(?:" + alternation(word_list("actor_names", "attributive_targets_before")) + r")\s+"
    r"(?:(?:\d[\d,]*|dozens|scores|several)\s+of\s+)?(?:the\s+|an?\s+)?(?:\d[\d,]*\s+)?"
    r"(?:(?:" + alternation(word_list("actor_names", "attributive_target_sites")) + r")\s+of\s+(?:the\s+)?)?"
    r"(?:" + alternation(word_list("actor_names", "generic_labels")) + r"\s+)?$", re.I)


@dataclass(frozen=True)
class _Wielder:
    """One row of the attributive table."""

    wielding: re.Pattern  # the words before a weapon: "Russian jets"
    as_label: re.Pattern  # the words as a whole label: "the regime"
    air_id: str | None  # the KB actor for air means; None keeps the word as a label
    ground_id: str | None  # ... and for any other means


def _row_words(row: dict) -> str:
    """The row's words in any case, its acronyms that are also English words ("IS", "US") as written."""
    parts = [f"(?i:{any_of(row['words'])})"]
    if row.get("acronyms"):
        parts.append(any_of(row["acronyms"]))
    return "(?:" + "|".join(parts) + ")"


def _wielders() -> list[_Wielder]:
    rows = []
    table = entry("actor_names", "attributive")
    for row in table:
        if not isinstance(row, dict) or not isinstance(row.get("words"), list) or not {"air", "ground"} <= set(row):
            raise LexiconError(f"{DIR / 'actor_names.yaml'}: every attributive row needs words, air and ground")
    # one word may stand between the wielder and the weapon ("Russian heavy bombardment"), but not
    # another wielder's ("Syrian opposition fighters" are the opposition's)
    other_wielder = r"(?!(?i:" + "|".join(any_of(row["words"]) for row in table) + r")\b)"
    for row in table:
        words = _row_words(row)
        wielding = re.compile(
            r"(?<![\w-])" + _NOT_AFTER + r"(?P<who>" + words + r")(?i:\s+and\s+" + _JOINED + r"\b)?"
            r"(?i:\s+(?:" + other_wielder + r"(?:\w+|[\w-]+)\s+){0,1}?(?P<what>" + _AIR + r"|" + _GROUND + r"))\b",
        )
        as_label = re.compile(r"(?i:the\s+)?" + words + r"(?i:\s+forces)?")
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
    end: int = 0  # offset in the window text where the wielder's words end
    weapon_end: int = 0  # ... and where the weapon after them ends


def is_air_means(word: str) -> bool:
    return _AIR_MEANS.fullmatch(word) is not None


def in_target_position(text_before: str) -> bool:
    """Whether words ending ``text_before`` make what follows a target ("air strikes on", "fighting alongside")."""
    return _TARGET_BEFORE.search(text_before[-30:]) is not None


def attributive_agents(text: str) -> list[Agent]:
    """Every weapon-wielding party the window names as an adjective, in text order, less those
    a preposition makes the target ("air strikes on regime positions")."""
    found: dict[int, Agent] = {}
    targets: list[tuple[int, int]] = []  # a target's words, the wielder joined to it included
    for row in _WIELDERS:
        for m in row.wielding.finditer(text):
            if in_target_position(text[max(0, m.start() - 30):m.start()]):
                targets.append((m.start(), m.end()))
            elif m.start() not in found:
                actor_id = row.air_id if is_air_means(m.group("what")) else row.ground_id
                found[m.start()] = Agent(m.group("who"), m.start(), actor_id, m.end("who"), m.end())
    return [found[at] for at in sorted(found) if not any(s < at < e for s, e in targets)]


def attributive_agent(text: str) -> Agent | None:
    """The first weapon-wielding party the window names as an adjective, if any."""
    agents = attributive_agents(text)
    return agents[0] if agents else None


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
