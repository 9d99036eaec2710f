"""Trains the framing models on PTC and writes them into the package (``frontwire train-framing``).

    python -m frontwire.framing.train --ptc ../shared/data/ptc [--out DIR] [--seed 13]

Writes ``span_tagger.npz`` (numpy arrays: vocabulary, weights, decoding
settings), ``technique_classifier.joblib`` (scikit-learn vectorizers and
logistic regression), ``span_filter.npz`` (the second stage, the score
calibration and the display threshold, numpy arrays) and ``training.json``
(what data, seed, date, versions, the settings chosen out of fold).
Only learned weights and feature vocabularies are written, never corpus text.

``fit_models`` is the one fitting procedure, used by this trainer on all of PTC
and by ``bench/framing.py`` on each fold's training articles: everything chosen
(the tagger's decoding threshold, the filter's keep threshold, the calibration,
the display threshold) is chosen on out-of-fold predictions over the articles it
is given, never on the articles it is then scored on.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import sys
import time
from pathlib import Path

from dataclasses import dataclass, field

import numpy as np

from .span_tagger import DenseSpec

SEED = 13
SPAN_C = 0.1
TECHNIQUE_C = 6.0
# word vectors (word_vectors.py) as dense features; dims 0 switches them off
SPAN_DENSE = DenseSpec(dims=32, window=1, sentence=True, scale=1.0)
TECHNIQUE_VECTOR_DIMS = 64
TECHNIQUE_VECTOR_WEIGHT = 1.0
# Two-stage span identification: the tagger proposes candidates at a low decoding threshold, the
# filter keeps those whose expected precision clears ``keep``; both picked together to maximise
# span F1 over out-of-fold predictions: the articles are split in FOLDS, and the tagger and the
# classifier fitted on the other folds predict each fold (the same folds as bench/framing.py).
FOLDS = 5
CANDIDATE_THRESHOLDS = (0.16, 0.20, 0.24)
KEEP_GRID = tuple(np.round(np.arange(0.0, 0.62, 0.02), 2))
FILTER_C = 1.0
# Shown by default: spans whose calibrated score is at least the lowest score above which
# out-of-fold spans are right this often.
DISPLAY_PRECISION = 0.6


def default_ptc() -> Path:
    shared = os.environ.get("FRONTWIRE_SHARED")
    if shared:
        return Path(shared) / "data" / "ptc"
    return Path(__file__).resolve().parents[3].parent / "shared" / "data" / "ptc"


def word_vectors_record() -> dict:
    """Which vector file the models were trained against (its build record and checksum)."""
    import hashlib

    from .word_vectors import DEFAULT_PATH, load_vectors

    if not DEFAULT_PATH.exists():
        return {}
    meta = dict(load_vectors().meta)
    meta["file"] = DEFAULT_PATH.name
    meta["sha256"] = hashlib.sha256(DEFAULT_PATH.read_bytes()).hexdigest()
    return meta


def technique_examples(articles):
    items, labels = [], []
    for a in articles:
        for tech, s, e in a.techniques:
            items.append((a.text, s, e))
            labels.append(tech)
    return items, labels


def right_answers(article, spans: list[tuple[int, int, str]]) -> np.ndarray:
    """Whether each (start, end, technique) is right: at least half of its characters lie inside
    gold fragments of that technique (what a reader of the shown span is told)."""
    by_technique: dict[str, np.ndarray] = {}
    out = np.zeros(len(spans), bool)
    for k, (s, e, technique) in enumerate(spans):
        mask = by_technique.get(technique)
        if mask is None:
            mask = by_technique[technique] = np.zeros(len(article.text) + 1, bool)
            for t, gs, ge in article.techniques:
                if t == technique:
                    mask[gs:ge] = True
        out[k] = e > s and mask[s:e].mean() >= 0.5
    return out


def covered_share(article, spans) -> np.ndarray:
    """The share of each span's characters inside any gold fragment (its SI precision)."""
    mask = np.zeros(len(article.text) + 1, bool)
    for gs, ge in article.spans:
        mask[gs:ge] = True
    return np.array([mask[s:e].mean() if e > s else 0.0 for s, e, *_ in spans])


@dataclass
class FramingModels:
    """What ``detect`` runs, and what was chosen out of fold for it."""

    tagger: object
    classifier: object
    span_filter: object
    calibration: object
    shown_from: float
    chosen: dict = field(default_factory=dict)

    @property
    def highest_score(self) -> float:
        """The highest score a span of these models can be given (the calibration's ceiling)."""
        if self.calibration is None or not len(self.calibration.y):
            return 1.0
        return min(1.0, float(np.max(self.calibration.y)))


