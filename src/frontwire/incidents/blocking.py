"""The stored events one event could be linked with: its country, a few days either side, a box around it.

One indexed query per event (``ix_events_country_date``), so the cost of linking an article grows
with the volume of the days around its events, never with the archive. The query reaches at least
as far as ``compatibility`` ever links (``dates.REACH_DAYS`` by each candidate's own precision,
``places.MAX_DISTANCE_KM``), so blocking never hides a pair that would be linked: incidents found
at ingest are the ones ``rebuild`` finds comparing everything.
"""

from __future__ import annotations

import math
from datetime import timedelta
from functools import lru_cache
from typing import Iterator

from sqlalchemy import Connection, and_, bindparam, or_, true

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


def _date_bounds(event: Linkable) -> dict[str, str]:
    first, last = dates.span(event)
    bounds = {}
    for time_precision, width in dates.HALF_WIDTH.items():
        reach = timedelta(days=width + dates.TOLERANCE_DAYS)
        bounds[f"first_{time_precision}"] = (first - reach).isoformat()
        bounds[f"last_{time_precision}"] = (last + reach).isoformat()
    return bounds


def _area(shape: str):
    """The box around the event: "box", "band" (latitude only: a box across the antimeridian) or
    "anywhere" (the event has no coordinates); an event without coordinates is placed by its admin1,
    and compatibility decides."""
    lat, lon = tables.events.c.lat, tables.events.c.lon
    if shape == "anywhere":
        return true()
    box = lat.between(bindparam("south"), bindparam("north"))
    if shape == "box":
        box = and_(box, lon.between(bindparam("west"), bindparam("east")))
    return or_(lat.is_(None), box)


def _area_bounds(event: Linkable) -> tuple[str, dict[str, float]]:
    if event.lat is None or event.lon is None:
        return "anywhere", {}
    dlat = places.MAX_DISTANCE_KM / KM_PER_DEGREE
    cos = math.cos(math.radians(min(89.0, abs(event.lat))))
    dlon = dlat / cos
    bounds = {"south": event.lat - dlat, "north": event.lat + dlat}
    if -180 < event.lon - dlon and event.lon + dlon < 180:
        return "box", {**bounds, "west": event.lon - dlon, "east": event.lon + dlon}
    return "band", bounds


@lru_cache(maxsize=None)
def _query(shape: str):
    """The blocking query for an area shape, built once: only its parameters change from event to event."""
    events, members = tables.events, tables.incident_events
    return (linkable_query().add_columns(members.c.incident_id)
            .join(members, members.c.event_id == events.c.id)
            .where(events.c.country == bindparam("country"), events.c.article_id != bindparam("article_id"),
                   _date_window(), _area(shape)))


def candidates(connection: Connection, event: Linkable) -> Iterator[tuple[Linkable, str]]:
    """Linked events of other articles that ``event`` could be linked with, each with its incident id."""
    if event.date is None or not event.country:
        return
    shape, area = _area_bounds(event)
    parameters = {"country": event.country, "article_id": event.article_id, **_date_bounds(event), **area}
    for row in connection.execute(_query(shape), parameters):
        yield from_row(row), row[-1]
