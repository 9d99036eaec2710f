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
from typing import Iterator

from sqlalchemy import Connection, and_, or_, true

from ..store import tables
from .compatibility import dates, places
from .linkable import Linkable, from_row, linkable_query

KM_PER_DEGREE = 111.0


def _date_window(event: Linkable):
    """Each candidate's own precision widens the window by its half width."""
    first, last = dates.span(event)
    column, precision = tables.events.c.date, tables.events.c.time_precision
    windows = []
    for time_precision, width in dates.HALF_WIDTH.items():
        reach = timedelta(days=width + dates.TOLERANCE_DAYS)
        matches = precision == time_precision
        if time_precision == dates.UNKNOWN_PRECISION:
            matches = or_(matches, precision.is_(None))
        windows.append(and_(matches, column >= (first - reach).isoformat(), column <= (last + reach).isoformat()))
    return or_(*windows)


def _area(event: Linkable):
    lat, lon = tables.events.c.lat, tables.events.c.lon
    if event.lat is None or event.lon is None:
        return true()
    dlat = places.MAX_DISTANCE_KM / KM_PER_DEGREE
    cos = math.cos(math.radians(min(89.0, abs(event.lat))))
    dlon = dlat / cos
    box = lat.between(event.lat - dlat, event.lat + dlat)
    if -180 < event.lon - dlon and event.lon + dlon < 180:  # a box across the antimeridian: by latitude only
        box = and_(box, lon.between(event.lon - dlon, event.lon + dlon))
    # An event without coordinates is placed by its admin1: compatibility decides.
    return or_(lat.is_(None), box)


def candidates(connection: Connection, event: Linkable) -> Iterator[tuple[Linkable, str]]:
    """Linked events of other articles that ``event`` could be linked with, each with its incident id."""
    if event.date is None or not event.country:
        return
    events, members = tables.events, tables.incident_events
    query = (linkable_query().add_columns(members.c.incident_id)
             .join(members, members.c.event_id == events.c.id)
             .where(events.c.country == event.country, events.c.article_id != event.article_id,
                    _date_window(event), _area(event)))
    for row in connection.execute(query):
        yield from_row(row), row[-1]
