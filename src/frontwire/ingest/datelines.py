"""Dateline and timestamp lines ("Sun Sep 25, 2016 13:28:40", "Published October 2 2017").

Hand-written patterns rather than dateparser: a line is a dateline only when
the WHOLE line is a date (with an optional "Published"/"Updated" label and a
time), which a permissive parser cannot tell; and this runs on every line of
every article, where a regex costs microseconds.
"""

from __future__ import annotations

import re
from datetime import date, datetime

_MONTHS = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6,
    "jul": 7, "aug": 8, "sep": 9, "oct": 10, "nov": 11, "dec": 12,
}
_MONTH = r"(?P<mon>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
_WEEKDAY = r"(?:(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)(?:day|nesday|sday|urday|rsday)?\.?,?\s+)"
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>(?:19|20)\d\d)"
_LABEL = (
    r"(?:(?:first\s+)?published|posted|updated|last\s+updated|last\s+modified|date(?:\s+of\s+publication)?|created|issued|dated)"
    r"(?:\s+(?:on|at))?\s*:?\s*"
)
_TIME = (
    r"(?:\s*(?:,|\bat\b|-|–|—|@|\|)?\s*"
    r"(?:(?P<h>[0-2]?\d)[:.](?P<m>[0-5]\d)(?::(?P<s>[0-5]\d))?\s*(?P<ampm>[ap]\.?m\.?)?"
    r"|(?P<hhmm>[0-2]\d[0-5]\d)(?:\s*(?:hrs|h|gmt|utc))?\b)"
    r"(?:\s*(?P<tz>gmt|utc|z|[+-][01]\d:?[0-5]\d|[a-z]{2,4}t))?)?"
)
_DATES = [
    rf"{_WEEKDAY}?{_MONTH}\s+{_DAY},?\s+{_YEAR}",
    rf"{_WEEKDAY}?{_DAY}\s+{_MONTH},?\s+{_YEAR}",
    r"(?P<iso>(?P<year>(?:19|20)\d\d)-(?P<mon>[01]\d)-(?P<day>[0-3]\d))(?:[T ](?P<h>[0-2]\d):(?P<m>[0-5]\d)(?::(?P<s>[0-5]\d)(?:\.\d+)?)?(?P<tz>Z|[+-][01]\d:?[0-5]\d)?)?",
    rf"{_WEEKDAY}?(?P<d1>[0-3]?\d)(?P<sep>[/.-])(?P<d2>[01]?\d)(?P=sep){_YEAR}",
    # "Apr 232017": day and year run together when a template drops the comma
    rf"{_WEEKDAY}?{_MONTH}\s+(?P<day>[0-3]?\d)(?P<year>(?:19|20)\d\d)(?!\d)",
]
_LINE_PATTERNS = [
    re.compile(rf"^\s*(?:{_LABEL})?{d}{_TIME if 'iso' not in d else ''}\s*\.?\s*(?:[|·•–—-]\s*(?:last\s+)?(?:updated|modified)\b.*)?$", re.IGNORECASE)
    for d in _DATES
]
# At the head of a paragraph the date runs into the text, so a bare "0914"
# only counts as a time after "at" (it might start a headline: "1200 killed").
_LEAD_TIME = (
    r"(?:\s*(?:,|-|–|—|@|\|)?\s*(?:(?P<h>[0-2]?\d)[:.](?P<m>[0-5]\d)(?::(?P<s>[0-5]\d))?\s*(?P<ampm>[ap]\.?m\.?)?"
    r"|\bat\s+(?P<hhmm>[0-2]\d[0-5]\d)\b|\bat\s+(?P<h2>[0-2]?\d)[:.](?P<m2>[0-5]\d))"
    r"(?:\s*(?P<tz>gmt|utc|[+-][01]\d:?[0-5]\d)\b)?)?"
)
_LEAD_PATTERNS = [
    re.compile(rf"^\s*(?:{_LABEL})?{d}{_LEAD_TIME if 'iso' not in d else ''}"
               rf"(?:\s*\((?:last\s+)?(?:updated|modified)[^)]{{0,40}}\))?\s*[.,|:–—-]?(?:\s+|(?=[A-Z]))(?=\S)", re.IGNORECASE)
    for d in _DATES
]
_HAS_DIGIT = re.compile(r"\d")
_URL_DATE = re.compile(r"/((?:19|20)\d\d)[/-]([01]?\d)[/-]([0-3]?\d)(?:/|[-_.]|$)")


