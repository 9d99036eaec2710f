"""Framing benchmark: SemEval-2020 Task 11 metrics by cross-validation over PTC articles, and speed.

    .venv/bin/python bench/framing.py [--ptc ../shared/data/ptc] [--folds 5] [--seed 13] [--skip-cv]
        [--only si|tc] [--skip-speed] [--si-dims D --si-window W --si-sentence 0|1 --si-scale S]
        [--tc-dims D --tc-weight W]
    .venv/bin/python bench/framing.py --shipped [--limit N]

The word-vector options default to the shipped design (``frontwire.framing.train``);
they exist to compare variants on the same folds.

Span identification (SI): the official formula with partial-overlap credit
(see frontwire.framing.scoring), gold and predicted spans merged per article.
Technique classification (TC): micro-F1 given the gold spans.  Each fold's
models are trained on the other folds' articles only.  SI is reported for the
model alone and with the curated label lexicon on top, so its effect on PTC
shows.  Speed: the shipped models' time per article on the example article and
on PTC articles, and the framing share of the default pipeline's time.

``--shipped`` trains nothing: it scores the shipped models as the framing
component runs them (SI with and without the lexicon, TC on the gold spans).
The shipped models were trained on these same PTC articles, so these figures
are a regression check of the models and their code (what bench/gate.py pins),
not a measure of how they generalise.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import defaultdict
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from frontwire.framing import lexicon  # noqa: E402
from frontwire.framing.corpus import load_ptc  # noqa: E402
from frontwire.framing.scoring import span_prf, technique_micro_f1  # noqa: E402
from frontwire.framing.span_tagger import DenseSpec, SpanTagger  # noqa: E402
from frontwire.framing.technique_classifier import TechniqueClassifier  # noqa: E402
from frontwire.framing.text_units import split_units  # noqa: E402
from frontwire.framing.train import (SEED, SPAN_C, SPAN_DENSE, TECHNIQUE_C, TECHNIQUE_VECTOR_DIMS,  # noqa: E402
                                     TECHNIQUE_VECTOR_WEIGHT, technique_examples)

SHARED = ROOT.parent / "shared"
EXAMPLE = SHARED / "examples" / "fna-aleppo-2016-09-25.txt"


def fmt(r: dict) -> str:
    return f"P={r['precision']:.4f} R={r['recall']:.4f} F1={r['f1']:.4f} (pred {r['predicted']}, gold {r['gold']})"


def cross_validate(articles, folds: int, seed: int, dense: DenseSpec, tc_dims: int, tc_weight: float,
                   only: str | None = None) -> None:
    fold_of = np.random.RandomState(seed).permutation(len(articles)) % folds
    units = [split_units(a.text) for a in articles]
    gold_spans = {a.id: a.spans for a in articles}
    pred_model, pred_lex = {}, {}
    tc_gold, tc_ranked = [], []
    for f in range(folds):
        train = [i for i in range(len(articles)) if fold_of[i] != f]
        test = [i for i in range(len(articles)) if fold_of[i] == f]
        t0 = time.perf_counter()
        fold_model, fold_lex = {}, {}
        if only != "tc":
            tagger = SpanTagger.fit([units[i] for i in train], [articles[i].spans for i in train], C=SPAN_C,
                                    seed=seed, dense=dense)
            for i in test:
                spans = [(s, e) for s, e, _ in tagger.spans(units[i])]
                fold_model[articles[i].id] = spans
                fold_lex[articles[i].id] = spans + [(s, e) for s, e, _ in lexicon.lexicon_spans(articles[i].text)]
        pred_model.update(fold_model)
        pred_lex.update(fold_lex)
        fold_gold = {articles[i].id: articles[i].spans for i in test}
        if only == "si":
            print(f"fold {f + 1}/{folds}: {len(test)} test articles | SI {fmt(span_prf(fold_model, fold_gold))} "
                  f"(threshold {tagger.threshold}, {time.perf_counter() - t0:.0f}s)", flush=True)
            continue
        items, labels = technique_examples([articles[i] for i in train])
        clf = TechniqueClassifier(seed=seed, C=TECHNIQUE_C, vector_dims=tc_dims,
                                  vector_weight=tc_weight).fit(items, labels)
        test_items, fold_tc_gold = [], []
        for i in test:
            by_span = defaultdict(list)
            for tech, s, e in articles[i].techniques:
                by_span[(s, e)].append(tech)
            for (s, e), techs in by_span.items():
                test_items.append((articles[i].text, s, e))
                fold_tc_gold.append(techs)
        classes = np.array(clf.classes)
        ranked = [list(classes[np.argsort(-p, kind="stable")]) for p in clf.predict_proba(test_items)]
        tc_gold += fold_tc_gold
        tc_ranked += ranked
        print(f"fold {f + 1}/{folds}: {len(test)} test articles | SI {fmt(span_prf(fold_model, fold_gold))} | "
              f"TC micro-F1={technique_micro_f1(fold_tc_gold, ranked)['micro_f1']:.4f} "
              f"({time.perf_counter() - t0:.0f}s)", flush=True)
    print()
    print(f"== {folds}-fold CV over {len(articles)} PTC articles (seed {seed}) ==")
    print(f"design: tagger word vectors {vars(dense)}; classifier word vectors dims {tc_dims} weight {tc_weight}")
    if only != "tc":
        print(f"SI span F1, model only      : {fmt(span_prf(pred_model, gold_spans))}   goal >= 0.50")
        print(f"SI span F1, model + lexicon : {fmt(span_prf(pred_lex, gold_spans))}")
    if only != "si":
        tc = technique_micro_f1(tc_gold, tc_ranked)
        print(f"TC micro-F1 on gold spans   : {tc['micro_f1']:.4f} over {tc['spans']} spans   goal >= 0.62")
        print("TC recall per technique     : " + ", ".join(f"{k} {v:.2f}" for k, v in tc["per_label_recall"].items()))
    lexicon_on_ptc(articles)


def score_shipped(articles) -> dict:
    """SI span F1 and TC micro-F1 of the shipped models on ``articles``, no training."""
    from frontwire.framing.techniques import detect, load_models

    tagger, clf = load_models()
    classes = np.array(clf.classes)
    gold_spans = {a.id: a.spans for a in articles}
    pred_shipped, pred_model = {}, {}
    tc_gold, tc_ranked = [], []
    for a in articles:
        found = detect(a.text, tagger, clf)
        pred_shipped[a.id] = [(f.start, f.end) for f in found]
        pred_model[a.id] = [(s, e) for s, e, _ in tagger.spans(split_units(a.text))]
        by_span = defaultdict(list)
        for tech, s, e in a.techniques:
            by_span[(s, e)].append(tech)
        if not by_span:
            continue
        proba = clf.predict_proba([(a.text, s, e) for s, e in by_span])
        tc_gold += list(by_span.values())
        tc_ranked += [list(classes[np.argsort(-p, kind="stable")]) for p in proba]
    shipped, model = span_prf(pred_shipped, gold_spans), span_prf(pred_model, gold_spans)
    tc = technique_micro_f1(tc_gold, tc_ranked)
    return {"si_f1": shipped["f1"], "si_precision": shipped["precision"], "si_recall": shipped["recall"],
            "si_f1_model_only": model["f1"], "tc_micro_f1": tc["micro_f1"], "tc_spans": tc["spans"],
            "articles": len(articles)}


def lexicon_on_ptc(articles) -> None:
    """How often each lexicon table fires on PTC, and how often a gold span of its technique agrees."""
    for technique in (lexicon.LABELING, lexicon.LOADED):
        hits = inside = same = 0
        for a in articles:
            for s, e, t in lexicon.lexicon_spans(a.text):
                if t != technique:
                    continue
                hits += 1
                inside += any(s < ge and e > gs for gs, ge in a.spans)
                same += any(t == gt and s < ge and e > gs for gt, gs, ge in a.techniques)
        print(f"lexicon {technique:<22}: {hits} hits on PTC, {inside} overlap a gold span, {same} a gold {technique} span")


def timing(articles) -> None:
    from frontwire.framing.techniques import detect, load_models

    t0 = time.perf_counter()
    tagger, clf = load_models()
    print(f"\n== speed (shipped models, this machine, 1 process) ==\nmodel load: {(time.perf_counter() - t0) * 1000:.0f} ms")
    if EXAMPLE.exists():
        from frontwire.pipeline import Pipeline
        from frontwire.ingest.readers import iter_articles

        article = Pipeline(components=["clean"], strict=True)(next(iter(iter_articles([str(EXAMPLE)]))))
        text = article.text
        detect(text, tagger, clf)
        n = 200
        t0 = time.perf_counter()
        for _ in range(n):
            spans = detect(text, tagger, clf)
        per = (time.perf_counter() - t0) / n * 1000
        print(f"example article ({len(text)} chars, {len(spans)} spans): {per:.2f} ms/article")
        pipeline_share(article)
    sample = articles[:100]
    t0 = time.perf_counter()
    n_spans = sum(len(detect(a.text, tagger, clf)) for a in sample)
    per = (time.perf_counter() - t0) / len(sample) * 1000
    chars = sum(len(a.text) for a in sample) / len(sample)
    print(f"PTC articles (first {len(sample)}, mean {chars:.0f} chars, {n_spans / len(sample):.1f} spans each): {per:.2f} ms/article")


def pipeline_share(cleaned) -> None:
    """Time of each component of the default pipeline on the example, framing's share of the total."""
    from frontwire.pipeline import Pipeline, Work

    try:
        pipe = Pipeline()
    except Exception as exc:  # other layers may still be under construction
        print(f"default pipeline unavailable: {type(exc).__name__}: {exc}")
        return
    from frontwire.ingest.readers import iter_articles

    raw = next(iter(iter_articles([str(EXAMPLE)])))
    totals: dict[str, float] = defaultdict(float)
    rounds = 20
    for _ in range(rounds):
        work = Work(raw.model_copy(deep=True), pipe)
        # run as Pipeline.__call__ runs each component (as itself, so it may offer and read what it
        # declares), but timed with the parse inside the component that first asks for it
        for spec, comp in zip(pipe.specs, pipe.components):
            t0 = time.perf_counter()
            try:
                with work.acting_as(spec):
                    comp(work)
            except Exception:
                pass
            totals[spec.name] += time.perf_counter() - t0
    total = sum(totals.values())
    parts = ", ".join(f"{k} {v / rounds * 1000:.1f}" for k, v in totals.items())
    print(f"default pipeline on the example, ms/article: {parts}; total {total / rounds * 1000:.1f} ms; "
          f"framing share {totals.get('framing', 0) / total:.1%}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--ptc", type=Path, default=SHARED / "data" / "ptc")
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--seed", type=int, default=SEED)
    parser.add_argument("--skip-cv", action="store_true", help="speed only")
    parser.add_argument("--skip-speed", action="store_true", help="cross-validation only")
    parser.add_argument("--only", choices=("si", "tc"), help="cross-validate one task only")
    parser.add_argument("--si-dims", type=int, default=SPAN_DENSE.dims, help="tagger word-vector dims (0: none)")
    parser.add_argument("--si-window", type=int, default=SPAN_DENSE.window)
    parser.add_argument("--si-sentence", type=int, default=int(SPAN_DENSE.sentence))
    parser.add_argument("--si-scale", type=float, default=SPAN_DENSE.scale)
    parser.add_argument("--tc-dims", type=int, default=TECHNIQUE_VECTOR_DIMS, help="classifier word-vector dims (0: none)")
    parser.add_argument("--tc-weight", type=float, default=TECHNIQUE_VECTOR_WEIGHT)
    parser.add_argument("--shipped", action="store_true",
                        help="score the shipped models on the PTC articles (no training, no speed), then stop")
    parser.add_argument("--limit", type=int, default=0, help="with --shipped: the first N articles (sorted by id)")
    args = parser.parse_args()
    articles = load_ptc(args.ptc)
    if args.shipped:
        figures = score_shipped(articles[: args.limit or None])
        print(f"shipped models on {figures['articles']} PTC articles they were trained on (no training):")
        print(f"SI span F1 as shipped (model + lexicon): {figures['si_f1']:.4f} "
              f"(P={figures['si_precision']:.4f} R={figures['si_recall']:.4f}); model only {figures['si_f1_model_only']:.4f}")
        print(f"TC micro-F1 on gold spans: {figures['tc_micro_f1']:.4f} over {figures['tc_spans']} spans")
        return 0
    if not args.skip_cv:
        dense = DenseSpec(args.si_dims, args.si_window, bool(args.si_sentence), args.si_scale)
        cross_validate(articles, args.folds, args.seed, dense, args.tc_dims, args.tc_weight, args.only)
    else:
        lexicon_on_ptc(articles)
    if not args.skip_speed:
        timing(articles)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
