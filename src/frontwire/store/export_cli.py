"""``frontwire export``: events (or articles) out of the store, filtered in SQL, in one of five formats.

What can be exported is a small table (``WHAT``): each kind names its query,
its count and the formats it can be written in, so another kind (incidents)
is one more entry. Output goes to stdout, or with ``--out FILE`` to a
temporary file beside FILE that replaces it only once the export is complete:
a failed or interrupted export never leaves half a file. A summary line goes
to stderr (rows written, events left out and why), and a progress bar too
when stderr is a terminal and there are more than a few rows.

Argument functions import nothing heavy; SQLAlchemy, pyarrow and the writers
load only when the command runs.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator

from .cli import db_argument, first_line, open_store

class JsonLinesWriter:
    """One JSON object per line: an event record's JSON, or a stored Article exactly as ``analyze`` prints it."""

    def __init__(self, stream, as_json: Callable[[Any], dict]):
        from collections import Counter

        from ..exports.json import dumps

        self.stream, self.as_json, self.dumps = stream, as_json, dumps
        self.written = 0
        self.left_out: Counter[str] = Counter()

    def add(self, item) -> None:
        self.stream.write(self.dumps(self.as_json(item)) + "\n")
        self.written += 1

    def close(self) -> None:
        self.stream.flush()


# Each writer opener takes the output stream and the arguments, and returns an object with
# ``add(item)``, ``close()``, ``written`` and ``left_out`` (a Counter of reasons).

def _records_jsonl(stream, args: argparse.Namespace) -> JsonLinesWriter:
    """Event records, or incidents as records: each its own JSON."""
    return JsonLinesWriter(stream, lambda record: record.to_json())


def _articles_jsonl(stream, args: argparse.Namespace) -> JsonLinesWriter:
    return JsonLinesWriter(stream, lambda stored: stored.record)


def _acled(stream, args: argparse.Namespace):
    from ..exports.csv import acled_csv_writer

    return acled_csv_writer(stream, inter_labels=args.inter_labels)


def _csv(stream, args: argparse.Namespace):
    from ..exports.csv import frontwire_csv_writer

    return frontwire_csv_writer(stream, inter_labels=args.inter_labels)


def _geojson(stream, args: argparse.Namespace):
    from ..exports.geojson import GeoJsonWriter

    return GeoJsonWriter(stream, inter_labels=args.inter_labels)


def _parquet(stream, args: argparse.Namespace):
    from ..exports.parquet import ParquetWriter

    return ParquetWriter(stream, inter_labels=args.inter_labels)


def _events(connection, selection):
    from .queries import events

    return events(connection, selection)


def _count_events(connection, selection) -> int:
    from .queries import count_events

    return count_events(connection, selection)


def _articles(connection, selection):
    from .queries import articles

    return articles(connection, selection)


def _count_articles(connection, selection) -> int:
    from .queries import count_articles

    return count_articles(connection, selection)


def _incidents(connection, selection):
    from ..incidents.acled import incident_records

    return incident_records(connection, selection)


def _count_incidents(connection, selection) -> int:
    from ..incidents.reading import count_incidents

    return count_incidents(connection, selection)


@dataclass(frozen=True)
class What:
    """One kind of thing ``export`` writes: how to read it and count it (both given a connection and a
    ``queries.Filter``), and a writer opener for each format it can be written in."""

    unit: str
    rows: Callable[[Any, Any], Iterable]
    count: Callable[[Any, Any], int]
    writers: dict[str, Callable[[Any, argparse.Namespace], Any]]


WHAT: dict[str, What] = {
    "events": What("event", _events, _count_events,
                   {"jsonl": _records_jsonl, "acled": _acled, "csv": _csv, "geojson": _geojson, "parquet": _parquet}),
    "articles": What("article", _articles, _count_articles, {"jsonl": _articles_jsonl}),
    # One ACLED-style row per incident: every reporting outlet in `source`, where they disagree in `notes`.
    "incidents": What("incident", _incidents, _count_incidents,
                      {"jsonl": _records_jsonl, "acled": _acled, "csv": _csv, "geojson": _geojson,
                       "parquet": _parquet}),
}
FORMATS = ("jsonl", "acled", "csv", "geojson", "parquet")
BINARY_FORMATS = frozenset({"parquet"})


