"""How the harm was done (``Event.means``): weapon words in the window, else the sub-event type.

Values: airstrike, shelling, missile, explosive, suicide bomb, chemical,
firearms, execution, knife, grenade, arson, beating. The window's own words win
over the sub-event type (a "Shelling/artillery/missile attack" told as a missile
strike has means "missile"). The words are ``lexicons/weapons.yaml``'s.
"""

from __future__ import annotations

import re

from ..lexicons.entries import any_of, mapping, word_list

_WEAPONS = "weapons"

# most specific first: the first means whose cues match wins
_CUES: list[tuple[str, re.Pattern]] = [
    (name, re.compile(any_of(word_list(_WEAPONS, f"means.{name}")), re.I)) for name in mapping(_WEAPONS, "means")
]
_BY_SUB_EVENT: dict[str, str] = mapping(_WEAPONS, "means_of_sub_event_type")


def find_means(text: str, sub_event_type: str | None = None) -> str | None:
    """The means a window names, falling back to what its sub-event type implies."""
    implied = _BY_SUB_EVENT.get(sub_event_type or "")
    for name, pattern in _CUES:
        if pattern.search(text):
            # a remote-violence type fixes the family; only a more specific word of it refines it
            if implied and name not in (implied, "missile", "chemical", "suicide bomb") and not (
                implied == "shelling" and name == "missile"
            ):
                continue
            return name
    return implied
