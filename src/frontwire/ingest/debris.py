"""Leaked server debug output in scraped bodies: PHP var_dump, print_r, raw JSON.

Scrapers of CMS pages often catch what a template printed by mistake: a
``var_dump`` of the "related articles" query, a ``print_r`` of an array, or the
JSON an API returned. It is noise in the body but data about the page, so the
dump is parsed and related-article records in it become ``Related`` items.
"""

from __future__ import annotations

import bisect
import json
import re
from array import array
from dataclasses import dataclass, field
from typing import Any

from ..model import Related
from .datelines import date_from_url
from .nesting import MAX_NESTING, json_too_deep

_VAR_DUMP_START = re.compile(
    r'string\(\d{1,18}\)\s*+"|array\(\d{1,18}\)\s*+\{|object\([\w\\]{1,200}\)#\d{1,18}\s*+\(\d{1,18}\)\s*+\{')
_PRINT_R_START = re.compile(r"\bArray\s*+\(\s*+\[")
_JSON_START = re.compile(r'(?m)^[ \t]*+(?=[\[{]\s*+["\[{])')

_VIDEO = (".mp4", ".webm", ".m4v", ".mov", ".avi", ".mkv", ".flv", ".m3u8", ".ogv", ".3gp", ".wmv")
_IMAGE = (".jpg", ".jpeg", ".png", ".gif", ".webp", ".bmp", ".svg", ".tif", ".tiff", ".avif")
_AUDIO = (".mp3", ".m4a", ".ogg", ".oga", ".wav", ".aac", ".flac", ".opus")
_TITLE_KEYS = ("title", "headline", "name", "caption")
_ID_KEYS = ("id", "nid", "article_id", "post_id", "item_id", "newsid", "uid")
_URL_KEYS = ("url", "link", "href", "permalink", "path", "pic", "image", "img", "thumbnail", "thumb", "video", "src", "file", "media")
_DATE_KEYS = ("date", "published", "pubdate", "created", "datetime")


@dataclass
class Dump:
    start: int
    end: int
    kind: str  # var_dump, print_r, json
    value: Any = None
    related: list[Related] = field(default_factory=list)
    #: said when the dump could not be read (nested too deeply) and was removed unread
    note: str | None = None


class _ParseError(ValueError):
    pass


class _TooDeep(_ParseError):
    pass


_TOO_DEEP_NOTE = f"a debug dump nested deeper than {MAX_NESTING} levels was removed without being read"


class _NextMatch:
    """The first match of a pattern at or after a position, searched again only when asked
    about a position before where the last search began or past the match it found: asked
    with positions that mostly grow, scanning a long text stays linear."""

    def __init__(self, pattern: re.Pattern, text: str):
        self.pattern, self.text = pattern, text
        self._searched_from: int | None = None
        self._match: re.Match | None = None

    def at(self, pos: int) -> re.Match | None:
        stale = self._searched_from is None or pos < self._searched_from or (
            self._match is not None and pos > self._match.start())
        if stale:
            self._searched_from, self._match = pos, self.pattern.search(self.text, pos)
        return self._match


class _Utf8Offsets:
    """Where a count of UTF-8 bytes ends in the text (var_dump counts bytes, we hold
    characters), in time independent of the count: the byte offset of every
    ``_BLOCK``-th character is computed once."""

    _BLOCK = 1024

    def __init__(self, text: str):
        self.text = text
        self.ascii = text.isascii()
        self._block_starts: list[int] | None = None

    def _bytes(self, start: int, end: int) -> bytes:
        return self.text[start:end].encode("utf-8", "surrogatepass")

    def _offsets(self) -> list[int]:
        if self._block_starts is None:
            starts, total = [], 0
            for block in range(0, len(self.text) + 1, self._BLOCK):
                starts.append(total)
                total += len(self._bytes(block, block + self._BLOCK))
            self._block_starts = starts
        return self._block_starts

    def byte_at(self, char: int) -> int:
        block = char // self._BLOCK
        return self._offsets()[block] + len(self._bytes(block * self._BLOCK, char))

    def char_after(self, pos: int, nbytes: int) -> tuple[int, bool]:
        """(first character offset at least ``nbytes`` bytes after ``pos``, or the text's end;
        whether the bytes end exactly there)."""
        if self.ascii:
            end = pos + nbytes
            return (end, True) if end <= len(self.text) else (len(self.text), False)
        target = self.byte_at(pos) + nbytes
        offsets = self._offsets()
        block = bisect.bisect_right(offsets, target) - 1
        first = block * self._BLOCK
        if first >= len(self.text):
            return len(self.text), target == offsets[block]
        wanted = self._bytes(first, first + self._BLOCK)[: target - offsets[block]]
        try:
            return first + len(wanted.decode("utf-8", "surrogatepass")), len(wanted) == target - offsets[block]
        except UnicodeDecodeError as exc:  # the count ends inside a character
            return first + len(wanted[: exc.start].decode("utf-8", "surrogatepass")) + 1, False


