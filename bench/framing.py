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
sys.path.insert(0, str(ROOT / "bench"))

from frontwire.framing import lexicon  # noqa: E402
from frontwire.framing.corpus import load_ptc  # noqa: E402
from frontwire.framing.scoring import span_prf, technique_micro_f1  # noqa: E402
from frontwire.framing.corpus import TECHNIQUES  # noqa: E402
from frontwire.framing.span_tagger import DenseSpec, SpanTagger, decode  # noqa: E402
from frontwire.framing.techniques import model_spans  # noqa: E402
from frontwire.framing.text_units import split_units  # noqa: E402
from frontwire.framing.train import (SEED, SPAN_DENSE, TECHNIQUE_VECTOR_DIMS, TECHNIQUE_VECTOR_WEIGHT,  # noqa: E402
                                     judge, load_or_compute_oof, right_answers, second_stage)
from split import by_part  # noqa: E402

SHARED = ROOT.parent / "shared"
MAX_GAP = SpanTagger.MAX_GAP
EXAMPLE = SHARED / "examples" / "fna-aleppo-2016-09-25.txt"


def fmt(r: dict) -> str:
    return f"P={r['precision']:.4f} R={r['recall']:.4f} F1={r['f1']:.4f} (pred {r['predicted']}, gold {r['gold']})"


def _parts(articles) -> dict[str, set]:
    """Article ids of each part of bench/split.py, untouched first (the headline), then all."""
    parts = {part: {a.id for a in group} for part, group in by_part(articles, key=lambda a: a.id).items()}
    parts["all"] = {a.id for a in articles}
    return parts


def _only(by_article: dict, ids: set) -> dict:
    return {k: v for k, v in by_article.items() if k in ids}


def reliability(scores: np.ndarray, right: np.ndarray, bins: int = 10) -> list[str]:
    """Score bins: count, mean score, share right."""
    lines = ["  score bin    count  mean score  precision"]
    for b in range(bins):
        lo, hi = b / bins, (b + 1) / bins
        inside = (scores >= lo) & ((scores < hi) if b < bins - 1 else (scores <= hi))
        if inside.any():
            lines.append(f"  [{lo:.1f}, {hi:.1f}{')' if b < bins - 1 else ']'}  {int(inside.sum()):6d}  "
                         f"{scores[inside].mean():10.3f}  {right[inside].mean():9.3f}")
        else:
            lines.append(f"  [{lo:.1f}, {hi:.1f}{')' if b < bins - 1 else ']'}  {0:6d}")
    return lines


