"""``frontwire incidents``: the stored incidents, filtered as ``export`` filters events, as JSON Lines,
CSV or text; ``frontwire incidents rebuild``: link every stored event again.

Argument functions import nothing heavy; SQLAlchemy loads only when the command runs.
"""

from __future__ import annotations

import argparse
import sys
from typing import Any, TextIO

FORMATS = ("jsonl", "csv", "text")
CSV_COLUMNS = ("id", "date", "location", "admin1", "country", "lat", "lon", "geo_precision", "sub_event_type",
               "actor1", "actor2", "fatalities", "fatalities_from", "fatalities_min", "fatalities_max", "outlets",
               "articles", "first_report", "fatalities_disagree", "blame_disagree", "type_disagree", "framing_disagree")


def incidents_arguments(parser: argparse.ArgumentParser) -> None:
    from ..store.cli import db_argument
    from ..store.export_cli import bbox, country, iso_date

    db_argument(parser)
    parser.add_argument("--format", choices=FORMATS, default="text",
                        help="jsonl: one incident record per line; csv: one row per incident; text: for reading "
                             "(default)")
    parser.add_argument("--since", type=iso_date, metavar="DATE", help="incidents on or after DATE")
    parser.add_argument("--until", type=iso_date, metavar="DATE", help="incidents on or before DATE")
    parser.add_argument("--country", type=country, metavar="CC", help="ISO 3166-1 alpha-2 code, e.g. SY")
    parser.add_argument("--admin1", metavar="NAME", help="first-level division, e.g. Idlib (any case)")
    parser.add_argument("--actor", metavar="NAME", help="named by any of its outlets as actor1 or actor2, by name "
                                                        "(any case) or actor id")
    parser.add_argument("--type", metavar="SUB_EVENT_TYPE",
                        help="an ACLED sub-event type (\"Air/drone strike\") or event type (\"Battles\")")
    parser.add_argument("--outlet", metavar="NAME", help="reported by this outlet: its name or domain (any case)")
    parser.add_argument("--bbox", type=bbox, metavar="W,S,E,N", help="incidents inside this box, in degrees")
    parser.add_argument("--min-outlets", type=int, default=1, metavar="N",
                        help="only incidents reported by at least N independent outlets (default 1)")
    actions = parser.add_subparsers(dest="incidents_action", metavar="rebuild", required=False)
    rebuild = actions.add_parser("rebuild", help="link every stored event into incidents again, keeping the ids "
                                                 "of the incidents found again")
    rebuild.add_argument("--db", metavar="URL", default=argparse.SUPPRESS,
                         help="database URL or SQLite file (as for the incidents command)")


def run_incidents(args: argparse.Namespace, parser: argparse.ArgumentParser) -> int:
    from ..store.cli import first_line, open_store
    from ..store.database import display_url, missing_sqlite_file

    if missing := missing_sqlite_file(args.db):
        print(f"frontwire: error: {missing}: no such database (`frontwire ingest --db ...` makes one)", file=sys.stderr)
        return 2
    store = open_store(args, create=False)
    if store is None:
        return 2
    try:
        if args.incidents_action == "rebuild":
            from .linking import rebuild

            with store.engine.begin() as connection:
                result = rebuild(connection)
            print(f"frontwire: {display_url(store.engine)}: {result.events} events in {result.incidents} incidents "
                  f"({result.kept} kept their id, {result.created} new, {result.merged} merged away)")
            return 0
        return _list(store, args, parser)
    except BrokenPipeError:
        raise
    except Exception as exc:  # the database failed mid-way: one line, not a traceback
        print(f"frontwire: error: incidents failed: {type(exc).__name__}: {first_line(exc)}", file=sys.stderr)
        return 1
    finally:
        store.close()


def _list(store, args: argparse.Namespace, parser: argparse.ArgumentParser) -> int:
    from ..store.export_cli import sub_event_type
    from ..store.queries import Filter
    from .reading import incidents

    selection = Filter(since=args.since, until=args.until, country=args.country, admin1=args.admin1,
                       actor=args.actor, type=sub_event_type(args.type, parser), outlet=args.outlet, bbox=args.bbox)
    write = {"jsonl": _jsonl, "csv": _csv, "text": _text}[args.format](sys.stdout)
    with store.engine.connect() as connection:
        for record in incidents(connection, selection, min_outlets=args.min_outlets):
            write(record)
    sys.stdout.flush()
    return 0


