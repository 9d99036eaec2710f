"""The monitor's cost: pages fetched and analysed per second from a local news site, and the bytes
conditional requests save on a second poll.

    .venv/bin/python bench/monitor.py [--articles N]

The site is tests/monitor_site.py's, serving N generated articles (debris and all) listed in one
RSS feed beside its own feeds and sitemaps; frontwire fetches from 127.0.0.1 only because it is
allowed to here, with no interval between requests (politeness towards our own server is moot).
Figures printed:

- fetch only: the pages alone through the polite fetcher (address checks, robots.txt, size cap);
- watch --once, first poll: fetched, read, analysed by the full pipeline and stored in a fresh
  SQLite store, per second;
- second poll: what was downloaded again, against the first poll, with what the conditional
  requests (304s) and the seen-URL table each spared.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

from monitor_site import FEEDS, NewsSite, page  # noqa: E402

TOWNS = ["Aleppo", "Idlib", "Hama", "Homs", "Daraa", "Raqqa", "Deir ez-Zor", "Saraqeb", "Manbij", "Douma"]
KINDS = ["an air strike hit a market", "artillery shells struck a residential area", "a car bomb exploded near a checkpoint",
         "clashes broke out between rebels and government troops", "a drone strike hit a vehicle"]


def generated(count: int) -> dict[str, str]:
    articles = {}
    for n in range(count):
        town, kind = TOWNS[n % len(TOWNS)], KINDS[n % len(KINDS)]
        killed = 2 + n % 17
        articles[f"/bench/story-{n}.html"] = page(
            f"{killed} killed in {town}",
            f"{town.upper()}, Syria (Test Wire) - At least {killed} people were killed on Tuesday when {kind} "
            f"in {town}, the Syrian Observatory for Human Rights said.",
            f"Rescue workers said {killed + 3 + n % 5} more were wounded and that the toll could rise. "
            f"Residents said the attack came without warning (story {n}).")
    return articles


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=100)
    args = parser.parse_args()

    from frontwire.monitor.addresses import AddressPolicy, parse_networks
    from frontwire.monitor.fetch import Fetcher, FetchSettings
    from frontwire.monitor.state import MonitorState
    from frontwire.monitor.watch import Watcher
    from frontwire.pipeline import Pipeline
    from frontwire.store import Store

    policy = AddressPolicy(parse_networks("127.0.0.1"))
    settings = FetchSettings(host_interval=0, timeout=5, retries=0)
    pipeline = Pipeline()
    extra = generated(args.articles)
    with NewsSite(extra) as site, tempfile.TemporaryDirectory() as folder:
        with Fetcher(settings, policy) as fetcher:
            started = time.perf_counter()
            for path in extra:
                fetcher.fetch(site.base + path)
            fetch_seconds = time.perf_counter() - started
        print(f"fetch only: {len(extra)} pages in {fetch_seconds:.2f} s = {len(extra) / fetch_seconds:.0f} pages/s")
        site.reset()

        with Store(f"sqlite:///{folder}/bench.db") as store:
            state = MonitorState(store.engine)
            state.add_source("bench", [(site.base + "/feeds/extra.xml", "feed"), (site.base + "/feeds/atom.xml", "feed")])
            state.add_source("bench-maps", [(site.base + "/sitemap.xml", "sitemap"),
                                            (site.base + "/news-sitemap.xml", "sitemap")])
            polls = []
            for _ in range(2):
                with Fetcher(settings, policy) as fetcher:   # a fresh process' fetcher: nothing cached
                    started = time.perf_counter()
                    reports = Watcher(store, pipeline, fetcher, max_articles_per_poll=10 * len(extra)).run(once=True)
                    seconds = time.perf_counter() - started
                polls.append((reports, seconds, dict(site.responses), dict(site.body_bytes)))
                site.reset()
            stored = store.count()

    (first, first_s, first_responses, first_bytes), (second, second_s, second_responses, second_bytes) = polls
    fetched = sum(n for (path, status), n in first_responses.items() if status == 200 and path not in FEEDS
                  and not path.startswith(("/feeds/", "/robots")))
    new = sum(report.counts["new"] for report in first)
    print(f"watch --once, first poll: {fetched} pages fetched, {new} articles analysed and stored in {first_s:.2f} s "
          f"= {new / first_s:.1f} articles/s (full pipeline, SQLite); {stored} in the store")
    feed_paths = [*FEEDS, "/feeds/extra.xml"]
    feed_first = sum(first_bytes.get(path, 0) for path in feed_paths)
    feed_second = sum(second_bytes.get(path, 0) for path in feed_paths)
    page_first = sum(size for path, size in first_bytes.items() if path not in feed_paths and path != "/robots.txt")
    total_first, total_second = sum(first_bytes.values()), sum(second_bytes.values())
    not_modified = sum(n for (path, status), n in second_responses.items() if status == 304)
    again = sum(n for (path, status), n in second_responses.items() if status == 200 and path != "/robots.txt")
    print(f"second poll: {second_s:.2f} s, {not_modified} feeds answered 304, {again} full downloads "
          f"(robots.txt aside), {sum(r.counts['new'] + r.counts['updated'] for r in second)} articles stored again")
    print(f"bytes: first poll {total_first:,}, second poll {total_second:,}; conditional requests saved "
          f"{feed_first - feed_second:,} bytes of feeds ({feed_first:,} -> {feed_second:,}); the seen-URL table "
          f"saved {page_first:,} bytes of pages")
    return 0


if __name__ == "__main__":
    sys.exit(main())