class _Parser:
    """One text's debug dumps, parsed with the state more than one of them needs."""

    def __init__(self, text: str):
        self.text = text
        self.utf8 = _Utf8Offsets(text)
        self.closing_quote = _NextMatch(_VD_CLOSING_QUOTE, text)

    # --- var_dump -------------------------------------------------------------

    def vd_string(self, pos: int, nbytes: int) -> tuple[str, int]:
        """The string's content: ``nbytes`` bytes in the page's encoding, which we
        no longer have, so count UTF-8 bytes and, if that misses the closing quote
        (other encoding, repaired mojibake), fall back to the nearest quote that
        ends a line or the dump."""
        text = self.text
        end, exact = self.utf8.char_after(pos, nbytes)
        if exact and end < len(text) and text[end] == '"':
            return text[pos:end], end + 1
        match = self.closing_quote.at(max(pos, end - 40))
        if match is None:
            match = self.closing_quote.at(pos)
        if match is None:
            raise _ParseError("unterminated string")
        return text[pos:match.start()], match.end()

    def vd_value(self, pos: int, depth: int = 1) -> tuple[Any, int]:
        if depth > MAX_NESTING:
            raise _TooDeep(f"var_dump nested deeper than {MAX_NESTING} levels")
        text = self.text
        match = _VD_TOKEN.match(text, pos)
        if not match:
            raise _ParseError(f"no var_dump value at {pos}")
        if match.group("string"):
            return self.vd_string(match.end(), int(match.group("len")))
        if match.group("array") or match.group("object"):
            pos, items = match.end(), {}
            while True:
                close = _VD_CLOSE.match(text, pos)
                if close:
                    return items, close.end()
                key = _VD_KEY.match(text, pos)
                if not key:
                    raise _ParseError(f"no key at {pos}")
                value, pos = self.vd_value(key.end(), depth + 1)
                items[key.group("skey") if key.group("skey") is not None else key.group("ikey")] = value
        if match.group("int") is not None:
            return int(match.group("int")), match.end()
        if match.group("float") is not None:
            return match.group("float"), match.end()
        if match.group("bool") is not None:
            return match.group("bool") == "true", match.end()
        return None, match.end()

    # --- print_r --------------------------------------------------------------

    def pr_array(self, pos: int, depth: int = 1) -> tuple[dict, int]:
        if depth > MAX_NESTING:
            raise _TooDeep(f"print_r nested deeper than {MAX_NESTING} levels")
        text = self.text
        match = _PR_OPEN.match(text, pos)
        if not match:
            raise _ParseError("no print_r array")
        pos, items = match.end(), {}
        while True:
            close = _PR_CLOSE.match(text, pos)
            if close:
                return items, close.end()
            key = _PR_KEY.match(text, pos)
            if not key:
                raise _ParseError(f"no print_r key at {pos}")
            pos = key.end()
            if _PR_OPEN.match(text, pos):
                value, pos = self.pr_array(pos, depth + 1)
            else:
                end = _pr_value_end(text, pos)
                if end is None:
                    raise _ParseError("unterminated print_r value")
                value, pos = text[pos:end].strip(), end
            items[key.group("key")] = value


# --- var_dump ---------------------------------------------------------------

# Lengths and integers are bounded: int() refuses numbers of thousands of digits,
# and no real length or PHP integer has more than 19.
_VD_TOKEN = re.compile(
    r'\s*+(?:(?P<string>string)\((?P<len>\d{1,18})\)\s*+"'
    r"|(?P<array>array)\(\d{1,18}\)\s*+\{"
    r"|(?P<object>object)\([\w\\]{1,200}\)#\d{1,18}\s*+\(\d{1,18}\)\s*+\{"
    r"|int\((?P<int>-?\d{1,19})\)"
    r"|float\((?P<float>[-+.\deEINFna]{1,40})\)"
    r"|bool\((?P<bool>true|false)\)"
    r"|(?P<null>NULL))"
)
_VD_CLOSE = re.compile(r"\s*+\}")
# Keys are short; bounding them keeps a failed key match from scanning the rest of the text.
_VD_KEY = re.compile(r'\s*+\[(?:"(?P<skey>(?:[^"\\]|\\.){0,200}?)"(?::[^\]]{0,200})?|(?P<ikey>-?\d{1,19}))\]\s*+=>\s*+')
# A quote that ends a line, the dump, or comes before a key or a closing brace.
_VD_CLOSING_QUOTE = re.compile(r'"(?=[^\S\n]*+\n|\s*+(?:\Z|[\[}]))')


