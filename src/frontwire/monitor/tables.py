"""The monitor's tables, on the store's MetaData (migration 0007 builds them).

``sources``: an outlet followed through its feeds, how often, and how its last poll went.
``source_feeds``: each feed or sitemap URL with the validators of its last 200 (ETag,
Last-Modified), so an unchanged feed costs a 304. ``seen_urls``: every canonical article URL
found, when, by which feed date, with the result of fetching it and the article it became, so a
restarted ``watch`` fetches nothing it already has.
"""

from __future__ import annotations

from sqlalchemy import BigInteger, Boolean, Column, DateTime, ForeignKey, Integer, String, Table, Text, UniqueConstraint

from ..store.tables import metadata

sources = Table(
    "sources", metadata,
    Column("id", Integer, primary_key=True),
    Column("name", Text, nullable=False, unique=True),
    Column("outlet", Text),
    Column("interval_s", Integer, nullable=False),
    # False only for one's own mirrors: robots.txt is otherwise always obeyed.
    Column("obey_robots", Boolean, nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("last_poll_at", DateTime(timezone=True)),
    Column("next_poll_at", DateTime(timezone=True), index=True),
    # "ok", "errors" (some feeds or articles failed), "failed" (no feed could be read).
    Column("last_result", Text),
    Column("last_error", Text),
    Column("last_new", Integer, nullable=False),
    Column("last_failed", Integer, nullable=False),
    Column("total_new", Integer, nullable=False),
    Column("polls", Integer, nullable=False),
)

source_feeds = Table(
    "source_feeds", metadata,
    Column("id", Integer, primary_key=True),
    Column("source_id", Integer, ForeignKey("sources.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("url", Text, nullable=False),
    Column("kind", Text, nullable=False),   # "feed" or "sitemap", as added; the body says which format
    Column("title", Text),                  # the feed's own title
    Column("etag", Text),
    Column("last_modified", Text),
    Column("last_status", Integer),
    Column("last_bytes", BigInteger),
    Column("last_fetched_at", DateTime(timezone=True)),
    Column("last_error", Text),
    UniqueConstraint("source_id", "url"),
)

seen_urls = Table(
    "seen_urls", metadata,
    Column("id", Integer, primary_key=True),
    Column("url", Text, nullable=False, unique=True),   # canonical (monitor.urls)
    Column("source_id", Integer, ForeignKey("sources.id", ondelete="SET NULL"), index=True),
    Column("feed_date", Text),
    Column("feed_title", Text),
    Column("first_seen_at", DateTime(timezone=True), nullable=False),
    Column("fetched_at", DateTime(timezone=True)),
    # monitor.state.RESULTS: stored as new/updated/unchanged, "failed" (tried again later), "refused".
    Column("result", Text, nullable=False),
    Column("error", Text),
    Column("attempts", Integer, nullable=False),
    # Not a foreign key: a deleted article leaves its URL seen, so watch does not fetch it again.
    Column("article_id", String(32), index=True),
)
