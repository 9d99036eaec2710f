"""How the harm was done (``Event.means``): weapon words in the window, else the sub-event type.

Values: airstrike, shelling, missile, explosive, suicide bomb, chemical,
firearms, execution, knife, grenade, arson, beating. The window's own words win
over the sub-event type (a "Shelling/artillery/missile attack" told as a missile
strike has means "missile").
"""

from __future__ import annotations

import re
from functools import lru_cache

# most specific first: the first that matches wins
_CUES: list[tuple[str, str]] = [
    ("chemical", r"\bchemical (?:weapons?|attacks?|agents?|munitions?)\b|\bpoison(?:ous)? gas\b|\btoxic (?:gas|chemicals?|substances?)\b|\bchlorine\b|\bsarin\b|\bnerve (?:agent|gas)\b|\bmustard gas\b"),
    ("suicide bomb", r"\bsuicide (?:bomb\w*|attack\w*|car bomb\w*|vest|belt|blast)\b|\bblew (?:himself|herself|themselves) up\b"),
    ("execution", r"\bexecut(?:ed|ion|ions|ing)\b|\bbehead(?:ed|ing|ings)?\b|\bfiring squad\b|\bslaughtered\b"),
    ("grenade", r"\bgrenades?\b"),
    ("explosive", r"\b(?:car|truck|roadside|parcel|motorcycle|barrel-free) bombs?\b|\bIEDs?\b|\bimprovised explosive|\blandmines?\b|\bexplosive devices?\b|\bbooby-?trap|\bbomb (?:blast|explosion|attack)\b|\bexplosions?\b|\bblasts?\b|\bexploded\b|\bdetonat"),
    ("airstrike", r"\bair ?strikes?\b|\bair-?strikes?\b|\bair ?raids?\b|\bwar ?planes?\b|\bjets?\b|\baircraft\b|\bhelicopters?\b|\bdrones?\b|\bbarrel bombs?\b|\baerial\b"),
    ("missile", r"\bmissiles?\b|\bballistic\b|\bcruise\b"),
    ("shelling", r"\bshell(?:ing|ed|s)\b|\bartillery\b|\bmortars?\b|\brockets?\b|\bbombard(?:ed|ment)\b|\bprojectiles?\b|\bhowitzers?\b"),
    ("knife", r"\bstabb(?:ed|ing)\b|\bknife\b|\bknives\b|\bmachetes?\b|\bhacked\b"),
    ("firearms", r"\bshot\b|\bshooting\b|\bgun(?:fire|men|shots?)?\b|\bopened fire\b|\bsnipers?\b|\bbullets?\b|\brifles?\b|\bfiring\b|\bmachine-?guns?\b|\blive ammunition\b"),
    ("arson", r"\bset (?:\w+\W+){0,3}?(?:on )?fire\b|\barson\b|\btorched\b|\bburn(?:ed|t) (?:down|alive)\b"),
    ("beating", r"\bbeat(?:en|ing)\b|\bclubbed\b|\bbatons?\b|\bsticks\b|\biron rods\b"),
]

_BY_SUB_EVENT: dict[str, str] = {
    "Chemical weapon": "chemical",
    "Air/drone strike": "airstrike",
    "Suicide bomb": "suicide bomb",
    "Shelling/artillery/missile attack": "shelling",
    "Remote explosive/landmine/IED": "explosive",
    "Grenade": "grenade",
}


@lru_cache(maxsize=1)
def _compiled() -> list[tuple[str, re.Pattern]]:
    return [(name, re.compile(p, re.I)) for name, p in _CUES]


def find_means(text: str, sub_event_type: str | None = None) -> str | None:
    """The means a window names, falling back to what its sub-event type implies."""
    implied = _BY_SUB_EVENT.get(sub_event_type or "")
    for name, pattern in _compiled():
        if pattern.search(text):
            # a remote-violence type fixes the family; only a more specific word of it refines it
            if implied and name not in (implied, "missile", "chemical", "suicide bomb") and not (
                implied == "shelling" and name == "missile"
            ):
                continue
            return name
    return implied
