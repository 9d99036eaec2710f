"""Pipeline throughput: articles per second, and each component's share of the time.

    .venv/bin/python bench/speed.py                  # bundled samples + real articles from ../shared
    .venv/bin/python bench/speed.py --limit 200 --disable framing

Models and tables are loaded before the clock starts (they load once per process).
Besides the pipeline, spaCy's small model alone is timed on the same texts, as the
yardstick the pipeline has to beat (the goal is 60+ articles/s on two cores).
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from frontwire.ingest.errors import InputError  # noqa: E402
from frontwire.ingest.readers import iter_articles  # noqa: E402
from frontwire.nlp import get_nlp  # noqa: E402
from frontwire.pipeline import Pipeline  # noqa: E402

SHARED = ROOT.parent / "shared"


def corpus(limit: int) -> list:
    specs = [str(ROOT / "src" / "frontwire" / "data" / "samples")]
    example = SHARED / "examples" / "fna-aleppo-2016-09-25.txt"
    if example.exists():
        specs.append(str(example))
    ptc = SHARED / "data" / "ptc" / "articles"
    if ptc.exists():
        specs += [str(p) for p in sorted(ptc.glob("article*.txt"))]
    articles = [a for a in iter_articles(specs) if not isinstance(a, InputError)]
    return articles[:limit]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--limit", type=int, default=150, help="number of articles (default 150)")
    parser.add_argument("--disable", default="", help="components to switch off, comma-separated")
    args = parser.parse_args(argv)

    raw = corpus(args.limit)
    chars = sum(len(a.text) for a in raw)
    print(f"{len(raw)} articles, {chars / max(len(raw), 1):.0f} characters on average")

    pipeline = Pipeline(disable=[d for d in args.disable.split(",") if d])
    pipeline(raw[0].model_copy(deep=True))  # warm: every table and model loaded
    pipeline.timings.clear()

    started = time.perf_counter()
    for article in raw:
        pipeline(article.model_copy(deep=True))
    elapsed = time.perf_counter() - started
    rate = len(raw) / elapsed

    nlp = get_nlp()
    texts = [a.text for a in raw]
    started = time.perf_counter()
    for _ in nlp.pipe(texts):
        pass
    spacy_rate = len(raw) / (time.perf_counter() - started)

    print(f"frontwire pipeline ({','.join(pipeline.names)}): {rate:.1f} articles/s")
    print(f"spaCy en_core_web_sm alone (nlp.pipe, all pipes):  {spacy_rate:.1f} articles/s")
    total = sum(pipeline.timings.values())
    print("share of pipeline time:")
    for name, seconds in sorted(pipeline.timings.items(), key=lambda kv: -kv[1]):
        print(f"  {name:<10} {seconds / len(raw) * 1000:8.2f} ms/article  {seconds / total:6.1%}")
    print(json.dumps({"articles_per_s": round(rate, 2), "spacy_articles_per_s": round(spacy_rate, 2),
                      "shares": {k: round(v / total, 4) for k, v in pipeline.timings.items()}}))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
