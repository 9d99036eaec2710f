"""Word valence from the VADER lexicon (vaderSentiment, MIT licence), as coarse buckets.

Loaded language is emotionally charged wording; a general-purpose valence
lexicon lets the span tagger score charged words it never saw in PTC
("crushing", "humiliating").  The lexicon is read from the installed package,
once per process.
"""

from __future__ import annotations

from functools import lru_cache
from importlib import resources

import numpy as np

# 0: not in the lexicon; 1-3: positive weak/medium/strong; 4-6: negative weak/medium/strong
N_VALENCE = 7


@lru_cache(maxsize=1)
def _lexicon() -> dict[str, int]:
    text = resources.files("vaderSentiment").joinpath("vader_lexicon.txt").read_text(encoding="utf-8")
    out = {}
    for line in text.splitlines():
        parts = line.split("\t")
        if len(parts) < 2:
            continue
        v = float(parts[1])
        size = 1 if abs(v) < 1.0 else 2 if abs(v) < 2.0 else 3
        out[parts[0]] = size if v > 0 else size + 3
    return out


def valence_buckets(lower_words: list[str]) -> np.ndarray:
    get = _lexicon().get
    return np.fromiter((get(w, 0) for w in lower_words), dtype=np.int64, count=len(lower_words))
