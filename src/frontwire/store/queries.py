"""Reading events and articles out of the store by filter: what exports (and the HTTP API) ask for.

Every filter runs in SQL, as parameters of SQLAlchemy Core expressions (never
text formatted with data). Results come in a stable order with keyset
pagination: events by (date, id), undated first; articles by their store
sequence. A page is ``limit`` rows ``after`` the cursor of the last row of the
previous page (``event_cursor`` / ``StoredArticle.seq``); ``offset`` is there
too for callers that number pages. ``count_*`` gives the total a filter
matches, for progress bars and page counts.

For articles, ``since``/``until`` and ``outlet`` apply to the article (its
publication date, its outlet); the event filters (country, admin1, actor,
type, bbox) select articles with at least one matching event.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any, Iterator, Literal, NamedTuple

from sqlalchemy import Connection, ColumnElement, Select, and_, exists, func, nulls_last, or_, select

from ..exports.records import EventRecord
from ..events.taxonomy import EVENT_TYPES, SUB_EVENT_TYPES
from ..model import Event
from . import tables

EVENT_FIELDS = tuple(name for name in Event.model_fields if name != "evidence")
# Rows fetched from the database at a time while an export streams.
BATCH = 1000


@dataclass(frozen=True)
class Filter:
    """What to export. ``country`` is an ISO 3166-1 alpha-2 code; ``type`` an ACLED sub-event type or
    event type (exactly as in ``frontwire.events.taxonomy``); ``admin1``, ``actor`` (a name or a
    knowledge-base actor id, as actor1 or actor2) and ``outlet`` (name or domain) match ignoring
    case; ``bbox`` is (west, south, east, north) in degrees, west > east crossing the antimeridian;
    ``since``/``until`` are inclusive; ``certainty`` is an event's certainty ("fact", "claimed",
    ...) and ``min_fatalities`` keeps events whose reported toll is at least that (an unknown toll
    is not)."""

    since: date | None = None
    until: date | None = None
    country: str | None = None
    admin1: str | None = None
    actor: str | None = None
    type: str | None = None
    outlet: str | None = None
    bbox: tuple[float, float, float, float] | None = None
    certainty: str | None = None
    min_fatalities: int | None = None


# How events can be ordered: "date" pages by keyset (``after``), the others by ``offset``.
EventSort = Literal["date", "-date", "fatalities", "-fatalities"]


class EventCursor(NamedTuple):
    date: str
    id: str


class StoredArticle(NamedTuple):
    seq: int
    record: dict[str, Any]


_events, _articles, _outlets = tables.events.c, tables.articles.c, tables.outlets.c
_EVENT_DATE = func.coalesce(_events.date, "")


def _event_conditions(f: Filter, with_dates: bool = True) -> list[ColumnElement]:
    conditions: list[ColumnElement] = []
    if with_dates and f.since:
        conditions.append(_events.date >= f.since.isoformat())
    if with_dates and f.until:
        conditions.append(_events.date <= f.until.isoformat())
    if f.country:
        conditions.append(_events.country == f.country.upper())
    if f.admin1:
        conditions.append(func.lower(_events.admin1) == f.admin1.lower())
    if f.actor:
        name = f.actor.lower()
        conditions.append(or_(func.lower(_events.actor1) == name, func.lower(_events.actor2) == name,
                              _events.actor1_id == f.actor, _events.actor2_id == f.actor))
    if f.type:
        conditions.append(type_condition(_events, f.type))
    if f.bbox:
        west, south, east, north = f.bbox
        longitude = _events.lon.between(west, east) if west <= east else or_(_events.lon >= west, _events.lon <= east)
        conditions += [_events.lat.between(south, north), longitude]
    if f.certainty:
        conditions.append(_events.certainty == f.certainty)
    if f.min_fatalities is not None:
        conditions.append(_events.fatalities >= f.min_fatalities)
    return conditions


def type_condition(columns, name: str) -> ColumnElement:
    """``name`` as the sub-event type or the event type it is (one indexed column, not an OR of
    two that no index serves); an unknown name matches either, and so nothing."""
    if name in SUB_EVENT_TYPES:
        return columns.sub_event_type == name
    if name in EVENT_TYPES:
        return columns.event_type == name
    return or_(columns.sub_event_type == name, columns.event_type == name)


def _outlet_condition(f: Filter) -> ColumnElement | None:
    if not f.outlet:
        return None
    name = f.outlet.lower()
    return or_(func.lower(_articles.outlet) == name, func.lower(_outlets.name) == name,
               func.lower(_outlets.domain) == name, _outlets.key == f.outlet)


def event_select(f: Filter, *columns) -> Select:
    """``columns`` of the events ``f`` matches, joined with their article and its outlet."""
    query = select(*columns).select_from(
        tables.events.join(tables.articles, _events.article_id == _articles.id)
        .outerjoin(tables.outlets, _articles.outlet_id == _outlets.id))
    conditions = _event_conditions(f)
    if (outlet := _outlet_condition(f)) is not None:
        conditions.append(outlet)
    return query.where(and_(*conditions)) if conditions else query


def event_query(f: Filter, *, limit: int | None = None, offset: int | None = None,
                after: EventCursor | None = None, sort: EventSort = "date") -> Select:
    """The events' query in ``sort`` order (``after`` only with the default "date"); an unknown
    toll sorts last either way, and ties go by (date, id) so pages never overlap."""
    query = event_select(
        f, *(_events[name] for name in EVENT_FIELDS), _events.evidence_sentence, _events.evidence_start,
        _events.evidence_end, _articles.id.label("article_id_"), _articles.url.label("article_url"),
        func.coalesce(_outlets.name, _articles.outlet).label("outlet_name"),
        _articles.published.label("article_published"), _articles.analysed_at.label("article_analysed_at"))
    if after is not None:
        query = query.where(or_(_EVENT_DATE > after.date, and_(_EVENT_DATE == after.date, _events.id > after.id)))
    return query.order_by(*_EVENT_ORDER[sort]).limit(limit).offset(offset)


_EVENT_ORDER: dict[str, tuple[ColumnElement, ...]] = {
    "date": (_EVENT_DATE, _events.id),
    "-date": (_EVENT_DATE.desc(), _events.id.desc()),
    "fatalities": (nulls_last(_events.fatalities.asc()), _EVENT_DATE, _events.id),
    "-fatalities": (nulls_last(_events.fatalities.desc()), _EVENT_DATE, _events.id),
}


def _record(row) -> EventRecord:
    fields = {name: getattr(row, name) for name in EVENT_FIELDS}
    fields["evidence"] = {"sentence": row.evidence_sentence, "start": row.evidence_start, "end": row.evidence_end}
    return EventRecord(event=Event.model_validate(fields), article_id=row.article_id_, article_url=row.article_url,
                       outlet=row.outlet_name, published=row.article_published, analysed_at=row.article_analysed_at)


def events(connection: Connection, f: Filter = Filter(), *, limit: int | None = None, offset: int | None = None,
           after: EventCursor | None = None, sort: EventSort = "date") -> Iterator[EventRecord]:
    """The events ``f`` matches, in (date, id) order (or ``sort``'s), streamed from the database."""
    result = connection.execution_options(yield_per=BATCH).execute(
        event_query(f, limit=limit, offset=offset, after=after, sort=sort))
    for row in result:
        yield _record(row)


def event_cursor(record: EventRecord) -> EventCursor:
    """Where the page that ends with ``record`` ends: pass it as ``after`` for the next page."""
    return EventCursor(record.event.date or "", record.event.id)


def count_events(connection: Connection, f: Filter = Filter()) -> int:
    if f.outlet:
        return connection.execute(event_select(f, func.count(_events.id))).scalar_one()
    # Every event has its article (a foreign key), so without an outlet to match the joins add nothing.
    query = select(func.count(_events.id)).select_from(tables.events)
    conditions = _event_conditions(f)
    return connection.execute(query.where(and_(*conditions)) if conditions else query).scalar_one()


def article_conditions(f: Filter) -> list[ColumnElement]:
    """What ``f`` asks of an article, over ``articles`` joined with ``outlets`` (see the module's
    docstring): for the article lists here and for full-text search (``store.browse``)."""
    conditions: list[ColumnElement] = []
    if f.since:
        conditions.append(_articles.published >= f.since.isoformat())
    if f.until:
        # "2024-05-12T23:10" is before "2024-05-13": the whole of the last day is in.
        conditions.append(_articles.published < (f.until + timedelta(days=1)).isoformat())
    if (outlet := _outlet_condition(f)) is not None:
        conditions.append(outlet)
    if event_conditions := _event_conditions(f, with_dates=False):
        conditions.append(exists().where(_events.article_id == _articles.id, *event_conditions))
    return conditions


def _article_select(f: Filter, *columns) -> Select:
    query = select(*columns).select_from(
        tables.articles.outerjoin(tables.outlets, _articles.outlet_id == _outlets.id))
    conditions = article_conditions(f)
    return query.where(and_(*conditions)) if conditions else query


def articles(connection: Connection, f: Filter = Filter(), *, limit: int | None = None, offset: int | None = None,
             after: int | None = None) -> Iterator[StoredArticle]:
    """The stored articles ``f`` matches (their Article JSON), in store order, streamed."""
    query = _article_select(f, _articles.seq, _articles.record)
    if after is not None:
        query = query.where(_articles.seq > after)
    result = connection.execution_options(yield_per=BATCH).execute(
        query.order_by(_articles.seq).limit(limit).offset(offset))
    for row in result:
        yield StoredArticle(row.seq, row.record)


def count_articles(connection: Connection, f: Filter = Filter()) -> int:
    return connection.execute(_article_select(f, func.count(_articles.seq))).scalar_one()