@dataclass
class OutOfFold:
    """Predictions of each article by the fold models that did not see it."""

    fold: np.ndarray  # fold of each article
    probs: list  # token probabilities
    proposed: dict  # candidate threshold -> per article (candidates, technique probabilities, filter features)
    gold_technique_proba: list  # per article: ([(start, end)] of its distinct gold spans, probabilities)
    key: dict = field(default_factory=dict)  # what they were computed from (for a cache)


def _classifier(seed, dims, weight):
    from .technique_classifier import TechniqueClassifier

    return TechniqueClassifier(seed=seed, C=TECHNIQUE_C, vector_dims=dims, vector_weight=weight)


def out_of_fold(articles, units, folds: int = FOLDS, seed: int = SEED, log=lambda m: None,
                dense: DenseSpec = SPAN_DENSE, technique_dims: int = TECHNIQUE_VECTOR_DIMS,
                technique_weight: float = TECHNIQUE_VECTOR_WEIGHT) -> OutOfFold:
    """Fits a tagger and a technique classifier per fold on the other folds' articles and keeps
    their predictions of that fold: token probabilities, candidates at each CANDIDATE_THRESHOLDS
    with their technique probabilities and filter features, and the technique probabilities of the
    gold spans (what the TC figure is measured on)."""
    import time

    from .corpus import TECHNIQUES
    from .span_tagger import SpanTagger, token_labels
    from .techniques import propose

    t0 = time.perf_counter()
    n = len(articles)
    labels = [token_labels(u, a.spans) for u, a in zip(units, articles)]
    fold = np.random.RandomState(seed).permutation(n) % folds
    probs: list = [None] * n
    proposed = {th: [None] * n for th in CANDIDATE_THRESHOLDS}
    gold_proba: list = [None] * n
    for f in range(folds):
        train_idx = [i for i in range(n) if fold[i] != f]
        tagger = SpanTagger._fit_weights([units[i] for i in train_idx], [labels[i] for i in train_idx],
                                         SPAN_C, seed, dense)
        classifier = _classifier(seed, technique_dims, technique_weight).fit(
            *technique_examples([articles[i] for i in train_idx]))
        columns = [TECHNIQUES.index(c) for c in classifier.classes]
        for i in np.flatnonzero(fold == f):
            probs[i] = tagger.token_proba(units[i])
            for th in CANDIDATE_THRESHOLDS:
                proposed[th][i] = propose(units[i], probs[i], th, SpanTagger.MAX_GAP, classifier)
            spans = sorted({(s, e) for _, s, e in articles[i].techniques})
            p = np.zeros((len(spans), len(TECHNIQUES)))
            if spans:
                p[:, columns] = classifier.predict_proba([(articles[i].text, s, e) for s, e in spans])
            gold_proba[i] = (spans, p)
        log(f"fold models {f + 1}/{folds} fitted and predicting ({time.perf_counter() - t0:.0f}s)")
    key = {"articles": [a.id for a in articles], "folds": folds, "seed": seed, "dense": vars(dense),
           "technique_dims": technique_dims, "technique_weight": technique_weight, "span_C": SPAN_C,
           "technique_C": TECHNIQUE_C, "candidate_thresholds": list(CANDIDATE_THRESHOLDS)}
    return OutOfFold(fold, probs, proposed, gold_proba, key)


def judge(candidates, tech_proba, X, span_filter, calibration) -> list[tuple[int, int, str, float, float]]:
    """(start, end, technique, calibrated score, keep probability) of the candidates the filter keeps."""
    from .corpus import TECHNIQUES

    if not candidates:
        return []
    best = tech_proba.argmax(axis=1)
    keep_p = span_filter.proba(X)
    raw = keep_p * tech_proba[np.arange(len(best)), best]
    scores = calibration(raw) if calibration is not None else raw
    return [(s, e, TECHNIQUES[b], float(score), float(p))
            for (s, e, _), b, p, score in zip(candidates, best, keep_p, scores) if p >= span_filter.keep]


