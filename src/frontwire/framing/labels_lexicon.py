"""A small, curated, high-precision layer: dehumanising labels for armed actors.

PTC comes from general political news and rarely marks words such as
"terrorists", yet in conflict reporting calling every armed opponent a
terrorist, a takfiri or a mercenary is the clearest case of
Name_Calling,Labeling.  The list is generic (no outlet, article or conflict
party is named), it is the project's own curation, and the benchmark measures
what it adds or costs on PTC (``bench/framing.py``, "with lexicon" rows).

Source: frontwire maintainers' curation, 2026-11; licence: Apache-2.0 (this file).
"""

from __future__ import annotations

import re
from functools import lru_cache

TECHNIQUE = "Name_Calling,Labeling"
# A fixed score: the lexicon says the word is a label, not how propagandistic the passage is.
SCORE = 0.6

LABEL_STEMS = (
    r"terrorists?",
    r"terror (?:groups?|gangs?|cells?|militias?|outfits?)",
    r"takfiris?",
    r"mercenar(?:y|ies)",
    r"thugs?",
    r"savages?",
    r"barbarians?",
    r"bandits?",
    r"henchm[ae]n",
    r"lackeys?",
    r"stooges?",
    r"hirelings?",
    r"death squads?",
    r"criminal gangs?",
    r"puppet (?:regime|government|forces)",
    r"infidels?",
)
# A label's head noun is part of the label: "terrorist groups", "terrorists' commanders" is not.
HEADS = r"(?:\s+(?:groups?|organi[sz]ations?|elements|militias?|gangs?|cells?|networks?|factions?|outfits?))?"


@lru_cache(maxsize=1)
def _pattern() -> re.Pattern:
    return re.compile(r"\b(?:" + "|".join(LABEL_STEMS) + r")" + HEADS + r"\b", re.IGNORECASE)


def label_spans(text: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in _pattern().finditer(text)]
