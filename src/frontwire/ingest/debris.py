"""Leaked server debug output in scraped bodies: PHP var_dump, print_r, raw JSON.

Scrapers of CMS pages often catch what a template printed by mistake: a
``var_dump`` of the "related articles" query, a ``print_r`` of an array, or the
JSON an API returned. It is noise in the body but data about the page, so the
dump is parsed and related-article records in it become ``Related`` items.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from typing import Any

from ..model import Related
from .datelines import date_from_url

_VAR_DUMP_START = re.compile(r'string\(\d+\)\s*"|array\(\d+\)\s*\{|object\([\w\\]+\)#\d+\s*\(\d+\)\s*\{')
_PRINT_R_START = re.compile(r"\bArray\s*\(\s*\[")
_JSON_START = re.compile(r'(?m)^[ \t]*(?=[\[{]\s*["\[{])')

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


class _ParseError(ValueError):
    pass


# --- var_dump ---------------------------------------------------------------

_VD_TOKEN = re.compile(
    r'\s*(?:(?P<string>string)\((?P<len>\d+)\)\s*"'
    r"|(?P<array>array)\(\d+\)\s*\{"
    r"|(?P<object>object)\([\w\\]+\)#\d+\s*\(\d+\)\s*\{"
    r"|int\((?P<int>-?\d+)\)"
    r"|float\((?P<float>[-+.\deEINFna]+)\)"
    r"|bool\((?P<bool>true|false)\)"
    r"|(?P<null>NULL))"
)
_VD_KEY = re.compile(r'\s*\[(?:"(?P<skey>(?:[^"\\]|\\.)*?)"(?::[^\]]*)?|(?P<ikey>-?\d+))\]\s*=>\s*')


def _vd_string(text: str, pos: int, nbytes: int) -> tuple[str, int]:
    """The string's content: ``nbytes`` bytes in the page's encoding, which we
    no longer have, so count UTF-8 bytes and, if that misses the closing quote
    (other encoding, repaired mojibake), fall back to the nearest quote that
    ends a line or the dump."""
    used, end = 0, pos
    while end < len(text) and used < nbytes:
        used += len(text[end].encode("utf-8"))
        end += 1
    if end < len(text) and text[end] == '"' and used == nbytes:
        return text[pos:end], end + 1
    closing = re.compile(r'"(?=\s*(?:\n|$|\[|\}))')
    match = closing.search(text, max(pos, end - 40))
    if match is None:
        match = closing.search(text, pos)
    if match is None:
        raise _ParseError("unterminated string")
    return text[pos:match.start()], match.end()


def _vd_value(text: str, pos: int) -> tuple[Any, int]:
    match = _VD_TOKEN.match(text, pos)
    if not match:
        raise _ParseError(f"no var_dump value at {pos}")
    if match.group("string"):
        return _vd_string(text, match.end(), int(match.group("len")))
    if match.group("array") or match.group("object"):
        pos, items = match.end(), {}
        while True:
            close = re.compile(r"\s*\}").match(text, pos)
            if close:
                return items, close.end()
            key = _VD_KEY.match(text, pos)
            if not key:
                raise _ParseError(f"no key at {pos}")
            value, pos = _vd_value(text, key.end())
            items[key.group("skey") if key.group("skey") is not None else key.group("ikey")] = value
    if match.group("int") is not None:
        return int(match.group("int")), match.end()
    if match.group("float") is not None:
        return match.group("float"), match.end()
    if match.group("bool") is not None:
        return match.group("bool") == "true", match.end()
    return None, match.end()


# --- print_r ----------------------------------------------------------------

_PR_OPEN = re.compile(r"Array\s*\(")
_PR_KEY = re.compile(r"\s*\[(?P<key>[^\]\n]*)\]\s*=>[ \t]*")
_PR_CLOSE = re.compile(r"\s*\)")
# A scalar runs up to the next "[key] =>" or the ")" that closes its array.
_PR_VALUE_END = re.compile(r"[ \t]*(?:\n\s*|\s+)(?=\[[^\]\n]*\]\s*=>)|\s*\n\s*\)|[ \t]+\)(?=\s*(?:\)|\[|$|\n))|\s*\)\s*$")


def _pr_array(text: str, pos: int) -> tuple[dict, int]:
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
            value, pos = _pr_array(text, pos)
        else:
            end = _PR_VALUE_END.search(text, pos)
            if not end:
                raise _ParseError("unterminated print_r value")
            value, pos = text[pos:end.start()].strip(), end.start()
        items[key.group("key")] = value


# --- finding dumps ------------------------------------------------------------


def find_dumps(text: str) -> list[Dump]:
    """Dumps in ``text``, in order, not overlapping."""
    found: list[Dump] = []
    pos = 0
    while pos < len(text):
        candidates = [m for m in (_VAR_DUMP_START.search(text, pos), _PRINT_R_START.search(text, pos),
                                  _JSON_START.search(text, pos)) if m]
        if not candidates:
            break
        match = min(candidates, key=lambda m: m.start())
        dump = _parse_at(text, match)
        if dump is None:
            pos = match.start() + 1
            continue
        dump.related = related_from(dump.value)
        found.append(dump)
        pos = dump.end
    return found


def _parse_at(text: str, match: re.Match) -> Dump | None:
    start = match.start()
    if match.re is _VAR_DUMP_START:
        try:
            value, end = _vd_value(text, start)
        except _ParseError:
            # A truncated dump is still debris: drop it to the end of its block.
            return Dump(start, _block_end(text, start), "var_dump")
        return Dump(start, end, "var_dump", _maybe_json(value))
    if match.re is _PRINT_R_START:
        try:
            value, end = _pr_array(text, start)
        except _ParseError:
            return Dump(start, _block_end(text, start), "print_r")
        return Dump(start, end, "print_r", value)
    try:
        value, end = json.JSONDecoder().raw_decode(text, match.end())
    except ValueError:
        return None
    # A JSON blob is debris only when it is the whole of its line(s), not a
    # bracketed aside inside a sentence.
    line_end = text.find("\n", end)
    if text[end: len(text) if line_end < 0 else line_end].strip():
        return None
    if not isinstance(value, (dict, list)) or end - match.end() < 20:
        return None
    return Dump(start, end, "json", value)


def _block_end(text: str, pos: int) -> int:
    end = text.find("\n\n", pos)
    return len(text) if end < 0 else end


def _maybe_json(value: Any) -> Any:
    """var_dump of a string that holds JSON (the common "related" cache case)."""
    if isinstance(value, str) and value.lstrip()[:1] in ("[", "{"):
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
