"""Trains the framing models on PTC and writes them into the package (``frontwire train-framing``).

    python -m frontwire.framing.train --ptc ../shared/data/ptc [--out DIR] [--seed 13]

Writes ``span_tagger.npz`` (numpy arrays: vocabulary, weights, decoding
settings), ``technique_classifier.joblib`` (scikit-learn vectorizers and
logistic regression) and ``training.json`` (what data, seed, date, versions).
Only learned weights and feature vocabularies are written, never corpus text.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import sys
import time
from pathlib import Path

from .span_tagger import DenseSpec

SEED = 13
SPAN_C = 0.1
TECHNIQUE_C = 6.0
# word vectors (word_vectors.py) as dense features; dims 0 switches them off
SPAN_DENSE = DenseSpec(dims=32, window=1, sentence=True, scale=1.0)
TECHNIQUE_VECTOR_DIMS = 64
TECHNIQUE_VECTOR_WEIGHT = 1.0


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


def train(ptc: Path, out: Path, seed: int = SEED, log=print) -> dict:
    import joblib
    import sklearn

    from .corpus import corpus_fingerprint, load_ptc
    from .span_tagger import SpanTagger
    from .technique_classifier import TechniqueClassifier
    from .text_units import split_units

    articles = load_ptc(ptc)
    out.mkdir(parents=True, exist_ok=True)
    t0 = time.perf_counter()
    tagger = SpanTagger.fit([split_units(a.text) for a in articles], [a.spans for a in articles], C=SPAN_C, seed=seed,
                            dense=SPAN_DENSE)
    tagger.save(out / "span_tagger.npz")
    log(f"span tagger: {len(tagger.features.vocab)} words, {tagger.features.n_features} features, "
        f"{time.perf_counter() - t0:.0f}s")
    t0 = time.perf_counter()
    items, labels = technique_examples(articles)
    classifier = TechniqueClassifier(seed=seed, C=TECHNIQUE_C, vector_dims=TECHNIQUE_VECTOR_DIMS,
                                     vector_weight=TECHNIQUE_VECTOR_WEIGHT).fit(items, labels)
    joblib.dump(classifier, out / "technique_classifier.joblib", compress=3)
    log(f"technique classifier: {len(items)} spans, {time.perf_counter() - t0:.0f}s")
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


def run(args: argparse.Namespace, parser: argparse.ArgumentParser) -> int:
    if not (args.ptc / "task2-TC.labels").exists():
        parser.error(f"{args.ptc} does not hold the PTC corpus (task2-TC.labels)")
    meta = train(args.ptc, args.out, args.seed, log=lambda m: print(m, file=sys.stderr))
    print(json.dumps(meta, indent=2))
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="frontwire train-framing", description=__doc__.splitlines()[0])
    add_arguments(parser)
    return run(parser.parse_args(argv), parser)


if __name__ == "__main__":
    raise SystemExit(main())
