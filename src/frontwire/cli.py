"""Command line: ``frontwire analyze``, ``frontwire schema``, ``frontwire train-framing``."""

from __future__ import annotations

import argparse
import json
import logging
import sys
from dataclasses import dataclass
from typing import Callable

from . import __version__, registry
from .ingest.errors import InputError
from .model import json_schema
from .progress import say
from .pipeline import DEFAULT_TIME_BUDGET
from .parallel import HANDFUL, default_workers
from .batch import cli as batch_cli
from .incidents import cli as incidents_cli
from .store import cli as store_cli
from .store import export_cli
from .monitor import cli as monitor_cli
from .web import cli as web_cli

DEFAULT_MAX_BYTES = 5 * 1024 * 1024


def _parse_size(value: str) -> int:
    units = {"k": 1024, "m": 1024**2, "g": 1024**3}
    v = value.strip().lower().rstrip("b")
    try:
        if v and v[-1] in units:
            return int(float(v[:-1]) * units[v[-1]])
        return int(v)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a size: {value!r} (use e.g. 5000000, 500k, 5M)") from None


def _components(value: str) -> list[str]:
    names = [n.strip() for n in value.split(",") if n.strip()]
    known = registry.component_names()
    unknown = [n for n in names if n not in known]
    if unknown:
        raise argparse.ArgumentTypeError(f"unknown component(s) {', '.join(unknown)}; known: {', '.join(known)}")
    return names


@dataclass(frozen=True)
class Command:
    name: str
    help: str
    add_arguments: Callable[[argparse.ArgumentParser], None]
    run: Callable[[argparse.Namespace, argparse.ArgumentParser], int]


def add_input_arguments(parser: argparse.ArgumentParser) -> None:
    """What to read, shared by every command that reads articles (analyze, ingest)."""
    parser.add_argument("inputs", nargs="+",
                        help="text, HTML, JSON Lines or WARC files; directories; globs; http(s) URLs; - for stdin")
    parser.add_argument("--verbatim", action="store_true",
                        help="analyse the input exactly as given (no cleaning), so offsets index the input")
    parser.add_argument("--outlet", help="outlet name or domain of the inputs, when the input does not say")
    parser.add_argument("--url", help="URL of a single input, when the input does not say")
    parser.add_argument("--max-bytes", type=_parse_size, default=DEFAULT_MAX_BYTES,
                        help="largest input accepted (default 5M)")


def add_pipeline_arguments(parser: argparse.ArgumentParser) -> None:
    """How to analyse, shared by every command that runs the pipeline (analyze, ingest, reanalyse)."""
    parser.add_argument("--disable", type=_components, default=[],
                        help=f"components to switch off: {','.join(registry.DEFAULT_ORDER)}")
    parser.add_argument("--config", action="append", default=[], metavar="COMPONENT.KEY=VALUE",
                        help="set a component's option, e.g. events.infer_unnamed_actors=false (repeatable)")
    parser.add_argument("--time-budget", type=float, default=DEFAULT_TIME_BUDGET, metavar="SECONDS",
                        help=f"longest one article may take; past it its remaining layers are reported missing "
                             f"and the batch goes on (default {DEFAULT_TIME_BUDGET:g}; 0 for none)")
    parser.add_argument("--debug", action="store_true", help="show tracebacks of component failures")


def build_pipeline(args: argparse.Namespace, parser: argparse.ArgumentParser, verbatim: bool = False):
    """The pipeline the arguments of ``add_pipeline_arguments`` ask for; a refusal is a usage error."""
    from .pipeline import Pipeline, PipelineError, parse_config_items

    logging.basicConfig(level=logging.DEBUG if args.debug else logging.CRITICAL)
    try:
        return Pipeline(disable=args.disable, verbatim=verbatim, config=parse_config_items(args.config),
                        time_budget=args.time_budget or None)
    except PipelineError as exc:
        parser.error(str(exc))


def report_error(source: str | None, reason: str) -> None:
    say(f"frontwire: error: {source}: {reason}")


def report_warnings(article) -> None:
    """What the reader noticed (a non-UTF-8 encoding, an unparsable date) is worth a line on stderr:
    the input was usable, but not as given."""
    for note in article.warnings:
        say(f"frontwire: warning: {article.source}: {note}")


def report_failures(article) -> int:
    """A layer that failed leaves the article incomplete: it is still kept (nothing is lost), said on
    stderr, and the exit status says the run was not whole. Returns how many layers failed."""
    for failure in article.analysis.failed:
        report_error(article.source, f"component {failure.component} failed: {failure.error}")
    return len(article.analysis.failed)


