"""Who wields the weapon when the text names them only as its adjective.

"Russian air strikes", "regime barrel bombs", "US-led coalition raids", "rebel
rocket fire": the acting party is the word before the weapon, a word the actor
layer does not take for a name on its own ("Russian", "regime"). This table maps
such attributive words, by the kind of weapon, to actors of the project's
knowledge base (``understand/data/actors``), or to a plain label when the text
names no organisation ("rebel", "jihadist").

Source: frontwire's own curation (Apache-2.0), written from how wire copy on the
Syrian war names the parties (AFP, Reuters, SANA style); ids are the project KB's.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

_AIR = r"(?:air ?strikes?|air-strikes?|air ?raids?|raids?|jets?|warplanes?|war planes?|planes?|aircraft|helicopters?|drones?|barrel bombs?|bombers?|air force|aerial (?:bombardment|attacks?|bombing))"
_GROUND = (
    r"(?:bombs?|bombing|bombardment|shelling|artillery|rockets?|rocket fire|mortars?|missiles?|strikes?|fire|forces|troops|"
    r"soldiers|army|fighters|militants|gunmen|suicide bombers?|attacks?|assault|offensive|shells|tanks|snipers?|militias?)"
)

# attributive word -> (KB id for air means, KB id otherwise); None id: keep the word as a label
_AGENTS: list[tuple[str, str | None, str | None]] = [
    (r"Russian|Russia['’]s|Russia", "ru-vks", "ru-armed-forces"),
    (r"Syrian regime|Syrian government|Assad regime|Assad['’]s|government|regime|pro-government|pro-regime|Syrian army|Syrian", "sy-air-force", "sy-saf"),
    (r"US-led coalition|U\.S\.-led coalition|US-led|U\.S\.-led|coalition|US|U\.S\.|American|international coalition", "int-cjtf-oir", "int-cjtf-oir"),
    (r"Turkish|Turkey['’]s", "tr-armed-forces", "tr-armed-forces"),
    (r"Israeli|Israel['’]s", "il-iaf", "il-idf"),
    (r"Jordanian", "jo-armed-forces", "jo-armed-forces"),
    (r"British|RAF", "gb-raf", "gb-armed-forces"),
    (r"French", "fr-armed-forces", "fr-armed-forces"),
    (r"Iraqi", "iq-air-force", "iq-isf"),
    (r"Islamic State|IS|ISIS|ISIL|Daesh|DAESH", "int-isis", "int-isis"),
    (r"Kurdish|YPG|SDF", None, "sy-sdf"),
    (r"rebel|rebels['’]?|opposition|insurgent|militant|jihadist|Islamist|terrorist", None, None),
]


@dataclass
class Agent:
    surface: str
    start: int  # offset in the window text
    actor_id: str | None  # None: a label only


@lru_cache(maxsize=1)
def _compiled() -> list[tuple[re.Pattern, str | None, str | None]]:
    out = []
    for words, air_id, ground_id in _AGENTS:
        # acronyms that are also English words ("IS", "US") must keep their case
        flags = 0 if re.search(r"\b(?:IS|US)\b", words) else re.I
        pattern = re.compile(
            r"(?<![\w-])(?P<who>" + words + r")(?:\s+and\s+(?:Russian|Syrian|regime|government)\b)?"
            r"\s+(?:(?:\w+|[\w-]+)\s+){0,1}?(?P<what>" + _AIR + r"|" + _GROUND + r")\b",
            flags,
        )
        out.append((pattern, air_id, ground_id))
    return out


def attributive_agent(text: str) -> Agent | None:
    """The first weapon-wielding party the window names as an adjective, if any."""
    best: Agent | None = None
    for pattern, air_id, ground_id in _compiled():
        m = pattern.search(text)
        if m and (best is None or m.start() < best.start):
            is_air = re.fullmatch(_AIR, m.group("what"), re.I) is not None
            best = Agent(m.group("who"), m.start(), air_id if is_air else ground_id)
    return best


@lru_cache(maxsize=256)
def resolve_label(label: str) -> str | None:
    """The KB actor a bare label stands for in this table ("regime" -> the Syrian armed forces), if any."""
    text = label.strip()
    for words, _air_id, ground_id in _AGENTS:
        flags = 0 if re.search(r"\b(?:IS|US)\b", words) else re.I
        if ground_id and re.fullmatch(r"(?:the\s+)?(?:" + words + r")(?:\s+forces)?", text, flags):
            return ground_id
    return None


def is_air_means(word: str) -> bool:
    return re.fullmatch(_AIR, word, re.I) is not None


_AIR_WORD = re.compile(r"\b" + _AIR + r"\b", re.I)


def mentions_air_means(text: str) -> bool:
    """Whether the text speaks of aircraft or their weapons (jets, raids, barrel bombs, helicopters)."""
    return _AIR_WORD.search(text) is not None


def air_wielders(text: str) -> dict[str, int]:
    """How often the text names each air power as the wielder of aircraft or air strikes
    ("Russian jets", "US-led coalition raids"), by KB id."""
    counts: dict[str, int] = {}
    for pattern, air_id, _ground_id in _compiled():
        if air_id is None:
            continue
        for m in pattern.finditer(text):
            if re.fullmatch(_AIR, m.group("what"), re.I):
                counts[air_id] = counts.get(air_id, 0) + 1
    return counts