def _jsonl(stream: TextIO):
    from ..exports.json import dumps

    return lambda record: stream.write(dumps(record) + "\n")


def csv_row(record: dict[str, Any]) -> dict[str, Any]:
    found = record["disagreements"]
    fatalities = found["fatalities"]
    chosen = fatalities.get("chosen") or {}
    main = next((e for e in record["events"] if e["sub_event_type"] == record["sub_event_type"]), record["events"][0])
    independent = [o for o in record["outlets"] if o["independent"]]
    return {
        "id": record["id"], "date": record["date"], "location": record["location"], "admin1": main.get("admin1"),
        "country": main.get("country"), "lat": record["lat"], "lon": record["lon"],
        "geo_precision": record["geo_precision"], "sub_event_type": record["sub_event_type"],
        "actor1": main.get("actor1"), "actor2": main.get("actor2"), "fatalities": record["fatalities"],
        "fatalities_from": chosen.get("outlet"), "fatalities_min": fatalities["min"],
        "fatalities_max": fatalities["max"], "outlets": "; ".join(o["outlet"] for o in independent),
        "articles": len(record["articles"]),
        "first_report": next((o["outlet"] for o in record["outlets"] if o["first_report"]), None),
        "fatalities_disagree": fatalities["disagree"], "blame_disagree": found["blame"]["disagree"],
        "type_disagree": found["type"]["disagree"], "framing_disagree": found["framing"]["disagree"],
    }


def _csv(stream: TextIO):
    import csv

    from ..exports.csv import cell

    writer = csv.writer(stream)
    writer.writerow(CSV_COLUMNS)

    def write(record: dict[str, Any]) -> None:
        row = csv_row(record)
        writer.writerow([cell(row[column]) for column in CSV_COLUMNS])

    return write


def text_lines(record: dict[str, Any]) -> list[str]:
    found = record["disagreements"]
    chosen = found["fatalities"].get("chosen")
    toll = f"{chosen['figure']} killed (from {chosen['outlet']})" if chosen else "no toll given"
    lines = [f"{record['id']}  {record['date'] or 'undated'}  {record['location'] or 'unplaced'}  "
             f"{record['sub_event_type']}  {toll}"]
    for outlet in record["outlets"]:
        profile = outlet["profile"] or {}
        about = ", ".join(x for x in (profile.get("country"),
                                      "state-affiliated" if profile.get("state_affiliated") == "yes" else None,
                                      f"factual reporting {profile['factual_reporting']}"
                                      if profile.get("factual_reporting") else None) if x)
        flags = ", ".join(x for x in ("first report" if outlet["first_report"] else None,
                                      None if outlet["independent"] else "a copy") if x)
        blamed = "; ".join(dict.fromkeys(b["actor1"] for b in outlet["blame"] if b["actor1"])) or "no one named"
        lines.append(f"  {outlet['outlet']}" + (f" [{about}]" if about else "") + (f" ({flags})" if flags else "")
                     + f": {', '.join(outlet['sub_event_types'])}; fatalities "
                     + f"{outlet['fatalities'] if outlet['fatalities'] is not None else '-'}; by {blamed}")
    said = []
    if found["fatalities"]["disagree"]:
        said.append(f"fatalities {found['fatalities']['min']}-{found['fatalities']['max']}")
    if found["blame"]["actor1_differs"]:
        said.append("who did it")
    if found["blame"]["claimed_by_differs"]:
        said.append("on whose word")
    if found["type"]["disagree"]:
        said.append("what happened")
    if found["framing"]["disagree"]:
        said.append("framing: " + ", ".join(found["framing"]["only_some"]))
    if said:
        lines.append("  disagree on: " + "; ".join(said))
    return lines


def _text(stream: TextIO):
    return lambda record: stream.write("\n".join(text_lines(record)) + "\n\n")
