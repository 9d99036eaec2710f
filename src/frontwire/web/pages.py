"""The web pages, rendered on the server from the store with autoescaping templates: the home page,
search, an article with its evidence highlighted, incidents side by side, the outlets.

Every value shown comes from scraped text and is escaped by the templates; nothing reaches the
browser as markup built here, and the pages' scripts only toggle classes.
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse, RedirectResponse
from sqlalchemy import Connection, func, nulls_last, select

from ..events.taxonomy import TAXONOMY
from ..incidents import reading
from ..model import Article
from ..store import browse, tables
from . import highlight, incident_view
from .incident_view import GEO_PRECISION, TIME_PRECISION
from .newsroom import read_connection
from .page_params import month_range, page_query, positive, safe_href
from .security import require_reader
from .templating import templates

router = APIRouter(dependencies=[Depends(require_reader)], include_in_schema=False)

PER_PAGE = 20
HOME_LATEST = 8
DEFAULT_MIN_OUTLETS = 2

_articles, _outlets, _incidents = tables.articles.c, tables.outlets.c, tables.incidents.c
_OUTLET_NAME = func.coalesce(_outlets.name, _articles.outlet).label("outlet")
_WITH_OUTLET = tables.articles.outerjoin(tables.outlets, _articles.outlet_id == _outlets.id)


def _render(request: Request, template: str, context: dict[str, Any], status_code: int = 200) -> HTMLResponse:
    return templates.TemplateResponse(request, template, context, status_code=status_code)


def not_found_page(request: Request, what: str) -> HTMLResponse:
    return _render(request, "pages/not_found.html", {"title": "Not found", "what": what}, status_code=404)


def _titles(connection: Connection, ids: list[str]) -> dict[str, str | None]:
    if not ids:
        return {}
    return dict(connection.execute(select(_articles.id, _articles.title).where(_articles.id.in_(ids))).all())


def _latest_articles(connection: Connection, limit: int) -> list[Any]:
    statement = (select(_articles.id, _articles.title, _OUTLET_NAME, _articles.published).select_from(_WITH_OUTLET)
                 .order_by(nulls_last(_articles.published.desc()), _articles.seq.desc()).limit(limit))
    return list(connection.execute(statement))


def _latest_incidents(connection: Connection, min_outlets: int, limit: int) -> list[Any]:
    statement = (select(tables.incidents).where(_incidents.n_outlets >= min_outlets)
                 .order_by(nulls_last(_incidents.date.desc()), _incidents.seq.desc()).limit(limit))
    return list(connection.execute(statement))


@router.get("/", response_class=HTMLResponse)
def home(request: Request, connection: Connection = Depends(read_connection)):
    return _render(request, "pages/home.html", {
        "title": "Newsroom", "section": "", "figures": browse.stats(connection),
        "latest": _latest_articles(connection, HOME_LATEST),
        "incidents": _latest_incidents(connection, DEFAULT_MIN_OUTLETS, HOME_LATEST)})


@router.get("/search", response_class=HTMLResponse)
def search_page(request: Request, connection: Connection = Depends(read_connection)):
    query = page_query(request)
    result = None
    if query.get("q"):
        result = browse.search(connection, query.get("q"), query.filter, limit=PER_PAGE,
                               offset=(query.page - 1) * PER_PAGE)
    return _render(request, "pages/search.html", {
        "title": f"Search: {query.get('q')}" if query.get("q") else "Search", "section": "search",
        "q": query.get("q"), "query": query, "result": result, "per_page": PER_PAGE, "month_range": month_range})


@router.get("/articles/{article_id}", response_class=HTMLResponse)
def article_page(request: Request, article_id: str, connection: Connection = Depends(read_connection)):
    row = connection.execute(select(_articles.record, _articles.duplicate_of, _articles.duplicate_similarity)
                             .where(_articles.id == article_id)).first()
    if row is None:
        return not_found_page(request, "No stored article has this id.")
    article = Article.model_validate(row.record)
    memberships = browse.article_incidents(connection, article_id)
    return _render(request, "pages/article.html", {
        "title": article.title or "Untitled article", "section": "search", "article": article,
        "href": safe_href(article.url), "paragraphs": highlight.paragraphs(article), "layers": highlight.LAYERS,
        "counts": _layer_counts(article), "incident_of": {m.event_id: m for m in memberships},
        "incidents": _incident_rows(connection, {m.incident_id for m in memberships}),
        "duplicate_of": row.duplicate_of, "duplicate_similarity": row.duplicate_similarity,
        "duplicate_title": _titles(connection, [row.duplicate_of]).get(row.duplicate_of) if row.duplicate_of else None,
        "copies": list(connection.execute(select(_articles.id, _articles.title)
                                          .where(_articles.duplicate_of == article_id).order_by(_articles.seq))),
        "time_precision": TIME_PRECISION, "geo_precision": GEO_PRECISION})


def _incident_rows(connection: Connection, ids: set[str]) -> list[Any]:
    if not ids:
        return []
    return list(connection.execute(select(tables.incidents).where(_incidents.id.in_(sorted(ids)))
                                   .order_by(_incidents.seq)))


def _layer_counts(article: Article) -> dict[str, int]:
    return {"entity": len(article.entities), "place": sum(len(p.mentions) for p in article.places),
            "quote": len(article.quotes), "event": len(article.events), "framing": len(article.framing)}


@router.get("/incidents", response_class=HTMLResponse)
def incidents_page(request: Request, connection: Connection = Depends(read_connection)):
    query = page_query(request, ("min_outlets",))
    min_outlets = positive(query, "min_outlets", DEFAULT_MIN_OUTLETS)
    total = reading.count_incidents(connection, query.filter, min_outlets)
    rows = list(reading.incidents_with_columns(connection, query.filter, min_outlets, newest_first=True,
                                               limit=PER_PAGE, offset=(query.page - 1) * PER_PAGE))
    return _render(request, "pages/incidents.html", {
        "title": "Incidents", "section": "incidents", "query": query, "min_outlets": min_outlets,
        "total": total, "rows": rows, "per_page": PER_PAGE, "taxonomy": TAXONOMY})


@router.get("/incidents/{incident_id}", response_class=HTMLResponse)
def incident_page(request: Request, incident_id: str, connection: Connection = Depends(read_connection)):
    live = reading.resolve(connection, incident_id)
    if live is None:
        return not_found_page(request, "No incident has this id.")
    if live != incident_id:
        return RedirectResponse(request.url_for("incident_page", incident_id=live).path, status_code=308)
    row = connection.execute(select(tables.incidents).where(_incidents.id == live)).one()
    record = row.record
    titles = _titles(connection, [article["id"] for article in record.get("articles") or []])
    return _render(request, "pages/incident.html", {
        "title": f"Incident: {record.get('location') or 'unplaced'}, {record.get('date') or 'undated'}",
        "section": "incidents", "incident": row, "record": record,
        "columns": incident_view.columns(record, titles), "rows": incident_view.disagreement_rows(record),
        "measures": incident_view.measures(record), "chosen": record["disagreements"]["fatalities"].get("chosen"),
        "time_precision": TIME_PRECISION, "geo_precision": GEO_PRECISION, "titles": titles})


@router.get("/outlets", response_class=HTMLResponse)
def outlets_page(request: Request, connection: Connection = Depends(read_connection)):
    return _render(request, "pages/outlets.html", {"title": "Outlets", "section": "outlets",
                                                   "outlets": browse.outlets(connection)})


@router.get("/sources", response_class=HTMLResponse)
def sources_page(request: Request):
    """What ``frontwire watch`` follows: each source's schedule, last poll, health and feeds."""
    from ..monitor.state import MonitorState

    found = MonitorState(request.app.state.newsroom.read_engine).sources()
    return _render(request, "pages/sources.html", {"title": "Sources", "section": "sources", "sources": found})
