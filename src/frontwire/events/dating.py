"""When an event happened: the date its window gives, else the nearest the article offers.

An article without publication date is anchored on the dateline printed at the top
of its body: relative dates ("on Thursday") resolve against it, and it is the
last fallback.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..model import Article
from ..understand.dates import resolve_date
from .location import paragraph_of

_PRECISION = {"day": 1, "week": 2, "month": 3, "year": 3}  # ACLED time_precision
_DATELINE_REACH = 400  # characters from the top where a body-printed dateline stands
_FULL_YEAR = re.compile(r"(?:19|20)\d\d")


@dataclass(frozen=True)
class EventDate:
    value: str | None  # ISO date
    time_precision: int | None  # 1 day, 2 week, 3 month
    inferred: bool  # not given by the window itself


def printed_dateline(article: Article) -> str | None:
    """The first absolute day date printed near the top of the body ("AFP Friday 15 Jul 2016"):
    the publication date of an article whose metadata gave none."""
    for d in sorted(article.dates, key=lambda d: d.start):
        if d.start > _DATELINE_REACH:
            break
        if d.value and d.precision == "day" and _FULL_YEAR.search(d.text):
            return d.value
    return None


def event_date(article: Article, start: int, end: int) -> EventDate:
    """The window's date; else the paragraph's before it, the covering quote's, the publication's."""
    anchor = article.published or printed_dateline(article)
    in_window = []
    for d in article.dates:
        if not (start <= d.start and d.end <= end):
            continue
        if not d.value and not article.published and anchor:
            value, precision = resolve_date(d.text, anchor)
            if value:
                d = d.model_copy(update={"value": value, "precision": precision})
        if d.value:
            in_window.append(d)
    # A bare year of the article's own ("in 2017", published 2017-11-17) says less than the
    # publication date does; an earlier one ("since 2014") still marks background.
    this_year = (anchor or "")[:4]
    years = [d for d in in_window if d.precision == "year" and d.value[:4] == this_year]
    in_window = [d for d in in_window if not (d.precision == "year" and d.value[:4] == this_year)]
    if in_window:
        best = min(in_window, key=lambda d: (_PRECISION.get(d.precision or "day", 3), d.start))
        return EventDate(best.value, _PRECISION.get(best.precision or "day", 3), False)
    p_start, _ = paragraph_of(article, start)
    before = [d for d in article.dates if p_start <= d.start and d.end <= start and d.value
              and not (d.precision == "year" and d.value[:4] == this_year)]
    if before:
        best = before[-1]
        return EventDate(best.value, _PRECISION.get(best.precision or "day", 3), True)
    for q in article.quotes:
        if q.date and q.start < end and q.end > start:
            return EventDate(q.date, 1, True)
    if anchor:
        return EventDate(anchor[:10], 2, True)
    if years:
        return EventDate(years[0].value, 3, True)
    return EventDate(None, None, True)