# --- print_r ----------------------------------------------------------------

_PR_OPEN = re.compile(r"Array\s*+\(")
_PR_KEY = re.compile(r"\s*+\[(?P<key>[^\]\n]{0,200})\]\s*+=>[ \t]*+")
_PR_CLOSE = re.compile(r"\s*+\)")
_PR_GAP = re.compile(r"\s++|\)")
_PR_NEXT_KEY = re.compile(r"\[[^\]\n]{0,200}\]\s*+=>")
# After a ")" that may close the value's array: another ")", a "[", the end, or a line break.
_PR_CLOSES_ARRAY = re.compile(r"\s*+(?:[)\[]|\Z)|[^\S\n]*+\n")
_PR_ONLY_WHITESPACE_LEFT = re.compile(r"\s*+\Z")


def _pr_value_end(text: str, pos: int) -> int | None:
    """Where a scalar print_r value that starts at ``pos`` ends: at the whitespace
    before the next "[key] =>", or before the ")" that closes its array.

    Only the start of each run of whitespace can end a value (the value is
    stripped), so each run is looked at once; a single regex searched at every
    position went quadratic on a value followed by a long run of spaces."""
    for gap in _PR_GAP.finditer(text, pos):
        start, after = gap.start(), gap.end()
        if gap.group() == ")":
            if _PR_ONLY_WHITESPACE_LEFT.match(text, after):
                return start
            continue
        if _PR_NEXT_KEY.match(text, after):
            return start
        if text.startswith(")", after) and ("\n" in gap.group() or _PR_CLOSES_ARRAY.match(text, after + 1)):
            return start
    return None


# --- JSON ---------------------------------------------------------------------


class _JsonExtents:
    """Where each JSON candidate's opening bracket closes and how deeply it nests,
    found in one pass over the text. A candidate is parsed only when it is balanced,
    ends its line and is not too deep: parsing every line-opening bracket inside a
    long or deep blob would re-read the blob once per line, and recurse."""

    # Each match runs to the next bracket outside a string (strings and other text are
    # consumed by the regex, not looked at one by one), or to the end of the text.
    _NEXT_BRACKET = re.compile(r'(?:"(?:[^"\\\n]++|\\.)*+"|[^\[\]{}"]++|")*+(?:([\[\]{}])|\Z)')

    def __init__(self, text: str, candidates: list[int]):
        self.closing: dict[int, tuple[int, int]] = {}
        pending = iter(candidates)
        next_candidate = next(pending, None)
        # Open candidates as parallel stacks: their position, the depth they opened at,
        # and the deepest depth reached inside them so far.
        opened, at_depth, deepest = array("q"), array("q"), array("q")
        depth = 0
        for token in self._NEXT_BRACKET.finditer(text):
            char = token.group(1)
            if char is None:
                continue
            at = token.end() - 1
            if char == "[" or char == "{":
                depth += 1
                while next_candidate is not None and next_candidate < at:
                    next_candidate = next(pending, None)
                if next_candidate == at:
                    opened.append(at)
                    at_depth.append(depth)
                    deepest.append(depth)
                    next_candidate = next(pending, None)
                elif deepest and depth > deepest[-1]:
                    deepest[-1] = depth
            else:
                if opened and depth == at_depth[-1]:
                    start, opened_at, inner = opened.pop(), at_depth.pop(), deepest.pop()
                    self.closing[start] = (at, inner - opened_at + 1)
                    if deepest and inner > deepest[-1]:
                        deepest[-1] = inner  # the enclosing candidate reached as deep
                depth -= 1

    def extent(self, start: int) -> tuple[int, int] | None:
        """(position of the closing bracket, levels of nesting) for a candidate, None if unclosed."""
        return self.closing.get(start)


# A JSON blob shorter than this is an aside ("[1]", "{}"), not a dump.
_JSON_MIN_CHARS = 20


def _json_dump_starts(text: str) -> list[tuple[re.Match, int, int]]:
    """The JSON candidates that can be dumps, with where they close and how deep they nest:
    balanced, long enough, and the whole of their line(s), not a bracketed aside inside a
    sentence."""
    starts = list(_JSON_START.finditer(text))
    if not starts:
        return []
    extents = _JsonExtents(text, [m.end() for m in starts])
    viable = []
    for match in starts:
        extent = extents.extent(match.end())
        if extent is None or extent[0] + 1 - match.end() < _JSON_MIN_CHARS:
            continue
        line_end = text.find("\n", extent[0] + 1)
        if text[extent[0] + 1: len(text) if line_end < 0 else line_end].strip():
            continue
        viable.append((match, *extent))
    return viable


# --- finding dumps ------------------------------------------------------------


