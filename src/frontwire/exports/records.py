"""An event with the article it was read from: what every event format's rows are built from.

The store's export (``frontwire export``) reads these from the database
(``frontwire.store.queries``); ``frontwire analyze --format acled|geojson``
makes them from the Articles it has just analysed. Either way one row builder
(``frontwire.exports.acled.event_row``) turns them into rows, so the two paths
cannot drift apart.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import TextIO

from ..model import Article, Event
from ..registry import Writer

# What no UTF-8 writer or CSV reader takes: lone surrogates (broken escapes in scraped text) and NUL.
_UNWRITABLE = re.compile("[\ud800-\udfff\x00]")


@dataclass(frozen=True)
class EventRecord:
    event: Event
    article_id: str
    article_url: str | None = None
    outlet: str | None = None
    published: str | None = None
    # When this version of the event was written: the article's analysis time in the store.
    analysed_at: datetime | None = None

    def to_json(self) -> dict:
        """The event's own JSON (as in the Article) and where it was read from, flat for JSON Lines."""
        return {**self.event.model_dump(mode="json"), "article_id": self.article_id,
                "article_url": self.article_url, "article_outlet": self.outlet,
                "article_published": self.published}


def records_of(article: Article, analysed_at: datetime | None = None) -> list[EventRecord]:
    """The events of an analysed Article as records (``analyze``'s path: it is analysed now)."""
    profile = article.source_profile
    outlet = (profile.name if profile and profile.name else None) or article.outlet
    when = analysed_at or datetime.now(timezone.utc)
    return [EventRecord(event=event, article_id=article.id, article_url=article.url, outlet=outlet,
                        published=article.published, analysed_at=when) for event in article.events]


def writable(text: str | None) -> str | None:
    """``text`` with lone surrogates and NUL as U+FFFD, one character for one (as the store keeps it)."""
    if text is None or not _UNWRITABLE.search(text):
        return text
    return _UNWRITABLE.sub("\ufffd", text)


class EventWriter(Writer):
    """Writes events, one record at a time (``add``), and counts those the format leaves out and why.

    As a registered writer (``analyze --format NAME``) it takes whole Articles (``write``) and says
    on stderr, when it closes, how many events it left out."""

    def __init__(self, report_left_out: TextIO | None = None):
        self.written = 0
        self.left_out: Counter[str] = Counter()
        self._report_to = report_left_out

    def write(self, article: Article) -> None:
        for record in records_of(article):
            self.add(record)

    def add(self, record: EventRecord) -> None:  # pragma: no cover - interface
        raise NotImplementedError

    def finish(self) -> None:
        """Complete the output (a closing bracket, a file footer); the stream stays open."""

    def close(self) -> None:
        self.finish()
        if self._report_to is not None and self.left_out:
            print(f"frontwire: {left_out_summary(self.left_out)}", file=self._report_to)


def left_out_summary(left_out: Counter[str]) -> str:
    """``3 events left out (2 without a date, 1 without coordinates)``, or "" when none were."""
    total = sum(left_out.values())
    if not total:
        return ""
    reasons = ", ".join(f"{n} {reason}" for reason, n in sorted(left_out.items()))
    return f"{total} event{'s' if total != 1 else ''} left out ({reasons})"
