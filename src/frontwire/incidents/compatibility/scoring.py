"""Two events tell one happening, or not: the gates every pair must pass, then one score.

Gates (any failing one says no): the events come from different articles; their sub-event types
can be one happening (``families``); their places are within reach of each other (``places``);
their dates are within the window their precisions allow (``dates``). Past the gates, the score
adds what each criterion says, and the pair is linked when it reaches ``THRESHOLD``:

    score = WEIGHTS.type * type closeness + WEIGHTS.text * word similarity
            + WEIGHTS.actors * party agreement + WEIGHTS.place * place closeness
            + WEIGHTS.same_day (both dated to the same day) + WEIGHTS.rare (one rare kind of violence)
            + WEIGHTS.days_apart * days between two dates to the day (negative: each day costs)

An undated pair (one of them has neither a date nor a publication date) has no date gate; what an
analyst would still accept instead: both placed at one town (``places.same_place``), sub-event
types of one family, and words shared beyond ``UNDATED_TEXT``, besides the threshold.

The weights and the thresholds were chosen on the read half of the FA-KES dev incidents
(``bench/incidents.py``); what each criterion measures is in its own module.

``compatible`` is a pure function of the two events, so the incidents (the connected components of
the linked pairs) do not depend on the order the events were stored in.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Optional

from ..linkable import Linkable
from . import actors, dates, families, places, text


@dataclass(frozen=True)
class Weights:
    type: float = 1.0
    text: float = 3.0
    actors: float = 0.5
    place: float = 0.5
    same_day: float = 1.5
    rare: float = 0.5
    days_apart: float = -0.75


WEIGHTS = Weights()
THRESHOLD = 2.4
# The word similarity an undated pair (``dates.undated``) needs besides the threshold.
UNDATED_TEXT = 0.2


@dataclass(frozen=True)
class Features:
    type: float
    text: float
    actors: float
    place: float
    same_day: bool
    rare: bool
    days_apart: int
    undated: bool

    def score(self, weights: Weights = WEIGHTS) -> float:
        return (weights.type * self.type + weights.text * self.text + weights.actors * self.actors
                + weights.place * self.place + weights.same_day * self.same_day + weights.rare * self.rare
                + weights.days_apart * self.days_apart)


def features(a: Linkable, b: Linkable) -> Optional[Features]:
    """What each criterion says of the pair; None when a gate fails."""
    if a.article_id == b.article_id:
        return None
    type_closeness = families.closeness(a.sub_event_type, b.sub_event_type)
    if type_closeness <= 0:
        return None
    undated = dates.undated(a) or dates.undated(b)
    if undated:
        if type_closeness < families.SAME_FAMILY or not places.same_place(a, b):
            return None
    elif not dates.within_window(a, b) or not places.near(a, b):
        return None
    return Features(type=type_closeness, text=text.similarity(a, b),
                    actors=actors.agreement(a, b), place=places.closeness(a, b), same_day=dates.same_day(a, b),
                    rare=families.rare_match(a.sub_event_type, b.sub_event_type), days_apart=dates.days_apart(a, b),
                    undated=undated)


def compatible(a: Linkable, b: Linkable, weights: Weights = WEIGHTS, threshold: float = THRESHOLD) -> bool:
    found = features(a, b)
    if found is None or (found.undated and found.text < UNDATED_TEXT):
        return False
    return found.score(weights) >= threshold
