"""The events explorer: the events table, the map and the weekly timeline, filtering each other.

The pages are the frame (the filter form, the legend's place, the table's head); the browser
fills them from the API (``/api/events``, ``/api/timeline``) with the filters in the page's own
query string, so a filtered view is a link to share. The form's choices come from the store.
"""

from __future__ import annotations

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse
from sqlalchemy import Connection, select

from ..events.taxonomy import TAXONOMY
from ..exports.acled import tables as acled_tables
from ..store import browse, tables
from .newsroom import read_connection
from .security import require_reader
from .templating import templates

router = APIRouter(dependencies=[Depends(require_reader)], include_in_schema=False)

# The filters of /api/events the form offers, echoed back into it from the query string.
FILTER_FIELDS = ("type", "country", "outlet", "actor", "since", "until", "min_fatalities")
MAP_LAYERS = ("events", "incidents")


def _countries(connection: Connection) -> list[tuple[str, str]]:
    """(ISO code, ACLED's name) of the countries events are in, by name."""
    country = tables.events.c.country
    known = acled_tables().countries
    codes = connection.execute(select(country).where(country.is_not(None)).distinct()).scalars()
    return sorted(((code, known[code].name if code in known else code) for code in codes), key=lambda pair: pair[1])


def _outlet_names(connection: Connection) -> list[str]:
    names = {outlet["name"] or outlet["key"] for outlet in browse.outlets(connection) if outlet["articles"]}
    return sorted(names, key=str.lower)


def _filter_form(request: Request, connection: Connection, action: str) -> dict:
    return {"action": action, "taxonomy": TAXONOMY, "countries": _countries(connection),
            "outlets": _outlet_names(connection),
            "chosen": {name: request.query_params.get(name, "") for name in FILTER_FIELDS}}


@router.get("/events", response_class=HTMLResponse)
def events_page(request: Request, connection: Connection = Depends(read_connection)):
    return templates.TemplateResponse(request, "explorer/events.html", {
        "title": "Events", "section": "events", "form": _filter_form(request, connection, "/events")})


@router.get("/map", response_class=HTMLResponse)
def map_page(request: Request, connection: Connection = Depends(read_connection)):
    layer = request.query_params.get("show", "events")
    return templates.TemplateResponse(request, "explorer/map.html", {
        "title": "Map", "section": "map", "form": _filter_form(request, connection, "/map"),
        "layer": layer if layer in MAP_LAYERS else "events", "layers": MAP_LAYERS})
