#!/usr/bin/env python3
"""The benchmark gate: every bench on a fixed slice of its data, against floors pinned in bench/floors.json.

    .venv/bin/python bench/gate.py [BENCH ...]            figures against their floors; exit 1 if one is below
    .venv/bin/python bench/gate.py --update [BENCH ...]   remeasure and rewrite the floors (and data digests)

``tests/test_bench_gate.py`` runs the same measurements in ``make test``, so a change that makes
frontwire worse on any bench fails there instead of landing silently. It must stay fast (under
two minutes of CPU for all benches together; about 50 s now), hence a slice where a full set costs
too much, and no training (framing scores the shipped models instead of cross-validating).

Slices: a bench's records are sorted by the sha1 hex digest of their id (the id as UTF-8 text:
page id, GeoWebNews id, passage id, CASE id, FA-KES unit_id, PTC article id) and the first
``size`` are taken. The hash spreads the slice over the whole set without favouring any part of
it (ids sorted plainly would take, say, only the oldest articles), and records keep their order
whatever is added or removed, so a change to the data changes the slice only by the records it
touches.

Where the whole set is cheap enough the slice is all of it (extraction, geo, quotes, CASE, PTC), so
the gate's figure is the bench's own; FA-KES, the slowest per record, is sliced.

Floors: each figure measured on its slice, rounded down to 3 decimals, minus ``TOLERANCE``. The
figures are deterministic (fixed data, fixed rules, shipped model files, no sampling), so the
tolerance is there only for float noise and small differences between library versions (a
spaCy or scikit-learn release parsing a sentence or breaking a tie differently). It is kept
small: with the rounding, a figure can lose at most about 0.006 unseen, about one article of
FA-KES's 200 or one quote of the 222, a few of GeoWebNews's 1,113 toponyms.

When a figure falls below its floor, either fix the change or, if the loss is a deliberate trade
(say, against a gain elsewhere), run ``--update`` and let the review see the lowered floor in the
diff of floors.json. After an improvement, ``--update`` raises the floors so it cannot be lost.
The floors file holds figures and digests only, never text from the data.
"""

from __future__ import annotations

import argparse
import hashlib
import importlib.util
import json
import math
import os
import sys
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Callable

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
SHARED = Path(os.environ.get("FRONTWIRE_SHARED", ROOT.parent / "shared"))
FLOORS = BENCH / "floors.json"
SHARED_PREFIX = "../shared/"
TOLERANCE = 0.005


