"""Incidents out of the store, filtered in SQL as ``frontwire export`` filters events.

``Filter`` is the export's (``frontwire.store.queries.Filter``). For incidents: ``since``/``until``,
``country``, ``admin1``, ``type`` (sub-event or event type) and ``bbox`` apply to the incident's
own best values; ``actor`` and ``outlet`` select incidents in which any member event names the
actor (as actor1 or actor2, by name or knowledge-base id) or any member article is the outlet's.
Incidents come in (date, id) order, undated first, streamed.
"""

from __future__ import annotations

from typing import Any, Iterator

from sqlalchemy import ColumnElement, Connection, Select, and_, exists, func, or_, select

from ..store import tables
from ..store.queries import Filter, type_condition

BATCH = 500

_incidents, _members, _events = tables.incidents.c, tables.incident_events.c, tables.events.c
_articles, _outlets = tables.articles.c, tables.outlets.c
_DATE = func.coalesce(_incidents.date, "")


def _conditions(f: Filter) -> list[ColumnElement]:
    conditions: list[ColumnElement] = []
    if f.since:
        conditions.append(_incidents.date >= f.since.isoformat())
    if f.until:
        conditions.append(_incidents.date <= f.until.isoformat())
    if f.country:
        conditions.append(_incidents.country == f.country.upper())
    if f.admin1:
        conditions.append(func.lower(_incidents.admin1) == f.admin1.lower())
    if f.type:
        conditions.append(type_condition(_incidents, f.type))
    if f.bbox:
        west, south, east, north = f.bbox
        longitude = _incidents.lon.between(west, east) if west <= east else or_(_incidents.lon >= west,
                                                                               _incidents.lon <= east)
        conditions += [_incidents.lat.between(south, north), longitude]
    if f.actor:
        name = f.actor.lower()
        conditions.append(exists().where(
            _members.incident_id == _incidents.id, _events.id == _members.event_id,
            or_(func.lower(_events.actor1) == name, func.lower(_events.actor2) == name,
                _events.actor1_id == f.actor, _events.actor2_id == f.actor)))
    if f.outlet:
        name = f.outlet.lower()
        by_outlet = (select(_members.incident_id)
                     .select_from(tables.incident_events.join(tables.articles, _articles.id == _members.article_id)
                                  .outerjoin(tables.outlets, _outlets.id == _articles.outlet_id))
                     .where(or_(func.lower(_articles.outlet) == name, func.lower(_outlets.name) == name,
                                func.lower(_outlets.domain) == name, _outlets.key == f.outlet)))
        conditions.append(_incidents.id.in_(by_outlet))
    return conditions


def _select(f: Filter, min_outlets: int, *columns) -> Select:
    query = select(*columns).select_from(tables.incidents)
    conditions = _conditions(f)
    if min_outlets > 1:
        conditions.append(_incidents.n_outlets >= min_outlets)
    return query.where(and_(*conditions)) if conditions else query


def incidents(connection: Connection, f: Filter = Filter(), min_outlets: int = 1, *, limit: int | None = None,
              offset: int | None = None) -> Iterator[dict[str, Any]]:
    """The incidents ``f`` matches (and reported by ``min_outlets`` independent outlets or more),
    each its record (``record.RECORD_FIELDS``, in that order); ``limit`` of them after ``offset``."""
    result = connection.execution_options(yield_per=BATCH).execute(
        _select(f, min_outlets, _incidents.record).order_by(_DATE, _incidents.id).limit(limit).offset(offset))
    for (stored,) in result:
        yield stored


def incidents_with_columns(connection: Connection, f: Filter = Filter(), min_outlets: int = 1, *,
                           newest_first: bool = False, limit: int | None = None,
                           offset: int | None = None) -> Iterator[Any]:
    """The incidents' rows (every column of the ``incidents`` table), for writers that need the
    incident's actors, admin1 or country besides its record; ``newest_first`` for pages that show
    the latest first (undated last)."""
    order = (_DATE.desc(), _incidents.id.desc()) if newest_first else (_DATE, _incidents.id)
    query = _select(f, min_outlets, tables.incidents).order_by(*order).limit(limit).offset(offset)
    yield from connection.execution_options(yield_per=BATCH).execute(query)


def count_incidents(connection: Connection, f: Filter = Filter(), min_outlets: int = 1) -> int:
    return connection.execute(_select(f, min_outlets, func.count(_incidents.seq))).scalar_one()


def merges(connection: Connection, incident_id: str) -> list[dict[str, Any]]:
    """The merges that went into an incident, oldest first."""
    table = tables.incident_merges
    rows = connection.execute(select(table).where(table.c.into_id == incident_id).order_by(table.c.id)).mappings()
    return [dict(row) for row in rows]


def resolve(connection: Connection, incident_id: str) -> str | None:
    """The live incident an id stands for: itself, or the one it was merged into (followed to the end)."""
    table, seen = tables.incident_merges, set()
    while incident_id not in seen:
        seen.add(incident_id)
        live = connection.execute(select(_incidents.id).where(_incidents.id == incident_id)).scalar_one_or_none()
        if live is not None:
            return live
        into = connection.execute(select(table.c.into_id).where(table.c.absorbed_id == incident_id)
                                  .order_by(table.c.id.desc()).limit(1)).scalar_one_or_none()
        if into is None:
            return None
        incident_id = into
    return None
