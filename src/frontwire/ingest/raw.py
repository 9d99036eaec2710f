"""An article's raw input read again: the same bytes through the reader that first read them.

The store keeps every article's ``RawInput``; ``frontwire reanalyse`` reads it again here, so an
improved reader (better HTML extraction, better cleaning) reaches old articles without fetching
anything again.
"""

from __future__ import annotations

import json

from ..model import Article, RawInput
from .errors import InputError
from .jsonl import read_json_record
from .readers import read_file_again
from .warc import read_warc_record


def raw_input_of(article: Article) -> RawInput:
    """What the reader kept; for an article made by code rather than read, its JSON as it stands
    (call it before the pipeline runs)."""
    if article.raw_input is not None:
        return article.raw_input
    # ASCII JSON: lone surrogates in scraped text survive as escapes and come back as they were.
    return RawInput(json.dumps(article.to_json()).encode("ascii"), "article", {"source": article.source})


def read_again(raw: RawInput) -> Article | InputError:
    source = raw.options.get("source") or "-"
    if raw.kind == "file":
        return read_file_again(raw.data, raw.options)
    if raw.kind == "json-record":
        return read_json_record(raw.data, raw.options)
    if raw.kind == "warc-record":
        item = read_warc_record(raw.data, raw.options)
        return item if item is not None else InputError(source, "read again, the WARC record holds no HTML page")
    if raw.kind == "article":
        return Article.model_validate_json(raw.data).keep_raw_input(raw)
    return InputError(source, f"raw input of an unknown kind {raw.kind!r}: written by a newer frontwire?")
