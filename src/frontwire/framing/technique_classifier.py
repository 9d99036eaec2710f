"""Technique classification: which of the 14 PTC techniques a fragment uses.

A linear model over TF-IDF word and character n-grams of the fragment, word
n-grams of its sentence, and a few cues the techniques are defined by (length,
how often the fragment recurs in the article for Repetition, question and
exclamation marks, quotes, capitals, numbers, and the word cues of
``technique_cues``), plus the mean static word vector (``word_vectors``) of the
fragment and of its sentence.
"""

from __future__ import annotations

import math
import re

import numpy as np
import scipy.sparse as sp
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression

from .technique_cues import technique_cues
from .text_units import TOKEN_RE
from .valence import valence_buckets
from .word_vectors import load_vectors

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


def mean_vectors(texts: list[str], dims: int) -> np.ndarray:
    """Mean word vector of each text over the words the vectors know (zeros when none)."""
    vectors = load_vectors(dims=dims)
    index = vectors.index
    rows: list[int] = []
    indptr = [0]
    for text in texts:
        rows.extend(index[w] for w in TOKEN_RE.findall(text.lower()) if w in index)
        indptr.append(len(rows))
    counts = np.diff(indptr)
    weights = np.repeat(1.0 / np.maximum(counts, 1), counts).astype(np.float32)
    averaging = sp.csr_matrix((weights, np.arange(len(rows)), indptr), shape=(len(texts), len(rows)))
    return np.asarray(averaging @ vectors.table[np.asarray(rows, dtype=np.int64)], dtype=np.float32)


class TechniqueClassifier:
    def __init__(self, seed: int = 13, C: float = 4.0, vector_dims: int = 0, vector_weight: float = 1.0):
        self.seed = seed
        self.C = C
        # word vectors are read from the package's vector file, never pickled with the model
        self.vector_dims = vector_dims
        self.vector_weight = vector_weight
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
        sparse, dense = self._parts(items, fit)
        return sp.hstack([sparse, sp.csr_matrix(dense)]).tocsr() if dense.shape[1] else sparse

    def _parts(self, items, fit: bool):
        """The sparse columns and the dense word-vector columns (kept apart: a product with the
        dense block is cheaper than its conversion to sparse)."""
        frags, ctx, edges, cues = self._inputs(items)
        parts = []
        for vec, docs, weight in ((self.span_words, frags, 1.0), (self.span_chars, frags, 1.0),
                                  (self.context_words, ctx, 0.5), (self.edge_words, edges, 0.5)):
            m = vec.fit_transform(docs) if fit else fast_tfidf(vec, docs)
            parts.append(m * weight)
        parts.append(sp.csr_matrix(cues))
        parts.append(sp.csr_matrix(np.array([technique_cues(t, s, e) for t, s, e in items], dtype=np.float64)))
        dims = self.vector_dims
        if dims:
            dense = np.hstack([mean_vectors(frags, dims), mean_vectors(ctx, dims)]).astype(np.float64)
            dense *= self.vector_weight
        else:
            dense = np.zeros((len(items), 0))
        return sp.hstack(parts).tocsr(), dense

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
        sparse, dense = self._parts(items, fit=False)
        coef = self.model.coef_
        n_sparse = sparse.shape[1]
        z = sparse @ coef[:, :n_sparse].T + dense @ coef[:, n_sparse:].T + self.model.intercept_
        z = np.exp(z - z.max(axis=1, keepdims=True))  # the multinomial model's softmax
        return z / z.sum(axis=1, keepdims=True)
