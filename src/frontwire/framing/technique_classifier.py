"""Technique classification: which of the 14 PTC techniques a fragment uses.

A linear model over TF-IDF word and character n-grams of the fragment, word
n-grams of its sentence, and a few cues the techniques are defined by (length,
how often the fragment recurs in the article for Repetition, question and
exclamation marks, quotes, capitals, numbers, and the word cues of
``technique_cues``).
"""

from __future__ import annotations

import math
import re

import numpy as np
import scipy.sparse as sp
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression

from .technique_cues import technique_cues
from .valence import valence_buckets

WORD_RE = re.compile(r"\w+")
SENTENCE_END = re.compile(r"[.!?\n]")


def context_of(text: str, start: int, end: int, reach: int = 200) -> str:
    """The sentence(s) around a fragment, bounded by sentence ends or ``reach`` characters."""
    left = text.rfind("\n", max(0, start - reach), start)
    a = max(left + 1, start - reach) if left >= 0 else max(0, start - reach)
    m = SENTENCE_END.search(text, end, min(len(text), end + reach))
    b = m.end() if m else min(len(text), end + reach)
    return text[a:b]


def edges_of(text: str, start: int, end: int) -> str:
    """The two words either side of a fragment, marked by side ('so-called X', 'X, who...')."""
    left = WORD_RE.findall(text[max(0, start - 60):start].lower())[-2:]
    right = WORD_RE.findall(text[end:end + 60].lower())[:2]
    return " ".join(["L_" + w for w in left] + ["R_" + w for w in right])


class _TextStats:
    """Lowercased text and memoised substring counts, shared by all fragments of one text."""

    def __init__(self, text: str):
        self.low = text.lower()
        self.first_newline = text.find("\n")
        self._counts: dict[str, int] = {}

    def count(self, needle: str) -> int:
        c = self._counts.get(needle)
        if c is None:
            c = self._counts[needle] = self.low.count(needle)
        return c


def cue_features(text: str, start: int, end: int, stats: _TextStats | None = None) -> list[float]:
    stats = stats or _TextStats(text)
    frag = text[start:end]
    low = frag.lower()
    words = WORD_RE.findall(low)
    n_words = max(len(words), 1)
    text_low = stats.low
    occurrences = text_low.count(low) if low.strip() else 1
    before = text_low.count(low, 0, start) if low.strip() else 0
    word_counts = [stats.count(w) for w in words] if words else [1]
    val = valence_buckets(words)
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    line_end = len(text) if line_end < 0 else line_end
    line_len = max(line_end - line_start, 1)
    return [
        math.log1p(len(frag)) / 6,
        math.log1p(n_words) / 4,
        math.log(max(occurrences, 1)),
        min(occurrences - 1, 3) / 3,
        min(before, 3) / 3,
        occurrences > 1 and before == 0,
        float(np.mean([c > 1 for c in word_counts])),
        "?" in frag,
        "!" in frag,
        any(q in frag for q in "\"“”"),
        frag[:1].isupper(),
        sum(w.isupper() and len(w) > 1 for w in frag.split()) / n_words,
        any(ch.isdigit() for ch in frag),
        (end - start) / line_len,
        start == line_start,
        start < stats.first_newline if stats.first_newline >= 0 else True,
        float(np.mean(val > 0)) if len(words) else 0.0,
        float(np.mean(val >= 4)) if len(words) else 0.0,
        float(np.any((val == 3) | (val == 6))),
    ]


def fast_tfidf(vec: TfidfVectorizer, docs: list[str]) -> sp.csr_matrix:
    """``vec.transform(docs)`` for a fitted sublinear, l2-normalised TfidfVectorizer, without
    scikit-learn's per-call validation, which costs more than the work on a dozen short texts."""
    analyze = vec.build_analyzer()
    vocab = vec.vocabulary_
    indptr, indices, data = [0], [], []
    for doc in docs:
        counts: dict[int, int] = {}
        for feature in analyze(doc):
            j = vocab.get(feature)
            if j is not None:
                counts[j] = counts.get(j, 0) + 1
        indices.extend(counts)
        data.extend(counts.values())
        indptr.append(len(indices))
    X = sp.csr_matrix((np.asarray(data, dtype=np.float64), np.asarray(indices, dtype=np.int64), indptr),
                      shape=(len(docs), len(vocab)))
    X.sort_indices()
    X.data = (np.log(X.data) + 1.0) * vec.idf_[X.indices]
    row_nnz = np.diff(X.indptr)
    sq = np.bincount(np.repeat(np.arange(len(docs)), row_nnz), weights=X.data ** 2, minlength=len(docs))
    scale = np.ones(len(docs))
    scale[sq > 0] = 1.0 / np.sqrt(sq[sq > 0])
    X.data *= np.repeat(scale, row_nnz)
    return X


class TechniqueClassifier:
    def __init__(self, seed: int = 13, C: float = 4.0):
        self.seed = seed
        self.C = C
        self.span_words = TfidfVectorizer(ngram_range=(1, 2), min_df=2, sublinear_tf=True, lowercase=True,
                                          token_pattern=r"(?u)\b\w+\b")
        self.span_chars = TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 5), min_df=3, sublinear_tf=True,
                                          lowercase=True, max_features=60000)
        self.context_words = TfidfVectorizer(ngram_range=(1, 2), min_df=2, sublinear_tf=True, lowercase=True,
                                             max_features=40000)
        self.edge_words = TfidfVectorizer(min_df=2, lowercase=False, token_pattern=r"\S+")
        self.model = None

    def _inputs(self, items):
        """items: (text, start, end) triples."""
        frags = [t[s:e] for t, s, e in items]
        ctx = [context_of(t, s, e) for t, s, e in items]
        edges = [edges_of(t, s, e) for t, s, e in items]
        stats: dict[int, _TextStats] = {}
        for t, _, _ in items:
            if id(t) not in stats:
                stats[id(t)] = _TextStats(t)
        cues = np.array([cue_features(t, s, e, stats[id(t)]) for t, s, e in items], dtype=np.float64)
        return frags, ctx, edges, cues

    def _matrix(self, items, fit: bool):
        frags, ctx, edges, cues = self._inputs(items)
        parts = []
        for vec, docs, weight in ((self.span_words, frags, 1.0), (self.span_chars, frags, 1.0),
                                  (self.context_words, ctx, 0.5), (self.edge_words, edges, 0.5)):
            m = vec.fit_transform(docs) if fit else fast_tfidf(vec, docs)
            parts.append(m * weight)
        parts.append(sp.csr_matrix(cues))
        parts.append(sp.csr_matrix(np.array([technique_cues(t, s, e) for t, s, e in items], dtype=np.float64)))
        return sp.hstack(parts).tocsr()

    def fit(self, items, labels):
        X = self._matrix(items, fit=True)
        self.model = LogisticRegression(C=self.C, max_iter=2000, random_state=self.seed)
        self.model.fit(X, labels)
        return self

    @property
    def classes(self) -> list[str]:
        return list(self.model.classes_)

    def predict_proba(self, items) -> np.ndarray:
        if not items:
            return np.zeros((0, len(self.classes)))
        z = self._matrix(items, fit=False) @ self.model.coef_.T + self.model.intercept_
        z = np.exp(z - z.max(axis=1, keepdims=True))  # the multinomial model's softmax
        return z / z.sum(axis=1, keepdims=True)
