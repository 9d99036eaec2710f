"""Cross-outlet incidents on articles we wrote ourselves: does the linking hold beyond FA-KES?

    .venv/bin/python bench/incidents_own.py [--errors] [--only train|check]

Data (CC0-1.0, written by frontwire contributors for this bench, fictional outlets on the reserved
``.example`` domains; no text is copied from any article or data set):

- ``bench/data/own_incidents_train.jsonl``: articles whose false and missed links may be read
  (``--errors``) and whose candidate pairs ``bench/incidents.py --fit`` may learn from;
- ``bench/data/own_incidents_check.jsonl``: written by other writers from the same brief; only
  measured, never read for errors, never fitted on.

Each line is a JSON Lines article record as ``frontwire ingest`` reads it (``outlet``,
``published``, ``title``, ``text``) with two more keys: ``id`` and ``incident``, the gold (articles
that report one happening share it; null: a happening no other article of the file reports). The
writers were briefed with the rules of ../shared/data/incidents (same place, same day or one battle
episode, same kind of violence; a follow-up whose main subject is the attack is the same incident,
a piece that only mentions it is not; two strikes on one city on one day are two unless shown to be
one) and told to put in what makes linking hard: tolls, culprits, kinds and place precision that
differ between outlets, dates told as weekdays or "yesterday", publication one to three days late,
reactions as openings; and hard negatives: the same town on another day, the same day in another
town of the province, another kind of violence in the same town on the same day, a new attack that
recalls an earlier one, diplomacy weeks later that mentions one.

Each file is read by the registered JSON Lines reader, run through the full pipeline and saved into
a fresh SQLite store whose incidents extension links it as ingest would. Scored as
bench/incidents.py scores FA-KES (two articles are linked when their main events share an incident:
pairwise precision / recall / F1 over article pairs, B-cubed F1), beside (a) same day + admin1 +
event type and (c) every article alone.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "bench"))

from frontwire.ingest.jsonl import iter_jsonl  # noqa: E402
from frontwire.model import Article  # noqa: E402

DATA = ROOT / "bench" / "data"
SETS = {"train": DATA / "own_incidents_train.jsonl", "check": DATA / "own_incidents_check.jsonl"}
READABLE = {"train"}


def _incidents_bench():
    spec = importlib.util.spec_from_file_location("frontwire_bench_incidents", ROOT / "bench" / "incidents.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def load(path: Path) -> list[dict]:
    records = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    ids = [r["id"] for r in records]
    if len(set(ids)) != len(ids):
        raise ValueError(f"{path}: an id is used twice")
    return records


def analyse(path: Path, records: list[dict]) -> dict[str, Article]:
    """record id -> the Article the reader and the full pipeline make of it."""
    from frontwire.pipeline import Pipeline
    from frontwire.registry import DEFAULT_ORDER

    pipeline = Pipeline(components=list(DEFAULT_ORDER))
    read = list(iter_jsonl(path.read_text(encoding="utf-8"), str(path.name)))
    if len(read) != len(records):
        raise ValueError(f"{path}: the reader gave {len(read)} articles for {len(records)} records")
    out = {}
    for record, article in zip(records, read):
        if not isinstance(article, Article):
            raise ValueError(f"{path}: {record['id']}: {article}")
        article.id = f"own-{record['id']}"
        out[record["id"]] = pipeline(article)
    return out


def gold_clusters(records: list[dict]) -> dict[str, str]:
    return {r["id"]: r["incident"] or f"alone:{r['id']}" for r in records}


def score_set(name: str, errors: bool) -> None:
    bench = _incidents_bench()
    path = SETS[name]
    records = load(path)
    articles = analyse(path, records)
    gold = gold_clusters(records)
    ids = [r["id"] for r in records]
    with tempfile.TemporaryDirectory(prefix="frontwire-incidents-own-") as folder:
        store = bench.ingest(articles, f"sqlite:///{folder}/store.db")
        try:
            predicted = bench.main_event_incidents(store, articles)
            systems = {"frontwire": predicted, "(a) day+admin1+type": bench.phoenix_baseline(articles),
                       "(c) every article alone": bench.alone(articles)}
            incidents = sum(1 for g in set(gold.values()) if not g.startswith("alone:"))
            print(f"\nown_incidents_{name}: {len(ids)} articles, {incidents} incidents of two or more, "
                  f"{len(bench._pairs(gold, ids))} gold pairs" + ("" if name in READABLE else "  (never read)"))
            print(f"  {'system':<26} {'P':>6} {'R':>6} {'F1':>6} {'B3-F1':>6} {'pairs':>6}")
            for system, clusters in systems.items():
                s = bench.scores(clusters, gold, ids)
                print(f"  {system:<26} {s['precision']:>6.3f} {s['recall']:>6.3f} {s['f1']:>6.3f} "
                      f"{s['bcubed_f1']:>6.3f} {s['pairs']:>6}")
            if errors and name in READABLE:
                bench.print_errors(store, articles, predicted, gold, ids)
        finally:
            store.close()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--errors", action="store_true", help="print the train set's false and missed links")
    parser.add_argument("--only", choices=sorted(SETS))
    args = parser.parse_args()
    for name in SETS:
        if args.only and name != args.only:
            continue
        if not SETS[name].exists():
            print(f"missing {SETS[name]}", file=sys.stderr)
            return 2
        score_set(name, args.errors)
    print("\ngoals (issue 11, on FA-KES): pairwise F1 >= 0.80, B-cubed F1 >= 0.95")
    return 0


if __name__ == "__main__":
    sys.exit(main())
