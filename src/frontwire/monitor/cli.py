"""``frontwire sources add|list|remove`` and ``frontwire watch``.

Argument functions import nothing heavy; httpx, the store and the pipeline load only when one of
these commands runs.
"""

from __future__ import annotations

import argparse
import re
import sys

_DURATION = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*([smhd]?)\s*$", re.IGNORECASE)
_SECONDS = {"": 1, "s": 1, "m": 60, "h": 3600, "d": 86400}


def parse_duration(value: str) -> int:
    """``90``, ``30s``, ``15m``, ``2h``, ``1d`` as seconds (at least one)."""
    match = _DURATION.match(value)
    if not match:
        raise argparse.ArgumentTypeError(f"not a duration: {value!r} (use e.g. 30s, 15m, 2h)")
    return max(1, int(float(match.group(1)) * _SECONDS[match.group(2).lower()]))


def format_duration(seconds: int) -> str:
    for unit, size in (("d", 86400), ("h", 3600), ("m", 60)):
        if seconds >= size and seconds % size == 0:
            return f"{seconds // size}{unit}"
    return f"{seconds}s"


def _http_url(value: str) -> str:
    from .urls import canonical_url

    if canonical_url(value) is None:
        raise argparse.ArgumentTypeError(f"not an http(s) URL: {value!r}")
    return value.strip()


# -- frontwire sources ---------------------------------------------------------------------------

def sources_arguments(parser: argparse.ArgumentParser) -> None:
    from ..store.cli import db_argument

    actions = parser.add_subparsers(dest="sources_action", required=True)
    add = actions.add_parser("add", help="follow an outlet through its feeds or sitemaps (or add feeds to it)")
    add.add_argument("name", help="the source's name, e.g. sana")
    add.add_argument("--feed", action="append", default=[], type=_http_url, metavar="URL",
                     help="an RSS or Atom feed (repeatable)")
    add.add_argument("--sitemap", action="append", default=[], type=_http_url, metavar="URL",
                     help="a sitemap, news sitemap or sitemap index (repeatable)")
    add.add_argument("--outlet", help="the outlet's name or domain, given to its articles (default: the name)")
    add.add_argument("--every", type=parse_duration, metavar="DURATION",
                     help="how often to poll it, e.g. 15m (default 15m)")
    add.add_argument("--ignore-robots", action="store_true", default=None,
                     help="do not obey robots.txt: only for one's own mirrors")
    db_argument(add)
    listing = actions.add_parser("list", help="each source's last poll, new articles and errors")
    db_argument(listing)
    remove = actions.add_parser("remove", help="stop following a source (its articles stay stored)")
    remove.add_argument("name")
    db_argument(remove)


def run_sources(args: argparse.Namespace, parser: argparse.ArgumentParser) -> int:
    from ..store.cli import open_store
    from .state import MonitorState, SourceError

    store = open_store(args)
    if store is None:
        return 2
    with store:
        state = MonitorState(store.engine)
        if args.sources_action == "add":
            feeds = [(url, "feed") for url in args.feed] + [(url, "sitemap") for url in args.sitemap]
            try:
                source = state.add_source(args.name, feeds, outlet=args.outlet, interval_s=args.every,
                                          obey_robots=None if args.ignore_robots is None else False)
            except SourceError as exc:
                parser.error(str(exc))
            print(f"frontwire: source {source.name}: {len(source.feeds)} feeds, every "
                  f"{format_duration(source.interval_s)}{'' if source.obey_robots else ', robots.txt ignored'}")
            return 0
        if args.sources_action == "remove":
            if not state.remove_source(args.name):
                print(f"frontwire: error: no source named {args.name}", file=sys.stderr)
                return 1
            print(f"frontwire: source {args.name} removed (its articles stay stored)")
            return 0
        print("\n".join(source_lines(state.sources())) or "frontwire: no sources (add one: frontwire sources add)")
        return 0


def _when(value) -> str:
    return value.strftime("%Y-%m-%d %H:%M:%S UTC") if value else "never"