def second_stage(articles, units, oof: OutOfFold, use) -> dict:
    """The candidate threshold, the span filter, the calibration and the display threshold, chosen
    and fitted on the out-of-fold predictions of the articles ``use`` (indices) alone.  The
    choices are made on cross-fitted filter probabilities (the filter of each fold fitted on the
    other folds among ``use``); the filter returned is fitted on all of them."""
    from .corpus import TECHNIQUES
    from .scoring import span_prf
    from .span_filter import Calibration, SpanFilter, display_threshold
    from .span_tagger import SpanTagger, decode

    use = list(use)
    gold = {i: articles[i].spans for i in use}
    # the single-stage design (tagger alone, its threshold by span F1), for comparison
    alone = [span_prf({i: [(s, e) for s, e, _ in decode(units[i], oof.probs[i], th, SpanTagger.MAX_GAP)]
                       for i in use}, gold)["f1"] for th in SpanTagger.THRESHOLDS]
    folds = sorted({int(oof.fold[i]) for i in use})
    best = None
    for threshold in CANDIDATE_THRESHOLDS:
        proposed = oof.proposed[threshold]
        covered = {i: covered_share(articles[i], proposed[i][0]) for i in use}
        keep_p = {}
        for f in folds:
            others = [i for i in use if oof.fold[i] != f]
            span_filter = SpanFilter.fit(np.vstack([proposed[i][2] for i in others]),
                                         np.concatenate([covered[i] for i in others]), C=FILTER_C)
            for i in use:
                if oof.fold[i] == f:
                    keep_p[i] = span_filter.proba(proposed[i][2])
        for keep in KEEP_GRID:
            pred = {i: [(s, e) for (s, e, _), p in zip(proposed[i][0], keep_p[i]) if p >= keep] for i in use}
            f1 = span_prf(pred, gold)["f1"]
            if best is None or f1 > best[0]:
                best = (f1, threshold, float(keep), keep_p, covered)
    f1, threshold, keep, keep_p, covered = best
    proposed = oof.proposed[threshold]
    raw, right = [], []
    for i in use:
        candidates, tech_proba, _ = proposed[i]
        kept = [k for k, p in enumerate(keep_p[i]) if p >= keep]
        b = tech_proba.argmax(axis=1)
        raw += [float(keep_p[i][k] * tech_proba[k, b[k]]) for k in kept]
        right += list(right_answers(articles[i], [(candidates[k][0], candidates[k][1], TECHNIQUES[b[k]])
                                                  for k in kept]))
    raw, right = np.array(raw), np.array(right, bool)
    calibration = Calibration.fit(raw, right)
    shown_from = display_threshold(calibration(raw), right, DISPLAY_PRECISION)
    span_filter = SpanFilter.fit(np.vstack([proposed[i][2] for i in use]), np.concatenate([covered[i] for i in use]),
                                 C=FILTER_C, keep=keep)
    chosen = {"folds": len(folds), "tagger_alone_threshold": float(SpanTagger.THRESHOLDS[int(np.argmax(alone))]),
              "tagger_alone_span_f1": round(float(max(alone)), 4), "candidate_threshold": threshold, "keep": keep,
              "span_f1": round(f1, 4), "display_precision": DISPLAY_PRECISION, "shown_from": round(shown_from, 4) if np.isfinite(shown_from) else None,
              "spans": int(len(raw)), "right": int(right.sum()),
              "shown": int((calibration(raw) >= shown_from).sum()),
              "shown_right": int(right[calibration(raw) >= shown_from].sum())}
    return {"threshold": threshold, "span_filter": span_filter, "calibration": calibration,
            "shown_from": shown_from, "chosen": chosen}


def fit_models(articles, units=None, seed: int = SEED, log=lambda m: None, oof: OutOfFold | None = None
               ) -> FramingModels:
    """All the models on ``articles``: the second stage on their out-of-fold predictions (``oof``,
    computed when not given), then the tagger and the classifier refitted on all of them."""
    import time

    from .span_tagger import SpanTagger, token_labels
    from .text_units import split_units

    t0 = time.perf_counter()
    units = units if units is not None else [split_units(a.text) for a in articles]
    oof = oof or out_of_fold(articles, units, seed=seed, log=log)
    stage = second_stage(articles, units, oof, range(len(articles)))
    log(f"second stage: {stage['chosen']}")
    tagger = SpanTagger._fit_weights(units, [token_labels(u, a.spans) for u, a in zip(units, articles)],
                                     SPAN_C, seed, SPAN_DENSE)
    tagger.threshold = stage["threshold"]
    classifier = _classifier(seed, TECHNIQUE_VECTOR_DIMS, TECHNIQUE_VECTOR_WEIGHT).fit(*technique_examples(articles))
    log(f"refitted on all {len(articles)} articles ({time.perf_counter() - t0:.0f}s)")
    return FramingModels(tagger, classifier, stage["span_filter"], stage["calibration"], stage["shown_from"],
                         stage["chosen"])


