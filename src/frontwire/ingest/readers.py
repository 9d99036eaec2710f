"""From command-line inputs to Articles: files, directories, globs and stdin.

Every bad input becomes an ``InputError`` in the stream (never an exception),
so one unreadable file costs one line on stderr and the batch goes on.
"""

from __future__ import annotations

import glob
import hashlib
import io
import os
import sys
from pathlib import Path
from typing import Iterator

from ..model import Article, RawInput
from .datelines import date_from_url
from .errors import TOO_LARGE, InputError, too_large
from .gz import gunzip
from .html import NoText, article_from_html
from .jsonl import iter_json_document, iter_jsonl
from .sniff import Undecodable, binary_reason, container_kind, decode, text_kind
from .text import article_from_text, has_visible_text
from .warc import iter_warc

DEFAULT_MAX_BYTES = 5 * 1024 * 1024
_GLOB_CHARS = set("*?[")
# Documentation that sits beside articles in a folder (the bundled samples have
# a README); skipped when a directory is expanded, read when named explicitly.
_NOT_ARTICLES = ("readme", "license", "licence", "copying", "sources")


def iter_articles(
    specs: list[str],
    max_bytes: int = DEFAULT_MAX_BYTES,
    outlet: str | None = None,
    url: str | None = None,
    verbatim: bool = False,
) -> Iterator[Article | InputError]:
    for spec in specs:
        if spec == "-":
            yield from _guarded("-", _read_stdin(max_bytes, outlet, url, verbatim))
            continue
        if spec.lower().startswith(("http://", "https://")):
            from ..monitor.pages import read_url  # httpx loads only for a URL

            yield from _guarded(spec, read_url(spec, outlet=outlet, verbatim=verbatim, max_bytes=max_bytes))
            continue
        try:
            paths, error = expand_input(spec)
        except OSError as exc:
            paths, error = [], InputError(spec, f"unreadable: {exc.strerror or exc}")
        if error:
            yield error
            continue
        for path in paths:
            yield from _guarded(os.fsdecode(path), _read_path(path, max_bytes, outlet, url, verbatim))


def _guarded(source: str, items: Iterator[Article | InputError]) -> Iterator[Article | InputError]:
    """Last line of defence: an unforeseen failure in a third-party parser on
    hostile input still becomes a one-line error, not a traceback."""
    try:
        yield from items
    except (MemoryError, RecursionError) as exc:
        yield InputError(source, f"unreadable: input too complex ({type(exc).__name__})")
    except Exception as exc:  # noqa: BLE001 - reported, never swallowed
        yield InputError(source, f"unreadable: {type(exc).__name__}: {exc}")


def expand_input(spec: str) -> tuple[list[Path], InputError | None]:
    """The files one input names (a file, a directory's files, a glob's matches), or why it names none."""
    path = Path(spec)
    if path.is_dir():
        files = sorted(
            p for p in path.rglob("*")
            if p.is_file()
            and not any(part.startswith(".") for part in p.relative_to(path).parts)
            and not p.name.lower().startswith(_NOT_ARTICLES)
        )
        if not files:
            return [], InputError(spec, "directory holds no files")
        return files, None
    if path.exists():
        return [path], None
    if _GLOB_CHARS & set(spec):
        matches = sorted(Path(m) for m in glob.glob(spec, recursive=True) if Path(m).is_file())
        if not matches:
            return [], InputError(spec, "no file matches this pattern")
        return matches, None
    return [], InputError(spec, "no such file or directory")


def _read_stdin(max_bytes: int, outlet, url, verbatim) -> Iterator[Article | InputError]:
    stream = getattr(sys.stdin, "buffer", None) or io.BytesIO(sys.stdin.read().encode("utf-8", "surrogateescape"))
    data = stream.read(max_bytes + 1)
    if len(data) > max_bytes:
        yield InputError("-", f"too large: more than {max_bytes} bytes on stdin > limit {max_bytes}")
        return
    yield from _from_bytes(data, "-", max_bytes, outlet, url, verbatim)


def _read_path(path: Path, max_bytes: int, outlet, url, verbatim) -> Iterator[Article | InputError]:
    # The name as the OS gave it: an undecodable byte stays a surrogate escape here, and
    # every writer turns it into U+FFFD.
    source = os.fsdecode(path)
    try:
        size = path.stat().st_size
        if size > max_bytes:
            yield InputError(source, too_large(size, max_bytes))
            return
        data = path.read_bytes()
    except PermissionError:
        yield InputError(source, "unreadable: permission denied")
        return
    except OSError as exc:
        yield InputError(source, f"unreadable: {exc.strerror or exc}")
        return
    yield from _from_bytes(data, source, max_bytes, outlet, url, verbatim)


