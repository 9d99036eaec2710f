"""``frontwire watch``: poll each source when it is due, fetch what its feeds list that was not
seen, analyse and store it; record everything in the store, so a restarted watch goes on where
it stopped and fetches nothing twice.

One source's failure (a feed down, a page too large, a robots.txt that says no) is recorded on
that source and the feed or URL concerned, and the rest goes on.
"""

from __future__ import annotations

import threading
from collections import Counter
from dataclasses import dataclass, field
from typing import Callable

from ..ingest.errors import InputError
from .feeds import Entry, FeedError, parse_listing
from .fetch import FetchError, Fetcher
from ..store.intake import take_in
from .pages import read_page
from .state import Feed, MonitorState, Source, now_utc
from .urls import canonical_url

MAX_SITEMAPS_PER_INDEX = 50
# Politeness and bounded polls: a sitemap of 50,000 URLs is worked through over several polls.
MAX_ARTICLES_PER_POLL = 200
STORED = ("new", "updated", "unchanged")


@dataclass
class PollReport:
    source: str
    counts: Counter = field(default_factory=Counter)   # new, updated, unchanged, failed, seen, feeds...
    errors: list[str] = field(default_factory=list)
    feeds_failed: int = 0
    feeds: int = 0

    @property
    def result(self) -> str:
        if self.feeds and self.feeds_failed == self.feeds:
            return "failed"
        return "errors" if self.errors else "ok"

    def line(self) -> str:
        c = self.counts
        return (f"{self.source}: {c['new']} new, {c['updated']} updated, {c['unchanged']} unchanged, "
                f"{c['failed']} failed, {c['seen']} seen before; feeds: {c['feed_200']} read, "
                f"{c['feed_304']} not modified, {self.feeds_failed} failed")


