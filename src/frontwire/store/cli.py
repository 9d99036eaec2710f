"""The store's subcommands: ``frontwire ingest``, ``frontwire db upgrade|current|summary``,
``frontwire reanalyse``.

Argument functions import nothing heavy; SQLAlchemy and the pipeline load only
when one of these commands runs.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter


def db_argument(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--db", metavar="URL",
                        help="database URL: sqlite:///PATH or postgresql+psycopg://USER@HOST/NAME, or a SQLite "
                             "file path (default: $FRONTWIRE_DB, else sqlite:///frontwire.db)")


def ingest_arguments(parser: argparse.ArgumentParser) -> None:
    from ..cli import add_input_arguments, add_pipeline_arguments, add_workers_argument

    add_input_arguments(parser)
    db_argument(parser)
    add_pipeline_arguments(parser)
    add_workers_argument(parser)


def open_store(args: argparse.Namespace, create: bool = True):
    from sqlalchemy.exc import OperationalError

    from .database import SchemaError, resolve_url
    from .repository import Store

    try:
        return Store(args.db, create=create)
    except SchemaError as exc:
        print(f"frontwire: error: {exc}", file=sys.stderr)
    except OperationalError as exc:  # no such directory, server down, wrong password
        print(f"frontwire: error: {_hidden_password(resolve_url(args.db))}: cannot open the database: "
              f"{first_line(exc)}", file=sys.stderr)
    return None


def _hidden_password(url: str) -> str:
    from sqlalchemy.engine import make_url

    return make_url(url).render_as_string(hide_password=True)


def first_line(exc: Exception) -> str:
    """The driver's own words, without SQLAlchemy's SQL dump and background link."""
    return str(getattr(exc, "orig", None) or exc).strip().splitlines()[0]


def _summary(store, counts: Counter) -> str:
    from .database import display_url
    from .duplicates import NearDuplicates

    line = (f"frontwire: {display_url(store.engine)}: {counts['new']} new, {counts['updated']} updated, "
            f"{counts['unchanged']} unchanged, {counts['duplicates']} duplicates, {counts['failed']} failed")
    # Stored all the same, as copies linked to the story's first copy: counts must not count them twice.
    copies = sum(e.linked for e in store.extensions if isinstance(e, NearDuplicates))
    return line + (f"; {copies} linked as near-duplicates of stored stories" if copies else "")


def _count(counts: Counter, seen: set[str], result: str, article_id: str) -> None:
    # Seen earlier in this run (the same file named twice, one URL twice in a feed): a duplicate,
    # not an article that was already in the store.
    counts["duplicates" if result == "unchanged" and article_id in seen else result] += 1
    seen.add(article_id)


def _store_one(store, pipeline, item, counts: Counter, seen: set[str], again: bool = False) -> None:
    """Analyse and save one article (``intake.take_in``) and count what happened."""
    from ..cli import report_error
    from .intake import take_in

    try:
        intake = take_in(store, pipeline, item, again=again)
    except Exception as exc:  # one article the database refuses must not stop the batch
        counts["failed"] += 1
        report_error(item.source, f"not stored: {type(exc).__name__}: {first_line(exc)}")
        return
    _counted(intake.analysed, intake.result, intake.article_id, counts, seen)


def _save_one(store, article, raw_input, counts: Counter, seen: set[str]) -> None:
    """Save one analysed article with the input it was read from, and count what happened."""
    from ..cli import report_error

    try:
        result = store.save(article, raw_input=raw_input)
    except Exception as exc:  # one article the database refuses must not stop the batch
        counts["failed"] += 1
        report_error(article.source, f"not stored: {type(exc).__name__}: {first_line(exc)}")
        return
    _counted(article, result, article.id, counts, seen)


def _counted(article, result: str, article_id: str, counts: Counter, seen: set[str]) -> None:
    """A component failure is reported and counted as failed, but the article is stored all the same
    (its analysis says what is missing)."""
    from ..cli import report_failures

    if article is not None and report_failures(article):
        counts["failed"] += 1
    _count(counts, seen, result, article_id)


def run_ingest(args: argparse.Namespace, parser: argparse.ArgumentParser) -> int:
    from collections import deque

    from ..ingest.errors import InputError
    from ..ingest.raw import raw_input_of
    from ..ingest.readers import iter_articles
    from ..parallel import analysed
    from ..progress import progress, say
    from .intake import held

    from ..cli import build_pipeline, report_error, report_warnings

    pipeline = build_pipeline(args, parser, verbatim=args.verbatim)
    store = open_store(args)
    if store is None:
        return 2
    counts: Counter = Counter()
    seen: set[str] = set()
    # what each article sent to analysis was read from, in the order the analysed ones come back
    raw_inputs: deque = deque()

    def to_analyse():
        items = iter_articles(args.inputs, max_bytes=args.max_bytes, outlet=args.outlet, url=args.url,
                              verbatim=args.verbatim)
        for item in progress(items, "articles"):
            if isinstance(item, InputError):
                counts["failed"] += 1
                report_error(item.source, item.reason)
                continue
            report_warnings(item)
            # Stored already from this input by this very analysis: nothing is redone (a batch run
            # again after a crash goes straight to where it stopped).
            if held(store, pipeline, item):
                _count(counts, seen, "unchanged", item.id)
                continue
            raw_inputs.append(raw_input_of(item))  # before the pipeline, which may change what it reads from
            yield item

    try:
        for article in analysed(to_analyse(), pipeline, args.workers, on_broken=lambda m: say(f"frontwire: {m}")):
            _save_one(store, article, raw_inputs.popleft(), counts, seen)
        print(_summary(store, counts))
    finally:
        store.close()
    return 1 if counts["failed"] else 0


def db_arguments(parser: argparse.ArgumentParser) -> None:
    actions = parser.add_subparsers(dest="db_action", required=True)
    upgrade = actions.add_parser("upgrade", help="build or migrate the database to this frontwire's schema")
    db_argument(upgrade)
    current = actions.add_parser("current", help="print the database's schema revision and this frontwire's")
    db_argument(current)
    summary = actions.add_parser("summary", help="what the store holds: articles, events by sub-event type, outlets")
    db_argument(summary)


def run_db(args: argparse.Namespace, parser: argparse.ArgumentParser) -> int:
    from .database import current_revision, display_url, head_revision, make_engine, resolve_url, upgrade

    if args.db_action == "summary":
        from .database import missing_sqlite_file
        from .summary import summary_lines

        if missing := missing_sqlite_file(args.db):
            print(f"frontwire: error: {missing}: no such database (`frontwire ingest --db ...` makes one)",
                  file=sys.stderr)
            return 2
        store = open_store(args, create=False)
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
        print(f"frontwire: error: {display_url(engine)}: cannot open the database: {first_line(exc)}", file=sys.stderr)
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
    db_argument(parser)
    parser.add_argument("--all", action="store_true",
                        help="analyse every stored article again, not only those analysed differently")
    parser.add_argument("--limit", type=int, help="at most this many articles")
    from ..cli import add_pipeline_arguments

    add_pipeline_arguments(parser)


def run_reanalyse(args: argparse.Namespace, parser: argparse.ArgumentParser) -> int:
    from ..ingest.errors import InputError
    from ..ingest.raw import read_again
    from ..progress import progress
    from .reanalyse import stale_first

    # An article ingested with --verbatim is analysed again verbatim: its offsets index its input.
    from ..cli import build_pipeline, report_error

    pipelines = {verbatim: build_pipeline(args, parser, verbatim=verbatim) for verbatim in (False, True)}
    store = open_store(args)
    if store is None:
        return 2
    counts: Counter = Counter()
    seen: set[str] = set()
    try:
        for article_id, is_stale in progress(stale_first(store, pipelines[False].analysis, limit=args.limit),
                                             "articles"):
            if not (is_stale or args.all):
                break
            raw = store.raw_input(article_id)
            if raw is None:
                counts["failed"] += 1
                report_error(article_id, "no raw input stored: ingest its source again")
                continue
            item = read_again(raw)
            if isinstance(item, InputError):
                # Today's readers refuse what an earlier one read: the stored analysis stays as it was.
                counts["failed"] += 1
                report_error(f"{article_id} ({item.source})", f"not analysed again: {item.reason}")
                continue
            _store_one(store, pipelines[_was_verbatim(store.get(article_id))], item, counts, seen, again=True)
        print(_summary(store, counts))
    finally:
        store.close()
    return 1 if counts["failed"] else 0


def _was_verbatim(article) -> bool:
    components = article.analysis.components if article.analysis else []
    return any(run.name == "clean" and run.config.get("verbatim") for run in components)
