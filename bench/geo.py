"""Toponym recognition and geocoding on GeoWebNews, against a baseline, in one run.

    .venv/bin/python bench/geo.py [--data ../shared/data/geowebnews/gwn-dev.jsonl] [--limit N]

The headline system is the places layer as the default pipeline produces it:
``Pipeline(components=["entities", "places"])`` on ``Article(text=...)`` for each record, so the
actors the knowledge base knows block the place names inside them, except a place name opening an
actor ("Pakistan Army"; see ``understand/places.py``). Extra lines: the same without that
exception (``places.within_actor_names=false``), with demonyms as mentions, and "places" alone (no
actor spans at all). Every system shares one spaCy parse per text; the goals are judged on the
headline line.

- recognition: a predicted mention is correct when it overlaps a gold toponym; recall counts gold
  toponyms overlapped by a prediction (precision / recall / F1).
- geocoding: for gold toponyms a prediction overlaps, the share whose predicted point is within
  161 km (100 miles) of the gold point; a prediction without coordinates counts as a miss.
- baseline: spaCy GPE/LOC entities, each placed at the first gazetteer candidate for its text
  (index order: no context, no population, no curated layer preference).
- "(demonyms)": ``places.demonyms=true``; GeoWebNews marks demonyms ("Russian", "Chinese") as
  toponyms, frontwire does not by default.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("FRONTWIRE_SHARED", ROOT.parent / "shared"))
GOALS = {"f1": 0.80, "acc161": 0.90}


def haversine_km(lat1, lon1, lat2, lon2) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0 * math.asin(math.sqrt(min(1.0, a)))


def load_records(path: Path, limit: int | None) -> tuple[list[dict], int]:
    records, dropped = [], 0
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            rec = json.loads(line)
            gold = []
            for t in rec["toponyms"]:
                # A few gold offsets in the release are negative or shifted: leave those out.
                if 0 <= t["start"] < t["end"] <= len(rec["text"]) and rec["text"][t["start"]:t["end"]] == t["surface"]:
                    gold.append(t)
                else:
                    dropped += 1
            rec["gold"] = gold
            records.append(rec)
            if limit and len(records) >= limit:
                break
    return records, dropped


class Score:
    def __init__(self, name: str):
        self.name = name
        self.pred = self.pred_ok = self.gold = self.gold_found = self.geo_ok = 0
        self.seconds = 0.0

    def add(self, gold: list[dict], predicted: list[tuple[int, int, float | None, float | None]]) -> None:
        self.pred += len(predicted)
        self.gold += len(gold)
        for s, e, _, _ in predicted:
            if any(s < g["end"] and g["start"] < e for g in gold):
                self.pred_ok += 1
        for g in gold:
            hits = [p for p in predicted if p[0] < g["end"] and g["start"] < p[1]]
            if not hits:
                continue
            self.gold_found += 1
            s, e, lat, lon = max(hits, key=lambda p: min(p[1], g["end"]) - max(p[0], g["start"]))
            if lat is not None and haversine_km(lat, lon, g["lat"], g["lon"]) <= 161:
                self.geo_ok += 1

    def row(self) -> dict:
        p = self.pred_ok / self.pred if self.pred else 0.0
        r = self.gold_found / self.gold if self.gold else 0.0
        f1 = 2 * p * r / (p + r) if p + r else 0.0
        acc = self.geo_ok / self.gold_found if self.gold_found else 0.0
        return {"system": self.name, "precision": p, "recall": r, "f1": f1, "acc161": acc,
                "matched": self.gold_found, "predicted": self.pred, "seconds": self.seconds}


def baseline_predictions(doc, gaz) -> list[tuple[int, int, float | None, float | None]]:
    out = []
    for ent in doc.ents:
        if ent.label_ not in ("GPE", "LOC"):
            continue
        hits = gaz.candidates(ent.text)
        first = hits[0][0] if hits else None
        out.append((ent.start_char, ent.end_char, first.lat if first else None, first.lon if first else None))
    return out


def component_predictions(components, pipeline, text: str, doc):
    from frontwire.model import Article
    from frontwire.pipeline import Work

    article = Article(text=text)
    work = Work(article, pipeline)
    work.__dict__["doc"] = doc  # the one shared parse, as in the pipeline
    # Each component runs as Pipeline.__call__ runs it, as itself, so that it may offer and
    # read the intermediate results it declares (places reads the actor spans entities offers).
    for spec, component in zip(pipeline.specs, components):
        with work.acting_as(spec):
            component(work)
    return [(m.start, m.end, p.lat, p.lon) for p in article.places for m in p.mentions]


def evaluate(records: list[dict], pipeline) -> dict:
    """The headline line's figures for ``pipeline`` on ``records`` (from ``load_records``): what bench/gate.py pins."""
    from frontwire.nlp import get_nlp

    score = Score("gate")
    for rec, doc in zip(records, get_nlp().pipe(r["text"] for r in records)):
        score.add(rec["gold"], component_predictions(pipeline.components, pipeline, rec["text"], doc))
    row = score.row()
    return {"precision": row["precision"], "recall": row["recall"], "f1": row["f1"], "acc161": row["acc161"],
            "articles": len(records), "gold": score.gold}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path, default=SHARED / "data" / "geowebnews" / "gwn-dev.jsonl")
    parser.add_argument("--limit", type=int, default=None)
    args = parser.parse_args()
    if not args.data.exists():
        print(f"{args.data} is absent: lay ../shared beside the checkout or pass --data", file=sys.stderr)
        return 2

    from frontwire.nlp import get_nlp
    from frontwire.pipeline import Pipeline
    from frontwire.resources import gazetteer as load_gazetteer

    t0 = time.perf_counter()
    gaz = load_gazetteer()
    gaz.automaton  # noqa: B018 - built here so that it is timed apart from the articles
    load_s = time.perf_counter() - t0
    records, dropped = load_records(args.data, args.limit)
    nlp = get_nlp()
    t0 = time.perf_counter()
    docs = list(nlp.pipe(r["text"] for r in records))
    parse_s = time.perf_counter() - t0

    systems = []
    base = Score("baseline: spaCy GPE/LOC + first gazetteer hit")
    names = ["entities", "places"]
    variants = (
        (names, {}, "frontwire entities+places (default)"),
        (names, {"places.within_actor_names": False}, "  no places opening actor names"),
        (names, {"places.demonyms": True}, "  with demonyms as mentions"),
        (["places"], {}, "  places alone (no actors block)"),
    )
    for components, config, label in variants:
        pipeline = Pipeline(components=components, config=config)
        systems.append((Score(label), pipeline.components, pipeline))
    for rec, doc in zip(records, docs):
        t0 = time.perf_counter()
        base.add(rec["gold"], baseline_predictions(doc, gaz))
        base.seconds += time.perf_counter() - t0
        for score, component, pipeline in systems:
            t0 = time.perf_counter()
            predicted = component_predictions(component, pipeline, rec["text"], doc)
            score.seconds += time.perf_counter() - t0
            score.add(rec["gold"], predicted)

    n_gold = sum(len(r["gold"]) for r in records)
    print(f"GeoWebNews {args.data.name}: {len(records)} articles, {n_gold} gold toponyms "
          f"({dropped} left out: offsets that do not match their surface)")
    print(f"headline: Pipeline(components={names}) on Article(text=...), one shared spaCy parse per text")
    print(f"gazetteer load {load_s:.2f} s (index + phrase automaton); spaCy parse {parse_s:.1f} s for all texts\n")
    header = f"{'system':48} {'P':>6} {'R':>6} {'F1':>6} {'acc@161':>8} {'matched':>8} {'pred':>6} {'art/s':>7}"
    print(header)
    print("-" * len(header))
    for score in [base] + [s for s, _, _ in systems]:
        row = score.row()
        rate = len(records) / row["seconds"] if row["seconds"] else float("inf")
        print(f"{row['system']:48} {row['precision']:6.3f} {row['recall']:6.3f} {row['f1']:6.3f} "
              f"{row['acc161']:8.3f} {row['matched']:8d} {row['predicted']:6d} {rate:7.1f}")
    print(f"\ngoals: recognition F1 >= {GOALS['f1']:.2f}, accuracy@161km >= {GOALS['acc161']:.2f} "
          "(art/s: the frontwire step(s), parse excluded)")
    row = systems[0][0].row()
    verdict = "met" if row["f1"] >= GOALS["f1"] and row["acc161"] >= GOALS["acc161"] else "NOT met"
    print(f"  {row['system']}: F1 {row['f1']:.3f}, acc@161 {row['acc161']:.3f} -> {verdict}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