def find_dumps(text: str) -> list[Dump]:
    """Dumps in ``text``, in order, not overlapping."""
    found: list[Dump] = []
    parser = _Parser(text)
    var_dumps, print_rs = _NextMatch(_VAR_DUMP_START, text), _NextMatch(_PRINT_R_START, text)
    json_dumps = _json_dump_starts(text)
    next_json = 0
    pos = 0
    while pos < len(text):
        while next_json < len(json_dumps) and json_dumps[next_json][0].start() < pos:
            next_json += 1
        json_dump = json_dumps[next_json] if next_json < len(json_dumps) else None
        candidates = [m for m in (var_dumps.at(pos), print_rs.at(pos), json_dump and json_dump[0]) if m]
        if not candidates:
            break
        match = min(candidates, key=lambda m: m.start())
        if json_dump is not None and match is json_dump[0]:
            dump = _json_dump(text, *json_dump)
        else:
            dump = _parse_at(parser, match)
        if dump is None:
            pos = match.start() + 1
            continue
        dump.related = related_from(dump.value)
        found.append(dump)
        pos = dump.end
    return found


def _json_dump(text: str, match: re.Match, close: int, levels: int) -> Dump | None:
    if levels > MAX_NESTING:
        return Dump(match.start(), close + 1, "json", note=_TOO_DEEP_NOTE)
    try:
        value, end = json.JSONDecoder().raw_decode(text, match.end())
    except ValueError:
        return None
    if end != close + 1 or not isinstance(value, (dict, list)):
        return None
    return Dump(match.start(), end, "json", value)


def _parse_at(parser: _Parser, match: re.Match) -> Dump:
    """The var_dump or print_r dump that starts at ``match``."""
    text = parser.text
    start = match.start()
    if match.re is _VAR_DUMP_START:
        try:
            value, end = parser.vd_value(start)
        except _TooDeep:
            return Dump(start, _block_end(text, start), "var_dump", note=_TOO_DEEP_NOTE)
        except _ParseError:
            # A truncated dump is still debris: drop it to the end of its block.
            return Dump(start, _block_end(text, start), "var_dump")
        return Dump(start, end, "var_dump", _maybe_json(value))
    try:
        value, end = parser.pr_array(start)
    except _TooDeep:
        return Dump(start, _block_end(text, start), "print_r", note=_TOO_DEEP_NOTE)
    except _ParseError:
        return Dump(start, _block_end(text, start), "print_r")
    return Dump(start, end, "print_r", value)


def _block_end(text: str, pos: int) -> int:
    end = text.find("\n\n", pos)
    return len(text) if end < 0 else end


def _maybe_json(value: Any) -> Any:
    """var_dump of a string that holds JSON (the common "related" cache case)."""
    if isinstance(value, str) and value.lstrip()[:1] in ("[", "{") and not json_too_deep(value):
        try:
            return json.loads(value)
        except ValueError:
            return value
    if isinstance(value, dict):
        return {k: _maybe_json(v) for k, v in value.items()}
    return value


# --- related records ----------------------------------------------------------


def media_type(url: str | None) -> str | None:
    if not url:
        return None
    path = url.split("?", 1)[0].split("#", 1)[0].lower()
    if path.endswith(_VIDEO):
        return "video"
    if path.endswith(_IMAGE):
        return "image"
    if path.endswith(_AUDIO):
        return "audio"
    if path.endswith((".html", ".htm", ".php", ".aspx", "/")) or "/news/" in path or "/article" in path:
        return "article"
    return None


def _lower_keys(record: dict) -> dict:
    return {str(k).lower(): v for k, v in record.items()}


def _first_str(record: dict, keys) -> str | None:
    for key in keys:
        value = record.get(key)
        if isinstance(value, (str, int)) and not isinstance(value, bool) and str(value).strip():
            return str(value).strip()
    return None


def related_from(value: Any) -> list[Related]:
    """Every record in a parsed dump that looks like a related item: a title
    and an id or a link."""
    out: list[Related] = []

    def walk(node: Any) -> None:
        if isinstance(node, dict):
            record = _lower_keys(node)
            title = _first_str(record, _TITLE_KEYS)
            ident = _first_str(record, _ID_KEYS)
            url = _first_str(record, _URL_KEYS)
            if title and (ident or url):
                when = _first_str(record, _DATE_KEYS)
                out.append(Related(
                    id=ident,
                    title=title,
                    url=url,
                    media_type=media_type(url),
                    date=date_from_url(url) or (when[:10] if when and re.match(r"\d{4}-\d\d-\d\d", when) else None),
                ))
                return
            for child in node.values():
                walk(child)
        elif isinstance(node, list):
            for child in node:
                walk(child)

    walk(value)
    return out
