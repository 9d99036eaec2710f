"""The store's subcommands: ``frontwire ingest``, ``frontwire db upgrade|current|summary``,
``frontwire reanalyse``.

Argument functions import nothing heavy; SQLAlchemy and the pipeline load only
when one of these commands runs.
"""

from __future__ import annotations

import argparse
import logging
import sys
from collections import Counter


def _db_argument(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--db", metavar="URL",
                        help="database URL: sqlite:///PATH or postgresql+psycopg://USER@HOST/NAME, or a SQLite "
                             "file path (default: $FRONTWIRE_DB, else sqlite:///frontwire.db)")


def _pipeline_arguments(parser: argparse.ArgumentParser) -> None:
    from ..cli import _components
    from ..pipeline import DEFAULT_TIME_BUDGET
    from ..registry import DEFAULT_ORDER

    parser.add_argument("--disable", type=_components, default=[],
                        help=f"components to switch off: {','.join(DEFAULT_ORDER)}")
    parser.add_argument("--config", action="append", default=[], metavar="COMPONENT.KEY=VALUE",
                        help="set a component's option, e.g. events.infer_unnamed_actors=false (repeatable)")
    parser.add_argument("--time-budget", type=float, default=DEFAULT_TIME_BUDGET, metavar="SECONDS",
                        help=f"longest one article may take (default {DEFAULT_TIME_BUDGET:g}; 0 for none)")
    parser.add_argument("--debug", action="store_true", help="show tracebacks of component failures")


def ingest_arguments(parser: argparse.ArgumentParser) -> None:
    from ..cli import DEFAULT_MAX_BYTES, _parse_size

    parser.add_argument("inputs", nargs="+", help="text, HTML, JSON Lines or WARC files; directories; globs; - for stdin")
    _db_argument(parser)
    parser.add_argument("--verbatim", action="store_true",
                        help="analyse the input exactly as given (no cleaning), so offsets index the input")
    parser.add_argument("--outlet", help="outlet name or domain of the inputs, when the input does not say")
    parser.add_argument("--url", help="URL of a single input, when the input does not say")
    parser.add_argument("--max-bytes", type=_parse_size, default=DEFAULT_MAX_BYTES,
                        help="largest input accepted (default 5M)")
    _pipeline_arguments(parser)


def _error(source: str | None, reason: str) -> None:
    print(f"frontwire: error: {source}: {reason}", file=sys.stderr)


def _open_store(args: argparse.Namespace, create: bool = True):
    from sqlalchemy.exc import OperationalError

    from .database import SchemaError, resolve_url
    from .repository import Store

    try:
        return Store(args.db, create=create)
    except SchemaError as exc:
        print(f"frontwire: error: {exc}", file=sys.stderr)
    except OperationalError as exc:  # no such directory, server down, wrong password
        print(f"frontwire: error: {_hidden_password(resolve_url(args.db))}: cannot open the database: "
              f"{_first_line(exc)}", file=sys.stderr)
    return None


def _hidden_password(url: str) -> str:
    from sqlalchemy.engine import make_url

    return make_url(url).render_as_string(hide_password=True)


def _first_line(exc: Exception) -> str:
    """The driver's own words, without SQLAlchemy's SQL dump and background link."""
    return str(getattr(exc, "orig", None) or exc).strip().splitlines()[0]


def _pipeline(args: argparse.Namespace, parser: argparse.ArgumentParser, verbatim: bool = False):
    from ..pipeline import Pipeline, PipelineError, parse_config_items

    logging.basicConfig(level=logging.DEBUG if args.debug else logging.CRITICAL)
    try:
        return Pipeline(disable=args.disable, verbatim=verbatim, config=parse_config_items(args.config),
                        time_budget=args.time_budget or None)
    except PipelineError as exc:
        parser.error(str(exc))


def _summary(store, counts: Counter) -> str:
    from .database import display_url

    return (f"frontwire: {display_url(store.engine)}: {counts['new']} new, {counts['updated']} updated, "
            f"{counts['unchanged']} unchanged, {counts['duplicates']} duplicates, {counts['failed']} failed")


def _store_one(store, article, raw_input: str, counts: Counter, seen: set[str]) -> None:
    """Save one analysed article and count what happened; a component failure is reported and
    counted as failed, but the article is stored all the same (its analysis says what is missing)."""
    for failure in article.analysis.failed:
        _error(article.source, f"component {failure.component} failed: {failure.error}")
    if article.analysis.failed:
        counts["failed"] += 1
    try:
        result = store.save(article, raw_input=raw_input)
    except Exception as exc:  # one article the database refuses must not stop the batch
        counts["failed"] += 1
        _error(article.source, f"not stored: {type(exc).__name__}: {_first_line(exc)}")
        return
    # Seen earlier in this run (the same file named twice, one URL twice in a feed): a duplicate,
    # not an article that was already in the store.
    counts["duplicates" if result == "unchanged" and article.id in seen else result] += 1
    seen.add(article.id)


