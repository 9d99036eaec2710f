"""Static word vectors distilled from all-MiniLM-L6-v2, read with numpy alone.

Built once by ``scripts/build_word_vectors.py`` (see ``data/MODEL_CARD.md``);
a word outside the vocabulary gets the zero vector, so the dense features of
an unknown word simply stay silent.
"""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

import numpy as np

VECTORS_FILE = "word_vectors.npz"
DEFAULT_PATH = Path(__file__).with_name("data") / VECTORS_FILE


class WordVectors:
    def __init__(self, words: list[str], vectors: np.ndarray, meta: dict | None = None):
        self.index = {w: i for i, w in enumerate(words)}
        # one zero row after the vocabulary stands for every unknown word
        self.table = np.vstack([np.asarray(vectors, dtype=np.float32), np.zeros((1, vectors.shape[1]), np.float32)])
        self.unknown = len(words)
        self.meta = meta or {}

    @property
    def dims(self) -> int:
        return self.table.shape[1]

    def truncated(self, dims: int) -> "WordVectors":
        """The first ``dims`` principal directions, renormalised per word."""
        if dims >= self.dims:
            return self
        table = self.table[:, :dims]
        norms = np.linalg.norm(table, axis=1, keepdims=True)
        cut = object.__new__(WordVectors)  # shares the word index, only the table differs
        cut.index, cut.unknown, cut.meta = self.index, self.unknown, dict(self.meta, dims=dims)
        cut.table = (table / np.maximum(norms, 1e-6)).astype(np.float32)  # the zero row stays zero
        return cut

    def rows(self, lower_words: list[str]) -> np.ndarray:
        get, unk = self.index.get, self.unknown
        return np.fromiter((get(w, unk) for w in lower_words), dtype=np.int64, count=len(lower_words))

    def lookup(self, lower_words: list[str]) -> np.ndarray:
        """(n, dims) float32 vectors, zeros for unknown words."""
        return self.table[self.rows(lower_words)]


@lru_cache(maxsize=4)
def load_vectors(path: str = str(DEFAULT_PATH), dims: int | None = None) -> WordVectors:
    """The vectors of ``path`` (read once per process), cut to their first ``dims`` dimensions."""
    vectors = _read(path)
    return vectors.truncated(dims) if dims else vectors


@lru_cache(maxsize=2)
def _read(path: str) -> WordVectors:
    with np.load(path, allow_pickle=False) as z:
        words = z["vocab"].tobytes().decode("utf-8").split("\n")
        meta = json.loads(z["meta"].tobytes().decode("utf-8")) if "meta" in z.files else {}
        table = z["vectors"].astype(np.float32)
        if "scale" in z.files:  # int8 codes, one scale per dimension
            table *= z["scale"]
    return WordVectors(words, table, meta)