def source_lines(sources) -> list[str]:
    """Per source: its schedule, its last poll's health, and each feed's last fetch."""
    lines = []
    for source in sources:
        robots = "" if source.obey_robots else ", robots.txt ignored"
        lines.append(f"{source.name} (outlet {source.outlet}): every {format_duration(source.interval_s)}{robots}; "
                     f"last poll {_when(source.last_poll_at)}"
                     + (f": {source.last_result}, {source.last_new} new, {source.last_failed} failed, "
                        f"{source.total_new} new in {source.polls} polls; next {_when(source.next_poll_at)}"
                        if source.last_poll_at else ""))
        for feed in source.feeds:
            status = "not fetched yet" if feed.last_fetched_at is None else (
                f"HTTP {feed.last_status or '-'}, {feed.last_bytes or 0} bytes, {_when(feed.last_fetched_at)}")
            title = f" \"{feed.title}\"" if feed.title else ""
            lines.append(f"  {feed.kind} {feed.url}{title}: {status}"
                         + (f"; error: {feed.last_error}" if feed.last_error else ""))
        if source.last_error:
            lines.append(f"  errors: {source.last_error}")
    return lines


# -- frontwire watch -----------------------------------------------------------------------------

def watch_arguments(parser: argparse.ArgumentParser) -> None:
    from ..cli import DEFAULT_MAX_BYTES, _parse_size, add_pipeline_arguments
    from ..store.cli import db_argument

    db_argument(parser)
    parser.add_argument("--once", action="store_true",
                        help="poll every source once now, then stop (exit status 1 when a source had errors)")
    parser.add_argument("--every", type=parse_duration, metavar="DURATION",
                        help="poll every source this often, whatever its own interval (e.g. 15m)")
    parser.add_argument("--allow-address", action="append", default=[], metavar="IP[/BITS]",
                        help="fetch from this private or loopback address or network all the same "
                             "(one's own mirror; repeatable; also $FRONTWIRE_FETCH_ALLOW)")
    parser.add_argument("--timeout", type=float, default=20.0, metavar="SECONDS",
                        help="longest wait to connect or for the next bytes (default 20)")
    parser.add_argument("--retries", type=int, default=2, metavar="N",
                        help="tries after the first for a timeout, a connection error, a 5xx or a 429 (default 2)")
    parser.add_argument("--backoff", type=float, default=1.0, metavar="SECONDS",
                        help="wait before the first retry, doubled for each next one (default 1)")
    parser.add_argument("--host-interval", type=float, default=1.0, metavar="SECONDS",
                        help="least time between two requests to one host (default 1; robots.txt's "
                             "Crawl-delay may ask for more)")
    parser.add_argument("--max-bytes", type=_parse_size, default=DEFAULT_MAX_BYTES,
                        help="largest page or feed fetched (default 5M)")
    parser.add_argument("--max-articles", type=int, default=200, metavar="N",
                        help="most articles fetched per source and poll; the rest wait for the next (default 200)")
    add_pipeline_arguments(parser)


def fetch_settings(args: argparse.Namespace):
    from .fetch import FetchSettings

    return FetchSettings(timeout=args.timeout, max_bytes=args.max_bytes, host_interval=args.host_interval,
                         retries=max(0, args.retries), backoff=max(0.0, args.backoff))


def run_watch(args: argparse.Namespace, parser: argparse.ArgumentParser) -> int:
    import signal
    import threading

    from ..cli import build_pipeline
    from ..progress import say
    from ..store.cli import open_store
    from .addresses import AddressPolicy
    from .fetch import Fetcher

    try:
        policy = AddressPolicy.from_config(args.allow_address)
    except ValueError as exc:
        parser.error(str(exc))
    pipeline = build_pipeline(args, parser)
    store = open_store(args)
    if store is None:
        return 2
    from .watch import Watcher

    stop = threading.Event()
    in_main_thread = threading.current_thread() is threading.main_thread()
    if in_main_thread:
        # A service manager's SIGTERM ends the watch between two articles, never inside a save.
        previous = signal.signal(signal.SIGTERM, lambda *_: stop.set())

    def tell(report) -> None:
        print(f"frontwire: watch: {report.line()}", flush=True)
        for error in report.errors:
            say(f"frontwire: error: {report.source}: {error}")

    try:
        with store, Fetcher(fetch_settings(args), policy) as fetcher:
            watcher = Watcher(store, pipeline, fetcher, on_poll=tell, max_articles_per_poll=args.max_articles)
            if not watcher.state.sources():
                say("frontwire: error: no sources to watch (add one: frontwire sources add NAME --feed URL)")
                return 2
            reports = watcher.run(once=args.once, every_s=args.every, stop=stop)
    finally:
        if in_main_thread:
            signal.signal(signal.SIGTERM, previous)
    return 1 if any(report.result != "ok" for report in reports) and args.once else 0
