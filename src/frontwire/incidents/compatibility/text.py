"""How alike two events' evidence sentences are: the share of content words they have in common.

Outlets that tell one happening name the same town, weapon and target ("a school", "the bus
convoy") in their own words; two strikes on one city on one day rarely share those. The measure is
the Jaccard similarity of the sentences' content-word sets (scikit-learn's English stop words
removed, case and diacritics folded, numbers kept: a toll or a count is a strong clue). It is
computed exactly: the sets are a sentence long, so MinHash's estimate would save nothing.
"""

from __future__ import annotations

import re
from functools import lru_cache

from ...understand.folding import fold

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


def similarity(a: str, b: str) -> float:
    wa, wb = content_words(a), content_words(b)
    if not wa or not wb:
        return 0.0
    return len(wa & wb) / len(wa | wb)
