"""When two events may be one happening: each event's date is a span, by its time precision.

ACLED's time precision says how well the date is known: 1 the day, 2 the week, 3 the month. An
event is read as the days ``date - HALF_WIDTH .. date + HALF_WIDTH`` of its precision, cut at its
article's publication date (an article cannot report what happened after it was published; an
event dated only by its publication date, precision 2, so spans the week before it). An event the
coder gave no date is read the same way from its article's publication date when there is one: it
happened in the week before. Two events may be one happening when their spans are at most
``TOLERANCE_DAYS`` apart: outlets resolve "yesterday" or "on Tuesday" against their own publication
days, one night's attack is "late Tuesday" to one and "early Wednesday" to the next, and a coder
that dates a follow-up by its publication day puts it days after the happening. Within the window
the score (``scoring``) weighs how far apart they are (``gap_days``, ``days_apart``) and whether
both are known to the day. A week or month span already holds its own
slack, and its end at a publication date is a hard one.

An event with neither a date nor a publication date has no span: ``undated`` pairs are judged by
``scoring`` on stronger evidence of the rest. One thing of its date such an event may still say is
its weekday ("killed Saturday" in a wire report stripped of its dateline): ``weekday_fits`` holds
the other event's span to it, a night's slack either side.
"""

from __future__ import annotations

import re
from datetime import date, timedelta
from typing import Iterable, Optional

from ...understand.dates import WEEKDAYS
from ..linkable import Linkable

HALF_WIDTH = {1: 0, 2: 6, 3: 30}
UNKNOWN_PRECISION = 3
# The span of an event whose only date is its article's publication date (as the coder dates one).
PUBLICATION_PRECISION = 2
TOLERANCE_DAYS = 7
# The farthest two linkable events' dates can be: what blocking must reach.
REACH_DAYS = max(HALF_WIDTH.values()) + TOLERANCE_DAYS


def half_width(time_precision: Optional[int]) -> int:
    return HALF_WIDTH.get(time_precision or UNKNOWN_PRECISION, HALF_WIDTH[UNKNOWN_PRECISION])


def span(event: Linkable) -> Optional[tuple[date, date]]:
    """The days the event may have happened on; None when neither it nor its article is dated."""
    if event.date is None:
        if event.published is None:
            return None
        return event.published - timedelta(days=HALF_WIDTH[PUBLICATION_PRECISION]), event.published
    width = timedelta(days=half_width(event.time_precision))
    first, last = event.date - width, event.date + width
    if event.published is not None and event.date <= event.published < last:
        last = event.published
    return first, last


def undated(event: Linkable) -> bool:
    return span(event) is None


_WEEKDAY = re.compile(r"\b(" + "|".join(WEEKDAYS) + r")\b", re.IGNORECASE)


def named_weekday(event: Linkable) -> Optional[int]:
    """The one weekday the event's evidence names (0 Monday .. 6 Sunday); None for none or several."""
    named = {WEEKDAYS[m.lower()] for m in _WEEKDAY.findall(event.evidence)}
    return named.pop() if len(named) == 1 else None


def weekday_fits(event: Linkable, other: Linkable) -> bool:
    """Whether an undated event's weekday, if it names one, fits ``other``: a day of its span, or the
    weekday it names when it is undated too (within a night either way).

    Always true when ``event`` has a span (its weekday already went into its date)."""
    weekday = named_weekday(event)
    if span(event) is not None or weekday is None:
        return True
    other_span = span(other)
    if other_span is None:
        theirs = named_weekday(other)
        return theirs is None or _within_a_day(weekday, theirs)
    first, last = other_span
    if (last - first).days >= 6:
        return True
    days = (first + timedelta(days=k) for k in range((last - first).days + 1))
    return any(_within_a_day(weekday, d.weekday()) for d in days)


def _within_a_day(one: int, other: int) -> bool:
    return min((one - other) % 7, (other - one) % 7) <= 1


def contradictory(events: Iterable[Linkable]) -> bool:
    """Whether dated events lie too far apart to be one happening: some two spans more than
    ``TOLERANCE_DAYS`` apart. An undated event that fits several such is no evidence for any of them
    (``linking.ambiguous``)."""
    spans = [found for found in map(span, events) if found is not None]
    if len(spans) < 2:
        return False
    return (max(first for first, _ in spans) - min(last for _, last in spans)).days > TOLERANCE_DAYS


def gap_days(a: Linkable, b: Linkable) -> Optional[int]:
    """Days between the two spans (0 when they overlap); None when either event has no span."""
    sa, sb = span(a), span(b)
    if sa is None or sb is None:
        return None
    return max(0, (sb[0] - sa[1]).days, (sa[0] - sb[1]).days)


def known_to_the_day(event: Linkable) -> bool:
    return event.date is not None and event.time_precision == 1


def to_the_day(a: Linkable, b: Linkable) -> bool:
    return known_to_the_day(a) and known_to_the_day(b)


def within_window(a: Linkable, b: Linkable) -> bool:
    """Whether two dated events' spans allow one happening (an undated pair is not judged here)."""
    gap = gap_days(a, b)
    return gap is not None and gap <= TOLERANCE_DAYS


def days_apart(a: Linkable, b: Linkable) -> int:
    """Days between two events both dated to the day (0 otherwise: their spans already overlap)."""
    return abs((a.date - b.date).days) if to_the_day(a, b) else 0


def same_day(a: Linkable, b: Linkable) -> bool:
    return to_the_day(a, b) and a.date == b.date
