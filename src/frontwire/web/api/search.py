"""``/api/search``: full-text search of the articles, with highlighted snippets and facets."""

from typing import Annotated

from fastapi import APIRouter, Depends, Query
from sqlalchemy import Connection

from ...store import browse
from ..newsroom import read_connection
from .models import SearchPage
from .params import MAX_LIMIT, MAX_OFFSET, SearchFilter, Text, invalid

router = APIRouter(tags=["search"])


@router.get("/search", response_model=SearchPage)
def search_articles(q: Annotated[Text, Query(min_length=1, max_length=500, description="the words to find")],
                    filters: Annotated[SearchFilter, Depends()],
                    limit: Annotated[int, Query(ge=1, le=MAX_LIMIT)] = 20,
                    offset: Annotated[int, Query(ge=0, le=MAX_OFFSET)] = 0,
                    connection: Connection = Depends(read_connection)):
    """Articles holding every word of ``q`` (title or text), best first. Each snippet is a list of
    segments, ``match`` marking the words found; facets count all hits, not only this page.
    ``since``/``until`` apply to the publication date, ``country``/``type`` to the article's events."""
    if not browse.search_words(q):
        raise invalid("q", "must hold at least one word")
    found = browse.search(connection, q, filters.to_filter(), limit=limit, offset=offset)
    return {"total": found.total, "limit": limit, "offset": offset, "next_cursor": None,
            "items": [{**hit._asdict(), "snippet": [segment._asdict() for segment in hit.snippet]}
                      for hit in found.hits],
            "facets": {name: [facet._asdict() for facet in facets] for name, facets in found.facets.items()}}