def iso_date(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not an ISO date (YYYY-MM-DD): {value!r}") from None


def bbox(value: str) -> tuple[float, float, float, float]:
    try:
        west, south, east, north = (float(part) for part in value.split(","))
    except ValueError:
        raise argparse.ArgumentTypeError(f"not W,S,E,N in degrees: {value!r}") from None
    if not (-180 <= west <= 180 and -180 <= east <= 180 and -90 <= south <= north <= 90):
        raise argparse.ArgumentTypeError(f"out of range (W,E in -180..180; S <= N in -90..90): {value!r}")
    return west, south, east, north


def country(value: str) -> str:
    if len(value) != 2 or not value.isalpha():
        raise argparse.ArgumentTypeError(f"not an ISO 3166-1 alpha-2 country code: {value!r}")
    return value.upper()


def export_arguments(parser: argparse.ArgumentParser) -> None:
    db_argument(parser)
    parser.add_argument("--format", required=True, choices=FORMATS,
                        help="jsonl: events (or stored Articles) as JSON Lines; acled: ACLED's 31-column CSV "
                             "(dated, geolocated events only); csv: ACLED's columns then frontwire's own; "
                             "geojson: an RFC 7946 FeatureCollection; parquet: typed columns (needs --out "
                             "when stdout is a terminal)")
    parser.add_argument("--what", choices=list(WHAT), default="events", help="what to export (default events)")
    parser.add_argument("--since", type=iso_date, metavar="DATE", help="events on or after DATE (articles: published)")
    parser.add_argument("--until", type=iso_date, metavar="DATE", help="events on or before DATE (articles: published)")
    parser.add_argument("--country", type=country, metavar="CC", help="ISO 3166-1 alpha-2 code, e.g. SY")
    parser.add_argument("--admin1", metavar="NAME", help="first-level division, e.g. Idlib (any case)")
    parser.add_argument("--actor", metavar="NAME", help="actor1 or actor2, by name (any case) or actor id")
    parser.add_argument("--type", metavar="SUB_EVENT_TYPE",
                        help="an ACLED sub-event type (\"Air/drone strike\") or event type (\"Battles\")")
    parser.add_argument("--outlet", metavar="NAME", help="the outlet's name or domain (any case)")
    parser.add_argument("--bbox", type=bbox, metavar="W,S,E,N", help="events inside this box, in degrees")
    parser.add_argument("--out", metavar="FILE", help="write FILE (replaced whole once the export is complete) "
                                                      "instead of stdout")
    parser.add_argument("--inter-labels", action="store_true",
                        help="inter1, inter2 and interaction as ACLED's text labels (\"Rebel group\") instead of "
                             "numeric codes")


def sub_event_type(value: str | None, parser: argparse.ArgumentParser) -> str | None:
    """The canonical spelling of an ACLED event or sub-event type, or a usage error naming the known ones."""
    if value is None:
        return None
    from ..events.taxonomy import EVENT_TYPES, SUB_EVENT_TYPES

    known = {name.lower(): name for name in (*SUB_EVENT_TYPES, *EVENT_TYPES)}
    if value.strip().lower() not in known:
        parser.error(f"--type: unknown ACLED type {value!r}; known: {', '.join(SUB_EVENT_TYPES)}; "
                     f"or an event type: {', '.join(EVENT_TYPES)}")
    return known[value.strip().lower()]


@contextmanager
def _output(path: str | None, binary: bool) -> Iterator[Any]:
    """stdout, or a temporary file beside ``path`` renamed over it when the block completes."""
    if path is None or path == "-":
        stream = sys.stdout.buffer if binary else sys.stdout
        yield stream
        stream.flush()
        return
    target = Path(path)
    descriptor, temporary = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".part", dir=target.parent)
    try:
        mode = target.stat().st_mode & 0o777 if target.exists() else 0o666 & ~_umask()
        with (open(descriptor, "wb") if binary else open(descriptor, "w", encoding="utf-8", newline="")) as stream:
            yield stream
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(temporary, mode)
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def run_export(args: argparse.Namespace, parser: argparse.ArgumentParser) -> int:
    from ..progress import progress
    from .database import display_url, missing_sqlite_file
    from .queries import Filter

    what = WHAT[args.what]
    if args.format not in what.writers:
        parser.error(f"--what {args.what} is written only as {', '.join(what.writers)}, not {args.format}")
    binary = args.format in BINARY_FORMATS
    if binary and not args.out and sys.stdout.isatty():
        parser.error(f"--format {args.format} is binary: give --out FILE (or redirect stdout)")
    if args.out and args.out != "-" and not Path(args.out).parent.is_dir():
        parser.error(f"--out {args.out}: no such directory {Path(args.out).parent}")
    if missing := missing_sqlite_file(args.db):
        print(f"frontwire: error: {missing}: no such database (`frontwire ingest --db ...` makes one)", file=sys.stderr)
        return 2
    selection = Filter(since=args.since, until=args.until, country=args.country, admin1=args.admin1,
                       actor=args.actor, type=sub_event_type(args.type, parser), outlet=args.outlet, bbox=args.bbox)
    store = open_store(args, create=False)
    if store is None:
        return 2
    try:
        with store.engine.connect() as connection:
            total = what.count(connection, selection)
            with _output(args.out, binary) as stream:
                out = what.writers[args.format](stream, args)
                for item in progress(what.rows(connection, selection), f"{what.unit}s", total=total):
                    out.add(item)
                out.close()
    except BrokenPipeError:  # stdout closed early (`| head`): the reader has what it wanted
        raise
    except Exception as exc:  # the database or the disk failed mid-way: say so in one line
        print(f"frontwire: error: export failed ({args.out + ' left as it was' if args.out else 'output incomplete'})"
              f": {type(exc).__name__}: {first_line(exc)}", file=sys.stderr)
        return 1
    finally:
        store.close()
    print(_summary(out, what.unit, args, display_url(store.engine)), file=sys.stderr)
    return 0


def _summary(out, unit: str, args: argparse.Namespace, source: str) -> str:
    from ..exports.records import left_out_summary

    left_out = left_out_summary(out.left_out)
    return (f"frontwire: {source}: exported {out.written} {unit}{'s' if out.written != 1 else ''} as {args.format} "
            f"to {args.out or 'stdout'}" + (f"; {left_out}" if left_out else ""))