def positive_count(value: str) -> int:
    """An argument type: a whole number of at least 1 (workers, partition sizes)."""
    try:
        number = int(value)
    except ValueError:
        number = 0
    if number < 1:
        raise argparse.ArgumentTypeError(f"not a whole number of at least 1: {value!r}")
    return number


def add_workers_argument(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--workers", type=positive_count, default=default_workers(), metavar="N",
                        help=f"processes that analyse, in input order (default: every core, {default_workers()} "
                             f"here; fewer than {HANDFUL} articles are analysed in one)")


def _analyze_arguments(analyze: argparse.ArgumentParser) -> None:
    add_input_arguments(analyze)
    formats = registry.writer_names()
    analyze.add_argument("--format", choices=formats, default="text",
                         help="; ".join(f"{name}: {registry.get_writer(name).doc}" for name in formats))
    add_pipeline_arguments(analyze)
    add_workers_argument(analyze)


def _run_analyze(args: argparse.Namespace, parser: argparse.ArgumentParser) -> int:
    from .ingest.readers import iter_articles
    from .parallel import analysed

    pipeline = build_pipeline(args, parser, verbatim=args.verbatim)
    out = registry.get_writer(args.format).factory(sys.stdout)
    failed = 0

    def read():
        nonlocal failed
        for item in iter_articles(args.inputs, max_bytes=args.max_bytes, outlet=args.outlet, url=args.url,
                                  verbatim=args.verbatim):
            if isinstance(item, InputError):
                failed += 1
                report_error(item.source, item.reason)
                continue
            report_warnings(item)
            yield item

    for article in analysed(read(), pipeline, args.workers, on_broken=lambda message: say(f"frontwire: {message}")):
        failed += report_failures(article)
        out.write(article)
    out.close()
    return 1 if failed else 0


def _schema_arguments(parser: argparse.ArgumentParser) -> None:
    pass


def _run_schema(args: argparse.Namespace, parser: argparse.ArgumentParser) -> int:
    print(json.dumps(json_schema(), indent=2))
    return 0


def _train_arguments(parser: argparse.ArgumentParser) -> None:
    from .framing.train import add_arguments

    add_arguments(parser)


def _run_train(args: argparse.Namespace, parser: argparse.ArgumentParser) -> int:
    from .framing.train import run

    return run(args, parser)


COMMANDS = [
    Command("analyze", "analyse articles: files, directories, globs, or - for stdin", _analyze_arguments, _run_analyze),
    Command("schema", "print the Article JSON Schema", _schema_arguments, _run_schema),
    Command("train-framing", "retrain the shipped propaganda-technique models on the PTC corpus",
            _train_arguments, _run_train),
    Command("ingest", "analyse articles and keep them in the store (SQLite or PostgreSQL)",
            store_cli.ingest_arguments, store_cli.run_ingest),
    Command("batch", "analyse archives and folders on Dask (a local cluster or a scheduler's), one Parquet file "
            "per partition; the same command resumes a run that was killed", batch_cli.batch_arguments,
            batch_cli.run_batch_command),
    Command("db", "manage the store's database schema: upgrade, current", store_cli.db_arguments, store_cli.run_db),
    Command("reanalyse", "analyse stored articles again with this pipeline, those analysed differently first",
            store_cli.reanalyse_arguments, store_cli.run_reanalyse),
    Command("incidents", "the stored incidents (one happening, every outlet's account, where they disagree); "
            "rebuild: link again", incidents_cli.incidents_arguments, incidents_cli.run_incidents),
    Command("export", "write stored events (or articles) as JSON Lines, ACLED CSV, CSV, GeoJSON or Parquet",
            export_cli.export_arguments, export_cli.run_export),
    Command("sources", "the outlets watch follows: add one with its feeds and sitemaps, list their last poll, "
            "new articles and errors, remove one", monitor_cli.sources_arguments, monitor_cli.run_sources),
    Command("watch", "poll the sources' feeds and sitemaps, fetch politely what is new, analyse and store it",
            monitor_cli.watch_arguments, monitor_cli.run_watch),
    Command("serve", "serve the HTTP API and the web pages over the store", web_cli.serve_arguments,
            web_cli.run_serve),
]


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="frontwire", description=__doc__)
    parser.add_argument("--version", action="version", version=f"frontwire {__version__}")
    sub = parser.add_subparsers(dest="command", required=True)
    for command in COMMANDS:
        child = sub.add_parser(command.name, help=command.help, description=command.help)
        command.add_arguments(child)
        child.set_defaults(_command=command, _parser=child)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(sys.argv[1:] if argv is None else argv)
    try:
        return args._command.run(args, args._parser)
    except BrokenPipeError:
        return 0
    except KeyboardInterrupt:
        return 130
