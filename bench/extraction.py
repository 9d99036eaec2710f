#!/usr/bin/env python3
"""Article-body extraction: frontwire (reader + clean) against plain trafilatura.

Data: ../shared/data/extraction (html/<id>.html.gz, ground-truth.json with the
gold ``articleBody``), the development part of the Zyte article-extraction
benchmark. Both systems run in the same process on the same pages.

Figures:
- token P/R/F1: lowercased ``\\w+`` tokens, multiset overlap per page, then the
  mean over pages (F1 per page, averaged): the figure quoted for trafilatura;
- shingle P/R/F1: the benchmark's own evaluate.py metric (4-token shingles,
  each page's tp/fp/fn normalised, P and R averaged, F1 of the averages);
- pages/s: wall time of the whole extraction, one process, one core.

Usage: .venv/bin/python bench/extraction.py [--data DIR] [--limit N] [--worst K]
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import statistics
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

_TOKEN = re.compile(r"\w+")


def tokens(text: str | None) -> list[str]:
    return [t.lower() for t in _TOKEN.findall(text or "")]


def token_prf(gold: str, pred: str | None) -> tuple[float, float, float]:
    g, p = Counter(tokens(gold)), Counter(tokens(pred))
    tp = sum((g & p).values())
    precision = tp / sum(p.values()) if p else 0.0
    recall = tp / sum(g.values()) if g else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def _shingles(text: str | None, n: int = 4) -> Counter:
    toks = _TOKEN.findall(text or "")
    return Counter(tuple(toks[i:i + n]) for i in range(max(1, len(toks) - n + 1)) if toks[i:i + n])


def shingle_counts(gold: str, pred: str | None) -> tuple[float, float, float]:
    g, p = _shingles(gold), _shingles(pred)
    tp = sum((g & p).values())
    fp, fn = sum(p.values()) - tp, sum(g.values()) - tp
    total = tp + fp + fn
    return (tp / total, fp / total, fn / total) if total else (0.0, 0.0, 0.0)


def shingle_prf(counts: list[tuple[float, float, float]]) -> tuple[float, float, float]:
    def prec(tp, fp, fn):
        return 1.0 if fp == fn == 0 else (0.0 if tp == fp == 0 else tp / (tp + fp))

    def rec(tp, fp, fn):
        return 1.0 if fp == fn == 0 else (0.0 if tp == fn == 0 else tp / (tp + fn))

    p = statistics.mean(prec(*c) for c in counts if c[0] + c[1] > 0)
    r = statistics.mean(rec(*c) for c in counts if c[0] + c[2] > 0)
    return p, r, 2 * p * r / (p + r)


def figures(gold: dict, preds: dict) -> dict:
    """Token and shingle P/R/F1 of ``preds`` against ``gold`` (both {page id: text})."""
    per_page = [token_prf(gold[k], preds.get(k)) for k in gold]
    p, r, f1 = (statistics.mean(x[i] for x in per_page) for i in range(3))
    sp, sr, sf = shingle_prf([shingle_counts(gold[k], preds.get(k)) for k in gold])
    return {"token_precision": p, "token_recall": r, "token_f1": f1,
            "shingle_precision": sp, "shingle_recall": sr, "shingle_f1": sf,
            "per_page": dict(zip(gold, (x[2] for x in per_page)))}


def report(name: str, gold: dict, preds: dict, seconds: float) -> dict:
    fig = figures(gold, preds)
    rate = len(gold) / seconds if seconds else float("inf")
    print(f"{name:<24} token P={fig['token_precision']:.3f} R={fig['token_recall']:.3f} F1={fig['token_f1']:.3f}   "
          f"shingle P={fig['shingle_precision']:.3f} R={fig['shingle_recall']:.3f} F1={fig['shingle_f1']:.3f}   "
          f"{rate:6.1f} pages/s")
    return {"f1": fig["token_f1"], "per_page": fig["per_page"]}


def load_truth(data: Path) -> dict:
    return json.loads((data / "ground-truth.json").read_text(encoding="utf-8"))


def page_path(data: Path, page_id: str) -> Path:
    return data / "html" / f"{page_id}.html.gz"


def extract_with_frontwire(clean, data: Path, truth: dict, ids: list[str]):
    """frontwire's reader + ``clean`` on each page: (texts by id, methods, removal kinds, failures)."""
    from frontwire.ingest.errors import InputError
    from frontwire.ingest.readers import iter_articles

    ours, methods, removed, failed = {}, Counter(), Counter(), []
    for k in ids:
        for item in iter_articles([str(page_path(data, k))], url=truth[k].get("url")):
            if isinstance(item, InputError):
                failed.append(f"{k[:12]}: {item.reason}")
                continue
            article = clean(item)
            ours[k] = article.text
            methods[article.extraction.method] += 1
            removed.update(r.kind for r in article.removed)
    return ours, methods, removed, failed


def evaluate(clean, data: Path, ids: list[str]) -> dict:
    """frontwire's figures on the pages ``ids`` (no trafilatura, no timing): what bench/gate.py pins."""
    truth = load_truth(data)
    gold = {k: truth[k].get("articleBody", "") for k in ids}
    ours, _, _, failed = extract_with_frontwire(clean, data, truth, ids)
    fig = figures(gold, ours)
    del fig["per_page"]
    return {**fig, "pages": len(ids), "failed": len(failed)}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data" / "extraction")
    parser.add_argument("--limit", type=int, default=0, help="only the first N pages (sorted by id)")
    parser.add_argument("--worst", type=int, default=0, help="list the K pages where frontwire trails trafilatura most")
    args = parser.parse_args()
    truth_path = args.data / "ground-truth.json"
    if not truth_path.exists():
        print(f"no benchmark data at {args.data}", file=sys.stderr)
        return 2
    truth = load_truth(args.data)
    ids = sorted(truth)[: args.limit or None]
    gold = {k: truth[k].get("articleBody", "") for k in ids}
    paths = {k: page_path(args.data, k) for k in ids}
    pages = {k: gzip.decompress(paths[k].read_bytes()) for k in ids}

    import trafilatura

    from frontwire.ingest.errors import InputError
    from frontwire.ingest.readers import iter_articles
    from frontwire.pipeline import Pipeline

    # Warm both up outside the timed loops (imports, lazily built tables).
    trafilatura.extract(pages[ids[0]].decode("utf-8", "replace"))
    clean = Pipeline(components=["clean"])
    for item in iter_articles([str(paths[ids[0]])]):
        if not isinstance(item, InputError):
            clean(item)

    start = time.perf_counter()
    baseline = {k: trafilatura.extract(pages[k].decode("utf-8", "replace")) for k in ids}
    baseline_s = time.perf_counter() - start

    start = time.perf_counter()
    ours, methods, removed, failed = extract_with_frontwire(clean, args.data, truth, ids)
    ours_s = time.perf_counter() - start

    print(f"{len(ids)} pages from {args.data}")
    base = report("trafilatura.extract", gold, baseline, baseline_s)
    mine = report("frontwire reader+clean", gold, ours, ours_s)
    print(f"methods: {dict(methods)}")
    print(f"removed by cleaning: {dict(removed)}")
    if failed:
        print(f"failed: {failed}")
    if args.worst:
        diffs = sorted(ids, key=lambda k: mine["per_page"][k] - base["per_page"][k])[: args.worst]
        for k in diffs:
            print(f"  {k[:16]} frontwire {mine['per_page'][k]:.3f} trafilatura {base['per_page'][k]:.3f}  {truth[k].get('url')}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
