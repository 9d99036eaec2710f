"""Second stage of span identification: which candidate fragments to keep, and how sure to be.

The token tagger proposes runs of tokens (``span_tagger.decode``); this stage judges each
candidate as a whole, from what a model of single tokens cannot see: its length (a prior:
annotators mark phrases of a few words far more often than whole sentences), how its token
probabilities rise and fall over it and at its edges, how much of its sentence it covers, how
charged the whole article is, and how sure the technique classifier is of any technique.
It is a logistic model over those few dozen columns, fitted on candidates from out-of-fold token
probabilities (``train.fit_models``), with each candidate's target the share of its characters
that annotators marked, so its probability is the candidate's expected SI precision.

``Calibration`` maps the final score of a span (keep probability x technique probability) onto
how often such a span is right (isotonic, fitted on out-of-fold spans): a shown 0.7 is right
about 70% of the time on held-out PTC articles.
"""

from __future__ import annotations

import math

import numpy as np

from .text_units import QUOTE_CHARS, Units
from .valence import valence_buckets

# token-length bins of a candidate (alphanumeric tokens): the span-length prior
LENGTH_BINS = (1, 2, 3, 5, 8, 12, 20)


def _length_bin(n: int) -> int:
    for i, top in enumerate(LENGTH_BINS):
        if n <= top:
            return i
    return len(LENGTH_BINS)


N_LENGTH = len(LENGTH_BINS) + 1
# continuous columns (standardised), then the one-hot length bin, then the technique one-hot
CONTINUOUS = ("mean_p", "max_p", "min_p", "logit_mean_p", "edge_p", "log_tokens", "sentence_share",
              "whole_sentence", "sentence_tokens_log", "title", "relative_position", "quoted",
              "charged_words", "exclaims_or_asks", "article_mean_p", "article_share_on", "neighbours",
              "tc_max", "tc_margin", "tc_entropy")


def n_columns(n_techniques: int) -> int:
    return len(CONTINUOUS) + N_LENGTH + n_techniques


def candidate_features(units: Units, prob: np.ndarray, candidates: list[tuple[int, int, float]],
                       tech_proba: np.ndarray, threshold: float) -> np.ndarray:
    """One row per candidate (start, end, mean prob) of ``units``; ``tech_proba`` holds the technique
    classifier's probabilities of each candidate, ``threshold`` is the tagger's decoding threshold."""
    n_tech = tech_proba.shape[1]
    out = np.zeros((len(candidates), n_columns(n_tech)), np.float64)
    if not candidates:
        return out
    n = len(units)
    n_sent = max(len(units.sentence_bounds), 1)
    article_mean = float(prob.mean()) if n else 0.0
    article_on = float((prob >= threshold).mean()) if n else 0.0
    alnum = np.fromiter((w[0].isalnum() for w in units.words), dtype=bool, count=n)
    valence = valence_buckets(units.lower)
    token_of = {int(s): i for i, s in enumerate(units.starts)}
    end_of = {int(e): i for i, e in enumerate(units.ends)}
    first_tokens = [token_of[s] for s, _, _ in candidates]
    per_sentence = np.bincount([units.sentence[i] for i in first_tokens], minlength=n_sent)
    for row, ((s, e, _), a) in enumerate(zip(candidates, first_tokens)):
        b = end_of[e]
        p = prob[a: b + 1]
        mean_p = float(p.mean())
        si = int(units.sentence[a])
        sa, sb = units.sentence_bounds[si]
        outside = [prob[k] for k in (a - 2, a - 1, b + 1, b + 2) if sa <= k < sb]
        words = int(alnum[a: b + 1].sum())
        sent_words = max(int(alnum[sa:sb].sum()), 1)
        seg = units.words[max(sa, a - 1): min(sb, b + 2)]
        tp = np.sort(tech_proba[row])[::-1]
        entropy = -float(np.sum(tech_proba[row] * np.log(np.maximum(tech_proba[row], 1e-12))))
        clipped = min(max(mean_p, 1e-6), 1 - 1e-6)
        out[row, : len(CONTINUOUS)] = (
            mean_p, float(p.max()), float(p.min()), math.log(clipped / (1 - clipped)),
            float(np.mean(outside)) if outside else 0.0,
            math.log1p(words), words / sent_words, float(words == sent_words), math.log1p(sent_words),
            float(si == 0), si / n_sent, float(any(w in QUOTE_CHARS for w in seg)),
            min(int((valence[a: b + 1] >= 3).sum()), 4) / 4, float(any(w in "!?" for w in seg)),
            article_mean, article_on, min(int(per_sentence[si]) - 1, 3) / 3,
            float(tp[0]), float(tp[0] - (tp[1] if len(tp) > 1 else 0.0)), entropy / math.log(max(n_tech, 2)),
        )
        out[row, len(CONTINUOUS) + _length_bin(words)] = 1.0
        out[row, len(CONTINUOUS) + N_LENGTH + int(np.argmax(tech_proba[row]))] = 1.0
    return out