def load_or_compute_oof(cache: Path | None, articles, units, log=lambda m: None, **design) -> OutOfFold:
    """``out_of_fold``, reused from ``cache`` (a pickle the bench and the trainer may share, never
    shipped) when it was computed from the same articles and design."""
    import pickle

    if cache is not None and cache.exists():
        oof = pickle.loads(cache.read_bytes())
        want = {"articles": [a.id for a in articles], "folds": design.get("folds", FOLDS),
                "seed": design.get("seed", SEED), "dense": vars(design.get("dense", SPAN_DENSE)),
                "technique_dims": design.get("technique_dims", TECHNIQUE_VECTOR_DIMS),
                "technique_weight": design.get("technique_weight", TECHNIQUE_VECTOR_WEIGHT), "span_C": SPAN_C,
                "technique_C": TECHNIQUE_C, "candidate_thresholds": list(CANDIDATE_THRESHOLDS)}
        if oof.key == want:
            log(f"out-of-fold predictions from {cache}")
            return oof
        log(f"{cache} holds predictions of another design or corpus: recomputing")
    oof = out_of_fold(articles, units, log=log, **design)
    if cache is not None:
        cache.write_bytes(pickle.dumps(oof))
    return oof


def train(ptc: Path, out: Path, seed: int = SEED, log=print, oof_cache: Path | None = None) -> dict:
    import joblib
    import sklearn

    from . import span_filter as span_filter_file
    from .corpus import TECHNIQUES, corpus_fingerprint, load_ptc

    articles = load_ptc(ptc)
    out.mkdir(parents=True, exist_ok=True)
    t0 = time.perf_counter()
    from .text_units import split_units

    units = [split_units(a.text) for a in articles]
    oof = load_or_compute_oof(oof_cache, articles, units, log=log, seed=seed)
    models = fit_models(articles, units, seed=seed, log=log, oof=oof)
    tagger = models.tagger
    tagger.save(out / "span_tagger.npz")
    joblib.dump(models.classifier, out / "technique_classifier.joblib", compress=3)
    span_filter_file.save(out / "span_filter.npz", models.span_filter, models.calibration, models.shown_from,
                          list(TECHNIQUES))
    log(f"span tagger: {len(tagger.features.vocab)} words, {tagger.features.n_features} features; "
        f"all models {time.perf_counter() - t0:.0f}s")
    meta = {
        "data": corpus_fingerprint(ptc),
        "seed": seed,
        "span_C": SPAN_C,
        "technique_C": TECHNIQUE_C,
        "span_word_vectors": vars(SPAN_DENSE),
        "technique_word_vectors": {"dims": TECHNIQUE_VECTOR_DIMS, "weight": TECHNIQUE_VECTOR_WEIGHT},
        "word_vectors": word_vectors_record(),
        "threshold": tagger.threshold,
        "max_gap": tagger.max_gap,
        "span_filter_C": FILTER_C,
        "out_of_fold": models.chosen,
        "trained": dt.datetime.now(dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "python": sys.version.split()[0],
        "scikit-learn": sklearn.__version__,
    }
    meta["data"]["path"] = "shared/data/ptc"  # where it lay beside the checkout, not this machine's path
    (out / "training.json").write_text(json.dumps(meta, indent=2) + "\n", encoding="utf-8")
    return meta


def add_arguments(parser: argparse.ArgumentParser) -> None:
    from .techniques import DATA

    parser.add_argument("--ptc", type=Path, default=default_ptc(), help="PTC folder (articles/, task2-TC.labels)")
    parser.add_argument("--out", type=Path, default=DATA, help="where to write the models (default: the package)")
    parser.add_argument("--seed", type=int, default=SEED)
    parser.add_argument("--oof-cache", type=Path, default=None,
                        help="pickle of the fold models' predictions to reuse or write (bench/framing.py --oof-cache)")


def run(args: argparse.Namespace, parser: argparse.ArgumentParser) -> int:
    if not (args.ptc / "task2-TC.labels").exists():
        parser.error(f"{args.ptc} does not hold the PTC corpus (task2-TC.labels)")
    meta = train(args.ptc, args.out, args.seed, log=lambda m: print(m, file=sys.stderr), oof_cache=args.oof_cache)
    print(json.dumps(meta, indent=2))
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="frontwire train-framing", description=__doc__.splitlines()[0])
    add_arguments(parser)
    return run(parser.parse_args(argv), parser)


if __name__ == "__main__":
    raise SystemExit(main())
