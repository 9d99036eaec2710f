"""Date expressions in the text, resolved against the article's publication date.

Candidates come from one regex pass (cheap); each is resolved by our own rules,
because dateparser's relative handling is unreliable for wire prose (a bare
"Saturday" is the *next* Saturday for it, "last week" is seven days back rather
than a week). dateparser is kept as the fallback of ``resolve_date`` for
absolute forms our patterns do not know.

Conventions (documented here because callers rely on them):
- a bare weekday ("on Saturday", "Tuesday night") is the most recent such day
  strictly before publication, or the publication day itself when it is that
  weekday; with "will"/"next" before it, the next such day;
- week precision gives the Monday of that week, month precision the 1st of the
  month, year precision 1 January;
- "overnight" / "last night" is the day before publication (the night began
  that evening);
- a day and month without a year ("on 12 March") is the most recent such date
  not after publication;
- without a publication date only expressions that carry their own year are
  resolved; the others are kept with ``value`` null.
"""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta
from functools import lru_cache
from typing import Optional

from ..model import Article, DateMention
from ..registry import component

WEEKDAYS = {d: i for i, d in enumerate(
    ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"])}
MONTHS = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7,
    "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9,
    "sept": 9, "oct": 10, "nov": 11, "dec": 12,
}
NUMBERS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
}

_WEEKDAY = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
# Abbreviations need the dot-or-digit context given by the patterns that use them.
_MONTH_FULL = r"(?:January|February|March|April|May|June|July|August|September|October|November|December)"
_MONTH_ABBREVIATIONS = r"Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec"
# the full stop belongs to an abbreviation ("Sept. 12"), never to a full name ("on 15 November.")
_MONTH_ANY = r"(?:" + _MONTH_FULL[3:-1] + r"|(?:" + _MONTH_ABBREVIATIONS + r")\.?)"
_DAY = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
_YEAR = r"(?:1[89]\d\d|20\d\d)"
_NUM = r"(?:\d{1,2}|" + "|".join(sorted(NUMBERS, key=len, reverse=True)) + r")"
_PART = r"(?:\s+(?:morning|afternoon|evening|night))"
# "between 1000 and 1800 people": a number before these is a count, not a year.
_COUNTED = (r"(?:people|persons|civilians|fighters|militants|soldiers|troops|children|men|women|refugees|"
            r"families|homes|houses|dead|killed|wounded|casualties|victims)\b")
_SIDE = r"(?:early|late|mid-|mid|end of|the end of|the beginning of|the start of)"

