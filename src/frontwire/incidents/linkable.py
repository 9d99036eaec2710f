"""An event as linking sees it: its own fields and the little of its article that linking needs.

Linking reads events from the store's ``events`` table (joined to ``articles``), never from the
Article JSON, so what it compares is what every other reader of the store sees.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any, Optional

from sqlalchemy import Select, func, select

from ..model import day_of
from ..store import tables

# How much of an article's text opens it: about what a reader takes in before deciding what the
# report is about (its first paragraph or two).
LEAD_CHARS = 600


@dataclass(frozen=True)
class Linkable:
    event_id: str
    article_id: str
    # When the article was first stored (articles.seq) and the event's place in it: the order of
    # arrival, which decides which event founds an incident and so which id it keeps.
    article_seq: int
    position: int
    event_type: str
    sub_event_type: str
    actor1: Optional[str]
    actor1_id: Optional[str]
    actor2: Optional[str]
    actor2_id: Optional[str]
    location: Optional[str]
    lat: Optional[float]
    lon: Optional[float]
    admin1: Optional[str]
    country: Optional[str]
    geo_precision: Optional[int]
    date: Optional[date]
    time_precision: Optional[int]
    published: Optional[date]
    fatalities: Optional[int]
    evidence: str
    # The article's title and the opening of its text: what a report leads with is its main event
    # (position 0), so these are words of that event too (``compatibility.text``).
    title: str
    lead: str

    @property
    def arrival(self) -> tuple[int, int]:
        return (self.article_seq, self.position)


def linkable_query() -> Select:
    """Every stored event with its article's arrival order and publication date; callers add the where."""
    events, articles = tables.events, tables.articles
    return select(
        events.c.id, events.c.article_id, articles.c.seq, events.c.position, events.c.event_type,
        events.c.sub_event_type, events.c.actor1, events.c.actor1_id, events.c.actor2, events.c.actor2_id,
        events.c.location, events.c.lat, events.c.lon, events.c.admin1, events.c.country, events.c.geo_precision,
        events.c.date, events.c.time_precision, articles.c.published, events.c.fatalities, events.c.evidence_sentence,
        articles.c.title, func.substr(articles.c.text, 1, LEAD_CHARS),
    ).join(articles, articles.c.id == events.c.article_id)


def from_row(row: Any) -> Linkable:
    return Linkable(
        event_id=row[0], article_id=row[1], article_seq=row[2], position=row[3], event_type=row[4],
        sub_event_type=row[5], actor1=row[6], actor1_id=row[7], actor2=row[8], actor2_id=row[9], location=row[10],
        lat=row[11], lon=row[12], admin1=row[13], country=row[14], geo_precision=row[15], date=day_of(row[16]),
        time_precision=row[17], published=day_of(row[18]), fatalities=row[19], evidence=row[20] or "",
        title=row[21] or "", lead=row[22] or "",
    )