def run_ingest(args: argparse.Namespace, parser: argparse.ArgumentParser) -> int:
    from ..ingest.errors import InputError
    from ..ingest.readers import iter_articles
    from .rows import raw_input_of

    pipeline = _pipeline(args, parser, verbatim=args.verbatim)
    store = _open_store(args)
    if store is None:
        return 2
    counts: Counter = Counter()
    seen: set[str] = set()
    try:
        for item in iter_articles(args.inputs, max_bytes=args.max_bytes, outlet=args.outlet, url=args.url,
                                  verbatim=args.verbatim):
            if isinstance(item, InputError):
                counts["failed"] += 1
                _error(item.source, item.reason)
                continue
            for note in item.warnings:
                print(f"frontwire: warning: {item.source}: {note}", file=sys.stderr)
            # Stored already, from this input, by this very analysis: nothing to redo (a batch run
            # again after a crash goes straight to where it stopped).
            if store.is_current(item, pipeline.analysis):
                counts["duplicates" if item.id in seen else "unchanged"] += 1
                seen.add(item.id)
                continue
            raw_input = raw_input_of(item)
            _store_one(store, pipeline(item), raw_input, counts, seen)
        print(_summary(store, counts))
    finally:
        store.close()
    return 1 if counts["failed"] else 0


def db_arguments(parser: argparse.ArgumentParser) -> None:
    actions = parser.add_subparsers(dest="db_action", required=True)
    upgrade = actions.add_parser("upgrade", help="build or migrate the database to this frontwire's schema")
    _db_argument(upgrade)
    current = actions.add_parser("current", help="print the database's schema revision and this frontwire's")
    _db_argument(current)
    summary = actions.add_parser("summary", help="what the store holds: articles, events by sub-event type, outlets")
    _db_argument(summary)


def run_db(args: argparse.Namespace, parser: argparse.ArgumentParser) -> int:
    from .database import current_revision, display_url, head_revision, make_engine, resolve_url, upgrade

    if args.db_action == "summary":
        from .database import missing_sqlite_file
        from .summary import summary_lines

        if missing := missing_sqlite_file(args.db):
            print(f"frontwire: error: {missing}: no such database (`frontwire ingest --db ...` makes one)",
                  file=sys.stderr)
            return 2
        store = _open_store(args, create=False)
        if store is None:
            return 2
        with store:
            print("\n".join(summary_lines(store)))
        return 0
    from sqlalchemy.exc import OperationalError

    engine = make_engine(resolve_url(args.db))
    try:
        before = current_revision(engine)
    except OperationalError as exc:
        print(f"frontwire: error: {display_url(engine)}: cannot open the database: {_first_line(exc)}", file=sys.stderr)
        engine.dispose()
        return 2
    try:
        if args.db_action == "current":
            print(f"{display_url(engine)}: at {before or 'no schema'}; this frontwire writes {head_revision()}")
            return 0
        upgrade(engine)
        after = current_revision(engine)
        said = "already at" if before == after else f"upgraded from {before or 'empty'} to"
        print(f"frontwire: {display_url(engine)}: {said} schema {after}")
        return 0
    finally:
        engine.dispose()


def reanalyse_arguments(parser: argparse.ArgumentParser) -> None:
    _db_argument(parser)
    parser.add_argument("--all", action="store_true",
                        help="analyse every stored article again, not only those analysed differently")
    parser.add_argument("--limit", type=int, help="at most this many articles")
    _pipeline_arguments(parser)


def run_reanalyse(args: argparse.Namespace, parser: argparse.ArgumentParser) -> int:
    from .reanalyse import stale_first
    from .rows import raw_input_of

    # An article ingested with --verbatim is analysed again verbatim: its offsets index its input.
    pipelines = {verbatim: _pipeline(args, parser, verbatim=verbatim) for verbatim in (False, True)}
    store = _open_store(args)
    if store is None:
        return 2
    counts: Counter = Counter()
    seen: set[str] = set()
    try:
        for article_id, is_stale in stale_first(store, pipelines[False].analysis, limit=args.limit):
            if not (is_stale or args.all):
                break
            item = store.raw_input(article_id)
            if item is None:
                counts["failed"] += 1
                _error(article_id, "no raw input stored: ingest its source again")
                continue
            _store_one(store, pipelines[_was_verbatim(store.get(article_id))](item), raw_input_of(item), counts, seen)
        print(_summary(store, counts))
    finally:
        store.close()
    return 1 if counts["failed"] else 0


def _was_verbatim(article) -> bool:
    components = article.analysis.components if article.analysis else []
    return any(run.name == "clean" and run.config.get("verbatim") for run in components)
