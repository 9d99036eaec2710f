"""``/api/articles``: the stored articles, one with its incidents, and storing a new one."""

from typing import Annotated, Any

from fastapi import APIRouter, Depends, HTTPException, Query, Request
from sqlalchemy import Connection, select

from ...ingest.errors import InputError
from ...ingest.jsonl import read_json_record
from ...ingest.readers import read_file_again
from ...ingest.sniff import binary_reason
from ...model import Article
from ...store import browse, tables
from ...store.intake import take_in
from ...store.queries import StoredArticle as StoredRecord, articles, count_articles
from ..newsroom import Newsroom, newsroom, read_connection
from ..security import require_writer
from .models import ArticleDetail, ArticleSummary, Error, Page, Refused, StoredArticle
from .params import EventFilter, Paging, Text, decode_cursor, encode_cursor, invalid

router = APIRouter(tags=["articles"])

ARTICLE_CURSOR = "article"
# How each accepted media type is read: as ``frontwire ingest`` reads a file, or one JSON Lines record.
READABLE = {"text/plain": "file", "text/html": "file", "application/json": "json-record"}
NOT_FOUND = {404: {"model": Error, "description": "no article has this id"}}


def _summary(stored: StoredRecord, duplicate_of: str | None) -> dict[str, Any]:
    record = stored.record
    profile = record.get("source_profile") or {}
    return {"id": record["id"], "title": record.get("title"), "outlet": profile.get("name") or record.get("outlet"),
            "url": record.get("url"), "published": record.get("published"), "language": record.get("language"),
            "n_events": len(record.get("events") or ()), "duplicate_of": duplicate_of}


def _duplicates_of(connection: Connection, ids: list[str]) -> dict[str, str | None]:
    columns = tables.articles.c
    rows = connection.execute(select(columns.id, columns.duplicate_of).where(columns.id.in_(ids)))
    return {article_id: duplicate_of for article_id, duplicate_of in rows}


def _seq_after(cursor: str) -> int:
    position = decode_cursor(cursor, ARTICLE_CURSOR)
    if not isinstance(position, int) or isinstance(position, bool):
        raise invalid("cursor", "is not a cursor this API gave")
    return position


@router.get("/articles", response_model=Page[ArticleSummary])
def list_articles(filters: Annotated[EventFilter, Depends()], paging: Annotated[Paging, Depends()],
                  connection: Connection = Depends(read_connection)):
    """Stored articles in store order. ``since``/``until`` and ``outlet`` apply to the article; the
    event filters keep articles with at least one matching event."""
    f = filters.to_filter()
    after = _seq_after(paging.cursor) if paging.cursor is not None else None
    start = None if after is not None else paging.offset or 0
    total = count_articles(connection, f)
    page = list(articles(connection, f, limit=paging.limit + 1, offset=start, after=after))
    more, page = len(page) > paging.limit, page[:paging.limit]
    duplicates = _duplicates_of(connection, [stored.record["id"] for stored in page])
    return {"total": total, "limit": paging.limit, "offset": start,
            "next_cursor": encode_cursor(ARTICLE_CURSOR, page[-1].seq) if more else None,
            "items": [_summary(stored, duplicates.get(stored.record["id"])) for stored in page]}


@router.get("/articles/{article_id}", response_model=ArticleDetail, responses=NOT_FOUND)
def get_article(article_id: str, connection: Connection = Depends(read_connection)):
    """The article's JSON as stored, the incidents its events belong to, the story it copies."""
    columns = tables.articles.c
    row = connection.execute(select(columns.record, columns.duplicate_of).where(columns.id == article_id)).first()
    if row is None:
        raise HTTPException(404, "no article has this id")
    return {"article": row.record, "incidents": [incident._asdict() for incident in
                                                 browse.article_incidents(connection, article_id)],
            "duplicate_of": row.duplicate_of}


def _read(data: bytes, media_type: str, outlet: str | None, url: str | None) -> Article:
    """The article in a request body, read as ``frontwire ingest`` reads its kind of input; 422
    naming the reason when it is not one."""
    options = {"source": "api", "outlet": outlet, "url": url}
    if not data.strip():
        raise HTTPException(422, "unreadable input: empty body")
    if reason := binary_reason(data):
        raise HTTPException(422, f"unreadable input: {reason}")
    try:
        item = read_json_record(data, options) if READABLE[media_type] == "json-record" \
            else read_file_again(data, options)
    except UnicodeDecodeError:
        item = InputError("api", "not UTF-8 text")
    if isinstance(item, InputError):
        raise HTTPException(422, f"unreadable input: {item.reason}")
    return item


def _fetched(url: str, outlet: str | None, room: Newsroom) -> Article:
    """The article at ``url`` as ``frontwire ingest URL`` reads it, under the server's address rules."""
    from ...monitor.addresses import AddressPolicy
    from ...monitor.fetch import Fetcher, FetchSettings
    from ...monitor.pages import read_url

    fetcher = Fetcher(FetchSettings(), AddressPolicy.from_config(list(room.settings.fetch_allow)))
    try:
        item = next(read_url(url, outlet=outlet, fetcher=fetcher))
    finally:
        fetcher.close()
    if isinstance(item, InputError):
        raise HTTPException(422, f"{url}: {item.reason}")
    return item


async def request_body(request: Request) -> bytes:
    """The body, read here so that the endpoint itself can run in the threadpool."""
    return await request.body()


@router.post("/articles", status_code=201, response_model=StoredArticle, dependencies=[Depends(require_writer)],
             responses={401: {"model": Error}, 403: {"model": Error}, 413: {"model": Error},
                        415: {"model": Error}, 422: {"model": Refused, "description": "the body is no article"}},
             openapi_extra={"requestBody": {"required": True, "content": {
                 "text/plain": {"schema": {"type": "string"}}, "text/html": {"schema": {"type": "string"}},
                 "application/json": {"schema": {"type": "object", "description": "one JSON Lines record"}}}}})
def store_article(request: Request, body: Annotated[bytes, Depends(request_body)],
                  outlet: Annotated[Text, Query(description="the outlet, when the input does not say")] = None,
                  url: Annotated[Text, Query(description="the article's URL, when the input does not say")] = None,
                  fetch: Annotated[Text, Query(description="fetch the article at this http(s) URL instead of "
                                                           "sending it (with an empty body)")] = None,
                  room: Newsroom = Depends(newsroom)):
    """Read, analyse and store one article: raw text, an HTML page, or a JSON record (bearer
    token); or, with ``fetch``, the page at that URL, fetched politely (robots.txt obeyed; private,
    loopback and link-local addresses refused unless the server allows them)."""
    if fetch is not None:
        if body.strip():
            raise HTTPException(422, "send either a body or ?fetch=URL, not both")
        article = _fetched(fetch, outlet, room)
    else:
        media_type = request.headers.get("content-type", "").partition(";")[0].strip().lower()
        if media_type not in READABLE:
            raise HTTPException(415, f"send text/plain, text/html or application/json, not {media_type or 'nothing'}")
        article = _read(body, media_type, outlet, url)
    intake = take_in(room.store, room.pipeline, article, lock=room.pipeline_lock)
    # Held already from this input by this analysis: nothing ran, the stored article answers.
    analysed = intake.analysed or room.store.get(intake.article_id)
    return {"id": intake.article_id, "result": intake.result, "events": len(analysed.events),
            "url": str(request.url_for("get_article", article_id=intake.article_id).path)}
