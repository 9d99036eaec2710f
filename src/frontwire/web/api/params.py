"""The query parameters the API's lists share: the event filter, paging and its opaque cursors.

A bad value is a 422 in FastAPI's validation format (``{"detail": [{"loc", "msg", "type"}]}``),
which the OpenAPI document declares for every route, whether pydantic or a check here refused it.
"""

# No "from __future__ import annotations": FastAPI reads these dataclasses' fields as real types.

import base64
import binascii
import json
import re
from dataclasses import dataclass
from datetime import date
from typing import Annotated, Any, Literal

from fastapi import Query
from fastapi.exceptions import RequestValidationError
from pydantic import AfterValidator

from ...store.queries import Filter

MAX_LIMIT = 500
# One map or one spreadsheet takes more events than one page of JSON.
MAX_EXPORT_LIMIT = 5000
MAX_OFFSET = 10**9
_LONGITUDE = r"-?(?:180(?:\.0+)?|(?:1[0-7]\d|\d{1,2})(?:\.\d+)?)"
_LATITUDE = r"-?(?:90(?:\.0+)?|\d(?:\.\d+)?|[1-8]\d(?:\.\d+)?)"
BBOX_PATTERN = f"^{_LONGITUDE},{_LATITUDE},{_LONGITUDE},{_LATITUDE}$"
Certainty = Literal["fact", "claimed", "reported", "denied", "hedged"]


def invalid(parameter: str, message: str) -> RequestValidationError:
    """A 422 about one query parameter, in the shape FastAPI gives its own."""
    return RequestValidationError([{"type": "value_error", "loc": ("query", parameter), "msg": message}])


def _plain_text(value: str | None) -> str | None:
    # NUL ends a C string: PostgreSQL refuses it in a query, SQLite would compare a truncated value.
    if value is not None and "\x00" in value:
        raise ValueError("must not contain NUL characters")
    return value


def _bbox(value: str | None) -> tuple[float, float, float, float] | None:
    if value is None:
        return None
    if not re.fullmatch(BBOX_PATTERN, value):
        raise ValueError('must be "west,south,east,north": longitudes in [-180, 180], latitudes in [-90, 90]')
    west, south, east, north = (float(part) for part in value.split(","))
    if south > north:
        raise ValueError("south must not be greater than north")
    return west, south, east, north


Text = Annotated[str | None, AfterValidator(_plain_text)]


@dataclass(frozen=True)
class SearchFilter:
    """What narrows a search: the article's publication dates and outlet, its events' country and type."""

    since: Annotated[date | None, Query(description="on or after this day (YYYY-MM-DD)")] = None
    until: Annotated[date | None, Query(description="on or before this day (YYYY-MM-DD)")] = None
    country: Annotated[str | None, Query(pattern="^[A-Za-z]{2}$", description="ISO 3166-1 alpha-2 code")] = None
    type: Annotated[Text, Query(description="ACLED sub-event type or event type")] = None
    outlet: Annotated[Text, Query(description="outlet name or domain, ignoring case")] = None

    def to_filter(self) -> Filter:
        if self.since and self.until and self.since > self.until:
            raise invalid("until", "must not be before since")
        return Filter(**self.filter_values())

    def filter_values(self) -> dict[str, Any]:
        return {name: getattr(self, name) for name in self.__dataclass_fields__}


@dataclass(frozen=True)
class IncidentFilter(SearchFilter):
    """The filter of ``/api/incidents``: the search's, and the place and the actors."""

    admin1: Annotated[Text, Query(description="first-level division, ignoring case")] = None
    actor: Annotated[Text, Query(description="actor name (ignoring case) or knowledge-base id, either side")] = None
    # The pattern is the schema's, for clients and schemathesis; _bbox checks it, saying what is wrong.
    bbox: Annotated[str | None, Query(json_schema_extra={"pattern": BBOX_PATTERN}, examples=["35.5,32.3,42.4,37.3"],
                                      description='"west,south,east,north" in degrees (west > east crosses 180°)')] = None

    def filter_values(self) -> dict[str, Any]:
        try:
            return {**super().filter_values(), "bbox": _bbox(self.bbox)}
        except ValueError as exc:
            raise invalid("bbox", str(exc)) from None


@dataclass(frozen=True)
class EventFilter(IncidentFilter):
    """The event filter of ``/api/events``, ``/api/timeline`` and ``/api/articles``."""

    certainty: Annotated[Certainty | None, Query(description="the event's certainty")] = None
    min_fatalities: Annotated[int | None, Query(ge=0, le=MAX_OFFSET, description="reported toll at least")] = None


@dataclass(frozen=True)
class Paging:
    """``limit`` items from ``offset``, or after the ``cursor`` a previous page's ``next_cursor`` gave."""

    limit: Annotated[int, Query(ge=1, le=MAX_LIMIT, description="items per page")] = 50
    offset: Annotated[int | None, Query(ge=0, le=MAX_OFFSET, description="items to skip (not with cursor)")] = None
    cursor: Annotated[Text, Query(description="a previous page's next_cursor (not with offset)")] = None

    def __post_init__(self) -> None:
        if self.offset is not None and self.cursor is not None:
            raise invalid("cursor", "give offset or cursor, not both")


@dataclass(frozen=True)
class ExportPaging(Paging):
    """Paging whose ``limit`` goes up to ``MAX_EXPORT_LIMIT`` for the map's GeoJSON and the CSV."""

    limit: Annotated[int, Query(ge=1, le=MAX_EXPORT_LIMIT,
                                description=f"items per page (at most {MAX_LIMIT} as JSON, {MAX_EXPORT_LIMIT} "
                                            "as GeoJSON or CSV)")] = 50


# -- cursors: opaque to clients, a small JSON object inside ------------------------------------------

def encode_cursor(kind: str, position: Any) -> str:
    raw = json.dumps([kind, position], separators=(",", ":")).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def decode_cursor(cursor: str, kind: str) -> Any:
    """The position in a cursor of ``kind``; 422 for one that is not (forged, or from another list)."""
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
        found, position = json.loads(raw)
    except (ValueError, TypeError, binascii.Error):
        raise invalid("cursor", "is not a cursor this API gave") from None
    if found != kind:
        raise invalid("cursor", "belongs to another list or ordering")
    return position


def offset_cursor(position: Any) -> int:
    if not isinstance(position, int) or isinstance(position, bool) or not 0 <= position <= MAX_OFFSET:
        raise invalid("cursor", "is not a cursor this API gave")
    return position


class OffsetPages:
    """Paging by offset alone, with cursors that carry the next offset: for the lists that have no
    keyset order of their own."""

    KIND = "offset"

    @staticmethod
    def start(paging: Paging) -> int:
        if paging.cursor is not None:
            return offset_cursor(decode_cursor(paging.cursor, OffsetPages.KIND))
        return paging.offset or 0

    @staticmethod
    def next_cursor(start: int, returned: int, total: int) -> str | None:
        end = start + returned
        return encode_cursor(OffsetPages.KIND, end) if returned and end < total else None
