"""frontwire's event types on sentences we wrote ourselves: the generalisation check of issue 14.

    .venv/bin/python bench/events_own.py [--errors] [--only check|train] [--lower]

Data (CC0-1.0, written by frontwire contributors from the ACLED codebook's definitions of
the 25 sub-event types, before frontwire was run on them; no text is copied from any
article or data set):

- ``bench/data/own_events_check.jsonl``: the check set. It is only measured, never read for
  errors and never tuned to; ``--errors`` never prints it.
- ``bench/data/own_events_train.jsonl``: a separate set written the same way, which rules and
  any learned classifier may be developed against (``--errors`` prints its misses).

Each record: ``{id, text, sub_event_type, theatre, style}``; ``sub_event_type`` is ACLED's
name exactly as in ``frontwire.events.taxonomy.SUB_EVENT_TYPES``, or null for a text that is
no ACLED event (disasters, crime, diplomacy), for which "no event" is the right answer.

Each snippet runs through the same components as bench/events_case.py (its ``predict``), and
the type of ``events[0]`` is scored. Lines printed per set:
- "25 ACLED types": weighted / macro F1 and accuracy on the snippets that are an event (no
  event found counts as wrong), as events_case.py's goal line;
- "with non-events": the same with "no event" as one more class;
- accuracy per theatre and per style (all snippets).

``--lower`` runs the same sets lower-cased, as some archives store them: the trigger lexicon
must not depend on capital letters.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))

from events_case import COMPONENTS, NONE, predict, scores  # noqa: E402

from frontwire.events.taxonomy import SUB_EVENT_TYPES  # noqa: E402
from frontwire.pipeline import Pipeline  # noqa: E402

DATA = ROOT / "bench" / "data"
SETS = {"check": DATA / "own_events_check.jsonl", "train": DATA / "own_events_train.jsonl"}
READABLE = {"train"}  # the check set's errors are never printed


def load(path: Path) -> list[dict]:
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    for r in rows:
        if r["sub_event_type"] is not None and r["sub_event_type"] not in SUB_EVENT_TYPES:
            raise ValueError(f"{path}: {r['id']}: {r['sub_event_type']!r} is not an ACLED sub-event type")
    return rows


def gold_of(row: dict) -> str:
    return row["sub_event_type"] or NONE


def report(name: str, rows: list[dict], predicted: list[str]) -> None:
    events = [i for i, r in enumerate(rows) if r["sub_event_type"] is not None]
    gold25 = [gold_of(rows[i]) for i in events]
    pred25 = [predicted[i] for i in events]
    gold_all = [gold_of(r) for r in rows]
    print(f"\n{name}: {len(rows)} snippets, {len(events)} of the 25 ACLED types, {len(rows) - len(events)} non-events")
    print(f"25 ACLED types   {scores(gold25, pred25, sorted(set(gold25)))}")
    print(f"with non-events  {scores(gold_all, predicted)}")
    for field in ("theatre", "style"):
        right, total = defaultdict(int), defaultdict(int)
        for r, p in zip(rows, predicted):
            total[r[field]] += 1
            right[r[field]] += gold_of(r) == p
        cells = [f"{k} {right[k] / total[k]:.2f} ({total[k]})" for k in sorted(total, key=lambda k: (-total[k], k))]
        print(f"accuracy by {field}: " + ", ".join(cells))


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--errors", action="store_true", help="print the train set's misses (never the check set's)")
    parser.add_argument("--only", choices=sorted(SETS), help="run one set")
    parser.add_argument("--lower", action="store_true", help="lower-case every snippet first")
    args = parser.parse_args()
    pipeline = Pipeline(components=COMPONENTS)
    for name, path in SETS.items():
        if args.only and name != args.only:
            continue
        rows = load(path)
        t0 = time.perf_counter()
        texts = [r["text"].lower() if args.lower else r["text"] for r in rows]
        predicted = predict(pipeline, [{"id": r["id"], "EventSnippet": t} for r, t in zip(rows, texts)])
        print(f"[{name}: {time.perf_counter() - t0:.1f}s]", end="")
        report(f"own_events_{name}" + (" (lower-cased)" if args.lower else ""), rows, predicted)
        if args.errors and name in READABLE:
            for r, p in zip(rows, predicted):
                if gold_of(r) != p:
                    print(f"--- {r['id']} gold={gold_of(r)} pred={p} | {r['text']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
