"""Fast tokens and sentences with character offsets, shared by training and run time.

The framing models are trained on these units, so inference must cut the text
the same way; a regex is used rather than ``work.doc`` because it costs well
under a millisecond per article and the same cut is reproducible on the
training corpus without parsing it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np

TOKEN_RE = re.compile(r"\w+(?:[-'’.]\w+)*|[^\w\s]")
# A sentence ends at a newline or after . ! ? (and closing quotes) before a capital or quote.
SENTENCE_BREAK_RE = re.compile(r"\n+|(?<=[.!?])[\"”’)]*\s+(?=[\"“‘(]?[A-Z0-9])")

QUOTE_CHARS = frozenset("\"“”‘’«»")


@dataclass
class Units:
    """Tokens of one text: offsets, lowercase forms, raw forms and sentence ids."""

    text: str
    starts: np.ndarray  # int32, token start offsets
    ends: np.ndarray  # int32, token end offsets (exclusive)
    words: list[str]  # raw token strings
    lower: list[str]
    sentence: np.ndarray  # int32, sentence index of each token
    sentence_bounds: list[tuple[int, int]]  # token index ranges [a, b) per sentence

    def __len__(self) -> int:
        return len(self.words)


def split_units(text: str) -> Units:
    starts, ends, words, sent_ids = [], [], [], []
    bounds: list[tuple[int, int]] = []
    pos = 0
    pieces = []
    for m in SENTENCE_BREAK_RE.finditer(text):
        pieces.append((pos, m.start()))
        pos = m.end()
    pieces.append((pos, len(text)))
    for a, b in pieces:
        first = len(words)
        for m in TOKEN_RE.finditer(text, a, b):
            starts.append(m.start())
            ends.append(m.end())
            words.append(m.group())
        if len(words) > first:
            for _ in range(len(words) - first):
                sent_ids.append(len(bounds))
            bounds.append((first, len(words)))
    return Units(
        text=text,
        starts=np.asarray(starts, dtype=np.int32),
        ends=np.asarray(ends, dtype=np.int32),
        words=words,
        lower=[w.lower() for w in words],
        sentence=np.asarray(sent_ids, dtype=np.int32),
        sentence_bounds=bounds,
    )
