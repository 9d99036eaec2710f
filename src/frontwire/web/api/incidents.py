"""``/api/incidents``: the incidents (events of different articles that tell one happening)."""

from typing import Annotated

from fastapi import APIRouter, Depends, HTTPException, Query
from sqlalchemy import Connection, select

from ...incidents.reading import count_incidents, incidents, resolve
from ...store import tables
from ..newsroom import read_connection
from .models import Error, IncidentDetail, IncidentRecord, Page
from .params import MAX_OFFSET, IncidentFilter, OffsetPages, Paging

router = APIRouter(tags=["incidents"])


@router.get("/incidents", response_model=Page[IncidentRecord])
def list_incidents(filters: Annotated[IncidentFilter, Depends()], paging: Annotated[Paging, Depends()],
                   min_outlets: Annotated[int, Query(ge=1, le=MAX_OFFSET,
                                                     description="independent outlets reporting it, at least")] = 1,
                   connection: Connection = Depends(read_connection)):
    """Incidents in (date, id) order, undated first. The filters apply to the incident's own best
    values; ``actor`` and ``outlet`` to any of its events and articles."""
    f = filters.to_filter()
    start = OffsetPages.start(paging)
    total = count_incidents(connection, f, min_outlets)
    items = list(incidents(connection, f, min_outlets, limit=paging.limit, offset=start))
    return {"total": total, "limit": paging.limit, "offset": start,
            "next_cursor": OffsetPages.next_cursor(start, len(items), total), "items": items}


@router.get("/incidents/{incident_id}", response_model=IncidentDetail,
            responses={404: {"model": Error, "description": "no incident has or had this id"}})
def get_incident(incident_id: str, connection: Connection = Depends(read_connection)):
    """The incident; for an id merged into another since, the live one, its id in ``merged_into``."""
    live = resolve(connection, incident_id)
    if live is None:
        raise HTTPException(404, "no incident has or had this id")
    columns = tables.incidents.c
    record = connection.execute(select(columns.record).where(columns.id == live)).scalar_one()
    return {**record, "merged_into": live if live != incident_id else None}
