"""The sources followed and what was seen, read and written in the store (monitor/tables.py)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone

from sqlalchemy import Engine, delete, insert, or_, select, update
from sqlalchemy.exc import IntegrityError

from .feeds import Entry
from .tables import seen_urls, source_feeds, sources

FEED_KINDS = ("feed", "sitemap")
# Of a seen URL: stored ("new", "updated", "unchanged": as Store.save says), "failed" for a passing
# reason (timeout, 5xx, 429: tried again on later polls, MAX_ATTEMPTS times in all) or "refused"
# for good (404, robots.txt, too large, not an article: never fetched again).
# "pending": listed by a feed, not fetched yet (a long sitemap is fetched over several polls, and
# a restarted watch finds it still to do).
RESULTS = ("pending", "new", "updated", "unchanged", "failed", "refused")
MAX_ATTEMPTS = 3


def utc(value: datetime | None) -> datetime | None:
    # SQLite hands back naive datetimes for what was written in UTC.
    return value.replace(tzinfo=timezone.utc) if value is not None and value.tzinfo is None else value


def now_utc() -> datetime:
    return datetime.now(timezone.utc)


@dataclass
class Feed:
    id: int
    url: str
    kind: str
    title: str | None = None
    etag: str | None = None
    last_modified: str | None = None
    last_status: int | None = None
    last_bytes: int | None = None
    last_fetched_at: datetime | None = None
    last_error: str | None = None


@dataclass
class Source:
    id: int
    name: str
    outlet: str | None
    interval_s: int
    obey_robots: bool
    last_poll_at: datetime | None = None
    next_poll_at: datetime | None = None
    last_result: str | None = None
    last_error: str | None = None
    last_new: int = 0
    last_failed: int = 0
    total_new: int = 0
    polls: int = 0
    feeds: list[Feed] = field(default_factory=list)


@dataclass(frozen=True)
class Seen:
    url: str
    result: str
    attempts: int
    article_id: str | None

    @property
    def settled(self) -> bool:
        """Nothing more to fetch: stored, refused for good, or tried often enough."""
        return self.result != "pending" and (self.result != "failed" or self.attempts >= MAX_ATTEMPTS)


class SourceError(ValueError):
    pass


class MonitorState:
    def __init__(self, engine: Engine):
        self.engine = engine

    # -- sources -------------------------------------------------------------------------------

    def add_source(self, name: str, feeds: list[tuple[str, str]], outlet: str | None = None,
                   interval_s: int | None = None, obey_robots: bool | None = None) -> Source:
        """Add the source ``name`` with ``feeds`` ((url, "feed"|"sitemap") pairs), or add feeds to
        it and change what is given when it exists already."""
        if not name.strip():
            raise SourceError("a source needs a name")
        for url, kind in feeds:
            if kind not in FEED_KINDS:
                raise SourceError(f"unknown feed kind {kind!r}")
        with self.engine.begin() as connection:
            row = connection.execute(select(sources.c.id).where(sources.c.name == name)).first()
            if row is None:
                if not feeds:
                    raise SourceError(f"source {name}: give at least one --feed or --sitemap")
                source_id = connection.execute(insert(sources).values(
                    name=name, outlet=outlet or name, interval_s=interval_s or 15 * 60,
                    obey_robots=True if obey_robots is None else obey_robots, created_at=now_utc(),
                    last_new=0, last_failed=0, total_new=0, polls=0)).inserted_primary_key[0]
            else:
                source_id = row.id
                changes = {key: value for key, value in
                           (("outlet", outlet), ("interval_s", interval_s), ("obey_robots", obey_robots))
                           if value is not None}
                if changes:
                    connection.execute(update(sources).where(sources.c.id == source_id).values(**changes))
            known = set(connection.execute(select(source_feeds.c.url).where(
                source_feeds.c.source_id == source_id)).scalars())
            for url, kind in feeds:
                if url not in known:
                    connection.execute(insert(source_feeds).values(source_id=source_id, url=url, kind=kind))
                    known.add(url)
        return self.source(name)

    def remove_source(self, name: str) -> bool:
        """Forget a source and its feeds; the URLs it found stay seen (their articles stay stored)."""
        with self.engine.begin() as connection:
            source_id = connection.execute(select(sources.c.id).where(sources.c.name == name)).scalar()
            if source_id is None:
                return False
            # Explicit rather than by foreign key: SQLite enforces ON DELETE only with its pragma on.
            connection.execute(update(seen_urls).where(seen_urls.c.source_id == source_id).values(source_id=None))
            connection.execute(delete(source_feeds).where(source_feeds.c.source_id == source_id))
            connection.execute(delete(sources).where(sources.c.id == source_id))
        return True

    def sources(self, due_at: datetime | None = None) -> list[Source]:
        """Every source by name; with ``due_at``, only those whose next poll is due by then."""
        query = select(sources).order_by(sources.c.name)
        if due_at is not None:
            query = query.where(or_(sources.c.next_poll_at.is_(None), sources.c.next_poll_at <= due_at))
        with self.engine.connect() as connection:
            found = [self._source(row) for row in connection.execute(query)]
            by_id = {source.id: source for source in found}
            if by_id:
                for row in connection.execute(select(source_feeds).where(
                        source_feeds.c.source_id.in_(list(by_id))).order_by(source_feeds.c.id)):
                    fields = row._asdict()
                    fields.pop("source_id")
                    fields["last_fetched_at"] = utc(fields["last_fetched_at"])
                    by_id[row.source_id].feeds.append(Feed(**fields))
        return found

    def source(self, name: str) -> Source | None:
        return next((source for source in self.sources() if source.name == name), None)

    @staticmethod
    def _source(row) -> Source:
        fields = row._asdict()
        fields.pop("created_at")
        for key in ("last_poll_at", "next_poll_at"):
            fields[key] = utc(fields[key])
        return Source(**fields)

    def next_due(self) -> datetime | None:
        with self.engine.connect() as connection:
            return utc(connection.execute(select(sources.c.next_poll_at).order_by(
                sources.c.next_poll_at.is_(None).desc(), sources.c.next_poll_at).limit(1)).scalar())

    def record_feed(self, feed_id: int, **values) -> None:
        """What fetching one feed gave: status, validators, bytes, title, error."""
        with self.engine.begin() as connection:
            connection.execute(update(source_feeds).where(source_feeds.c.id == feed_id).values(
                last_fetched_at=now_utc(), **values))

    def record_poll(self, source: Source, polled_at: datetime, result: str, error: str | None,
                    new: int, failed: int, interval_s: int | None = None) -> None:
        with self.engine.begin() as connection:
            connection.execute(update(sources).where(sources.c.id == source.id).values(
                last_poll_at=polled_at, last_result=result, last_error=error, last_new=new, last_failed=failed,
                total_new=sources.c.total_new + new, polls=sources.c.polls + 1,
                next_poll_at=polled_at + timedelta(seconds=interval_s or source.interval_s)))

    # -- URLs ----------------------------------------------------------------------------------

    def seen(self, urls: list[str]) -> dict[str, Seen]:
        """What is known of each of ``urls`` (canonical), by URL."""
        found: dict[str, Seen] = {}
        columns = seen_urls.c
        with self.engine.connect() as connection:
            for start in range(0, len(urls), 500):
                for row in connection.execute(select(columns.url, columns.result, columns.attempts,
                                                     columns.article_id).where(columns.url.in_(urls[start:start + 500]))):
                    found[row.url] = Seen(row.url, row.result, row.attempts, row.article_id)
        return found

    def note_listed(self, source_id: int, entries: list[Entry]) -> int:
        """Record as pending the URLs of ``entries`` never seen before; how many they were."""
        for _ in range(2):
            known = self.seen([entry.url for entry in entries])
            rows = [dict(url=entry.url, source_id=source_id, feed_date=entry.published, feed_title=entry.title,
                         first_seen_at=now_utc(), result="pending", attempts=0)
                    for entry in entries if entry.url not in known]
            if not rows:
                return 0
            try:
                with self.engine.begin() as connection:
                    connection.execute(insert(seen_urls), rows)
                return len(rows)
            except IntegrityError:  # another watch listed some of them meanwhile: look again
                continue
        return 0

    def pending(self, source_id: int, limit: int) -> list[Entry]:
        """URLs of the source still to fetch, in the order they were listed: never fetched, or
        failed for a passing reason fewer than MAX_ATTEMPTS times."""
        columns = seen_urls.c
        query = (select(columns.url, columns.feed_date, columns.feed_title)
                 .where(columns.source_id == source_id,
                        or_(columns.result == "pending",
                            (columns.result == "failed") & (columns.attempts < MAX_ATTEMPTS)))
                 .order_by(columns.id).limit(limit))
        with self.engine.connect() as connection:
            return [Entry(row.url, row.feed_date, row.feed_title) for row in connection.execute(query)]

    def mark_seen(self, url: str, source_id: int | None, result: str, *, error: str | None = None,
                  article_id: str | None = None, feed_date: str | None = None,
                  feed_title: str | None = None) -> None:
        """Record the outcome of fetching ``url`` (``RESULTS``); each call counts one more attempt."""
        now = now_utc()
        values = dict(result=result, error=error, article_id=article_id, fetched_at=now)
        columns = seen_urls.c
        for _ in range(2):
            try:
                with self.engine.begin() as connection:
                    attempts = connection.execute(select(columns.attempts).where(columns.url == url)).scalar()
                    if attempts is not None:
                        connection.execute(update(seen_urls).where(columns.url == url).values(
                            attempts=attempts + 1, **values))
                    else:
                        connection.execute(insert(seen_urls).values(
                            url=url, source_id=source_id, feed_date=feed_date, feed_title=feed_title,
                            first_seen_at=now, attempts=1, **values))
                return
            except IntegrityError:  # another watch recorded it between our look and our insert: update it
                continue
