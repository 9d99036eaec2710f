"""When two events may be one happening: each event's date is a span, by its time precision.

ACLED's time precision says how well the date is known: 1 the day, 2 the week, 3 the month. An
event is read as the days ``date - HALF_WIDTH .. date + HALF_WIDTH`` of its precision, cut at its
article's publication date (an article cannot report what happened after it was published; an
event dated only by its publication date, precision 2, so spans the week before it). Two events may
be one happening when their spans overlap, or, both dated to the day, are at most
``TOLERANCE_DAYS`` apart: one night's attack is "late Tuesday" to one outlet and "early Wednesday"
to the next. A week or month span already holds its own slack, and its end at a publication date is
a hard one.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Optional

from ..linkable import Linkable

HALF_WIDTH = {1: 0, 2: 6, 3: 30}
UNKNOWN_PRECISION = 3
TOLERANCE_DAYS = 1
# The farthest two linkable events' dates can be: what blocking must reach.
REACH_DAYS = max(HALF_WIDTH.values()) + TOLERANCE_DAYS


def half_width(time_precision: Optional[int]) -> int:
    return HALF_WIDTH.get(time_precision or UNKNOWN_PRECISION, HALF_WIDTH[UNKNOWN_PRECISION])


def span(event: Linkable) -> Optional[tuple[date, date]]:
    if event.date is None:
        return None
    width = timedelta(days=half_width(event.time_precision))
    first, last = event.date - width, event.date + width
    if event.published is not None and event.date <= event.published < last:
        last = event.published
    return first, last


def gap_days(a: Linkable, b: Linkable) -> Optional[int]:
    """Days between the two spans (0 when they overlap); None when either event has no date."""
    sa, sb = span(a), span(b)
    if sa is None or sb is None:
        return None
    return max(0, (sb[0] - sa[1]).days, (sa[0] - sb[1]).days)


def within_window(a: Linkable, b: Linkable) -> bool:
    gap = gap_days(a, b)
    if gap is None:
        return False
    return gap == 0 or (gap <= TOLERANCE_DAYS and a.time_precision == 1 and b.time_precision == 1)


def same_day(a: Linkable, b: Linkable) -> bool:
    return a.date is not None and a.date == b.date and a.time_precision == 1 and b.time_precision == 1
