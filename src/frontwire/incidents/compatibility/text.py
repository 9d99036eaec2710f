"""How alike two events' words are: the share of content words they have in common.

Outlets that tell one happening name the same town, weapon and target ("a school", "the bus
convoy") in their own words; two strikes on one city on one day rarely share those. An event's
words are its evidence sentence's and, for an article's main event, its title's and opening's: a
report leads with its main happening, and the evidence sentence alone is often a bare headline or
a line of page debris. The measure is the Jaccard similarity of the content-word sets
(scikit-learn's English stop words removed, case and diacritics folded, numbers kept: a toll or a
count is a strong clue). Not the overlap coefficient (shared words over the smaller set): it lets
a short sentence's few common words ("Syria", "killed", "civilians") match any long lead. It is
computed exactly: the sets are a paragraph long at most, so MinHash's estimate would save nothing.
"""

from __future__ import annotations

import re
from functools import lru_cache

from ...understand.folding import fold
from ..linkable import Linkable

_WORD = re.compile(r"[^\W_]+(?:['’-][^\W_]+)*")


@lru_cache(maxsize=1)
def _stop_words() -> frozenset[str]:
    from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

    return frozenset(ENGLISH_STOP_WORDS)


@lru_cache(maxsize=4096)
def content_words(sentence: str) -> frozenset[str]:
    stop = _stop_words()
    words = (w.lower() for w in _WORD.findall(sentence))
    return frozenset(fold(w) for w in words if w not in stop and (len(w) > 2 or w.isdigit()))


def words_of(event: Linkable) -> frozenset[str]:
    """The event's evidence words; for an article's main event, its title's and opening's too."""
    words = content_words(event.evidence)
    if event.position == 0:
        words |= content_words(f"{event.title}\n{event.lead}")
    return words


def similarity(a: Linkable, b: Linkable) -> float:
    wa, wb = words_of(a), words_of(b)
    if not wa or not wb:
        return 0.0
    return len(wa & wb) / len(wa | wb)
