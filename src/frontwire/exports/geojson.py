"""Events as a GeoJSON (RFC 7946) FeatureCollection: one Point feature per geolocated event.

Coordinates are ``[longitude, latitude]`` in WGS 84, as RFC 7946 requires (no
``crs`` member). The properties are the event's row (``exports.acled.event_row``:
ACLED's columns then frontwire's, with frontwire's null fatalities kept), less
the coordinates the geometry already holds; ``geo_precision`` says how far the
point can be trusted (1 the place itself, 3 a province or larger). An event
without coordinates has no feature: it is counted as left out. The collection
is written as the events come, so memory does not grow with the export.
"""

from __future__ import annotations

import sys
from datetime import date, datetime
from typing import Any, TextIO

from ..registry import writer
from .acled import ALL_COLUMNS, WITHOUT_COORDINATES, event_row
from .json import dumps
from .records import EventRecord, EventWriter

PROPERTIES = tuple(column for column in ALL_COLUMNS if column not in ("latitude", "longitude"))


def _json_value(value: Any) -> Any:
    if isinstance(value, datetime):
        return int(value.timestamp())
    if isinstance(value, date):
        return value.isoformat()
    return value


def feature(record: EventRecord, inter_labels: bool = False) -> dict | None:
    event = record.event
    if event.lat is None or event.lon is None:
        return None
    row = event_row(record, inter_labels=inter_labels)
    return {
        "type": "Feature",
        "id": event.id,
        "geometry": {"type": "Point", "coordinates": [event.lon, event.lat]},
        "properties": {name: _json_value(row[name]) for name in PROPERTIES},
    }


class GeoJsonWriter(EventWriter):
    def __init__(self, stream: TextIO, inter_labels: bool = False, report_left_out: TextIO | None = None):
        super().__init__(report_left_out)
        self.stream = stream
        self.inter_labels = inter_labels
        self.stream.write('{"type": "FeatureCollection", "features": [\n')

    def add(self, record: EventRecord) -> None:
        item = feature(record, self.inter_labels)
        if item is None:
            self.left_out[WITHOUT_COORDINATES] += 1
            return
        self.stream.write(("" if self.written == 0 else ",\n") + dumps(item))
        self.written += 1

    def finish(self) -> None:
        self.stream.write("\n]}\n")
        self.stream.flush()


@writer("geojson", "events as a GeoJSON FeatureCollection, one point per geolocated event")
def geojson_writer(stream: TextIO) -> EventWriter:
    return GeoJsonWriter(stream, report_left_out=sys.stderr)