class SpanFilter:
    """Logistic model over ``candidate_features``, kept as plain arrays."""

    def __init__(self, mean, scale, coef, intercept: float, keep: float):
        self.mean = np.asarray(mean, np.float64)
        self.scale = np.asarray(scale, np.float64)
        self.coef = np.asarray(coef, np.float64)
        self.intercept = float(intercept)
        self.keep = float(keep)  # candidates whose probability is below it are dropped

    @classmethod
    def fit(cls, X: np.ndarray, covered: np.ndarray, C: float = 1.0, keep: float = 0.0) -> "SpanFilter":
        """``covered``: the share of each candidate's characters inside gold fragments (0..1); each
        candidate enters twice, as a positive weighted by it and a negative weighted by the rest."""
        from sklearn.linear_model import LogisticRegression

        k = len(CONTINUOUS)
        mean = np.zeros(X.shape[1])
        scale = np.ones(X.shape[1])
        mean[:k] = X[:, :k].mean(axis=0)
        scale[:k] = np.maximum(X[:, :k].std(axis=0), 1e-6)
        Z = (X - mean) / scale
        covered = np.clip(covered, 0.0, 1.0)
        model = LogisticRegression(C=C, max_iter=2000)
        model.fit(np.vstack([Z, Z]), np.r_[np.ones(len(Z)), np.zeros(len(Z))],
                  sample_weight=np.r_[covered, 1.0 - covered] + 1e-9)
        return cls(mean, scale, model.coef_.ravel(), float(model.intercept_[0]), keep)

    def proba(self, X: np.ndarray) -> np.ndarray:
        if not len(X):
            return np.zeros(0)
        z = ((X - self.mean) / self.scale) @ self.coef + self.intercept
        return 1.0 / (1.0 + np.exp(-z))


class Calibration:
    """Isotonic map from a raw score to the share of such spans that are right (plain arrays)."""

    def __init__(self, x, y):
        self.x = np.asarray(x, np.float64)
        self.y = np.asarray(y, np.float64)

    @classmethod
    def fit(cls, raw: np.ndarray, right: np.ndarray) -> "Calibration":
        from sklearn.isotonic import IsotonicRegression

        iso = IsotonicRegression(y_min=0.0, y_max=1.0, out_of_bounds="clip").fit(raw, right.astype(float))
        return cls(iso.X_thresholds_, iso.y_thresholds_)

    def __call__(self, raw) -> np.ndarray:
        return np.interp(np.asarray(raw, np.float64), self.x, self.y)


def display_threshold(scores: np.ndarray, right: np.ndarray, precision: float = 0.6, min_count: int = 30) -> float:
    """The lowest score t such that the spans scoring >= t (at least ``min_count`` of them) are right
    at least ``precision`` of the time; infinity (nothing shown) when no such t exists."""
    order = np.argsort(-scores, kind="stable")
    s, r = scores[order], right[order].astype(float)
    hits = np.cumsum(r)
    counts = np.arange(1, len(s) + 1)
    best = math.inf
    for i in range(len(s)):
        # only cut between distinct scores: every span with the same score is shown or none
        if i + 1 < len(s) and s[i + 1] == s[i]:
            continue
        if counts[i] >= min_count and hits[i] / counts[i] >= precision:
            best = float(s[i])
    return best


def save(path, span_filter: SpanFilter, calibration: Calibration, shown_from: float, techniques: list[str]) -> None:
    np.savez_compressed(
        path, mean=span_filter.mean, scale=span_filter.scale, coef=span_filter.coef,
        intercept=np.array([span_filter.intercept]), keep=np.array([span_filter.keep]),
        calibration_x=calibration.x, calibration_y=calibration.y, shown_from=np.array([shown_from]),
        techniques=np.frombuffer("\n".join(techniques).encode("utf-8"), dtype=np.uint8),
    )


def load(path) -> tuple[SpanFilter, Calibration, float, list[str]]:
    with np.load(path, allow_pickle=False) as z:
        span_filter = SpanFilter(z["mean"], z["scale"], z["coef"], z["intercept"][0], z["keep"][0])
        return (span_filter, Calibration(z["calibration_x"], z["calibration_y"]), float(z["shown_from"][0]),
                z["techniques"].tobytes().decode("utf-8").split("\n"))
