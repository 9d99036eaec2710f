"""Mentions of one happening become one event, and the main event takes its lead's toll.

Two mentions are one happening when they have the same type and compatible place,
date and actors; the merged event keeps the best-placed, best-dated, named-actor
version of each field, and the toll by ACLED's rule for differing sources.
"""

from __future__ import annotations

from .candidates import Candidate, FatalityReport
from .taxonomy import CAPTURES, event_type_of

_VIOLENT_TYPES = {"Battles", "Explosions/Remote violence", "Violence against civilians"}
_TRANSFER = "Non-violent transfer of territory"
# ground taken, or forces leaving it, told again in a later sentence as handed over or left
# unopposed: one happening, and the telling of how it changed hands decides its type (within one
# sentence the classifier has already weighed both tellings)
_TRANSFER_TOLD_AS = CAPTURES | {"Change to group/activity"}
# (a withdrawal word alone is no handover: "acknowledged a tactical withdrawal from the post")
_TRANSFER_RETOLD_MIN_SCORE = 3.0


def merge(candidates: list[Candidate]) -> list[Candidate]:
    """The candidates in order, each absorbed into the first earlier one it is compatible with."""
    merged: list[Candidate] = []
    for c in candidates:
        for m in merged:
            if _compatible(m, c):
                _absorb(m, c)
                break
        else:
            merged.append(c)
    return merged


def _compatible(a: Candidate, b: Candidate) -> bool:
    """Could these two mentions be one happening? Same type, no conflicting date or place, and
    shared actors unless the place is the very same (a happening is told with different names)."""
    ea, eb = a.event, b.event
    if ea.sub_event_type != eb.sub_event_type and not (
            _transfer_retold(ea.sub_event_type, eb.sub_event_type) and b.score >= _TRANSFER_RETOLD_MIN_SCORE
            and b.rank > a.rank):
        return False
    if not (a.date_inferred or b.date_inferred) and ea.date != eb.date:
        return False
    both_placed = not (a.place_inferred or b.place_inferred)
    if both_placed and a.place_key != b.place_key and (ea.admin1 is None or ea.admin1 != eb.admin1):
        return False
    actors_a = {x for x in (ea.actor1, ea.actor2) if x}
    actors_b = {x for x in (eb.actor1, eb.actor2) if x}
    if actors_a and actors_b and not actors_a & actors_b:
        return both_placed and a.place_key == b.place_key or a.place_inferred or b.place_inferred
    return True


def _transfer_retold(first: str, later: str) -> bool:
    return later == _TRANSFER and first in _TRANSFER_TOLD_AS


def _absorb(into: Candidate, other: Candidate) -> None:
    e, o = into.event, other.event
    if _transfer_retold(e.sub_event_type, o.sub_event_type):
        e.sub_event_type, e.event_type = o.sub_event_type, event_type_of(o.sub_event_type)
    into.mentions += other.mentions
    into.score = max(into.score, other.score)
    into.in_lead = into.in_lead or other.in_lead
    into.party_named = into.party_named or other.party_named
    into.fatality_reports.extend(other.fatality_reports)
    # a named attacker told in another mention replaces one only inferred
    if e.actor1_inferred and o.actor1_id is not None and not o.actor1_inferred:
        e.actor1 = None
    for role in ("actor1", "actor2"):
        if getattr(e, role) is None and getattr(o, role) is not None:
            for suffix in ("", "_id", "_inter") + (("_inferred",) if role == "actor1" else ()):
                setattr(e, role + suffix, getattr(o, role + suffix))
    if into.place_inferred and not other.place_inferred or (
        other.place_inferred == into.place_inferred and (o.geo_precision or 9) < (e.geo_precision or 9)
    ):
        for f in ("location", "lat", "lon", "admin1", "country", "geo_precision"):
            setattr(e, f, getattr(o, f))
        into.place_key, into.place_inferred = other.place_key, other.place_inferred
    if into.date_inferred and not other.date_inferred:
        e.date, e.time_precision = o.date, o.time_precision
        into.date_inferred = False
    if e.means is None:
        e.means = o.means
    e.confidence = max(e.confidence, o.confidence)
    e.fatalities, e.civilian_fatalities = merged_toll(into.fatality_reports)


def merged_toll(reports: list[FatalityReport]) -> tuple[int | None, int | None]:
    """(total, civilians) of a merged event: the first figure given (the lead's, about this
    happening), lowered by another source's rival estimate of the same order (ACLED: lowest
    when sources differ). Later, larger figures are cumulative background ("since 2011"), and
    smaller ones not told as a rival estimate are parts of the toll ("four of them children"):
    neither replaces it."""

    def combine(figure_of) -> int | None:
        figures = [(r.source, figure_of(r), r.rival_estimate) for r in reports if figure_of(r) is not None]
        if not figures:
            return None
        first_source, first, _ = figures[0]
        competing = [v for src, v, rival in figures[1:] if rival and src != first_source and first / 2 <= v < first]
        return min([first, *competing])

    total, civilians = combine(lambda r: r.total), combine(lambda r: r.civilians)
    if total is not None and civilians is not None and civilians > total:
        total = civilians
    return total, civilians


def toll_from_lead(events: list[Candidate]) -> None:
    """A main event whose window gives no toll takes the one its headline or lead gives for
    a violent happening in the same place: news states the toll of its main story first,
    and often tells the how (the weapon, the type) in another sentence than the how many.

    ``events``: ranked, the main event first."""
    if not events:
        return
    main = events[0]
    e = main.event
    if e.fatalities is not None or e.event_type not in _VIOLENT_TYPES:
        return
    for c in sorted(events[1:], key=lambda c: c.rank):
        if not c.in_lead:
            break
        o = c.event
        if o.fatalities is None or o.event_type not in _VIOLENT_TYPES:
            continue
        if not (main.place_inferred or c.place_inferred) and e.admin1 != o.admin1:
            continue
        if not (main.date_inferred or c.date_inferred) and e.date != o.date:
            continue
        e.fatalities, e.civilian_fatalities = o.fatalities, o.civilian_fatalities
        return
