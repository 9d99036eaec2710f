"""Any casing, any encoding: the same texts as given, lower-cased, upper-cased and mojibake'd.

    .venv/bin/python bench/casing.py [--limit N] [--variants given,lower,upper,mojibake] [--skip-case]

Some archives keep articles all in lower case, all in capitals, or with their UTF-8 read as
Windows-1252 ("â€™", "Ã©"). frontwire should find the same actors, places and events in them as
in the text as published. Each variant of each text goes through the real pipeline (the reader,
clean, entities, places, dates, quotes, events; the cleaner repairs mojibake, so the mojibake line
measures that repair). Printed per variant, for each part of bench/split.py, untouched first (the
headline, never read):

- FA-KES dev (../shared/data/fakes/fakes-dev.csv): share of events with an actor1 (every event of
  every article), share of articles with at least one place, and the accuracy of the main event's
  side and governorate against the crowd's coding (as bench/events_fakes.py scores them);
- CASE 2021 task 2 dev (../shared/data/case2021/task2-dev.tsv): weighted F1 over the 25 ACLED types
  (as bench/events_case.py scores them, here with clean first, as the command line runs it).

The goal: the lower- and upper-cased figures within 0.05 of the as-given ones. Only the read part's
records may be looked at to find causes (``--examples`` prints read-part articles whose side differs
between two variants).
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "bench"))

from sklearn.metrics import f1_score  # noqa: E402
from split import PARTS, UNTOUCHED, is_read, part_of  # noqa: E402

import events_case  # noqa: E402
import events_fakes  # noqa: E402
from frontwire.events.taxonomy import CASE_TO_ACLED  # noqa: E402
from frontwire.ingest.text import article_from_text  # noqa: E402
from frontwire.model import Article  # noqa: E402
from frontwire.pipeline import Pipeline  # noqa: E402

COMPONENTS = ["entities", "places", "dates", "quotes", "events"]
NONE = events_case.NONE


def mojibake(text: str) -> str:
    """UTF-8 read as Windows-1252 (Latin-1 for the bytes 1252 leaves undefined): "’" -> "â€™", "é" -> "Ã©"."""
    out = []
    for byte in text.encode("utf-8"):
        try:
            out.append(bytes([byte]).decode("cp1252"))
        except UnicodeDecodeError:
            out.append(chr(byte))
    return "".join(out)


VARIANTS = {
    "given": lambda t: t,
    "lower": str.lower,
    "upper": str.upper,
    "mojibake": mojibake,
}


def fakes_variant(rows: list[dict], variant, cleaner: Pipeline, rest: Pipeline) -> dict[str, dict]:
    """Per FA-KES article id: events with an actor1, events, has a place, side and governorate right."""
    out = {}
    for row in rows:
        text, dateline = events_fakes.restore_dateline(row["article_content"])
        article = article_from_text(variant(text), source=f"fakes:{row['unit_id']}")
        article = cleaner(article)
        if article.published is None and dateline:
            article.published, article.published_source = dateline, "given"
        article = rest(article)
        main = article.events[0] if article.events else None
        side = events_fakes.side_class(main.actor1, main.actor1_id) if main else None
        place = events_fakes.governorate(main.admin1) if main else None
        out[row["unit_id"]] = {
            "with_actor1": sum(e.actor1 is not None for e in article.events),
            "events": len(article.events),
            "has_place": bool(article.places),
            "side_ok": side == row["actor"].strip().lower(),
            "governorate_ok": place == row["location"].strip().lower(),
            "side": side,
            "actor1": main.actor1 if main else None,
        }
    return out


def case_variant(rows: list[dict], variant, pipeline: Pipeline) -> dict[str, str]:
    """Per CASE snippet id: the sub-event type of events[0], or NONE."""
    out = {}
    for row in rows:
        article = Article(text=variant(row["EventSnippet"].strip()), source=f"case2021:{row['id']}")
        article = pipeline(article)
        out[row["id"]] = article.events[0].sub_event_type if article.events else NONE
    return out


def fakes_figures(coded: dict[str, dict], ids: list[str]) -> dict[str, float]:
    events = sum(coded[i]["events"] for i in ids)
    n = len(ids) or 1
    return {
        "actor1": sum(coded[i]["with_actor1"] for i in ids) / (events or 1),
        "place": sum(coded[i]["has_place"] for i in ids) / n,
        "side": sum(coded[i]["side_ok"] for i in ids) / n,
        "governorate": sum(coded[i]["governorate_ok"] for i in ids) / n,
    }


def case_f1(predicted: dict[str, str], rows: list[dict]) -> float:
    acled = [r for r in rows if r["SubType"] in CASE_TO_ACLED]
    gold = [CASE_TO_ACLED[r["SubType"]] for r in acled]
    pred = [predicted[r["id"]] for r in acled]
    return f1_score(gold, pred, average="weighted", labels=sorted(set(gold)), zero_division=0)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--limit", type=int, default=0, help="first N records of each set")
    parser.add_argument("--variants", default=",".join(VARIANTS), help="comma-separated: " + ", ".join(VARIANTS))
    parser.add_argument("--skip-case", action="store_true", help="FA-KES only")
    parser.add_argument("--examples", metavar="A,B", help="read-part FA-KES articles whose side is right in variant A, wrong in B")
    args = parser.parse_args()
    names = [v.strip() for v in args.variants.split(",") if v.strip()]
    unknown = [v for v in names if v not in VARIANTS]
    if unknown:
        parser.error(f"unknown variants {unknown}; known: {list(VARIANTS)}")
    for path in (events_fakes.DATA, events_case.DATA):
        if not path.exists():
            print(f"missing {path}", file=sys.stderr)
            return 2
    fakes_rows = events_fakes.load_rows()
    case_rows = [] if args.skip_case else events_case.load_rows()
    if args.limit:
        fakes_rows, case_rows = fakes_rows[: args.limit], case_rows[: args.limit]
    cleaner = Pipeline(components=["clean"])
    rest = Pipeline(components=COMPONENTS)
    case_pipeline = Pipeline(components=["clean", *COMPONENTS])

    fakes_coded, case_coded, seconds = {}, {}, {}
    for name in names:
        t0 = time.perf_counter()
        fakes_coded[name] = fakes_variant(fakes_rows, VARIANTS[name], cleaner, rest)
        if case_rows:
            case_coded[name] = case_variant(case_rows, VARIANTS[name], case_pipeline)
        seconds[name] = time.perf_counter() - t0

    print(f"FA-KES dev {len(fakes_rows)} articles, CASE 2021 dev {len(case_rows)} snippets; "
          + ", ".join(f"{n} {s:.0f}s" for n, s in seconds.items()))
    for part in PARTS:
        fakes_ids = [r["unit_id"] for r in fakes_rows if part_of(r["unit_id"]) == part]
        part_case = [r for r in case_rows if part_of(r["id"]) == part]
        headline = "  <- headline: never read" if part == UNTOUCHED else "  (errors are read here only)"
        print(f"\n{part} part: FA-KES {len(fakes_ids)} articles, CASE {len(part_case)} snippets{headline}")
        print(f"{'variant':<10} {'actor1/event':>12} {'place/article':>13} {'FA-KES side':>11} {'governorate':>11} {'CASE wF1':>9}")
        for name in names:
            f = fakes_figures(fakes_coded[name], fakes_ids)
            wf1 = f"{case_f1(case_coded[name], part_case):9.3f}" if part_case else f"{'-':>9}"
            print(f"{name:<10} {f['actor1']:>12.3f} {f['place']:>13.3f} {f['side']:>11.3f} {f['governorate']:>11.3f} {wf1}")
    if args.examples:
        a, b = args.examples.split(",")
        print(f"\n=== read-part FA-KES articles: side right as {a}, wrong as {b}")
        for row in fakes_rows:
            uid = row["unit_id"]
            if not is_read(uid):
                continue
            if fakes_coded[a][uid]["side_ok"] and not fakes_coded[b][uid]["side_ok"]:
                print(f"--- {uid} {a}: {fakes_coded[a][uid]['actor1']!r} {b}: {fakes_coded[b][uid]['actor1']!r} "
                      f"| {row['article_content'][:200]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
