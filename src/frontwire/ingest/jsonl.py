"""JSON Lines input: one article record per line (and JSON files holding records).

A record is {url, html | text, outlet, published, title, language, ...}. Each
line becomes its own article (source "path:LINE"); a malformed line, a line
nested too deeply to parse and a record with no usable body are each reported
on their own and the other lines go on. Only "\n" ends a line, so raw U+2028
or U+0085 inside a string stay inside their record. Lone surrogate escapes
("\udc80"), which no encoder can write back out, become U+FFFD with a warning.
"""

from __future__ import annotations

import hashlib
import json
import re
from typing import Iterator

from ..model import Article, RawInput
from .datelines import date_from_url, normalise_given
from .errors import InputError
from .html import NoText, article_from_html
from .nesting import MAX_NESTING, json_too_deep
from .sniff import json_lines
from .text import article_from_text, has_visible_text

_BODY_HTML = ("html", "raw_html", "content_html")
_BODY_TEXT = ("text", "body", "content", "articleBody", "article_body", "maintext")
_OUTLET = ("outlet", "source_name", "site", "sitename", "publisher", "domain", "source")
_PUBLISHED = ("published", "published_at", "date_publish", "datePublished", "date", "pubdate")
_LANGUAGE = ("language", "lang")
_LONE_SURROGATE = re.compile("[\ud800-\udfff]")
_TOO_DEEP = f"JSON nested deeper than {MAX_NESTING} levels: not read"


def _first(record: dict, keys) -> object | None:
    for key in keys:
        value = record.get(key)
        if value not in (None, ""):
            return value
    return None


def iter_jsonl(text: str, path: str, verbatim: bool = False, outlet: str | None = None,
               url: str | None = None) -> Iterator[Article | InputError]:
    for number, line in enumerate(json_lines(text), start=1):
        if not line.strip():
            continue
        source = f"{path}:{number}"
        record = _json_object(line, source, "JSON line")
        if isinstance(record, InputError):
            yield record
            continue
        yield _kept(_guarded_article(record, source, verbatim, outlet, url), line, source, verbatim, outlet, url)


def _json_object(text: str, source: str, what: str) -> dict | InputError:
    """One JSON object (a line, a kept record), or the error naming why it is not one."""
    if json_too_deep(text):
        return InputError(source, _TOO_DEEP)
    try:
        record = json.loads(text)
    except ValueError as exc:
        where = f" (column {exc.colno})" if isinstance(exc, json.JSONDecodeError) else ""
        return InputError(source, f"malformed {what}: {getattr(exc, 'msg', exc)}{where}")
    if not isinstance(record, dict):
        return InputError(source, f"{what} is a {type(record).__name__}, not an object")
    return record


def iter_json_document(text: str, path: str, verbatim: bool = False, outlet: str | None = None,
                       url: str | None = None) -> Iterator[Article | InputError]:
    """A JSON file holding one record, or an array of records ("path#N")."""
    if json_too_deep(text):
        yield InputError(path, _TOO_DEEP)
        return
    try:
        value = json.loads(text)
    except ValueError as exc:
        yield InputError(path, f"malformed JSON: {getattr(exc, 'msg', exc)}")
        return
    if isinstance(value, dict):
        yield _kept(_guarded_article(value, path, verbatim, outlet, url), text, path, verbatim, outlet, url)
        return
    if not isinstance(value, list) or not value:
        yield InputError(path, "JSON document holds no records")
        return
    for number, record in enumerate(value, start=1):
        source = f"{path}#{number}"
        if isinstance(record, dict):
            # The record re-serialised: a JSON array's members have no bytes of their own to keep.
            written = json.dumps(record, ensure_ascii=False)
            yield _kept(_guarded_article(record, source, verbatim, outlet, url), written, source, verbatim, outlet, url)
        else:
            yield InputError(source, f"JSON record is a {type(record).__name__}, not an object")


def read_json_record(data: bytes, options: dict) -> Article | InputError:
    """The article in one JSON record kept by ``_kept``, read again as it was first read."""
    source = options.get("source") or "-"
    text = data.decode("utf-8", "surrogatepass")
    record = _json_object(text, source, "JSON record")
    if isinstance(record, InputError):
        return record
    verbatim, outlet, url = bool(options.get("verbatim")), options.get("outlet"), options.get("url")
    return _kept(_guarded_article(record, source, verbatim, outlet, url), text, source, verbatim, outlet, url)


def _kept(item: Article | InputError, record_text: str, source: str, verbatim: bool, outlet, url):
    if isinstance(item, Article):
        options = {"source": source, "outlet": outlet, "url": url, "verbatim": verbatim}
        item.keep_raw_input(RawInput(record_text.encode("utf-8", "surrogatepass"), "json-record", options))
    return item


def _guarded_article(record: dict, source: str, verbatim: bool, outlet, url) -> Article | InputError:
    """One bad record (odd types, markup a parser chokes on) must not end the feed."""
    try:
        return _article(record, source, verbatim, outlet, url)
    except Exception as exc:  # noqa: BLE001 - reported as this record's error
        return InputError(source, f"unreadable record: {type(exc).__name__}: {exc}")


def _without_lone_surrogates(record: dict) -> tuple[dict, int]:
    """The record with lone surrogates in its top-level strings (the only ones read)
    replaced by U+FFFD, and how many there were."""
    replaced = 0
    clean = {}
    for key, value in record.items():
        if isinstance(value, str) and _LONE_SURROGATE.search(value):
            value, count = _LONE_SURROGATE.subn("\ufffd", value)
            replaced += count
        clean[key] = value
    return clean, replaced


def _article(raw_record: dict, source: str, verbatim: bool, outlet: str | None, url: str | None) -> Article | InputError:
    record, surrogates = _without_lone_surrogates(raw_record)
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
    if surrogates:
        warnings.append(f"{surrogates} lone surrogate escape(s) replaced by U+FFFD")
    if given_published is not None and published is None:
        warnings.append(f"published value not understood: {given_published!r}")
    article = None
    if isinstance(html, str) and html.strip():
        try:
            article = article_from_html(html, source, reader="jsonl", **fields)
        except NoText as exc:
            if not (isinstance(text, str) and has_visible_text(text)):
                return InputError(source, str(exc))
            # A page the scraper kept only the scripts of, beside a good text body.
            warnings.append(f"the 'html' field gave no text ({exc}); read the text field instead")
    if article is None:
        if not isinstance(text, str) or not text.strip():
            return InputError(source, "empty input")
        if not has_visible_text(text):
            return InputError(source, "empty input: no visible text")
        article = article_from_text(text, source, verbatim=verbatim, reader="jsonl", **fields)
    if published:
        article.published, article.published_source = published, "given"
    elif not article.published and date_from_url(article.url):
        article.published, article.published_source = date_from_url(article.url), "url"
    # The record as parsed, keys sorted: the same record re-serialised is the same input.
    article.input_digest = hashlib.sha256(
        json.dumps(raw_record, sort_keys=True, ensure_ascii=False).encode("utf-8", "surrogatepass")).hexdigest()
    article.warnings.extend(warnings)
    return article