@lru_cache(maxsize=None)
def load_bench(name: str):
    """The bench script ``bench/<name>.py`` as a module (bench/ is not a package)."""
    spec = importlib.util.spec_from_file_location(f"frontwire_bench_{name}", BENCH / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses and pickling look a module up there while it runs
    spec.loader.exec_module(module)
    return module


def hash_slice(records: list, size: int, key: Callable = lambda record: record) -> list:
    """The ``size`` records whose ids have the smallest sha1 hex digests, in that order."""
    return sorted(records, key=lambda record: hashlib.sha1(str(key(record)).encode("utf-8")).hexdigest())[:size]


def resolve(pattern: str) -> Path:
    """A data path as the floors file writes it: ``../shared/...`` (or FRONTWIRE_SHARED), else from the repo root."""
    if pattern.startswith(SHARED_PREFIX):
        return SHARED / pattern[len(SHARED_PREFIX):]
    return ROOT / pattern


def digest(pattern: str) -> str:
    """sha256 over the files the pattern names (a glob in its last part), each as name, NUL, bytes, NUL."""
    path = resolve(pattern)
    files = sorted(path.parent.glob(path.name)) if any(c in path.name for c in "*?[") else [path]
    if not files or not all(f.is_file() for f in files):
        raise FileNotFoundError(f"no data file for {pattern} (looked at {path})")
    h = hashlib.sha256()
    for f in files:
        h.update(f.name.encode("utf-8"))
        h.update(b"\0")
        h.update(f.read_bytes())
        h.update(b"\0")
    return h.hexdigest()


class Pipelines:
    """One Pipeline per component list, built on first use and shared by every gate in the process.

    The heavy parts (spaCy model, knowledge base, gazetteer) are process-wide caches in frontwire,
    so they load once however many lists the gates ask for.
    """

    def __init__(self):
        self._built: dict = {}

    def get(self, components: list[str], strict: bool = False):
        key = (tuple(components), strict)
        if key not in self._built:
            from frontwire.pipeline import Pipeline

            self._built[key] = Pipeline(components=list(components), strict=strict)
        return self._built[key]


@dataclass(frozen=True)
class Gate:
    name: str
    script: str
    data: tuple[str, ...]  # the files the bench reads, as ``resolve`` takes them
    id_field: str  # what the slice hashes, in words
    size: int
    pinned: tuple[str, ...]  # the figures with a floor; the others are reported only
    measure: Callable = field(repr=False)  # (gate, pipelines) -> (figures, number of records in the set)

    @property
    def shared(self) -> tuple[str, ...] | None:
        """The folder under ../shared that this gate needs (None when its data is in the repo)."""
        parts = [p for p in self.data if p.startswith(SHARED_PREFIX)]
        return tuple(Path(parts[0][len(SHARED_PREFIX):]).parts[:2]) if parts else None

    def slice_definition(self, of: int) -> dict:
        return {"id": self.id_field, "order": "sha1 hex digest of the id as UTF-8 text, ascending",
                "size": self.size, "of": of}


def measure_extraction(gate: Gate, pipelines: Pipelines):
    bench = load_bench("extraction")
    data = resolve(gate.data[0]).parent
    ids = list(bench.load_truth(data))
    return bench.evaluate(pipelines.get(["clean"]), data, hash_slice(ids, gate.size)), len(ids)


def measure_geo(gate: Gate, pipelines: Pipelines):
    bench = load_bench("geo")
    records, _ = bench.load_records(resolve(gate.data[0]), None)
    chosen = hash_slice(records, gate.size, key=lambda r: r["id"])
    return bench.evaluate(chosen, pipelines.get(["entities", "places"])), len(records)


def measure_quotes(gate: Gate, pipelines: Pipelines):
    bench = load_bench("quotes")
    _, items = bench.load_gold(resolve(gate.data[0]))
    chosen = hash_slice(items, gate.size, key=lambda item: item["id"])
    return bench.evaluate(pipelines.get(bench.COMPONENTS, strict=True), chosen)["figures"], len(items)


def measure_events_case(gate: Gate, pipelines: Pipelines):
    bench = load_bench("events_case")
    rows = bench.load_rows(resolve(gate.data[0]))
    chosen = hash_slice(rows, gate.size, key=lambda row: row["id"])
    return bench.evaluate(pipelines.get(bench.COMPONENTS), chosen), len(rows)


def measure_events_fakes(gate: Gate, pipelines: Pipelines):
    # the bench's default coding (unnamed attackers inferred) is the pipeline's default config
    bench = load_bench("events_fakes")
    rows = bench.load_rows(resolve(gate.data[0]))
    chosen = hash_slice(rows, gate.size, key=lambda row: row["unit_id"])
    return bench.evaluate(chosen, pipelines.get(["clean"]), pipelines.get(bench.COMPONENTS)), len(rows)


def measure_framing(gate: Gate, pipelines: Pipelines):
    bench = load_bench("framing")
    articles = bench.load_ptc(resolve(gate.data[0]).parent)
    return bench.score_shipped(hash_slice(articles, gate.size, key=lambda a: a.id)), len(articles)


GATES = {
    gate.name: gate
    for gate in (
        Gate("extraction", "bench/extraction.py",
             ("../shared/data/extraction/ground-truth.json", "../shared/data/extraction/html/*.html.gz"),
             "page id (key of ground-truth.json)", 89, ("token_f1", "shingle_f1"), measure_extraction),
        Gate("geo", "bench/geo.py", ("../shared/data/geowebnews/gwn-dev.jsonl",),
             "record id", 107, ("f1", "acc161"), measure_geo),
        Gate("quotes", "bench/quotes.py", ("bench/data/quotes_gold.jsonl",),
             "passage id (all splits)", 50, ("all_f1", "speaker_accuracy"), measure_quotes),
        Gate("events_case", "bench/events_case.py --no-cv", ("../shared/data/case2021/task2-dev.tsv",),
             "snippet id", 404, ("weighted_f1_25", "weighted_f1_30"), measure_events_case),
        Gate("events_fakes", "bench/events_fakes.py", ("../shared/data/fakes/fakes-dev.csv",),
             "unit_id", 200, ("governorate", "side", "means", "date", "date_where_dated", "civilians"), measure_events_fakes),
        Gate("framing", "bench/framing.py --shipped",
             ("../shared/data/ptc/task2-TC.labels", "../shared/data/ptc/articles/article*.txt"),
             "article id", 311, ("si_f1", "si_f1_model_only", "tc_micro_f1"), measure_framing),
    )
}


def floor_of(value: float) -> float:
    # the epsilon keeps a figure such as 0.806 (stored as 0.80599999...) from rounding down to 0.805
    return round(math.floor(value * 1000 + 1e-9) / 1000 - TOLERANCE, 3)


def read_floors() -> dict:
    if not FLOORS.exists():
        return {"benches": {}}
    return json.loads(FLOORS.read_text(encoding="utf-8"))


def stale(gate: Gate, recorded: dict | None) -> list[str]:
    """Why the floors recorded for ``gate`` do not apply to its data and slice now (empty: they apply)."""
    if not recorded:
        return [f"no floors recorded for {gate.name} in {FLOORS.name}"]
    reasons = []
    for pattern in gate.data:
        now, then = digest(pattern), recorded.get("data", {}).get(pattern)
        if now != then:
            reasons.append(f"data {pattern} has sha256 {now[:12]}..., the floors were measured on "
                           f"{(then or 'nothing')[:12]}...")
    pinned_slice = recorded.get("slice", {})
    if pinned_slice.get("size") != gate.size or pinned_slice.get("id") != gate.id_field:
        reasons.append(f"slice is now the first {gate.size} by {gate.id_field!r}, "
                       f"the floors were measured on {pinned_slice or 'no recorded slice'}")
    missing = [name for name in gate.pinned if name not in recorded.get("floors", {})]
    if missing:
        reasons.append(f"no floor for {', '.join(missing)}")
    return reasons


def below_floor(gate: Gate, figures: dict, floors: dict) -> list[str]:
    return [f"{gate.name}: {name} = {figures[name]:.4f} is below its floor {floors[name]:.3f} "
            f"(pinned in bench/{FLOORS.name}; full bench: {gate.script})"
            for name in gate.pinned if figures[name] < floors[name]]


def update_hint(gate: Gate) -> str:
    return f"run `.venv/bin/python bench/gate.py --update {gate.name}` to remeasure and pin the floors anew"


def floor_change(old: float | None, new: float) -> str:
    # a lowered floor is the one change a reviewer must not miss in the output or in the diff
    if old is None or old == new:
        return ""
    return f" (LOWERED from {old:.3f})" if new < old else f" (raised from {old:.3f})"


def update(names: list[str], pipelines: Pipelines) -> None:
    recorded = read_floors()
    benches = recorded.setdefault("benches", {})
    for name in names:
        gate = GATES[name]
        figures, of = gate.measure(gate, pipelines)
        old = benches.get(name, {}).get("floors", {})
        floors = {f: floor_of(figures[f]) for f in gate.pinned}
        benches[name] = {
            "script": gate.script,
            "slice": gate.slice_definition(of),
            "data": {pattern: digest(pattern) for pattern in gate.data},
            "measured": {f: round(figures[f], 6) for f in gate.pinned},
            "floors": floors,
        }
        for f, value in floors.items():
            print(f"{name:<13} {f:<18} measured {figures[f]:.4f}  floor {value:.3f}{floor_change(old.get(f), value)}")
    about = ("Floors of the benchmark gate (bench/gate.py, tests/test_bench_gate.py): per bench, the slice, the "
             "sha256 of the data it reads, and per figure the value measured on the slice and its floor (rounded "
             f"down to 3 decimals, minus {TOLERANCE}). Rewrite with `bench/gate.py --update`, never by hand.")
    ordered = {"about": about, "tolerance": TOLERANCE, "benches": {n: benches[n] for n in GATES if n in benches}}
    FLOORS.write_text(json.dumps(ordered, indent=2) + "\n", encoding="utf-8")
    print(f"wrote {FLOORS.relative_to(ROOT)}")


def check(names: list[str], pipelines: Pipelines) -> int:
    recorded = read_floors()["benches"]
    failures = 0
    print(f"{'bench':<13} {'figure':<18} {'measured':>8} {'floor':>6} {'margin':>7}")
    for name in names:
        gate = GATES[name]
        reasons = stale(gate, recorded.get(name))
        if reasons:
            failures += 1
            print(f"{name:<13} STALE: {'; '.join(reasons)}; {update_hint(gate)}")
            continue
        figures, _ = gate.measure(gate, pipelines)
        floors = recorded[name]["floors"]
        for f in gate.pinned:
            ok = figures[f] >= floors[f]
            failures += not ok
            print(f"{name:<13} {f:<18} {figures[f]:8.4f} {floors[f]:6.3f} {figures[f] - floors[f]:+7.4f}"
                  f"{'' if ok else '  BELOW FLOOR'}")
    print("gate passed" if not failures else f"gate FAILED: {failures} figure(s) or bench(es) below or stale")
    return 1 if failures else 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("benches", nargs="*", metavar="BENCH", help=f"some of {', '.join(GATES)} (default: all)")
    parser.add_argument("--update", action="store_true", help="remeasure and rewrite the floors of these benches")
    args = parser.parse_args()
    unknown = sorted(set(args.benches) - set(GATES))
    if unknown:
        parser.error(f"unknown bench(es) {', '.join(unknown)}; known: {', '.join(GATES)}")
    names = args.benches or list(GATES)
    pipelines = Pipelines()
    if args.update:
        update(names, pipelines)
        return 0
    return check(names, pipelines)


if __name__ == "__main__":
    sys.exit(main())