def _month(value: str) -> int:
    return int(value) if value.isdigit() else _MONTHS[value[:3].lower()]


def _valid(year: int, month: int, day: int) -> bool:
    try:
        date(year, month, day)
    except ValueError:
        return False
    return True


def parse_dateline(line: str) -> str | None:
    """ISO 8601 when the whole line is a date/timestamp, else None.

    A date-only line gives "YYYY-MM-DD"; a time keeps its seconds when given;
    a time zone is kept only when the line states one.
    """
    if len(line) > 120 or not _HAS_DIGIT.search(line):
        return None
    for pattern in _LINE_PATTERNS:
        match = pattern.match(line)
        if match:
            iso = _to_iso(match.groupdict())
            if iso:
                return iso
    return None


def parse_leading_dateline(text: str) -> tuple[str, int] | None:
    """(ISO date, end offset) when ``text`` opens with a dateline that runs
    into the story ("Wed 05 Apr 2017 Syria attack ..."), else None."""
    if not text[:1].isalnum():
        return None
    for pattern in _LEAD_PATTERNS:
        match = pattern.match(text)
        if match:
            groups = match.groupdict()
            if groups.get("h2"):
                groups["h"], groups["m"] = groups["h2"], groups["m2"]
            iso = _to_iso(groups)
            if iso:
                return iso, match.end()
    return None


def _to_iso(g: dict) -> str | None:
    year = int(g["year"])
    if g.get("d1"):
        first, second = int(g["d1"]), int(g["d2"])
        # Day-first is the norm outside the US; a first number above 12 settles it anyway.
        day, month = (first, second) if first > 12 or second <= 12 else (second, first)
    else:
        month, day = _month(g["mon"]), int(g["day"])
    if not _valid(year, month, day):
        return None
    out = f"{year:04d}-{month:02d}-{day:02d}"
    hour = minute = None
    if g.get("h") is not None:
        hour, minute = int(g["h"]), int(g["m"])
        ampm = (g.get("ampm") or "").replace(".", "").lower()
        if ampm == "pm" and hour < 12:
            hour += 12
        elif ampm == "am" and hour == 12:
            hour = 0
    elif g.get("hhmm"):
        hour, minute = int(g["hhmm"][:2]), int(g["hhmm"][2:])
    if hour is None or hour > 23:
        return out
    seconds = int(g["s"]) if g.get("s") else 0
    out += f"T{hour:02d}:{minute:02d}:{seconds:02d}"
    tz = (g.get("tz") or "").lower()
    if tz in ("gmt", "utc", "z"):
        out += "Z"
    elif tz[:1] in "+-" and tz:
        digits = tz[1:].replace(":", "")
        out += f"{tz[0]}{digits[:2]}:{digits[2:]}"
    return out


def date_from_url(url: str | None) -> str | None:
    """The date news sites put in article paths: /2016/09/25/."""
    if not url:
        return None
    match = _URL_DATE.search(url)
    if not match:
        return None
    year, month, day = (int(x) for x in match.groups())
    return f"{year:04d}-{month:02d}-{day:02d}" if _valid(year, month, day) else None


def normalise_given(value) -> str | None:
    """A published value given by a container (JSON Lines, WARC) as ISO 8601, or None."""
    if value is None:
        return None
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        try:
            return datetime.utcfromtimestamp(value).strftime("%Y-%m-%dT%H:%M:%SZ")
        except (OverflowError, OSError, ValueError):
            return None
    text = str(value).strip()
    if not text:
        return None
    try:
        parsed = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        return parse_dateline(text)
    if len(text) <= 10:
        return parsed.date().isoformat()
    iso = parsed.isoformat()
    return iso[:-6] + "Z" if iso.endswith("+00:00") else iso
