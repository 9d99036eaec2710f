#!/usr/bin/env python3
"""The newsroom under load: latency and requests/s of the API at 50 concurrent clients, and the
map page's weight and time to first render in Chromium.

    .venv/bin/python bench/api_load.py [--articles 5000] [--clients 50] [--seconds 20]
                                       [--sqlite PATH] [--pg postgresql+psycopg://...] [--no-browser]

The store: the FA-KES dev texts (../shared/data/fakes) and the bundled samples, each analysed once
by the full pipeline, then stored as often as it takes to reach ``--articles`` articles, each copy
under its own URL and id with its dates moved by whole years (so copies fall on other days and
form incidents of their own, as a multi-year archive would). It is built once and kept at
``--sqlite`` (default /tmp/frontwire-load.db; a store already holding enough articles is reused)
and, with ``--pg`` (default $FRONTWIRE_TEST_PG_URL), copied into that PostgreSQL database.

The load: ``frontwire serve`` in its own process on 127.0.0.1 (one uvicorn worker, as a user runs
it); ``--clients`` asyncio clients on one httpx connection pool, each sending its next request when
its last is answered, for ``--seconds`` seconds, to 127.0.0.1 only. Requests per endpoint:
``/api/events`` with filters (a sub-event type and a country, a page of 50), and ``/api/search``
(a word drawn in turn from a fixed list). Latency is per request, from send to the last byte.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "bench"))

import httpx  # noqa: E402

from ingest import FAKES, SAMPLES, analysed, copy_of, fakes_as_jsonl  # noqa: E402

FRONTWIRE = ROOT / ".venv" / "bin" / "frontwire"
EVENTS_QUERY = "/api/events?type=Air/drone%20strike&country=SY&limit=50"
SEARCH_WORDS = ("aleppo", "killed", "army", "drone", "civilians", "idlib", "ceasefire", "hospital")
_ISO_DAY = re.compile(r"^(\d{4})-(\d{2})-(\d{2})")


def moved(value: str | None, years: int) -> str | None:
    """An ISO date or datetime moved by ``years`` (29 February to the 28th), the rest kept."""
    if not value or not (match := _ISO_DAY.match(value)) or years == 0:
        return value
    day = date(int(match[1]), int(match[2]), int(match[3]))
    try:
        day = day.replace(year=day.year + years)
    except ValueError:
        day = (day - timedelta(days=1)).replace(year=day.year + years)
    return day.isoformat() + value[10:]


def archive_copy(article, n: int):
    """The n-th copy of an analysed article: its own id and URL, its dates ``n`` years on."""
    copy = copy_of(article, n) if n else article
    if n:
        copy.url = f"https://archive.example/{n}/{article.id}"
        copy.published = moved(copy.published, n)
        for event in copy.events:
            event.date = moved(event.date, n)
    return copy


def build_store(url: str, want: int) -> int:
    from frontwire.store.repository import Store

    with Store(url) as store:
        have = store.count()
        if have >= want:
            return have
        with tempfile.TemporaryDirectory() as directory:
            inputs = [str(SAMPLES)] + ([str(fakes_as_jsonl(Path(directory)))] if FAKES.exists() else [])
            print(f"analysing {', '.join(inputs)} ...", file=sys.stderr, flush=True)
            corpus, rate = analysed(inputs)
        print(f"analysed {len(corpus)} articles at {rate:.1f}/s; storing copies until {want}", file=sys.stderr,
              flush=True)
        n = 0
        while have < want:
            for article, raw in corpus:
                if store.save(archive_copy(article, n), raw_input=raw) == "new":
                    have += 1
                if have >= want:
                    break
            n += 1
        return store.count()


def copy_to_postgresql(sqlite_url: str, pg_url: str, want: int) -> int:
    """The SQLite store's articles saved into PostgreSQL through the same Store.save."""
    from frontwire.store.repository import Store

    with Store(sqlite_url) as source, Store(pg_url) as target:
        if target.count() >= want:
            return target.count()
        for article_id in source.ids():
            target.save(source.get(article_id), raw_input=source.raw_input(article_id))
        return target.count()


class Server:
    """``frontwire serve`` in its own process, on a free port of 127.0.0.1."""

    def __init__(self, db: str) -> None:
        import socket

        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            self.port = s.getsockname()[1]
        self.url = f"http://127.0.0.1:{self.port}"
        self.process = subprocess.Popen([str(FRONTWIRE), "serve", "--db", db, "--port", str(self.port)],
                                        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)

    def __enter__(self) -> "Server":
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                if httpx.get(self.url + "/api/stats", timeout=2).status_code == 200:
                    return self
            except httpx.HTTPError:
                pass
            if self.process.poll() is not None:
                raise RuntimeError("frontwire serve exited")
            time.sleep(0.2)
        raise RuntimeError("frontwire serve did not answer in 60 s")

    def __exit__(self, *exc) -> None:
        self.process.terminate()
        self.process.wait(timeout=30)


