"""gzip streams as crawls hand them over: many members, cut short, corrupt or a decompression bomb.

One home for reading gzip, used by the readers (``analyze``, ``ingest``) and by batch runs. A
stream is decompressed in pieces, so a stream cut short or corrupt still gives everything before
the damage (one truncated record at the end of a WARC.gz or a JSON Lines.gz costs that record,
not the file), and a ``limit`` stops a bomb as soon as its output passes it.
"""

from __future__ import annotations

import zlib
from typing import Iterator

from .errors import too_large

_PIECE = 64 * 1024


def gzip_members(data, limit: int | None = None) -> Iterator[tuple[int, bytes, str | None]]:
    """(offset in ``data``, decompressed bytes, problem) of each member of a gzip stream, in order.
    A member cut short or corrupt comes last, with what it gave before the damage and the problem;
    so does the member whose output takes the total past ``limit`` (its problem starts with
    ``errors.TOO_LARGE``)."""
    view = memoryview(data)
    position = member_start = total = 0
    decompressor = zlib.decompressobj(wbits=31)
    pending = b""
    output: list[bytes] = []
    member_open = False  # inside a member whose end has not been seen
    while pending or position < len(view):
        if pending:
            piece, pending = pending, b""
        else:
            piece = view[position:position + _PIECE]
            position += len(piece)
        fresh = not member_open
        try:
            # At most one byte past the limit, so a bomb never expands in memory.
            chunk = (decompressor.decompress(piece) if limit is None
                     else decompressor.decompress(piece, limit + 1 - total))
        except zlib.error as exc:
            if fresh and not bytes(piece).strip(b"\0") and not bytes(view[position:]).strip(b"\0"):
                return  # the zero padding some writers add after the last member
            yield member_start, b"".join(output), f"broken gzip data: {exc}"
            return
        output.append(chunk)
        total += len(chunk)
        if limit is not None and total > limit:
            yield member_start, b"".join(output), too_large(limit, limit, "decompressed more than ")
            return
        member_open = not decompressor.eof
        if decompressor.eof:
            pending = decompressor.unused_data
            yield member_start, b"".join(output), None
            output, member_start = [], position - len(pending)
            decompressor = zlib.decompressobj(wbits=31)
    if member_open:
        yield member_start, b"".join(output), "broken gzip data: the stream ends inside a member (file cut short)"


def gunzip(data, limit: int | None = None) -> tuple[bytes, str | None]:
    """The decompressed bytes of a (multi-member) gzip stream, and what was wrong with it, if
    anything: everything before the damage, or up to the limit, comes back."""
    pieces, problem = [], None
    for _, content, problem in gzip_members(data, limit):
        pieces.append(content)
    return b"".join(pieces), problem