# Ordered: the first alternative that matches at a position wins, so longer forms come first.
_PATTERNS: list[tuple[str, str]] = [
    ("iso", r"\b(?P<y>" + _YEAR + r")-(?P<m>0[1-9]|1[0-2])-(?P<d>0[1-9]|[12]\d|3[01])\b"),
    # day first, as the outlets that print dotted or dashed dates write them ("16.05.2017")
    ("numeric", r"(?<![\d.-])(?P<d>0?[1-9]|[12]\d|3[01])[./-](?P<m>0?[1-9]|1[0-2])[./-](?P<y>" + _YEAR + r")(?![\d-]|\.\d)"),
    ("dmy", r"\b(?P<d>" + _DAY + r")\s+(?:of\s+)?(?P<mon>" + _MONTH_ANY + r"),?\s+(?P<y>" + _YEAR + r")\b"),
    ("mdy", r"\b(?P<mon>" + _MONTH_ANY + r")\s+(?P<d>" + _DAY + r"),?\s+(?P<y>" + _YEAR + r")\b"),
    ("my", r"\b(?:(?P<side>" + _SIDE + r")\s*)?(?P<mon>" + _MONTH_FULL + r"),?\s+(?:of\s+)?(?P<y>" + _YEAR + r")\b"),
    ("dm", r"\b(?P<d>" + _DAY + r")\s+(?:of\s+)?(?P<mon>" + _MONTH_ANY + r")(?![\w-])"),
    ("md", r"\b(?P<mon>" + _MONTH_ANY + r")\s+(?P<d>" + _DAY + r")\b(?![:.,]?\d)"),
    # "on the 5th": a day of this month; the ordinal and a following break keep "the 5th Corps" out
    ("ordinal", r"\b(?:[Oo]n|[Ss]ince|[Uu]ntil|[Bb]y|[Ff]rom)\s+(?P<expr>the\s+(?P<d>[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th))\b"
                r"(?=\s*(?:[,.;:!?)]|$)|\s+(?:and|when|as|after|before|in|at|near|with|while|during|of\s+(?:this|last|the)\s+month)\b)"),
    ("weekday", r"\b(?:(?P<rel>[Ll]ast|[Tt]his past|[Tt]his coming|[Tt]his|[Nn]ext|[Ee]arly|[Ll]ate)\s+)?"
                r"(?P<wd>" + _WEEKDAY + r")(?P<part>" + _PART + r")?\b"),
    ("deictic", r"\b(?P<deictic>(?:[Ee]arlier |[Ll]ater )?(?:[Yy]esterday|[Tt]oday|[Tt]onight|[Tt]omorrow)"
                r"|[Oo]vernight|[Ll]ast night|[Tt]his (?:morning|afternoon|evening))"
                r"(?P<part2>" + _PART + r")?\b"),
    ("period", r"\b(?P<rel>[Ee]arlier this|[Ll]ater this|[Ll]ast|[Tt]his|[Nn]ext|[Tt]he previous|[Tt]he past)\s+"
               r"(?P<unit>week|month|year|weekend)\b"),
    ("ago", r"\b(?P<n>" + _NUM + r")\s+(?P<unit>day|week|month|year)s?\s+ago\b"),
    # A bare month name is a date only after a preposition or a modifier ("in May", not "May God").
    ("month", r"(?:\b(?:in|since|until|till|by|during|throughout|from|of|before|after|since early|[Ii]n early|[Ii]n late)\s+)"
              r"(?P<expr>(?:(?P<rel>[Ll]ast|[Tt]his|[Nn]ext|" + _SIDE + r")\s*)?(?P<mon>" + _MONTH_FULL + r"))\b(?!\s+\d)"),
    ("side_month", r"\b(?P<expr>(?P<rel>[Ee]arly|[Ll]ate|[Mm]id-|[Mm]id)\s*(?P<mon>" + _MONTH_FULL + r"))\b(?!\s+\d)"),
    ("year", r"(?:\b(?:[Ii]n|[Ss]ince|[Uu]ntil|[Bb]y|[Dd]uring|[Tt]hroughout|[Ff]rom|[Oo]f|[Bb]efore|[Aa]fter|[Bb]etween|and|to)\s+)"
             r"(?P<expr>(?:(?P<side>" + _SIDE + r")\s*)?(?P<y>" + _YEAR + r"))\b(?![-/.]\d|\s*(?:%|per)|\s+" + _COUNTED + r")"),
]
_FUTURE_CUE = re.compile(r"\b(?:will|shall|is due|are due|is expected|are expected|scheduled|planned|plans|next)\b[^.!?]*$", re.I)


def _renamed(pattern: str, suffix: str) -> str:
    return re.sub(r"\(\?P<(\w+)>", lambda m: f"(?P<{m.group(1)}_{suffix}>", pattern)


# Group names repeat across alternatives, so each gets its pattern name as a suffix.
_COMBINED = re.compile("|".join(f"(?P<{name}>{_renamed(pattern, name)})" for name, pattern in _PATTERNS))


def parse_published(published: Optional[str]) -> Optional[date]:
    if not published:
        return None
    try:
        return datetime.fromisoformat(published.strip().replace("Z", "+00:00")).date()
    except ValueError:
        try:
            return date.fromisoformat(published.strip()[:10])
        except ValueError:
            return None


def _monday(day: date) -> date:
    return day - timedelta(days=day.weekday())