async def load(base: str, path_of, clients: int, seconds: float) -> tuple[list[float], Counter]:
    """``clients`` clients, each sending its next request when its last is answered, for ``seconds``."""
    latencies: list[float] = []
    statuses: Counter = Counter()
    limits = httpx.Limits(max_connections=clients, max_keepalive_connections=clients)
    async with httpx.AsyncClient(base_url=base, limits=limits, timeout=60) as client:
        deadline = time.perf_counter() + seconds

        async def one_client(k: int) -> None:
            i = k
            while time.perf_counter() < deadline:
                started = time.perf_counter()
                try:
                    response = await client.get(path_of(i))
                    statuses[response.status_code] += 1
                except httpx.HTTPError as exc:
                    statuses[type(exc).__name__] += 1
                latencies.append(time.perf_counter() - started)
                i += clients

        await asyncio.gather(*(one_client(k) for k in range(clients)))
    return latencies, statuses


def report_load(name: str, latencies: list[float], statuses: Counter, seconds: float) -> None:
    quantiles = statistics.quantiles(latencies, n=100)
    print(f"  {name:34s} {len(latencies) / seconds:7.1f} req/s   p50 {quantiles[49] * 1000:7.1f} ms   "
          f"p99 {quantiles[98] * 1000:7.1f} ms   statuses {dict(statuses)}")


def measure_api(db: str, label: str, clients: int, seconds: float) -> None:
    with Server(db) as server:
        stats = httpx.get(server.url + "/api/stats").json()
        print(f"{label}: {stats.get('articles')} articles, {stats.get('events')} events; "
              f"{clients} clients for {seconds:g} s each")
        for name, path_of in (
                ("/api/events (type + country)", lambda i: EVENTS_QUERY),
                ("/api/search", lambda i: f"/api/search?q={SEARCH_WORDS[i % len(SEARCH_WORDS)]}&limit=20")):
            httpx.get(server.url + path_of(0), timeout=60)  # warm caches as a user's first request would
            latencies, statuses = asyncio.run(load(server.url, path_of, clients, seconds))
            report_load(name, latencies, statuses, seconds)


def measure_map_page(db: str) -> None:
    """Bytes the map page transfers and when it first paints and shows its markers, in Chromium."""
    from playwright.sync_api import sync_playwright

    with Server(db) as server, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=["--no-sandbox"])
        page = browser.new_page()
        sizes: dict[str, int] = {}
        page.on("response", lambda response: sizes.__setitem__(response.url, len(response.body() or b"")))
        started = time.perf_counter()
        page.goto(server.url + "/map", wait_until="load")
        loaded = time.perf_counter() - started
        page.wait_for_selector(".leaflet-interactive", timeout=60_000)
        markers = time.perf_counter() - started
        paint = page.evaluate("() => (performance.getEntriesByName('first-contentful-paint')[0] || {}).startTime")
        page.wait_for_load_state("networkidle")
        browser.close()
    assets = {url: size for url, size in sizes.items() if "/api/" not in url}
    print(f"map page: {sum(assets.values()) / 1024:.0f} KiB in {len(assets)} files before data "
          f"({sum(sizes.values()) / 1024:.0f} KiB with the events' GeoJSON); first contentful paint "
          f"{paint or float('nan'):.0f} ms, load {loaded * 1000:.0f} ms, markers drawn {markers * 1000:.0f} ms")
    for url, size in sorted(assets.items(), key=lambda item: -item[1]):
        print(f"  {size / 1024:7.1f} KiB  {url.split('127.0.0.1')[-1]}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=5000)
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=20)
    parser.add_argument("--sqlite", default="/tmp/frontwire-load.db")
    parser.add_argument("--pg", default=os.environ.get("FRONTWIRE_TEST_PG_URL"))
    parser.add_argument("--no-browser", action="store_true", help="skip the map page in Chromium")
    args = parser.parse_args()
    sqlite_url = f"sqlite:///{args.sqlite}"
    print(f"store: {build_store(sqlite_url, args.articles)} articles in {args.sqlite}", file=sys.stderr)
    measure_api(sqlite_url, "sqlite", args.clients, args.seconds)
    if args.pg:
        print(f"postgresql: {copy_to_postgresql(sqlite_url, args.pg, args.articles)} articles", file=sys.stderr)
        measure_api(args.pg, "postgresql", args.clients, args.seconds)
    else:
        print("postgresql: skipped (no --pg and no $FRONTWIRE_TEST_PG_URL)")
    if not args.no_browser:
        measure_map_page(sqlite_url)
    return 0


if __name__ == "__main__":
    sys.exit(main())
