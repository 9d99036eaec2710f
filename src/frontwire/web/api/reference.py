"""``/api/actors``, ``/api/places``, ``/api/outlets`` and ``/api/stats``: what the store knows of."""

from typing import Annotated

from fastapi import APIRouter, Depends, Query
from sqlalchemy import Connection

from ...store import browse
from ..newsroom import read_connection
from .models import Actor, Outlet, Page, Place, Stats
from .params import OffsetPages, Paging, Text

router = APIRouter(tags=["reference"])

Contains = Annotated[Text, Query(max_length=200, description="a part of the name, ignoring case")]


def _page(listing: browse.Listing, paging: Paging, start: int) -> dict:
    return {"total": listing.total, "limit": paging.limit, "offset": start,
            "next_cursor": OffsetPages.next_cursor(start, len(listing.items), listing.total),
            "items": [item._asdict() for item in listing.items]}


@router.get("/actors", response_model=Page[Actor])
def list_actors(paging: Annotated[Paging, Depends()], q: Contains = None,
                connection: Connection = Depends(read_connection)):
    """The actors events name, with their knowledge-base id where known, most named first."""
    start = OffsetPages.start(paging)
    return _page(browse.actors(connection, q, limit=paging.limit, offset=start), paging, start)


@router.get("/places", response_model=Page[Place])
def list_places(paging: Annotated[Paging, Depends()], q: Contains = None,
                connection: Connection = Depends(read_connection)):
    """The places articles mention, as resolved in the gazetteer, most mentioned first."""
    start = OffsetPages.start(paging)
    return _page(browse.places(connection, q, limit=paging.limit, offset=start), paging, start)


@router.get("/outlets", response_model=Page[Outlet])
def list_outlets(paging: Annotated[Paging, Depends()], connection: Connection = Depends(read_connection)):
    """The outlets' profiles (who runs them, their rated bias and reliability) and article counts."""
    start = OffsetPages.start(paging)
    every = browse.outlets(connection)
    items = every[start:start + paging.limit]
    return {"total": len(every), "limit": paging.limit, "offset": start,
            "next_cursor": OffsetPages.next_cursor(start, len(items), len(every)), "items": items}


@router.get("/stats", response_model=Stats)
def store_stats(connection: Connection = Depends(read_connection)):
    """The store's figures."""
    return browse.stats(connection)
