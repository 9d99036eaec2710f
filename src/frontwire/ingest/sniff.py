"""What an input is, judged by its content rather than its file name, and how to decode it.

File names lie (a feed saved as ``.txt``, a page saved without extension,
stdin has none), so the kind is read from the content, on evidence that holds
for the whole file rather than its first line or kilobyte:

- gzip and WARC by their magic bytes;
- JSON Lines when most non-empty lines are JSON objects (the other lines are
  then that file's bad records, never text);
- a JSON document when the whole file parses as one object or array;
- a file that opens like JSON (``{"`` or ``[{``) but is neither is broken JSON:
  JSON Lines with bad lines when some line is an object, else one bad document;
- HTML on strong evidence only, because plain text may mention tags: a doctype
  or an ``<html>``/``<head>``/``<body>`` tag opening the document, or, when the
  text is to be cleaned anyway, a fragment wrapped in tags or a file that is
  mostly tags. In verbatim mode the text must stay the input, so only the
  first kind of evidence counts there;
- anything else decodable is plain text.

Text kinds are decided on the decoded text, so a UTF-16 file is sniffed like
any other.
"""

from __future__ import annotations

import codecs
import json
import re
from dataclasses import dataclass

from .nesting import json_too_deep

GZIP_MAGIC = b"\x1f\x8b"
_BINARY_MAGIC = {
    b"%PDF": "PDF",
    b"PK\x03\x04": "ZIP archive",
    b"\x89PNG": "PNG image",
    b"\xff\xd8\xff": "JPEG image",
    b"GIF8": "GIF image",
    b"\x7fELF": "executable",
}
# Longest first: the UTF-32 LE mark begins with the UTF-16 LE one.
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_WIDE_BOMS = tuple(bom for bom, codec in _BOMS if codec != "utf-8-sig")
_META_CHARSET = re.compile(rb"""<meta[^>]{0,500}charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)

# A document that opens as HTML, after any comments or XML declaration.
_HTML_OPENING = re.compile(
    r"(?:\s++|<!--.*?-->|<\?xml[^>]{0,500}>)*+<(?:!doctype\s+html|html|head|body)[\s>/]",
    re.IGNORECASE | re.DOTALL,
)
_HTML_OPENING_SPAN = 65536
# A page with a stray line before it: an <html>/<body> line in the first kilobyte, closed later.
_HTML_LINE = re.compile(r"(?m)^[ \t]*+<(?:html|body)[\s>]", re.IGNORECASE)
_HTML_CLOSING = re.compile(r"</(?:html|body)\s*>", re.IGNORECASE)
_NEAR_START = 1024
_ELEMENTS = (
    "a|abbr|article|aside|b|blockquote|body|br|button|caption|code|dd|div|dl|dt|em|figcaption|figure|footer|"
    "form|h[1-6]|head|header|hr|html|i|iframe|img|input|label|li|link|main|meta|nav|noscript|ol|p|picture|pre|"
    "script|section|small|source|span|strong|style|sub|sup|svg|table|tbody|td|th|thead|time|title|tr|u|ul|video"
)
_TAG = re.compile(rf"</?(?:{_ELEMENTS})(?:\s[^<>]{{0,500}})?/?>", re.IGNORECASE)
_FRAGMENT_OPENING = re.compile(rf"\s*+<(?:{_ELEMENTS})(?:\s[^<>]{{0,500}})?>", re.IGNORECASE)
_FRAGMENT_CLOSING = re.compile(rf"</(?:{_ELEMENTS})\s*>\s*\Z", re.IGNORECASE)
_FRAGMENT_TAIL = 1024
_WHITESPACE = re.compile(r"\s+")
# "Mostly tags": enough of them, and a share of the visible characters no prose mentioning tags reaches.
_DENSE_MIN_TAGS = 8
_DENSE_SHARE = 0.2


class Undecodable(ValueError):
    """The bytes are not text in any encoding we can tell."""


@dataclass
class Decoded:
    text: str
    encoding: str
    #: set when the input was not clean UTF-8 and the encoding was guessed, declared or repaired
    note: str | None = None


def binary_reason(data: bytes) -> str | None:
    """Why these bytes are not text, or None when they may be."""
    for magic, name in _BINARY_MAGIC.items():
        if data.startswith(magic):
            return f"binary file ({name})"
    head = data[:8192]
    if head.startswith(_WIDE_BOMS):
        return None
    if b"\x00" in head:
        return "binary file (NUL bytes)"
    controls = sum(1 for b in head if b < 32 and b not in (9, 10, 12, 13, 27))
    if head and controls / len(head) > 0.05:
        return "binary file (control bytes)"
    return None


def container_kind(data: bytes) -> str | None:
    """'gzip' or 'warc' by their magic bytes, else None (a text kind)."""
    if data.startswith(GZIP_MAGIC):
        return "gzip"
    if data.lstrip(codecs.BOM_UTF8)[:4096].lstrip().startswith(b"WARC/"):
        return "warc"
    return None


def kind_of(data: bytes, verbatim: bool = False) -> str:
    """'gzip', 'warc', 'jsonl', 'json', 'html' or 'text'."""
    return container_kind(data) or text_kind(_text_for_sniffing(data), verbatim)


def text_kind(text: str, verbatim: bool = False) -> str:
    """'jsonl', 'json', 'html' or 'text' for a decoded input."""
    records, parsed, non_empty = _json_line_counts(text)
    if parsed and 2 * records > non_empty:
        return "jsonl"
    if text.lstrip("\ufeff \t\r\n")[:1] in ("{", "[") and _is_json_document(text):
        return "json"
    if _OPENS_AS_JSON.match(text):
        # Broken JSON, not prose: its good lines are records, or the whole file is one error.
        return "jsonl" if parsed else "json"
    if _opens_as_html(text) or (not verbatim and (_is_fragment(text) or _mostly_tags(text))):
        return "html"
    return "text"


def _text_for_sniffing(data: bytes) -> str:
    for bom, codec in _BOMS:
        if data.startswith(bom):
            return data.decode(codec, errors="replace")
    return data.decode("utf-8", errors="replace")


def json_lines(text: str) -> list[str]:
    """The lines of a JSON Lines text. Only "\\n" ends a line: U+2028, U+0085 and
    the other line breaks ``str.splitlines`` knows may stand raw inside a JSON string."""
    return text.split("\n")


_OBJECT_LINE = re.compile(r"(?m)^[ \t]*+\{")
_NON_EMPTY_LINE = re.compile(r"(?m)^[^\S\n]*+[^\s]")
_OPENS_AS_JSON = re.compile(r'\ufeff?\s*+(?:\{\s*+"|\[\s*+\{)')


def _json_line_counts(text: str) -> tuple[int, int, int]:
    """(record lines, lines parsed as JSON objects, non-empty lines). A line of JSON
    nested too deeply to parse is a record (a feed's bad record, not prose) but not a
    parsed one."""
    if not _OBJECT_LINE.search(text):
        return 0, 0, 0
    non_empty = len(_NON_EMPTY_LINE.findall(text))
    records = parsed = 0
    for line in json_lines(text):
        if not line.lstrip(" \t").startswith(("{", "[")):
            continue
        if json_too_deep(line):
            records += 1
            continue
        if not line.lstrip(" \t").startswith("{"):
            continue
        try:
            value = json.loads(line)
        except ValueError:
            continue
        if isinstance(value, dict):
            records += 1
            parsed += 1
    return records, parsed, non_empty


def _is_json_document(text: str) -> bool:
    """A whole-file JSON object or array of records (pretty-printed exports); one
    nested too deeply to parse is still a JSON file, to be reported as such."""
    if json_too_deep(text):
        return True
    try:
        value = json.loads(text)
    except ValueError:
        return False
    return isinstance(value, (dict, list))


def _opens_as_html(text: str) -> bool:
    if _HTML_OPENING.match(text[:_HTML_OPENING_SPAN].lstrip("\ufeff")):
        return True
    line = _HTML_LINE.search(text, 0, _NEAR_START)
    return bool(line and _HTML_CLOSING.search(text, line.end()))


def _is_fragment(text: str) -> bool:
    """Markup from first character to last: "<p>One paragraph.</p>"."""
    return bool(_FRAGMENT_OPENING.match(text) and _FRAGMENT_CLOSING.search(text, max(0, len(text) - _FRAGMENT_TAIL)))


def _mostly_tags(text: str) -> bool:
    if not _TAG.search(text):
        return False
    untagged, tags = _TAG.subn("", text)
    if tags < _DENSE_MIN_TAGS:
        return False
    visible = len(_WHITESPACE.sub("", text))
    return visible > 0 and (len(text) - len(untagged)) >= _DENSE_SHARE * visible


def decode(data: bytes, html: bool = False) -> Decoded:
    """A byte-order mark's encoding when there is one; UTF-8 when it is (the
    common case, decided cheaply); otherwise the charset an HTML page declares,
    then charset-normalizer's best guess."""
    for bom, codec in _BOMS:
        if data.startswith(bom):
            try:
                return Decoded(data.decode(codec), codec)
            except UnicodeDecodeError:
                return Decoded(data.decode(codec, errors="replace"), codec,
                               f"invalid {codec.replace('-sig', '').upper()} replaced by U+FFFD")
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
