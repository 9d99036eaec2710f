"""Span identification: a linear token tagger decoded into propaganda fragments.

Each token is scored by a logistic model over sparse lexical features (the
word and its neighbours, bigrams, shape, quotes, repetition in the article),
a bag of words of its sentence, and dense columns: the static word vectors
(``word_vectors``) of the token, its neighbours and its sentence, which let a
word never seen in training borrow the weight of words like it.  Runs of
tokens above a threshold, short gaps bridged, become spans.  Inference is one
sparse product and a few table lookups per article, a few milliseconds on
CPU, and the model is plain numpy arrays.
"""

from __future__ import annotations

import math
from collections import Counter

import numpy as np
import scipy.sparse as sp

from .text_units import QUOTE_CHARS, Units
from .valence import valence_buckets, N_VALENCE
from .word_vectors import load_vectors

UNK, PAD = 0, 1
WINDOW = 3
SHAPES = ("lower", "title", "upper", "digit", "quote", "punct", "mixed")
N_SHAPE = len(SHAPES)
SENT_MARKS = ("!", "?", "quote")


def _shape(word: str) -> int:
    if word.isalpha():
        if word.islower():
            return 0
        if word.isupper() and len(word) > 1:
            return 2
        if word[0].isupper():
            return 1
        return 6
    if word.isdigit():
        return 3
    if len(word) == 1 and not word.isalnum():
        return 4 if word in QUOTE_CHARS else 5
    return 6


def _shift(ids: np.ndarray, sentence: np.ndarray, k: int, pad: int) -> np.ndarray:
    """ids of the token k places away within the same sentence, pad across sentence ends."""
    n = len(ids)
    out = np.full(n, pad, dtype=ids.dtype)
    if k > 0:
        ok = sentence[k:] == sentence[:-k] if k < n else np.zeros(0, bool)
        out[: n - k][ok] = ids[k:][ok]
    elif k < 0:
        k = -k
        ok = sentence[:-k] == sentence[k:] if k < n else np.zeros(0, bool)
        out[k:][ok] = ids[:-k][ok]
    else:
        out[:] = ids
    return out


class DenseSpec:
    """Which word-vector columns the tagger adds: the vectors of the tokens ``window`` places
    either side (and the token itself), and the mean vector of the sentence; 0 dims = none."""

    def __init__(self, dims: int = 0, window: int = 1, sentence: bool = True, scale: float = 1.0):
        self.dims, self.window, self.sentence, self.scale = int(dims), int(window), bool(sentence), float(scale)

    @property
    def width(self) -> int:
        if not self.dims:
            return 0
        return self.dims * (2 * self.window + 1 + self.sentence)

    def as_array(self) -> np.ndarray:
        return np.array([self.dims, self.window, self.sentence, self.scale], dtype=np.float64)

    @classmethod
    def from_array(cls, a) -> "DenseSpec":
        return cls(int(a[0]), int(a[1]), bool(a[2]), float(a[3]))


def dense_block(units: Units, spec: DenseSpec) -> np.ndarray:
    """Word vectors of each token and its neighbours (zeros across sentence ends) and of its sentence."""
    n = len(units)
    vectors = load_vectors(dims=spec.dims)
    rows = vectors.rows(units.lower)
    table = vectors.table
    sent = units.sentence
    blocks = []
    for k in range(-spec.window, spec.window + 1):
        blocks.append(table[_shift(rows, sent, k, vectors.unknown)])
    if spec.sentence:
        own = table[rows]
        known = (rows != vectors.unknown).astype(np.float32)
        n_sent = len(units.sentence_bounds)
        sums = np.zeros((n_sent, spec.dims), np.float32)
        np.add.at(sums, sent, own)
        counts = np.bincount(sent, weights=known, minlength=n_sent)
        blocks.append((sums / np.maximum(counts, 1)[:, None])[sent])
    out = np.hstack(blocks) if blocks else np.zeros((n, 0), np.float32)
    return out * np.float32(spec.scale)


