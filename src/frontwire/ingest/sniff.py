"""What an input is, judged by its bytes rather than its file name, and how to decode it.

File names lie (a feed saved as ``.txt``, a page saved without extension,
stdin has none), so the kind is read from the content: WARC and gzip by their
magic bytes, JSON Lines by a first line that parses as a JSON object, HTML by
its tags near the start; anything else decodable is plain text.
"""

from __future__ import annotations

import codecs
import json
import re
from dataclasses import dataclass

GZIP_MAGIC = b"\x1f\x8b"
_BINARY_MAGIC = {
    b"%PDF": "PDF",
    b"PK\x03\x04": "ZIP archive",
    b"\x89PNG": "PNG image",
    b"\xff\xd8\xff": "JPEG image",
    b"GIF8": "GIF image",
    b"\x7fELF": "executable",
}
_HTML_HINT = re.compile(
    rb"<!doctype\s+html|<html[\s>]|<head[\s>]|<body[\s>]|<meta\s|<title[\s>]|<article[\s>]|<div[\s>]|<p[\s>]",
    re.IGNORECASE,
)
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)


class Undecodable(ValueError):
    """The bytes are not text in any encoding we can tell."""


@dataclass
class Decoded:
    text: str
    encoding: str
    #: set when the input was not UTF-8 and the encoding was guessed or declared
    note: str | None = None


def binary_reason(data: bytes) -> str | None:
    """Why these bytes are not text, or None when they may be."""
    for magic, name in _BINARY_MAGIC.items():
        if data.startswith(magic):
            return f"binary file ({name})"
    head = data[:8192]
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return None
    if b"\x00" in head:
        return "binary file (NUL bytes)"
    controls = sum(1 for b in head if b < 32 and b not in (9, 10, 12, 13, 27))
    if head and controls / len(head) > 0.05:
        return "binary file (control bytes)"
    return None


def kind_of(data: bytes) -> str:
    """'gzip', 'warc', 'jsonl', 'json', 'html' or 'text'."""
    if data.startswith(GZIP_MAGIC):
        return "gzip"
    head = data.lstrip(codecs.BOM_UTF8)[:4096].lstrip()
    if head.startswith(b"WARC/"):
        return "warc"
    if head.startswith(b"{") and _first_line_is_json_object(data):
        return "jsonl"
    if head.startswith((b"{", b"[")) and _is_json_document(data):
        return "json"
    if head.startswith(b"<") and _HTML_HINT.search(data[:65536]):
        return "html"
    if _HTML_HINT.search(head[:1024]) and re.search(rb"</(p|div|html|body)>", data[:65536], re.IGNORECASE):
        return "html"
    return "text"


def _first_line_is_json_object(data: bytes) -> bool:
    for line in data.splitlines():
        if line.strip():
            try:
                return isinstance(json.loads(line), dict)
            except ValueError:
                return False
    return False


def _is_json_document(data: bytes) -> bool:
    """A whole-file JSON object or array of records (pretty-printed exports)."""
    try:
        value = json.loads(data)
    except ValueError:
        return False
    return isinstance(value, dict) or (isinstance(value, list) and all(isinstance(v, dict) for v in value))


def decode(data: bytes, html: bool = False) -> Decoded:
    """UTF-8 when it is (the common case, decided cheaply); otherwise the
    charset an HTML page declares, then charset-normalizer's best guess."""
    if data.startswith(codecs.BOM_UTF8):
        return Decoded(data[3:].decode("utf-8", errors="replace"), "utf-8")
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return Decoded(data.decode("utf-16"), "utf-16")
    try:
        return Decoded(data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError:
        pass
    if html:
        declared = _META_CHARSET.search(data[:4096])
        if declared:
            name = declared.group(1).decode("ascii", "ignore").lower()
            try:
                if codecs.lookup(name).name != "utf-8":
                    return Decoded(data.decode(name), name, f"decoded as {name} (declared by the page)")
            except (LookupError, UnicodeDecodeError):
                pass
    from charset_normalizer import from_bytes

    best = _best_guess(from_bytes(data))
    if best is None or best.encoding is None:
        raise Undecodable("undecodable: not UTF-8 and no text encoding detected")
    return Decoded(str(best), best.encoding, f"decoded as {best.encoding} (not UTF-8)")


# When candidates read equally well, the encoding more common on the web wins
# (charset-normalizer would otherwise pick cp1250 for plain French or Spanish).
_PREVALENCE = ("cp1252", "latin_1", "iso8859_15", "cp1251", "cp1256", "cp1250", "koi8_r", "iso8859_2", "iso8859_6")


_COHERENCE_MARGIN = 0.15


def _best_guess(results):
    best = results.best()
    if best is None:
        return None
    tied = [m for m in results if m.chaos <= best.chaos and m.coherence >= best.coherence - _COHERENCE_MARGIN]
    ranked = [m for m in tied if m.encoding in _PREVALENCE]
    return min(ranked, key=lambda m: _PREVALENCE.index(m.encoding)) if ranked else best
