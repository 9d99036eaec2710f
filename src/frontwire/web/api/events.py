"""``/api/events`` (JSON, GeoJSON for the map, CSV) and ``/api/timeline``."""

import io
from typing import Annotated, Literal

from fastapi import APIRouter, Depends, Query
from fastapi.responses import JSONResponse, Response
from sqlalchemy import Connection, select

from ...exports.csv import frontwire_csv_writer
from ...exports.geojson import PROPERTIES, feature
from ...exports.records import EventRecord
from ...store import browse, tables
from ...store.queries import EventCursor, EventSort, count_events, event_cursor, events
from ..newsroom import read_connection
from .models import EventItem, Page, Timeline
from .params import MAX_LIMIT, EventFilter, ExportPaging, OffsetPages, decode_cursor, encode_cursor, invalid

router = APIRouter(tags=["events"])

GEOJSON = "application/geo+json"
CSV = "text/csv; charset=utf-8"
EVENT_CURSOR = "event"
# What a GeoJSON feature's properties may hold: the event's ids, then the export's columns.
FEATURE_PROPERTIES = ("event_id", "incident_id", *PROPERTIES)


def _incident_ids(connection: Connection, records: list[EventRecord]) -> dict[str, str]:
    members = tables.incident_events.c
    ids = [record.event.id for record in records]
    rows = connection.execute(select(members.event_id, members.incident_id).where(members.event_id.in_(ids)))
    return {event_id: incident_id for event_id, incident_id in rows}


def _event_position(cursor: str) -> EventCursor:
    position = decode_cursor(cursor, EVENT_CURSOR)
    if not (isinstance(position, list) and len(position) == 2 and all(isinstance(part, str) for part in position)):
        raise invalid("cursor", "is not a cursor this API gave")
    return EventCursor(*position)


def _fields(value: str | None) -> tuple[str, ...] | None:
    """The properties asked for (``fields=a,b``), in the order given; None for all of them."""
    if value is None:
        return None
    names = tuple(dict.fromkeys(name.strip() for name in value.split(",") if name.strip()))
    unknown = [name for name in names if name not in FEATURE_PROPERTIES]
    if unknown or not names:
        raise invalid("fields", f"unknown: {', '.join(unknown) or '(none given)'}; known: {', '.join(FEATURE_PROPERTIES)}")
    return names


def _geojson(records: list[EventRecord], incident_of: dict[str, str], total: int, next_cursor: str | None,
             fields: tuple[str, ...] | None) -> dict:
    features = []
    for record in records:
        item = feature(record)
        if item is None:
            continue
        properties = {"event_id": record.event.id, "incident_id": incident_of.get(record.event.id),
                      **item["properties"]}
        item["properties"] = properties if fields is None else {name: properties[name] for name in fields}
        features.append(item)
    # "total", "left_out" and "next_cursor" are foreign members (RFC 7946 §6.1): the map pages with them.
    return {"type": "FeatureCollection", "features": features, "total": total,
            "left_out": len(records) - len(features), "next_cursor": next_cursor}


def _csv(records: list[EventRecord]) -> str:
    stream = io.StringIO()
    writer = frontwire_csv_writer(stream)
    for record in records:
        writer.add(record)
    writer.finish()
    return stream.getvalue()


@router.get("/events", response_model=Page[EventItem], responses={
    200: {"content": {GEOJSON: {"schema": {"type": "object", "description": "a GeoJSON FeatureCollection"}},
                      "text/csv": {"schema": {"type": "string", "description": "frontwire's CSV export"}}}}})
def list_events(filters: Annotated[EventFilter, Depends()], paging: Annotated[ExportPaging, Depends()],
                sort: Annotated[EventSort, Query(description="date pages by cursor; the others by offset")] = "date",
                format: Annotated[Literal["json", "geojson", "csv"], Query()] = "json",
                fields: Annotated[str | None, Query(
                    max_length=2000, description="geojson: only these properties, comma-separated (a map needs a "
                                                 "few of the export's many columns)")] = None,
                connection: Connection = Depends(read_connection)):
    """The events the filters match. ``?format=geojson``: the geolocated ones as a FeatureCollection
    (``limit`` up to 5000); ``?format=csv``: frontwire's CSV export of them."""
    if format == "json" and paging.limit > MAX_LIMIT:
        raise invalid("limit", f"must be at most {MAX_LIMIT} for JSON (up to 5000 for geojson or csv)")
    f = filters.to_filter()
    properties = _fields(fields)
    after, start = None, paging.offset or 0
    if paging.cursor is not None and sort == "date":
        after, start = _event_position(paging.cursor), None
    elif paging.cursor is not None:
        start = OffsetPages.start(paging)
    total = count_events(connection, f)
    # One more than asked for says whether a next page exists without counting what lies after a cursor.
    records = list(events(connection, f, limit=paging.limit + 1, offset=start, after=after, sort=sort))
    more, records = len(records) > paging.limit, records[:paging.limit]
    if not more:
        next_cursor = None
    elif sort == "date":
        next_cursor = encode_cursor(EVENT_CURSOR, list(event_cursor(records[-1])))
    else:
        next_cursor = encode_cursor(OffsetPages.KIND, start + len(records))
    if format == "csv":
        return Response(_csv(records), media_type=CSV)
    incident_of = _incident_ids(connection, records)
    if format == "geojson":
        return JSONResponse(_geojson(records, incident_of, total, next_cursor, properties), media_type=GEOJSON)
    items = [{**record.to_json(), "incident_id": incident_of.get(record.event.id)} for record in records]
    return {"total": total, "limit": paging.limit, "offset": start, "next_cursor": next_cursor, "items": items}


@router.get("/timeline", response_model=Timeline)
def event_timeline(filters: Annotated[EventFilter, Depends()], connection: Connection = Depends(read_connection)):
    """Matching events per week (Monday's date) and sub-event type."""
    found = browse.timeline(connection, filters.to_filter())
    return {"weeks": [{"week": week.week, "counts": week.counts} for week in found.weeks], "undated": found.undated}

