"""Which stored articles to analyse again, and in which order: those the current pipeline would
analyse differently (another frontwire version, other resources) first."""

from __future__ import annotations

from typing import Iterator

from sqlalchemy import case, or_, select

from ..model import Analysis
from . import rows, tables


def stale_first(store, analysis: Analysis, limit: int | None = None) -> Iterator[tuple[str, bool]]:
    """(article id, whether it was analysed differently), stale articles first, oldest stored first."""
    current_resources = rows.resources_digest({"analysis": analysis.model_dump(mode="json")})
    columns = tables.articles.c
    stale = or_(columns.frontwire_version.is_distinct_from(analysis.frontwire_version),
                columns.resources_digest.is_distinct_from(current_resources))
    query = select(columns.id, case((stale, 1), else_=0).label("stale")).order_by(
        case((stale, 0), else_=1), columns.seq)
    if limit is not None:
        query = query.limit(limit)
    # Read the whole list first: the store's single connection is needed for the writes that follow.
    with store.engine.connect() as connection:
        found = [(row.id, bool(row.stale)) for row in connection.execute(query)]
    yield from found
