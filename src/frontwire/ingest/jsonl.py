"""JSON Lines input: one article record per line (and JSON files holding records).

A record is {url, html | text, outlet, published, title, language, ...}. Each
line becomes its own article (source "path:LINE"); a malformed line is
reported on its own and the other lines go on.
"""

from __future__ import annotations

import hashlib
import json
from typing import Iterator

from ..model import Article
from .datelines import date_from_url, normalise_given
from .errors import InputError
from .html import NoText, article_from_html
from .text import article_from_text

_BODY_HTML = ("html", "raw_html", "content_html")
_BODY_TEXT = ("text", "body", "content", "articleBody", "article_body", "maintext")
_OUTLET = ("outlet", "source_name", "site", "sitename", "publisher", "domain", "source")
_PUBLISHED = ("published", "published_at", "date_publish", "datePublished", "date", "pubdate")
_LANGUAGE = ("language", "lang")


def _first(record: dict, keys) -> object | None:
    for key in keys:
        value = record.get(key)
        if value not in (None, ""):
            return value
    return None


def iter_jsonl(text: str, path: str, verbatim: bool = False, outlet: str | None = None,
               url: str | None = None) -> Iterator[Article | InputError]:
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        source = f"{path}:{number}"
        try:
            record = json.loads(line)
        except ValueError as exc:
            yield InputError(source, f"malformed JSON line: {exc.msg} (column {exc.colno})")
            continue
        if not isinstance(record, dict):
            yield InputError(source, f"JSON line is a {type(record).__name__}, not an object")
            continue
        yield _guarded_article(record, source, verbatim, outlet, url)


def iter_json_document(text: str, path: str, verbatim: bool = False, outlet: str | None = None,
                       url: str | None = None) -> Iterator[Article | InputError]:
    """A JSON file holding one record, or an array of records ("path#N")."""
    value = json.loads(text)
    if isinstance(value, dict):
        yield _guarded_article(value, path, verbatim, outlet, url)
        return
    for number, record in enumerate(value, start=1):
        yield _guarded_article(record, f"{path}#{number}", verbatim, outlet, url)


def _guarded_article(record: dict, source: str, verbatim: bool, outlet, url) -> Article | InputError:
    """One bad record (odd types, markup a parser chokes on) must not end the feed."""
    try:
        return _article(record, source, verbatim, outlet, url)
    except Exception as exc:  # noqa: BLE001 - reported as this record's error
        return InputError(source, f"unreadable record: {type(exc).__name__}: {exc}")


def _article(record: dict, source: str, verbatim: bool, outlet: str | None, url: str | None) -> Article | InputError:
    html = _first(record, _BODY_HTML)
    text = _first(record, _BODY_TEXT)
    if not isinstance(html, str) and not isinstance(text, str):
        return InputError(source, "JSON record has no 'html' or 'text' string")
    record_url = record.get("url") if isinstance(record.get("url"), str) else None
    given_outlet = _first(record, _OUTLET)
    fields = {
        "url": record_url or url,
        "outlet": given_outlet.strip() if isinstance(given_outlet, str) else outlet,
        "title": (record["title"].strip() or None) if isinstance(record.get("title"), str) else None,
        "language": language if isinstance(language := _first(record, _LANGUAGE), str) else None,
    }
    given_published = _first(record, _PUBLISHED)
    published = normalise_given(given_published)
    warnings = []
    if given_published is not None and published is None:
        warnings.append(f"published value not understood: {given_published!r}")
    try:
        if isinstance(html, str) and html.strip():
            article = article_from_html(html, source, reader="jsonl", **fields)
        else:
            if not isinstance(text, str) or not text.strip():
                return InputError(source, "empty input")
            article = article_from_text(text, source, verbatim=verbatim, reader="jsonl", **fields)
    except NoText as exc:
        return InputError(source, str(exc))
    if published:
        article.published, article.published_source = published, "given"
    elif not article.published and date_from_url(article.url):
        article.published, article.published_source = date_from_url(article.url), "url"
    # The record as parsed, keys sorted: the same record re-serialised is the same input.
    article.input_digest = hashlib.sha256(
        json.dumps(record, sort_keys=True, ensure_ascii=False).encode("utf-8", "surrogatepass")).hexdigest()
    article.warnings.extend(warnings)
    return article
