"""WARC input: each HTML response (or resource) record becomes an article."""

from __future__ import annotations

import hashlib
import io
from typing import Iterator

from ..model import Article
from .errors import InputError
from .html import NoText, article_from_html
from .sniff import Undecodable, decode


def iter_warc(data: bytes, path: str, outlet: str | None = None) -> Iterator[Article | InputError]:
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    found = 0
    try:
        for number, record in enumerate(ArchiveIterator(io.BytesIO(data)), start=1):
            if record.rec_type not in ("response", "resource"):
                continue
            if record.rec_type == "response":
                content_type = record.http_headers.get_header("Content-Type") if record.http_headers else ""
            else:
                content_type = record.rec_headers.get_header("Content-Type") or ""
            if "html" not in (content_type or "").lower():
                continue
            found += 1
            url = record.rec_headers.get_header("WARC-Target-URI")
            source = f"{path}#{number}"
            body = record.content_stream().read()
            try:
                html = decode(body, html=True)
                article = article_from_html(html.text, source, url=url, reader="warc", outlet=outlet)
            except (Undecodable, NoText) as exc:
                yield InputError(source, str(exc))
                continue
            article.input_digest = hashlib.sha256(body).hexdigest()
            if html.note:
                article.warnings.append(html.note)
            yield article
    except (ArchiveLoadFailed, ValueError, EOFError) as exc:
        yield InputError(path, f"broken WARC: {exc}")
        return
    if not found:
        yield InputError(path, "WARC file holds no HTML response records")
