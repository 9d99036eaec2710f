"""How much an article is about each of its events, so that ``events[0]`` is its main event."""

from __future__ import annotations

import math
from datetime import date

from .candidates import Candidate


def salience(c: Candidate, title_types: set[str], published: str | None) -> float:
    """Headline, lead and early sentences, repetition, toll, a named actor and place;
    background (weeks before publication) counts against it."""
    s = c.score
    s += 4.0 if c.event.sub_event_type in title_types else 0.0
    s += 2.0 if c.in_lead else 0.0
    s += max(0.0, 4.0 - 2.0 * c.rank)  # news puts the main happening first: the lead most
    s += 1.5 * (c.mentions - 1)
    s += min(3.0, math.log1p(c.event.fatalities or 0))
    s += 1.0 if c.party_named or (c.event.actor1 and not c.event.actor1_inferred) else 0.0  # named by the text, not inferred
    s += 0.5 if c.event.location and not c.place_inferred else 0.0
    age = _days_before(c.event.date, published) if not c.date_inferred else None
    if age is not None and age > 7:
        s -= 5.0  # a past event recalled as background
    elif age is not None and age < -1:
        s -= 3.0  # something announced for later
    return round(s, 3)


def _days_before(event_date: str | None, published: str | None) -> int | None:
    try:
        return (date.fromisoformat(published[:10]) - date.fromisoformat(event_date[:10])).days
    except (TypeError, ValueError):
        return None