class TokenFeatures:
    """Maps the tokens of one text onto the columns of the first-pass model."""

    def __init__(self, vocab: dict[str, int], bigrams: np.ndarray, dense: DenseSpec | None = None):
        self.vocab = vocab
        self.dense = dense or DenseSpec()
        self.bigrams = bigrams  # sorted int64 codes prev*V+cur of known bigrams
        self.V = len(vocab) + 2
        self.NB = len(bigrams) + 1
        sizes = [("u%+d" % k, self.V) for k in range(-WINDOW, WINDOW + 1)]
        sizes += [("b-1", self.NB), ("b+1", self.NB)]
        sizes += [("s%+d" % k, N_SHAPE) for k in (-1, 0, 1)]
        sizes += [("v%+d" % k, N_VALENCE) for k in (-1, 0, 1)]
        sizes += [("vpair-1", N_VALENCE * N_VALENCE), ("vpair+1", N_VALENCE * N_VALENCE), ("sentval", 4)]
        sizes += [("sent", self.V), ("rep", 8), ("marks", len(SENT_MARKS)), ("inquote", 1),
                  ("title", 1), ("relpos", 5), ("sentlen", 6)]
        self.offsets = {}
        total = 0
        for name, size in sizes:
            self.offsets[name] = total
            total += size
        self.n_sparse = total
        self.n_features = total + self.dense.width

    @classmethod
    def build(cls, unit_lists: list[Units], min_count: int = 2, dense: DenseSpec | None = None) -> "TokenFeatures":
        counts = Counter(w for u in unit_lists for w in u.lower)
        words = sorted(w for w, c in counts.items() if c >= min_count)
        vocab = {w: i + 2 for i, w in enumerate(words)}
        V = len(vocab) + 2
        pair_counts: Counter = Counter()
        for u in unit_lists:
            ids = np.fromiter((vocab.get(w, UNK) for w in u.lower), dtype=np.int64, count=len(u))
            prev = _shift(ids, u.sentence, -1, PAD)
            pair_counts.update((prev * V + ids).tolist())
        codes = np.array(sorted(c for c, n in pair_counts.items() if n >= min_count), dtype=np.int64)
        return cls(vocab, codes, dense)

    def word_ids(self, units: Units) -> np.ndarray:
        get = self.vocab.get
        return np.fromiter((get(w, UNK) for w in units.lower), dtype=np.int64, count=len(units))

    def _bigram_ids(self, a: np.ndarray, b: np.ndarray) -> np.ndarray:
        codes = a * self.V + b
        idx = np.searchsorted(self.bigrams, codes)
        idx_c = np.minimum(idx, len(self.bigrams) - 1)
        found = self.bigrams[idx_c] == codes if len(self.bigrams) else np.zeros(len(codes), bool)
        return np.where(found, idx_c + 1, 0)

    def matrix(self, units: Units) -> sp.csr_matrix:
        X = self.sparse_matrix(units)
        if self.dense.width and len(units):
            X = sp.hstack([X, sp.csr_matrix(dense_block(units, self.dense))], format="csr")
        return X

    def sparse_matrix(self, units: Units) -> sp.csr_matrix:
        n = len(units)
        if n == 0:
            return sp.csr_matrix((0, self.n_sparse), dtype=np.float32)
        sent = units.sentence
        ids = self.word_ids(units)
        rows, cols, vals = [], [], []
        ar = np.arange(n)

        def add(name, col, val=None):
            rows.append(ar)
            cols.append(self.offsets[name] + col)
            vals.append(np.ones(n, np.float32) if val is None else val.astype(np.float32))

        for k in range(-WINDOW, WINDOW + 1):
            add("u%+d" % k, _shift(ids, sent, k, PAD))
        prev, nxt = _shift(ids, sent, -1, PAD), _shift(ids, sent, 1, PAD)
        add("b-1", self._bigram_ids(prev, ids))
        add("b+1", self._bigram_ids(ids, nxt))
        shapes = np.fromiter((_shape(w) for w in units.words), dtype=np.int64, count=n)
        for k in (-1, 0, 1):
            sh = _shift(shapes, sent, k, -1)
            keep = sh >= 0
            rows.append(ar[keep])
            cols.append(self.offsets["s%+d" % k] + sh[keep])
            vals.append(np.ones(int(keep.sum()), np.float32))

        # affect: words unseen in training still carry their general valence (VADER lexicon)
        val = valence_buckets(units.lower)
        vprev, vnext = _shift(val, sent, -1, 0), _shift(val, sent, 1, 0)
        add("v-1", vprev)
        add("v+0", val)
        add("v+1", vnext)
        add("vpair-1", vprev * N_VALENCE + val)
        add("vpair+1", val * N_VALENCE + vnext)
        # charged words per sentence: strongly positive or negative of any strength
        charged = np.bincount(sent, weights=(val >= 3).astype(float), minlength=len(units.sentence_bounds))
        add("sentval", np.minimum(charged, 3).astype(np.int64)[sent])

        # repetition of the word elsewhere in the text (content words only matter much)
        counts = Counter(units.lower)
        rep = np.fromiter((counts[w] for w in units.lower), dtype=np.int64, count=n)
        bucket = np.select([rep <= 1, rep == 2, rep <= 4], [0, 1, 2], 3)
        content = np.fromiter((len(w) > 3 for w in units.lower), dtype=np.int64, count=n)
        add("rep", bucket + 4 * content)

        # per-sentence features, broadcast to tokens
        srows, scols, svals = [], [], []
        sent_marks = np.zeros((len(units.sentence_bounds), len(SENT_MARKS)), np.float32)
        inquote = np.zeros(n, np.float32)
        relpos = np.zeros(n, np.int64)
        sentlen = np.zeros(n, np.int64)
        for si, (a, b) in enumerate(units.sentence_bounds):
            seg = units.words[a:b]
            uniq = np.unique(ids[a:b])
            weight = 1.0 / math.sqrt(len(uniq))
            L = b - a
            srows.append(np.repeat(np.arange(a, b), len(uniq)))
            scols.append(np.tile(uniq, L))
            svals.append(np.full(L * len(uniq), weight, np.float32))
            sent_marks[si] = ("!" in seg, "?" in seg, any(w in QUOTE_CHARS for w in seg))
            inside = False
            for t, w in enumerate(seg):
                if w in QUOTE_CHARS:
                    inside = not inside if w in "\"" else w in "“‘«"
                inquote[a + t] = inside
            relpos[a:b] = np.minimum((np.arange(L) * 5) // max(L, 1), 4)
            sentlen[a:b] = min(int(math.log2(L)), 5) if L else 0
        rows.append(np.concatenate(srows))
        cols.append(self.offsets["sent"] + np.concatenate(scols))
        vals.append(np.concatenate(svals))
        sm = sent_marks[sent]
        for j in range(len(SENT_MARKS)):
            keep = sm[:, j] > 0
            rows.append(ar[keep])
            cols.append(np.full(int(keep.sum()), self.offsets["marks"] + j))
            vals.append(np.ones(int(keep.sum()), np.float32))
        add("inquote", np.zeros(n, np.int64), inquote)
        add("title", np.zeros(n, np.int64), (sent == 0).astype(np.float32))
        add("relpos", relpos)
        add("sentlen", sentlen)
        r = np.concatenate(rows)
        c = np.concatenate(cols)
        v = np.concatenate(vals)
        keep = v != 0
        return sp.csr_matrix((v[keep], (r[keep], c[keep])), shape=(n, self.n_sparse), dtype=np.float32)


def decode(units: Units, prob: np.ndarray, threshold: float, max_gap: int = 1) -> list[tuple[int, int, float]]:
    """Runs of tokens with prob >= threshold -> (start, end, mean prob); short gaps bridged
    within a sentence; leading/trailing punctuation dropped."""
    spans = []
    n = len(prob)
    i = 0
    on = prob >= threshold
    while i < n:
        if not on[i]:
            i += 1
            continue
        j = i
        while True:
            k = j + 1
            while k < n and not on[k] and k - j - 1 < max_gap and units.sentence[k] == units.sentence[i]:
                k += 1
            if k < n and on[k] and units.sentence[k] == units.sentence[i]:
                j = k
            else:
                break
        a, b = i, j
        while a <= b and not units.words[a][0].isalnum():
            a += 1
        while b >= a and not units.words[b][0].isalnum():
            b -= 1
        if a <= b:
            spans.append((int(units.starts[a]), int(units.ends[b]), float(prob[a: b + 1].mean())))
        i = j + 1
    return spans


def token_labels(units: Units, spans) -> np.ndarray:
    lab = np.zeros(len(units), bool)
    for s, e in spans:
        lab |= (units.starts < e) & (units.ends > s)
    return lab


class SpanTagger:
    MAX_GAP = 6  # low-scoring tokens bridged inside a sentence
    THRESHOLDS = np.round(np.arange(0.10, 0.40, 0.02), 2)

    def __init__(self, features: TokenFeatures, coef, intercept, threshold: float, max_gap: int = MAX_GAP):
        self.features = features
        self.coef = np.asarray(coef, dtype=np.float32)
        self.intercept = float(intercept)
        self.threshold = float(threshold)
        self.max_gap = int(max_gap)

    @classmethod
    def _fit_weights(cls, unit_lists, labels, C, seed, dense=None) -> "SpanTagger":
        from sklearn.linear_model import LogisticRegression

        feats = TokenFeatures.build(unit_lists, dense=dense)
        X = sp.vstack([feats.matrix(u) for u in unit_lists]).tocsr()
        model = LogisticRegression(C=C, solver="liblinear", random_state=seed).fit(X, np.concatenate(labels))
        return cls(feats, model.coef_.ravel(), float(model.intercept_[0]), threshold=0.5)

    @classmethod
    def fit(cls, unit_lists: list[Units], span_lists: list, C: float = 0.1, seed: int = 13,
            threshold_folds: int = 2, dense: DenseSpec | None = None) -> "SpanTagger":
        """Fits the token weights on all the given articles; the decoding threshold is the one
        that maximises span F1 out of fold, over a split of these same training articles."""
        from .scoring import span_prf

        labels = [token_labels(u, s) for u, s in zip(unit_lists, span_lists)]
        n = len(unit_lists)
        fold = np.random.RandomState(seed).permutation(n) % threshold_folds
        probs: list = [None] * n
        for f in range(threshold_folds):
            inner = cls._fit_weights([unit_lists[i] for i in range(n) if fold[i] != f],
                                     [labels[i] for i in range(n) if fold[i] != f], C, seed, dense)
            for i in np.flatnonzero(fold == f):
                probs[i] = inner.token_proba(unit_lists[i])
        gold = {i: list(s) for i, s in enumerate(span_lists)}
        f1s = [span_prf({i: [(s, e) for s, e, _ in decode(u, p, th, cls.MAX_GAP)]
                         for i, (u, p) in enumerate(zip(unit_lists, probs))}, gold)["f1"] for th in cls.THRESHOLDS]
        tagger = cls._fit_weights(unit_lists, labels, C, seed, dense)
        tagger.threshold = float(cls.THRESHOLDS[int(np.argmax(f1s))])
        tagger.inner_f1 = float(max(f1s))
        return tagger

    def token_proba(self, units: Units) -> np.ndarray:
        if len(units) == 0:
            return np.zeros(0)
        feats = self.features
        z = feats.sparse_matrix(units) @ self.coef[: feats.n_sparse] + self.intercept
        if feats.dense.width:
            z = z + self._dense_scores(units)
        return 1.0 / (1.0 + np.exp(-z))

    def _dense_scores(self, units: Units) -> np.ndarray:
        """The word-vector columns' share of each token's score.  Being linear, it is a lookup in
        the vocabulary's vectors projected once onto the weights, not a product per token."""
        spec = self.features.dense
        projected = getattr(self, "_projected", None)
        if projected is None:
            vectors = load_vectors(dims=spec.dims)
            weights = self.coef[self.features.n_sparse:].reshape(-1, spec.dims).T * spec.scale
            projected = self._projected = (vectors, vectors.table @ weights)
        vectors, table = projected
        rows = vectors.rows(units.lower)
        sent = units.sentence
        z = np.zeros(len(units), np.float64)
        for j, k in enumerate(range(-spec.window, spec.window + 1)):
            z += table[_shift(rows, sent, k, vectors.unknown), j]
        if spec.sentence:
            own = table[rows, -1]
            known = (rows != vectors.unknown).astype(np.float64)
            n_sent = len(units.sentence_bounds)
            sums = np.bincount(sent, weights=own, minlength=n_sent)
            counts = np.bincount(sent, weights=known, minlength=n_sent)
            z += (sums / np.maximum(counts, 1))[sent]
        return z

    def spans(self, units: Units) -> list[tuple[int, int, float]]:
        """(start, end, mean token probability) of each detected fragment."""
        return decode(units, self.token_proba(units), self.threshold, self.max_gap)

    # Plain arrays, no pickle: the vocabulary as one UTF-8 blob, weights as float32.
    def save(self, path) -> None:
        words = sorted(self.features.vocab, key=self.features.vocab.get)
        arrays = {}
        if self.features.dense.width:  # the vectors themselves stay in their own file
            arrays["dense"] = self.features.dense.as_array()
        np.savez_compressed(
            path,
            vocab=np.frombuffer("\n".join(words).encode("utf-8"), dtype=np.uint8),
            bigrams=self.features.bigrams,
            coef=self.coef,
            intercept=np.array([self.intercept]),
            decoding=np.array([self.threshold, self.max_gap]),
            **arrays,
        )

    @classmethod
    def load(cls, path) -> "SpanTagger":
        with np.load(path, allow_pickle=False) as z:
            words = z["vocab"].tobytes().decode("utf-8").split("\n")
            dense = DenseSpec.from_array(z["dense"]) if "dense" in z.files else DenseSpec()
            feats = TokenFeatures({w: i + 2 for i, w in enumerate(words)}, z["bigrams"], dense)
            threshold, max_gap = z["decoding"]
            return cls(feats, z["coef"], z["intercept"][0], threshold, int(max_gap))