def cross_validate(articles, folds: int, seed: int, dense: DenseSpec, tc_dims: int, tc_weight: float,
                   only: str | None = None, oof_cache: Path | None = None) -> None:
    """Each fold is predicted by a tagger and a classifier fitted on the other folds' articles, and
    judged by a second stage (candidate threshold, filter, calibration, display threshold) fitted on
    the other folds' out-of-fold predictions alone (``second_stage``); figures for each part of
    bench/split.py."""
    units = [split_units(a.text) for a in articles]
    oof = load_or_compute_oof(oof_cache, articles, units, log=lambda m: print(m, flush=True), folds=folds,
                              seed=seed, dense=dense, technique_dims=tc_dims, technique_weight=tc_weight)
    parts = _parts(articles)
    gold_spans = {a.id: a.spans for a in articles}
    pred_alone, pred_model, pred_shown, pred_lex = {}, {}, {}, {}
    scored: dict[str, list] = {}  # article id -> [(score, right, shown)] of its kept model spans
    tc_gold, tc_ranked = defaultdict(list), defaultdict(list)
    chosen = []
    classes = np.array(TECHNIQUES)
    for f in range(folds):
        t0 = time.perf_counter()
        test = [i for i in range(len(articles)) if oof.fold[i] == f]
        stage = second_stage(articles, units, oof, [i for i in range(len(articles)) if oof.fold[i] != f])
        chosen.append(stage["chosen"])
        fold_model, fold_tc_gold, fold_ranked = {}, [], []
        for i in test:
            a = articles[i]
            pred_alone[a.id] = [(s, e) for s, e, _ in decode(units[i], oof.probs[i],
                                                            stage["chosen"]["tagger_alone_threshold"], MAX_GAP)]
            found = judge(*oof.proposed[stage["threshold"]][i], stage["span_filter"], stage["calibration"])
            fold_model[a.id] = [(s, e) for s, e, *_ in found]
            pred_shown[a.id] = [(s, e) for s, e, _, score, _ in found if score >= stage["shown_from"]]
            pred_lex[a.id] = fold_model[a.id] + [(s, e) for s, e, _ in lexicon.lexicon_spans(a.text)]
            rights = right_answers(a, [(s, e, t) for s, e, t, *_ in found])
            scored[a.id] = [(score, bool(r), score >= stage["shown_from"]) for (_, _, _, score, _), r in zip(found, rights)]
            by_span = defaultdict(list)
            for tech, s, e in a.techniques:
                by_span[(s, e)].append(tech)
            spans, proba = oof.gold_technique_proba[i]
            for (s, e), p in zip(spans, proba):
                ranked = list(classes[np.argsort(-p, kind="stable")])
                tc_gold[a.id].append(by_span[(s, e)])
                tc_ranked[a.id].append(ranked)
                fold_tc_gold.append(by_span[(s, e)])
                fold_ranked.append(ranked)
        pred_model.update(fold_model)
        fold_gold = {articles[i].id: articles[i].spans for i in test}
        print(f"fold {f + 1}/{folds}: {len(test)} test articles | SI {fmt(span_prf(fold_model, fold_gold))} "
              f"| TC micro-F1={technique_micro_f1(fold_tc_gold, fold_ranked)['micro_f1']:.4f} "
              f"({time.perf_counter() - t0:.0f}s)", flush=True)
    print()
    print(f"== {folds}-fold CV over {len(articles)} PTC articles (seed {seed}); parts of bench/split.py ==")
    print(f"design: tagger word vectors {vars(dense)}; classifier word vectors dims {tc_dims} weight {tc_weight}")
    print("chosen per fold on the other folds' predictions: " + "; ".join(
        f"candidates >= {c['candidate_threshold']} keep >= {c['keep']} shown >= {c['shown_from'] if c['shown_from'] is not None else 'none'} "
        f"(tagger alone >= {c['tagger_alone_threshold']})" for c in chosen))
    for part, ids in parts.items():
        print(f"-- {part} ({len(ids)} articles) --")
        gold = _only(gold_spans, ids)
        if only != "tc":
            print(f"SI span F1, tagger alone (before)  : {fmt(span_prf(_only(pred_alone, ids), gold))}")
            print(f"SI span F1, tagger + filter        : {fmt(span_prf(_only(pred_model, ids), gold))}   goal >= 0.52")
            print(f"SI span F1, + lexicon              : {fmt(span_prf(_only(pred_lex, ids), gold))}")
            print(f"SI span F1, shown by default only  : {fmt(span_prf(_only(pred_shown, ids), gold))}")
            rows = [r for k in sorted(ids) for r in scored.get(k, [])]
            if rows:
                scores = np.array([r[0] for r in rows])
                right = np.array([r[1] for r in rows], float)
                shown = np.array([r[2] for r in rows])
                print(f"model spans {len(rows)}, right {right.mean():.3f}; shown by default {int(shown.sum())}, right "
                      f"{right[shown].mean() if shown.any() else float('nan'):.3f} (goal >= 0.60); right = at least "
                      f"half of the span inside gold fragments of its technique")
                print("\n".join(reliability(scores, right)))
        if only != "si":
            g = [x for k in sorted(ids) for x in tc_gold.get(k, [])]
            r = [x for k in sorted(ids) for x in tc_ranked.get(k, [])]
            tc = technique_micro_f1(g, r)
            print(f"TC micro-F1 on gold spans          : {tc['micro_f1']:.4f} over {tc['spans']} spans   goal >= 0.63")
            if part == "all":
                print("TC recall per technique            : " +
                      ", ".join(f"{k} {v:.2f}" for k, v in tc["per_label_recall"].items()))
    lexicon_on_ptc(articles)


def score_shipped(articles) -> dict:
    """SI span F1 and TC micro-F1 of the shipped models on ``articles``, no training."""
    from frontwire.framing.techniques import detect, load_models

    models = load_models()
    classes = np.array(models.classifier.classes)
    gold_spans = {a.id: a.spans for a in articles}
    pred_shipped, pred_model = {}, {}
    tc_gold, tc_ranked = [], []
    for a in articles:
        found = detect(a.text, models)
        pred_shipped[a.id] = [(f.start, f.end) for f in found]
        pred_model[a.id] = [(s, e) for s, e, _, _ in model_spans(a.text, models)]
        by_span = defaultdict(list)
        for tech, s, e in a.techniques:
            by_span[(s, e)].append(tech)
        if not by_span:
            continue
        proba = models.classifier.predict_proba([(a.text, s, e) for s, e in by_span])
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
    models = load_models()
    print(f"\n== speed (shipped models, this machine, 1 process) ==\nmodel load: {(time.perf_counter() - t0) * 1000:.0f} ms")
    if EXAMPLE.exists():
        from frontwire.pipeline import Pipeline
        from frontwire.ingest.readers import iter_articles

        article = Pipeline(components=["clean"], strict=True)(next(iter(iter_articles([str(EXAMPLE)]))))
        text = article.text
        detect(text, models)
        n = 200
        t0 = time.perf_counter()
        for _ in range(n):
            spans = detect(text, models)
        per = (time.perf_counter() - t0) / n * 1000
        print(f"example article ({len(text)} chars, {len(spans)} spans): {per:.2f} ms/article")
        pipeline_share(article)
    sample = articles[:100]
    t0 = time.perf_counter()
    n_spans = sum(len(detect(a.text, models)) for a in sample)
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
    parser.add_argument("--oof-cache", type=Path, default=None,
                        help="pickle of the fold models' predictions: reused when it matches the design, else "
                             "written (shared with `frontwire train-framing --oof-cache`; never commit it)")
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
        cross_validate(articles, args.folds, args.seed, dense, args.tc_dims, args.tc_weight, args.only,
                       args.oof_cache)
    else:
        lexicon_on_ptc(articles)
    if not args.skip_speed:
        timing(articles)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