def _from_bytes(data: bytes, source: str, max_bytes: int, outlet, url, verbatim) -> Iterator[Article | InputError]:
    given = data
    if not data.strip():
        yield InputError(source, "empty input")
        return
    kind = container_kind(data)
    # A gzip stream cut short or corrupt: what came before the damage is read where it holds whole
    # records (a WARC's, JSON Lines'), and the damage is reported after them.
    damage = None
    if kind == "gzip":
        data, damage = gunzip(data, limit=max_bytes)
        if damage and damage.startswith(TOO_LARGE):
            yield InputError(source, damage)
            return
        if not data.strip():
            yield InputError(source, damage or "empty input (after decompression)")
            return
        kind = container_kind(data)
        if kind == "gzip":
            yield InputError(source, "nested gzip data is not supported")
            return
    if kind == "warc":
        yield from iter_warc(data, source, outlet=outlet)
        if damage:
            yield InputError(source, f"{damage}; the records before it were read")
        return
    if damage:
        yield from _salvaged_lines(data, damage, source, max_bytes, outlet, url, verbatim)
        return
    reason = binary_reason(data)
    if reason:
        yield InputError(source, reason)
        return
    try:
        # A page's own <meta charset> is the best word on a non-UTF-8 file of any text kind.
        decoded = decode(data, html=True)
    except Undecodable as exc:
        yield InputError(source, str(exc))
        return
    if "\ufffd" in decoded.text[:65536] and decoded.text.count("\ufffd") > max(3, len(decoded.text) // 100):
        yield InputError(source, "undecodable: too many invalid characters for any text encoding")
        return
    kind = text_kind(decoded.text, verbatim)
    if kind in ("jsonl", "json"):
        records = iter_jsonl if kind == "jsonl" else iter_json_document
        for item in records(decoded.text, source, verbatim=verbatim, outlet=outlet, url=url):
            if isinstance(item, Article) and decoded.note:
                item.warnings.append(decoded.note)
            yield item
        return
    try:
        if kind == "html":
            article = article_from_html(decoded.text, source, url=url, outlet=outlet)
        else:
            if not decoded.text.strip():
                yield InputError(source, "empty input")
                return
            if not has_visible_text(decoded.text):
                yield InputError(source, "empty input: no visible text")
                return
            article = article_from_text(decoded.text, source, verbatim=verbatim, url=url, outlet=outlet)
            if url and date_from_url(url):
                article.published, article.published_source = date_from_url(url), "url"
    except NoText as exc:
        yield InputError(source, str(exc))
        return
    article.input_digest = hashlib.sha256(data).hexdigest()
    if decoded.note:
        article.warnings.append(decoded.note)
    options = {"source": source, "outlet": outlet, "url": url, "verbatim": verbatim, "max_bytes": max_bytes}
    yield article.keep_raw_input(RawInput(given, "file", options))


def _salvaged_lines(data: bytes, damage: str, source: str, max_bytes: int, outlet, url,
                    verbatim) -> Iterator[Article | InputError]:
    """The whole lines of a damaged gzip stream's output when they are JSON Lines; a cut page or
    document is never read as an article."""
    whole = data[:data.rfind(b"\n") + 1]
    items = list(_from_bytes(whole, source, max_bytes, outlet, url, verbatim)) if whole.strip() else []
    if not any(isinstance(item, Article) and item.raw_input.kind == "json-record" for item in items):
        # No whole record before the damage, or what is there is one document (cut, so not read).
        yield InputError(source, damage)
        return
    yield from items
    yield InputError(source, f"{damage}; the records before it were read, the line it cut is lost")


def read_file_again(data: bytes, options: dict) -> Article | InputError:
    """The article of a whole file kept by ``_from_bytes``, read again as it was first read."""
    source = options.get("source") or "-"
    max_bytes = max(int(options.get("max_bytes") or DEFAULT_MAX_BYTES), len(data))
    items = list(_guarded(source, _from_bytes(data, source, max_bytes, options.get("outlet"), options.get("url"),
                                              bool(options.get("verbatim")))))
    if len(items) != 1:
        # A reader that now finds several records in what was one article: say so, keep nothing unsaid.
        return InputError(source, f"read again, the input gives {len(items)} items instead of one article")
    article = items[0]
    # A fetched page's date from its feed (frontwire.monitor), when the page itself gives none.
    if isinstance(article, Article) and options.get("published") and not article.published:
        article.published, article.published_source = options["published"], "feed"
    return article
