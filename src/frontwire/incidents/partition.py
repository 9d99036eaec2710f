"""Incidents as connected components of the linked pairs, and the ids they keep.

Ids: an incident created by an event's arrival takes ``new_incident_id`` of that event (a hash of
its id), so an incident rebuilt from scratch gets the id it got at ingest. When incidents merge,
the older (created first) keeps its id; when one splits (its bridging article was deleted or
analysed again), the part holding its earliest-stored event keeps it and each other part takes a
new one. An id once merged away is never given out again.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from datetime import date, timedelta
from typing import Callable, Hashable, Iterable, Optional, Sequence

from .compatibility import dates
from .linkable import Linkable

Linked = Callable[[Linkable, Linkable], bool]


class UnionFind:
    def __init__(self) -> None:
        self.parent: dict[Hashable, Hashable] = {}

    def add(self, item: Hashable) -> None:
        self.parent.setdefault(item, item)

    def find(self, item: Hashable) -> Hashable:
        self.add(item)
        root = item
        while self.parent[root] != root:
            root = self.parent[root]
        while self.parent[item] != root:  # path compression
            self.parent[item], item = root, self.parent[item]
        return root

    def union(self, a: Hashable, b: Hashable) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[rb] = ra

    def groups(self) -> list[list[Hashable]]:
        out: dict[Hashable, list[Hashable]] = defaultdict(list)
        for item in self.parent:
            out[self.find(item)].append(item)
        return list(out.values())


def by_arrival(events: Iterable[Linkable]) -> list[Linkable]:
    return sorted(events, key=lambda e: e.arrival)


def components_by_sweep(events: Sequence[Linkable], linked: Linked,
                        ambiguous: Optional[Callable[[Linkable], bool]] = None) -> list[list[Linkable]]:
    """The components of ``events`` (all stored events for ``rebuild``, one incident's for a split),
    comparing only the pairs blocking would offer (one country, date spans within reach), by a sweep
    over each country's events in the order their spans begin; in order of their first arrival. An
    event without a country is linked with none; an undated one (``dates.undated``) is compared
    with every event of its country, as blocking offers it every event of its area, and linked with
    the dated ones only when it is not ``ambiguous`` (by default: when the dated events of ``events``
    it fits are not ``dates.contradictory``; a split passes the store-wide answer)."""
    found = UnionFind()
    dated: dict[str, list[tuple[date, date, int]]] = defaultdict(list)
    undated: dict[str, list[int]] = defaultdict(list)
    for i, event in enumerate(events):
        found.add(i)
        if not event.country:
            continue
        span = dates.span(event)
        if span is None:
            undated[event.country].append(i)
        else:
            dated[event.country].append((*span, i))
    reach = timedelta(days=dates.TOLERANCE_DAYS)
    for spans in dated.values():
        spans.sort()
        for k, (_, last, i) in enumerate(spans):
            for first, _, j in spans[k + 1:]:
                if first > last + reach:  # every later span begins later still
                    break
                if linked(events[i], events[j]):
                    found.union(i, j)
    for country, indices in undated.items():
        for k, i in enumerate(indices):
            fits = [j for *_, j in dated.get(country, []) if linked(events[i], events[j])]
            if ambiguous is not None:
                fits_two = ambiguous(events[i])
            else:
                fits_two = dates.contradictory(events[j] for j in fits)
            if fits_two:
                fits = []
            for j in fits + [j for j in indices[k + 1:] if linked(events[i], events[j])]:
                found.union(i, j)
    return _ordered([[events[i] for i in group] for group in found.groups()])


def _ordered(groups: list[list[Linkable]]) -> list[list[Linkable]]:
    groups = [by_arrival(group) for group in groups]
    return sorted(groups, key=lambda group: group[0].arrival)


def new_incident_id(founding_event_id: str, taken: Callable[[str], bool]) -> str:
    """The id of an incident an event's arrival creates: a hash of the event id, salted only if taken."""
    n = 0
    while True:
        salt = f"\x00{n}" if n else ""
        candidate = hashlib.sha256(f"incident\x00{founding_event_id}{salt}".encode()).hexdigest()[:16]
        if not taken(candidate):
            return candidate
        n += 1
