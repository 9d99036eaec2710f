#!/usr/bin/env python3
"""Storing analysed articles: articles/s into SQLite (and PostgreSQL when given) against
analysis alone, and database size per 1,000 articles.

Data (``--corpus``): ``fakes`` (the default where ../shared is laid): the FA-KES dev texts
(../shared/data/fakes/fakes-dev.csv, one article per unit_id, outlet from its ``source`` column)
read through the JSON Lines reader, analysed once, stored once each; ``samples``: the bundled
samples, each analysed once and then stored ``--copies`` times under distinct ids (as distinct
articles). Either way the store figures are of the store (its extensions, near-duplicates and
incidents, included), not of the pipeline.

Figures:
- analyse articles/s: the full pipeline alone, one process;
- store articles/s: ``Store.save`` of already analysed articles (one transaction each), on SQLite
  with the rows alone, with near-duplicates, and with every extension (near-duplicates and
  incidents, as ``ingest`` runs);
- ingest articles/s: what ``frontwire ingest`` gets from both, 1 / (1/analyse + 1/store);
- store cost: the store's time per article as a share of the analysis' (the goal: under 10%);
- KiB per article and MB per 1,000: the database after the run (SQLite: file + WAL after a
  checkpoint; PostgreSQL: pg_database_size), raw inputs included.

Usage: .venv/bin/python bench/ingest.py [--corpus fakes|samples] [--copies N] [--pg postgresql+psycopg://...]
(--pg defaults to $FRONTWIRE_TEST_PG_URL; the database given is written to.)
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import json
import os
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from sqlalchemy import text  # noqa: E402

from frontwire.ingest.errors import InputError  # noqa: E402
from frontwire.ingest.readers import iter_articles  # noqa: E402
from frontwire.model import event_id  # noqa: E402
from frontwire.pipeline import Pipeline  # noqa: E402
from frontwire.store.repository import Store  # noqa: E402
from frontwire.ingest.raw import raw_input_of  # noqa: E402

SAMPLES = ROOT / "src" / "frontwire" / "data" / "samples"
FAKES = ROOT.parent / "shared" / "data" / "fakes" / "fakes-dev.csv"


def fakes_as_jsonl(directory: Path) -> Path:
    """The FA-KES dev texts as a JSON Lines feed, one record per unit_id (the CSV repeats a few)."""
    path = directory / "fakes-dev.jsonl"
    seen: set[str] = set()
    with FAKES.open(encoding="utf-8") as rows, path.open("w", encoding="utf-8") as out:
        for row in csv.DictReader(rows):
            if row["unit_id"] in seen:
                continue
            seen.add(row["unit_id"])
            out.write(json.dumps({"title": row["article_title"], "text": row["article_content"],
                                  "outlet": row["source"]}) + "\n")
    return path


def analysed(inputs: list[str]) -> tuple[list[tuple[object, str]], float]:
    pipeline = Pipeline()
    items = [item for item in iter_articles(inputs) if not isinstance(item, InputError)]
    raws = [raw_input_of(item) for item in items]
    pipeline(items[0].model_copy(deep=True))  # the first article pays for loading spaCy
    started = time.perf_counter()
    articles = [pipeline(item) for item in items]
    seconds = time.perf_counter() - started
    return list(zip(articles, raws)), len(articles) / seconds


def copy_of(article, n: int):
    copy = article.model_copy(deep=True)
    copy.id = hashlib.sha256(f"{article.id}/{n}".encode()).hexdigest()[:16]
    for event in copy.events:
        event.id = event_id(copy.id, event)
    return copy


def store_rate(store: Store, samples, copies: int) -> tuple[int, float]:
    # Copies made beforehand: the figure is of saving, not of pydantic's deep copy.
    batch = samples if copies == 1 else [(copy_of(article, n), raw) for n in range(copies) for article, raw in samples]
    started = time.perf_counter()
    results = Counter(store.save(article, raw_input=raw) for article, raw in batch)
    seconds = time.perf_counter() - started
    # FA-KES repeats a few records whole (same title, text and outlet): one article, stored once.
    assert set(results) <= {"new", "unchanged"}, results
    return results["new"], len(batch) / seconds


def sqlite_bytes(path: Path, store: Store) -> int:
    with store.engine.begin() as connection:
        connection.execute(text("PRAGMA wal_checkpoint(TRUNCATE)"))
    return sum(p.stat().st_size for p in path.parent.glob(path.name + "*"))


def postgresql_bytes(store: Store) -> int:
    with store.engine.connect() as connection:
        return connection.execute(text("SELECT pg_database_size(current_database())")).scalar_one()


def _empty(store: Store) -> None:
    """The --pg database as new: each configuration stores the same articles from scratch."""
    with store.engine.begin() as connection:
        connection.execute(text("TRUNCATE articles, outlets, incidents, incident_merges CASCADE"))


def report(name: str, stored: int, rate: float, analyse_rate: float, size: int) -> None:
    ingest_rate = 1 / (1 / analyse_rate + 1 / rate)
    print(f"{name:22s} store {rate:8.1f} articles/s   ingest {ingest_rate:6.2f} articles/s   "
          f"store cost {analyse_rate / rate:6.1%} of analysis   "
          f"{size / stored / 1024:6.1f} KiB/article   {size / stored * 1000 / 1e6:6.1f} MB per 1,000   ({stored} articles)")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", choices=("fakes", "samples"), default="fakes" if FAKES.exists() else "samples",
                        help="what to store (default: fakes where ../shared is laid, else samples)")
    parser.add_argument("--copies", type=int, default=20, help="samples only: times each is stored (default 20)")
    parser.add_argument("--pg", default=os.environ.get("FRONTWIRE_TEST_PG_URL"), help="a PostgreSQL database to write to")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        if args.corpus == "fakes":
            samples, analyse_rate = analysed([str(fakes_as_jsonl(Path(tmp)))])
            copies, what = 1, "FA-KES dev texts"
        else:
            samples, analyse_rate = analysed([str(SAMPLES)])
            copies, what = args.copies, "bundled samples"
    print(f"{'analyse':22s} {analyse_rate:8.2f} articles/s   ({len(samples)} {what}, full pipeline)")
    # The store alone, then with each extension in turn: what each costs on top of the rows.
    from frontwire.store.duplicates import NearDuplicates

    configurations = (("sqlite, rows only", []), ("sqlite, + duplicates", [NearDuplicates()]), ("sqlite", None))
    for name, extensions in configurations:
        with tempfile.TemporaryDirectory() as tmp:
            path = Path(tmp) / "bench.db"
            with Store(f"sqlite:///{path}", extensions=extensions) as store:
                stored, rate = store_rate(store, samples, copies)
                report(name, stored, rate, analyse_rate, sqlite_bytes(path, store))
    if args.pg:
        for name, extensions in (("postgresql, rows only", []), ("postgresql", None)):
            with Store(args.pg, extensions=extensions) as store:
                _empty(store)
                base = postgresql_bytes(store)
                stored, rate = store_rate(store, samples, copies)
                report(name, stored, rate, analyse_rate, postgresql_bytes(store) - base)
    else:
        print("postgresql: skipped (no --pg and no $FRONTWIRE_TEST_PG_URL)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