class Watcher:
    def __init__(self, store, pipeline, fetcher: Fetcher,
                 on_poll: Callable[[PollReport], None] = lambda report: None,
                 max_articles_per_poll: int = MAX_ARTICLES_PER_POLL):
        """``on_poll``: told of each poll as it ends (the command prints it)."""
        self.store, self.pipeline, self.fetcher = store, pipeline, fetcher
        self.state = MonitorState(store.engine)
        self.on_poll = on_poll
        self.max_articles_per_poll = max_articles_per_poll

    # -- the loop ------------------------------------------------------------------------------

    def run(self, once: bool = False, every_s: int | None = None, stop: threading.Event | None = None,
            ) -> list[PollReport]:
        """Poll the due sources (all of them with ``once``), then wait for the next one due, until
        ``stop`` is set; the reports of the last round (``on_poll`` hears of every one).
        ``every_s`` replaces each source's own interval."""
        stop = stop or threading.Event()
        reports: list[PollReport] = []
        while not stop.is_set():
            reports = []
            for source in self.state.sources(due_at=None if once else now_utc()):
                if stop.is_set():
                    break
                reports.append(self._guarded_poll(source, every_s))
            if once:
                break
            stop.wait(self._until_next_due())
        return reports

    def _until_next_due(self) -> float:
        try:
            due = self.state.next_due()
        except Exception:  # noqa: BLE001 - the database away for a moment: look again in a minute
            return 60.0
        return max(1.0, (due - now_utc()).total_seconds()) if due else 60.0

    def _guarded_poll(self, source: Source, every_s: int | None) -> PollReport:
        try:
            return self.poll(source, every_s)
        except Exception as exc:  # a bug, or the database gone away, must not end a long-lived watch
            report = PollReport(source.name, errors=[f"poll failed: {type(exc).__name__}: {exc}"],
                                feeds=len(source.feeds), feeds_failed=len(source.feeds))
            try:   # not due again at once: the next try waits a whole interval
                self.state.record_poll(source, now_utc(), report.result, report.errors[0][:2000], new=0, failed=0,
                                       interval_s=every_s)
            except Exception:  # noqa: BLE001 - the database is what failed; the report says so
                pass
            self.on_poll(report)
            return report

    def poll(self, source: Source, every_s: int | None = None) -> PollReport:
        started = now_utc()
        report = PollReport(source.name, feeds=len(source.feeds))
        entries = self._listed(source, report)
        self._ingest_new(source, entries, report)
        self.state.record_poll(source, started, report.result, "; ".join(report.errors)[:2000] or None,
                               new=report.counts["new"], failed=report.counts["failed"], interval_s=every_s)
        self.on_poll(report)
        return report

    # -- feeds ---------------------------------------------------------------------------------

    def _listed(self, source: Source, report: PollReport) -> dict[str, Entry]:
        """Every article URL the source's feeds list now, first mention kept; unchanged feeds (304) list none."""
        entries: dict[str, Entry] = {}
        for feed in source.feeds:
            error = self._read_feed(source, feed, report, entries)
            if error:
                report.feeds_failed += 1
                report.errors.append(f"{feed.url}: {error}")
        return entries

    def _read_feed(self, source: Source, feed: Feed, report: PollReport, entries: dict[str, Entry]) -> str | None:
        """Add what ``feed`` lists to ``entries`` and record how fetching it went; its error, if any."""
        try:
            fetched = self.fetcher.fetch(feed.url, etag=feed.etag, last_modified=feed.last_modified,
                                         obey_robots=source.obey_robots)
        except FetchError as exc:
            self.state.record_feed(feed.id, last_status=exc.status, last_error=exc.reason)
            return exc.reason
        if fetched.not_modified:
            report.counts["feed_304"] += 1
            self.state.record_feed(feed.id, last_status=304, last_bytes=0, last_error=None)
            return None
        try:
            listing = parse_listing(fetched.body, fetched.url)
        except FeedError as exc:
            # The old validators stay: the next poll fetches it whole again.
            self.state.record_feed(feed.id, last_status=fetched.status, last_bytes=len(fetched.body),
                                   last_error=str(exc))
            return str(exc)
        report.counts["feed_200"] += 1
        self.state.record_feed(feed.id, last_status=fetched.status, etag=fetched.etag,
                               last_modified=fetched.last_modified, last_bytes=len(fetched.body),
                               title=listing.title, last_error=None)
        listed = list(listing.entries)
        for child in listing.sitemaps[:MAX_SITEMAPS_PER_INDEX]:
            try:
                listed += parse_listing(self.fetcher.fetch(child, obey_robots=source.obey_robots).body, child).entries
            except (FetchError, FeedError) as exc:
                report.errors.append(f"{child}: {exc.reason if isinstance(exc, FetchError) else exc}")
        for entry in listed:
            entries.setdefault(entry.url, entry)
        return None

    # -- articles ------------------------------------------------------------------------------

    def _ingest_new(self, source: Source, entries: dict[str, Entry], report: PollReport) -> None:
        listed = self.state.note_listed(source.id, list(entries.values()))
        report.counts["seen"] += len(entries) - listed
        for entry in self.state.pending(source.id, self.max_articles_per_poll):
            self._ingest(source, entry, report)

    def _ingest(self, source: Source, entry: Entry, report: PollReport) -> None:
        known = self.state.seen([entry.url]).get(entry.url)
        if known is not None and known.settled:
            return   # stored meanwhile, this poll, as the page another listed URL redirected to
        dates = {"feed_date": entry.published, "feed_title": entry.title}
        try:
            fetched = self.fetcher.fetch(entry.url, obey_robots=source.obey_robots)
        except FetchError as exc:
            self._failed(source, entry, report, exc.reason, "refused" if exc.permanent else "failed")
            return
        landed = canonical_url(fetched.url) or entry.url
        if landed != entry.url:
            # Reached through a redirect: the page may be stored already under the URL it lands on.
            before = self.state.seen([landed]).get(landed)
            if before is not None and before.result in STORED and before.article_id:
                self.state.mark_seen(entry.url, source.id, "unchanged", article_id=before.article_id, **dates)
                report.counts["unchanged"] += 1
                return
        item = read_page(fetched, outlet=source.outlet, max_bytes=self.fetcher.settings.max_bytes,
                         feed_date=entry.published)
        if isinstance(item, InputError):
            self._failed(source, entry, report, f"not an article: {item.reason}", "refused")
            return
        try:
            intake = take_in(self.store, self.pipeline, item)
        except Exception as exc:  # one article the database refuses must not stop the watch
            self._failed(source, entry, report, f"not stored: {type(exc).__name__}: {exc}", "failed")
            return
        for url in dict.fromkeys((entry.url, landed)):
            self.state.mark_seen(url, source.id, intake.result, article_id=intake.article_id, **dates)
        report.counts[intake.result] += 1

    def _failed(self, source: Source, entry: Entry, report: PollReport, reason: str, result: str) -> None:
        self.state.mark_seen(entry.url, source.id, result, error=reason, feed_date=entry.published,
                             feed_title=entry.title)
        report.counts["failed"] += 1
        report.errors.append(f"{entry.url}: {reason}")
