"""A toy corpus for the span tagger, written for the tests: insults marked, plain sentences not."""

from __future__ import annotations

import re

from frontwire.framing.text_units import split_units

TEXTS = [
    "The vile traitors betrayed us. The weather was mild today.",
    "Officials met on Monday. Those vile traitors lied again!",
    "A mild day in the city. The vile cowards ran away.",
    "Prices rose slightly in May. Traitors and cowards everywhere!",
] * 3


def toy_corpus():
    """(units, gold spans) of the toy texts."""
    units = [split_units(t) for t in TEXTS]
    gold = [[(m.start(), m.end()) for m in re.finditer(r"vile \w+|[Tt]raitors|cowards", t)] for t in TEXTS]
    return units, gold
