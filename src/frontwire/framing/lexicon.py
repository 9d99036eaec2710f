"""A small, curated, high-precision layer for the language of conflict reporting.

PTC comes from general political news.  It rarely marks words such as
"terrorists", and its tagger scores the victory-and-defeat vocabulary of war
reporting ("a crushing defeat", "a cowardly attack") low, yet in conflict news
these are the clearest cases of two techniques:

- Name_Calling,Labeling: calling every armed opponent a terrorist, a takfiri
  or a mercenary;
- Loaded_Language: emotive evaluation of a military outcome or act, an
  adjective that tells the reader what to feel about the defeat, the attack or
  the fighters ("humiliating defeat", "heinous crime", "heroic army").

The tables are generic (no outlet, article or conflict party is named), they
are the project's own curation, and the benchmark measures what they add or
cost on PTC (``bench/framing.py``, "with lexicon" rows).

Source: frontwire maintainers' curation, 2026-11; licence: Apache-2.0 (this file).
"""

from __future__ import annotations

import re
from functools import lru_cache

LABELING = "Name_Calling,Labeling"
LOADED = "Loaded_Language"
# A fixed score: the lexicon says the words are loaded, not how propagandistic the passage is.
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
LABEL_HEADS = r"(?:\s+(?:groups?|organi[sz]ations?|elements|militias?|gangs?|cells?|networks?|factions?|outfits?))?"

# Evaluative modifiers of outcomes and acts of war.  Each needs its noun, as the
# adjective alone is often neutral ("crushing" rocks, a "brutal" winter).
OUTCOME_MODIFIERS = r"(?:crushing|humiliating|ignominious|shameful|disgraceful|resounding|stinging|devastating|glorious|heroic)"
OUTCOME_NOUNS = r"(?:defeats?|blows?|rout|retreats?|withdrawals?|victor(?:y|ies)|triumphs?|setbacks?|losses|failures?|collapse|flight)"
ACT_MODIFIERS = (r"(?:cowardly|dastardly|heinous|barbaric|barbarous|savage|despicable|abhorrent|vile|monstrous|"
                 r"bloodthirsty|treacherous|criminal|satanic|inhuman)")
ACT_NOUNS = (r"(?:attacks?|acts?|crimes?|aggression|assaults?|bombings?|massacres?|killings?|murders?|"
             r"terrorism|raids?|strikes?|shelling|regime|gangs?|militias?|groups?|forces)")
PRAISE_MODIFIERS = r"(?:heroic|valiant|brave|courageous|glorious|gallant)"
PRAISE_NOUNS = r"(?:army|armed forces|troops|soldiers|fighters|forces|martyrs|resistance|defenders|people|nation)"


@lru_cache(maxsize=1)
def _patterns() -> tuple[tuple[re.Pattern, str], ...]:
    labels = re.compile(r"\b(?:" + "|".join(LABEL_STEMS) + r")" + LABEL_HEADS + r"\b", re.IGNORECASE)
    loaded = re.compile(
        r"\b(?:" + OUTCOME_MODIFIERS + r"\s+" + OUTCOME_NOUNS
        + r"|" + ACT_MODIFIERS + r"\s+(?:and\s+\w+\s+)?" + ACT_NOUNS
        + r"|" + PRAISE_MODIFIERS + r"\s+" + PRAISE_NOUNS + r")\b",
        re.IGNORECASE,
    )
    return ((labels, LABELING), (loaded, LOADED))


def lexicon_spans(text: str) -> list[tuple[int, int, str]]:
    """(start, end, technique) of every lexicon hit, in text order."""
    found = [(m.start(), m.end(), technique) for pattern, technique in _patterns() for m in pattern.finditer(text)]
    return sorted(found)
