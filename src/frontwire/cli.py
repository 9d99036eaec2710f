"""Command line: ``frontwire analyze``, ``frontwire schema``."""

from __future__ import annotations

import argparse
import json
import logging
import sys

from . import __version__
from .ingest.errors import InputError
from .model import json_schema
from .pipeline import DEFAULT_ORDER, REGISTRY, Pipeline

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
    unknown = [n for n in names if n not in REGISTRY]
    if unknown:
        raise argparse.ArgumentTypeError(f"unknown component(s) {', '.join(unknown)}; known: {', '.join(REGISTRY)}")
    return names


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="frontwire", description=__doc__)
    parser.add_argument("--version", action="version", version=f"frontwire {__version__}")
    sub = parser.add_subparsers(dest="command", required=True)

    analyze = sub.add_parser("analyze", help="analyse articles: files, directories, globs, or - for stdin")
    analyze.add_argument("inputs", nargs="+", help="text, HTML, JSON Lines or WARC files; directories; globs; - for stdin")
    analyze.add_argument("--format", choices=["text", "json", "jsonl"], default="text",
                         help="text: a human-readable summary; json: one indented object per article; jsonl: one line per article")
    analyze.add_argument("--verbatim", action="store_true",
                         help="analyse the input exactly as given (no cleaning), so offsets index the input")
    analyze.add_argument("--outlet", help="outlet name or domain of the inputs, when the input does not say")
    analyze.add_argument("--url", help="URL of a single input, when the input does not say")
    analyze.add_argument("--disable", type=_components, default=[], help=f"components to switch off: {','.join(DEFAULT_ORDER)}")
    analyze.add_argument("--max-bytes", type=_parse_size, default=DEFAULT_MAX_BYTES,
                         help="largest input accepted (default 5M)")
    analyze.add_argument("--debug", action="store_true", help="show tracebacks of component failures")

    sub.add_parser("schema", help="print the Article JSON Schema")
    # Training has its own options; they are parsed by the trainer itself.
    sub.add_parser("train-framing", add_help=False,
                   help="retrain the shipped propaganda-technique models on the PTC corpus (--help for options)")
    return parser


def _report(error: InputError) -> None:
    print(f"frontwire: error: {error.source}: {error.reason}", file=sys.stderr)


def cmd_analyze(args: argparse.Namespace) -> int:
    from .ingest.readers import iter_articles
    from .render import summary

    logging.basicConfig(level=logging.DEBUG if args.debug else logging.CRITICAL)
    pipeline = Pipeline(disable=args.disable, verbatim=args.verbatim)
    failed = 0
    first = True
    for item in iter_articles(args.inputs, max_bytes=args.max_bytes, outlet=args.outlet, url=args.url, verbatim=args.verbatim):
        if isinstance(item, InputError):
            failed += 1
            _report(item)
            continue
        # What the reader noticed (a non-UTF-8 encoding, an unparsable date) is worth a line
        # on stderr too: the input was usable, but not as given.
        for note in item.warnings:
            print(f"frontwire: warning: {item.source}: {note}", file=sys.stderr)
        article = pipeline(item)
        data = article.to_json()
        if args.format == "jsonl":
            sys.stdout.write(json.dumps(data, ensure_ascii=False) + "\n")
        elif args.format == "json":
            sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")
        else:
            if not first:
                sys.stdout.write("\n" + "=" * 78 + "\n\n")
            sys.stdout.write(summary(article))
        first = False
        sys.stdout.flush()
    return 1 if failed else 0


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["train-framing"]:
        from .framing.train import main as train_framing

        return train_framing(argv[1:])
    args = build_parser().parse_args(argv)
    if args.command == "schema":
        print(json.dumps(json_schema(), indent=2))
        return 0
    try:
        return cmd_analyze(args)
    except BrokenPipeError:
        return 0
    except KeyboardInterrupt:
        return 130