def _month_shift(day: date, months: int) -> date:
    index = day.year * 12 + (day.month - 1) + months
    return date(index // 12, index % 12 + 1, 1)


def _safe_date(year: int, month: int, day: int) -> Optional[date]:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _day_number(text: str) -> int:
    return int(re.match(r"\d+", text).group())


def _month_number(text: str) -> int:
    return MONTHS[text.rstrip(".").lower()]


def _resolve_match(kind: str, g: dict, pub: Optional[date], future: bool) -> tuple[Optional[date], Optional[str]]:
    """(date, precision) for one pattern match; the date is None when it needs a base we lack."""
    if kind in ("iso", "numeric"):
        return _safe_date(int(g["y"]), int(g["m"]), int(g["d"])), "day"
    if kind in ("dmy", "mdy"):
        return _safe_date(int(g["y"]), _month_number(g["mon"]), _day_number(g["d"])), "day"
    if kind == "my":
        return date(int(g["y"]), _month_number(g["mon"]), 1), "month"
    if kind == "year":
        return date(int(g["y"]), 1, 1), "year"
    if kind in ("dm", "md"):
        if pub is None:
            return None, "day"
        month, day = _month_number(g["mon"]), _day_number(g["d"])
        for year in (pub.year, pub.year - 1, pub.year - 2, pub.year - 4):
            candidate = _safe_date(year, month, day)
            if candidate and (candidate <= pub or future):
                return candidate, "day"
        return None, "day"
    if pub is None:
        return None, _precision_of(kind, g)
    if kind == "ordinal":
        # the most recent such day of a month not after publication (the next one when told as future)
        day = _day_number(g["d"])
        for months in ((0, 1, 2) if future else (0, -1, -2)):
            month_start = _month_shift(pub, months)
            candidate = _safe_date(month_start.year, month_start.month, day)
            if candidate and (candidate >= pub if future else candidate <= pub):
                return candidate, "day"
        return None, "day"
    if kind == "weekday":
        target = WEEKDAYS[g["wd"].lower()]
        rel = (g.get("rel") or "").lower()
        if rel in ("next", "this coming") or (future and rel not in ("last", "this past")):
            ahead = (target - pub.weekday()) % 7 or (7 if rel else 0)
            return pub + timedelta(days=ahead), "day"
        back = (pub.weekday() - target) % 7
        if back == 0 and rel == "last":
            back = 7
        return pub - timedelta(days=back), "day"
    if kind == "deictic":
        word = g["deictic"].lower()
        if "yesterday" in word or word in ("overnight", "last night"):
            return pub - timedelta(days=1), "day"
        if "tomorrow" in word:
            return pub + timedelta(days=1), "day"
        return pub, "day"
    if kind == "period":
        rel, unit = g["rel"].lower(), g["unit"]
        step = -1 if rel in ("last", "the previous", "the past") else 1 if rel == "next" else 0
        if unit == "weekend":
            # The weekend is reported as the week that holds its Saturday.
            saturday = pub - timedelta(days=(pub.weekday() - 5) % 7)
            if step > 0:
                saturday += timedelta(days=7)
            return _monday(saturday), "week"
        if unit == "week":
            if rel == "the past":
                return _monday(pub - timedelta(days=6)), "week"
            return _monday(pub) + timedelta(days=7 * step), "week"
        if unit == "month":
            return _month_shift(pub, step), "month"
        return date(pub.year + step, 1, 1), "year"
    if kind == "ago":
        n = NUMBERS.get(g["n"].lower()) or int(g["n"])
        unit = g["unit"]
        if unit == "day":
            return pub - timedelta(days=n), "day"
        if unit == "week":
            return _monday(pub - timedelta(days=7 * n)), "week"
        if unit == "month":
            return _month_shift(pub, -n), "month"
        return date(pub.year - n, 1, 1), "year"
    if kind in ("month", "side_month"):
        month = _month_number(g["mon"])
        rel = (g.get("rel") or "").lower()
        year = pub.year
        if rel == "next" or (future and month > pub.month):
            year = pub.year if month > pub.month else pub.year + 1
        elif rel == "last":
            year = pub.year if month < pub.month else pub.year - 1
        elif month > pub.month:
            year = pub.year - 1
        return date(year, month, 1), "month"
    return None, None


def _resolve_safely(kind: str, g: dict, pub: Optional[date], future: bool) -> tuple[Optional[date], Optional[str]]:
    """``_resolve_match``, with a date that falls outside years 1-9999 (a publication date of
    0001-01-01 or 9999-12-31, as CMS placeholders have it) left unresolved instead of raising."""
    try:
        return _resolve_match(kind, g, pub, future)
    except (OverflowError, ValueError):
        return None, _precision_of(kind, g)


def _precision_of(kind: str, g: dict) -> Optional[str]:
    if kind in ("weekday", "deictic", "ordinal") or (kind == "ago" and g.get("unit") == "day"):
        return "day"
    unit = g.get("unit")
    if unit in ("week", "weekend"):
        return "week"
    if unit == "year":
        return "year"
    return "month"


def _groups(match: re.Match, kind: str) -> dict:
    suffix = "_" + kind
    return {k[: -len(suffix)]: v for k, v in match.groupdict().items() if k.endswith(suffix) and v is not None}


def _expression_bounds(match: re.Match, kind: str) -> tuple[int, int]:
    # Patterns that need a leading preposition to be trusted report only the expression itself.
    if kind in ("month", "side_month", "year", "ordinal"):
        return match.span(f"expr_{kind}")
    return match.span(kind)


# Every pattern contains one of these words; the full pattern runs only in a window around them (speed).
_TRIGGER = re.compile(
    r"\b(?:" + _MONTH_FULL[3:-1] + r"|" + _MONTH_ABBREVIATIONS + r"|" + _WEEKDAY[3:-1]
    + r"|[Yy]esterday|[Tt]oday|[Tt]onight|[Tt]omorrow|[Oo]vernight|night|morning|afternoon|evening"
    + r"|week|weekend|month|year|ago|1[89]\d\d|20\d\d|\d{1,2}(?:st|nd|rd|th))\b"
)
_WINDOW_BEFORE, _WINDOW_AFTER = 32, 24


def _windows(text: str) -> list[tuple[int, int]]:
    windows: list[tuple[int, int]] = []
    for trigger in _TRIGGER.finditer(text):
        start = max(0, trigger.start() - _WINDOW_BEFORE)
        end = min(len(text), trigger.end() + _WINDOW_AFTER)
        # Windows start and end between words so no pattern sees half a word. A walk stops
        # where the previous window ends, so that each character is walked over once even
        # inside one long token full of triggers.
        floor = windows[-1][1] if windows else 0
        while start > floor and not text[start - 1].isspace():
            start -= 1
        if windows and end <= windows[-1][1]:
            continue
        while end < len(text) and not text[end].isspace():
            end += 1
        if windows and start <= windows[-1][1]:
            windows[-1] = (windows[-1][0], end)
        else:
            windows.append((start, end))
    return windows


def find_dates(text: str, published: Optional[str], offset: int = 0) -> list[DateMention]:
    """Every date expression in ``text``, resolved against ``published`` (offsets shifted by ``offset``)."""
    pub = parse_published(published)
    found: list[DateMention] = []
    for w_start, w_end in _windows(text):
        for match in _COMBINED.finditer(text, w_start, w_end):
            kind = match.lastgroup
            g = _groups(match, kind)
            start, end = _expression_bounds(match, kind)
            # "will" counts only inside the date's own clause: "X will resume on Tuesday, officials said on Saturday".
            clause_before = re.split(r"[.!?]\s|[,;:]", text[max(0, start - 120):start])[-1]
            future = bool(_FUTURE_CUE.search(clause_before))
            value, precision = _resolve_safely(kind, g, pub, future)
            found.append(DateMention(
                text=text[start:end], start=start + offset, end=end + offset,
                value=value.isoformat() if value else None, precision=precision,
            ))
    return found


def resolve_date(expression: str, published: Optional[str]) -> tuple[Optional[str], Optional[str]]:
    """(ISO value, precision) of one date expression, e.g. ("2016-09-24", "day") for "on Saturday"."""
    expression = expression.strip()
    found = find_dates(expression, published)
    if found:
        best = max(found, key=lambda m: m.end - m.start)
        return best.value, best.precision
    parsed = _dateparser_parse(expression, published)
    if parsed is None:
        return None, None
    return parsed.isoformat(), "day"


@lru_cache(maxsize=1)
def _dateparser():
    import dateparser

    return dateparser


def _dateparser_parse(expression: str, published: Optional[str]) -> Optional[date]:
    settings = {"PREFER_DATES_FROM": "past", "REQUIRE_PARTS": ["day", "month", "year"], "DATE_ORDER": "DMY"}
    pub = parse_published(published)
    if pub is not None:
        settings["RELATIVE_BASE"] = datetime(pub.year, pub.month, pub.day)
    # Times alone are not dates; without a day and a year dateparser fills them from "now".
    if not re.search(r"\d{4}", expression):
        return None
    try:
        parsed = _dateparser().parse(expression, languages=["en"], settings=settings)
    except (OverflowError, ValueError):  # a relative base at the edge of the calendar
        return None
    return parsed.date() if parsed else None


def dates_in_span(article: Article, start: int, end: int) -> list[DateMention]:
    """The article's date mentions that lie inside [start, end); found afresh when the dates layer is empty."""
    mentions = article.dates or find_dates(article.text, article.published)
    return [m for m in mentions if m.start >= start and m.end <= end]


@component("dates", requires=["text", "published"], assigns=["dates"])
class DatesComponent:
    """When: date expressions resolved against the publication date."""

    def __init__(self, config=None):
        pass

    def __call__(self, work) -> None:
        article = work.article
        article.dates = find_dates(article.text, article.published)

