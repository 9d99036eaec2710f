"""``frontwire batch``: archives and folders analysed on Dask, one Parquet file per partition.

The argument function imports nothing heavy; Dask, pyarrow and the pipeline load only when the
command runs (the pipeline on the workers only).
"""

from __future__ import annotations

import argparse
import sys

from . import DEFAULT_PARTITION_SIZE, DEFAULT_WORKERS


def batch_arguments(parser: argparse.ArgumentParser) -> None:
    from ..cli import DEFAULT_MAX_BYTES, _parse_size, add_pipeline_arguments, positive_count

    parser.add_argument("inputs", nargs="+", metavar="INPUT",
                        help="WARC or WARC.gz archives, JSON Lines files (gzip or not), directories, globs, "
                             "text or HTML files")
    parser.add_argument("--out", required=True, metavar="DIR",
                        help="output directory: events/ and articles/ Parquet datasets and manifest.jsonl; "
                             "running the same command again resumes it")
    parser.add_argument("--db", metavar="URL",
                        help="also load each finished partition into this store (sqlite:///PATH, "
                             "postgresql+psycopg://..., or a SQLite file path), once each")
    parser.add_argument("--scheduler", metavar="ADDRESS",
                        help="a running Dask scheduler (tcp://HOST:8786); default: a local cluster of --workers "
                             "processes")
    parser.add_argument("--workers", type=positive_count, default=DEFAULT_WORKERS,
                        help=f"worker processes of the local cluster (default {DEFAULT_WORKERS})")
    parser.add_argument("--partition-size", type=positive_count, default=DEFAULT_PARTITION_SIZE, metavar="N",
                        help=f"records (WARC records, JSON lines, files) per partition (default "
                             f"{DEFAULT_PARTITION_SIZE})")
    parser.add_argument("--verbatim", action="store_true",
                        help="analyse the inputs exactly as given (no cleaning), so offsets index the input")
    parser.add_argument("--outlet", help="outlet name or domain of the inputs, when they do not say")
    parser.add_argument("--max-bytes", type=_parse_size, default=DEFAULT_MAX_BYTES,
                        help="largest text, HTML or JSON file read whole (default 5M; archives and JSON Lines "
                             "are read record by record)")
    add_pipeline_arguments(parser)


def run_batch_command(args: argparse.Namespace, parser: argparse.ArgumentParser) -> int:
    import logging

    from ..pipeline import Pipeline, PipelineError, parse_config_items
    from ..progress import say
    from .run import BatchOptions, BatchRefused, run_batch
    from .work import Settings

    logging.basicConfig(level=logging.DEBUG if args.debug else logging.CRITICAL)
    bad = [spec for spec in args.inputs if spec == "-" or spec.lower().startswith(("http://", "https://"))]
    if bad:
        parser.error(f"batch reads files and directories only (a rerun must find the same input): {', '.join(bad)}")
    try:
        config = tuple(sorted(parse_config_items(args.config).items()))
        # Checked here, before any worker starts: a pipeline of no components still checks every
        # config key and value (the components themselves are built on the workers only).
        Pipeline(components=[], config=dict(config), verbatim=args.verbatim)
    except PipelineError as exc:
        parser.error(str(exc))
    settings = Settings(disable=tuple(args.disable), config=config, time_budget=args.time_budget or None,
                        verbatim=args.verbatim, outlet=args.outlet, max_bytes=args.max_bytes)
    options = BatchOptions(inputs=args.inputs, out=args.out, db=args.db, scheduler=args.scheduler,
                           workers=args.workers, partition_size=args.partition_size, settings=settings)
    try:
        summary = run_batch(options)
    except BatchRefused as exc:
        say(f"frontwire: error: {exc}")
        return 2
    print(summary.line(args.out), file=sys.stderr)
    return 1 if summary.failed or summary.unfinished else 0
