"""The stored events one event could be linked with: its country, a few days either side, a box around
it (or its admin1).

One indexed query per event (``ix_events_country_date``), so the cost of linking an article grows
with the volume of the days around its events, never with the archive. The query reaches at least
as far as ``compatibility`` ever links (``dates.REACH_DAYS`` by each candidate's own precision,
``places.MAX_DISTANCE_KM`` or one admin1; undated events: see ``candidates``), so blocking never
hides a pair that would be linked: incidents found at ingest are the ones ``rebuild`` finds
comparing everything.
"""

from __future__ import annotations

import math
from datetime import date, timedelta
from functools import lru_cache
from typing import Iterator

from sqlalchemy import Connection, and_, bindparam, or_, true, union_all

from ..store import tables
from .compatibility import dates, places
from .linkable import Linkable, from_row, linkable_query

KM_PER_DEGREE = 111.0


def _date_window():
    """Each candidate's own precision widens the window by its half width (bounds: ``_date_bounds``)."""
    column, precision = tables.events.c.date, tables.events.c.time_precision
    windows = []
    for time_precision in dates.HALF_WIDTH:
        matches = precision == time_precision
        if time_precision == dates.UNKNOWN_PRECISION:
            matches = or_(matches, precision.is_(None))
        windows.append(and_(matches, column >= bindparam(f"first_{time_precision}"),
                            column <= bindparam(f"last_{time_precision}")))
    return or_(*windows)


def _date_bounds(span: tuple[date, date]) -> dict[str, str]:
    """Spans at most ``dates.TOLERANCE_DAYS`` apart (``dates.within_window``)."""
    first, last = span
    bounds = {}
    for time_precision, width in dates.HALF_WIDTH.items():
        reach = timedelta(days=width + dates.TOLERANCE_DAYS)
        bounds[f"first_{time_precision}"] = (first - reach).isoformat()
        bounds[f"last_{time_precision}"] = (last + reach).isoformat()
    return bounds


def _area(shape: str, by_admin1: bool):
    """The box around the event: "box", "band" (latitude only: a box across the antimeridian) or
    "anywhere" (the event has no coordinates); an event without coordinates is placed by its admin1,
    and so is any event of the same admin1 (``places.near`` links a province with its towns):
    compatibility decides."""
    lat, lon = tables.events.c.lat, tables.events.c.lon
    if shape == "anywhere":
        return true()
    box = lat.between(bindparam("south"), bindparam("north"))
    if shape == "box":
        box = and_(box, lon.between(bindparam("west"), bindparam("east")))
    area = or_(lat.is_(None), box)
    return or_(area, tables.events.c.admin1 == bindparam("admin1")) if by_admin1 else area


def _area_bounds(event: Linkable, radius_km: float) -> tuple[str, dict[str, float]]:
    if event.lat is None or event.lon is None:
        return "anywhere", {}
    dlat = radius_km / KM_PER_DEGREE
    cos = math.cos(math.radians(min(89.0, abs(event.lat))))
    dlon = dlat / cos
    bounds = {"south": event.lat - dlat, "north": event.lat + dlat}
    if -180 < event.lon - dlon and event.lon + dlon < 180:
        return "box", {**bounds, "west": event.lon - dlon, "east": event.lon + dlon}
    return "band", bounds


@lru_cache(maxsize=None)
def _query(shape: str, by_admin1: bool, dated: bool):
    """The blocking query for an area shape, built once: only its parameters change from event to event.

    A dated event is offered the candidates of its date window and the undated ones of its area (the
    span of an undated candidate, if any, is its article's publication week: compatibility decides),
    as two indexed searches: one OR of both would make the database scan the whole country."""
    events, members = tables.events, tables.incident_events
    in_area = linkable_query().add_columns(members.c.incident_id).join(
        members, members.c.event_id == events.c.id).where(
        events.c.country == bindparam("country"), events.c.article_id != bindparam("article_id"),
        _area(shape, by_admin1))
    if not dated:
        return in_area
    return union_all(in_area.where(_date_window()), in_area.where(events.c.date.is_(None)))


def candidates(connection: Connection, event: Linkable) -> Iterator[tuple[Linkable, str]]:
    """Linked events of other articles that ``event`` could be linked with, each with its incident id.

    An undated event (``dates.undated``) is linked only with events at its own town
    (``places.same_place``), whatever their dates: it is offered the events of a small box, so
    its cost grows with that town's archive; such events are rare (an article with no
    publication date, no dateline and no date in its text)."""
    if not event.country:
        return
    span = dates.span(event)
    if span is None:
        if event.geo_precision not in places.TOWN or event.lat is None or event.lon is None:
            return
        shape, area = _area_bounds(event, 2 * max(places.REACH_KM[p] for p in places.TOWN))
        by_admin1, bounds = False, {}
    else:
        shape, area = _area_bounds(event, places.MAX_DISTANCE_KM)
        by_admin1, bounds = bool(event.admin1), _date_bounds(span)
    parameters = {"country": event.country, "article_id": event.article_id, **bounds, **area}
    if by_admin1:
        parameters["admin1"] = event.admin1
    for row in connection.execute(_query(shape, by_admin1, span is not None), parameters):
        yield from_row(row), row[-1]
