"""WARC input: each HTML response (or resource) record becomes an article.

warcio trusts each record's Content-Length, so one wrong length swallows the
record after it (too long) or derails the rest of the file (too short), and a
record cut off inside its headers merges into the next. The file is therefore
split at record boundaries first: a declared length is trusted when the record
it delimits ends where a record header (or the file) begins; otherwise the
record is reported (``path#N``) and reading resumes at the next ``WARC/1.x``
line. Each delimited record is then read by warcio on its own.
"""

from __future__ import annotations

import bisect
import hashlib
import io
import re
from dataclasses import dataclass
from typing import Iterator

from ..model import Article, RawInput
from .errors import InputError
from .html import NoText, article_from_html
from .sniff import Undecodable, decode

_RECORD_START = re.compile(rb"(?m)^WARC/1\.[01]\r?\n")
_HEADERS_END = re.compile(rb"\r?\n\r?\n")
_CONTENT_LENGTH = re.compile(rb"(?im)^content-length[ \t]*+:[ \t]*+(\d{1,18})[ \t]*+\r?$")
_WHITESPACE = re.compile(rb"\s*+")


@dataclass
class _Record:
    number: int
    data: bytes | None = None  # the whole record, when it could be delimited
    problem: str | None = None


def split_records(data: bytes) -> Iterator[_Record]:
    """The file's records in order, numbered from 1, each delimited or with the reason it could not be."""
    starts = [m.start() for m in _RECORD_START.finditer(data)]
    if not starts:
        return

    def next_start(after: int) -> int | None:
        i = bisect.bisect_right(starts, after)
        return starts[i] if i < len(starts) else None

    pos: int | None = starts[0]
    number = 0
    while pos is not None:
        number += 1
        following = next_start(pos)
        headers_end = _HEADERS_END.search(data, pos, len(data) if following is None else following)
        if headers_end is None:
            yield _Record(number, problem="record headers cut off before the next record" if following is not None
                          else "record headers cut off at the end of the file")
            pos = following
            continue
        length = _CONTENT_LENGTH.search(data, pos, headers_end.start())
        if length is None:
            yield _Record(number, problem="record has no Content-Length header")
            pos = next_start(headers_end.start())
            continue
        declared = int(length.group(1))
        body_end = headers_end.end() + declared
        if body_end <= len(data):
            # The block ends with a blank line (CRLF CRLF), and the next record starts right after.
            resume = _WHITESPACE.match(data, body_end).end()
            if resume == len(data) or _RECORD_START.match(data, resume):
                yield _Record(number, data=data[pos:resume])
                pos = resume if resume < len(data) else None
                continue
        resume = next_start(headers_end.start())
        where = "the end of the file" if resume is None else f"the next record at byte {resume}"
        yield _Record(number, problem=f"declared Content-Length {declared} disagrees with {where}; record skipped")
        pos = resume


def iter_warc(data: bytes, path: str, outlet: str | None = None) -> Iterator[Article | InputError]:
    found = reported = 0
    for record in split_records(data):
        source = f"{path}#{record.number}"
        if record.problem:
            reported += 1
            yield InputError(source, f"broken WARC record: {record.problem}")
            continue
        item = read_warc_record(record.data, {"source": source, "outlet": outlet})
        if item is None:
            continue
        found += 1
        yield item
    if not found and not reported:
        yield InputError(path, "WARC file holds no HTML response records")


_TARGET_URI = re.compile(rb"(?im)^warc-target-uri[ \t]*+:")
_HTTP_RECORD_TYPE = re.compile(rb"(?im)^warc-type[ \t]*+:[ \t]*+(?:response|request|revisit)[ \t]*+\r?$")


def _missing_header(data: bytes) -> str | None:
    """What a record lacks that warcio needs and does not say (it raises AttributeError instead)."""
    headers_end = _HEADERS_END.search(data)
    if headers_end is None:
        return None
    if _HTTP_RECORD_TYPE.search(data, 0, headers_end.start()) and not _TARGET_URI.search(data, 0, headers_end.start()):
        return "record has no WARC-Target-URI header"
    return None


def read_warc_record(data: bytes, options: dict) -> Article | InputError | None:
    """The article in one delimited record; None for records that hold no HTML page."""
    source, outlet = options.get("source") or "-", options.get("outlet")
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    try:
        for record in ArchiveIterator(io.BytesIO(data)):
            if record.rec_type not in ("response", "resource"):
                return None
            if record.rec_type == "response":
                content_type = record.http_headers.get_header("Content-Type") if record.http_headers else ""
            else:
                content_type = record.rec_headers.get_header("Content-Type") or ""
            if "html" not in (content_type or "").lower():
                return None
            url = record.rec_headers.get_header("WARC-Target-URI")
            body = record.content_stream().read()
            break
        else:
            return None
    except (ArchiveLoadFailed, ValueError, EOFError) as exc:
        return InputError(source, f"broken WARC record: {exc}")
    except Exception as exc:  # noqa: BLE001 - warcio trips over some malformed records; this record's error
        reason = _missing_header(data) or f"warcio cannot read it ({type(exc).__name__}: {exc})"
        return InputError(source, f"broken WARC record: {reason}")
    try:
        html = decode(body, html=True)
        article = article_from_html(html.text, source, url=url, reader="warc", outlet=outlet)
    except (Undecodable, NoText) as exc:
        return InputError(source, str(exc))
    article.input_digest = hashlib.sha256(body).hexdigest()
    if html.note:
        article.warnings.append(html.note)
    return article.keep_raw_input(RawInput(data, "warc-record", {"source": source, "outlet": outlet}))
