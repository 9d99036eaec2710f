"""Linking at ingest (the store extension) and ``rebuild``: every stored event in exactly one incident.

At ingest (``IncidentLinker.saved``, inside the article's save transaction): the events of an
article that replaces an earlier version first leave their incidents (an incident they held
together splits; one left empty is deleted: an incident is its events, with none left there is
nothing to describe or cite, and its id is never given to another). Then each of the article's
events is compared with the linked events ``blocking`` offers; an event linked with none founds an
incident; one linked with several incidents merges them into the oldest, and the merge is recorded
in ``incident_merges`` with the article that bridged them. Deleting an article
(``IncidentLinker.deleting``) is leaving without linking again. Finally every incident touched is
described again (``record``).

On PostgreSQL several ingests may save at once; each takes a transaction-scoped advisory lock
before linking (``LOCK_KEY``), so one links after the other has committed and sees its events:
without it two writers could each found an incident for one happening. Only the linking waits,
not the analysis, and the lock goes with the commit.

``rebuild`` recomputes the partition from all stored events at once, keeping the ids of the
incidents it finds again (each new component takes the oldest current incident among its events'
that no earlier component took). Because an incident is a connected component of a pairwise
relation (with one rule that looks further, kept at every change: an undated report that fits two
happenings links with neither, see below), the partition is the one ingest found, whatever order
the articles came in; from an empty incident table (``fresh``) the ids are those ingest gives when
no article was re-saved or deleted.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import Any, Callable, Iterable, Optional

from sqlalchemy import Connection, bindparam, delete, func, insert, select, text, union_all, update

from ..store import tables
from . import blocking, record
from .compatibility import dates, scoring
from .linkable import Linkable, from_row, linkable_query
from .partition import UnionFind, by_arrival, components_by_sweep, new_incident_id

Linked = Callable[[Linkable, Linkable], bool]

# pg_advisory_xact_lock's key for linking: any fixed 64-bit number no other code of the database uses.
LOCK_KEY = 0x66776972_696E6364  # "fwirincd"


@dataclass
class RebuildResult:
    incidents: int = 0
    events: int = 0
    kept: int = 0
    created: int = 0
    merged: int = 0


@dataclass
class IncidentLinker:
    """The store extension that keeps ``incidents``, ``incident_events`` and ``incident_merges``."""

    name: str = "incidents"
    linked: Linked = field(default=scoring.compatible)

    def replacing(self, connection: Connection, article_id: str) -> None:
        _one_linker_at_a_time(connection)
        connection.info[_HELD_BACK] = (article_id, held_back_by(connection, article_id, self.linked))

    def saved(self, connection: Connection, stored: dict[str, Any], replaced: bool) -> None:
        _one_linker_at_a_time(connection)
        now = datetime.now(timezone.utc)
        touched = leave(connection, stored["id"], self.linked) if replaced else set()
        touched |= link_article(connection, stored["id"], self.linked, now)
        # (only this article's: a save that failed after ``replacing`` may have left another's)
        held_for, held_back = connection.info.pop(_HELD_BACK, (None, []))
        if held_for == stored["id"]:
            touched |= release(connection, held_back, self.linked, now)
        record.refresh(connection, touched, now)

    def deleting(self, connection: Connection, article_id: str) -> None:
        _one_linker_at_a_time(connection)
        now = datetime.now(timezone.utc)
        held_back = held_back_by(connection, article_id, self.linked)
        touched = leave(connection, article_id, self.linked)
        touched |= release(connection, held_back, self.linked, now)
        record.refresh(connection, touched, now)


# -- at ingest -----------------------------------------------------------------------------------

def _one_linker_at_a_time(connection: Connection) -> None:
    """PostgreSQL: wait for any other transaction that is linking (SQLite has one writer anyway)."""
    if connection.dialect.name == "postgresql":
        connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": LOCK_KEY})


# Whether an incident id is in use, or was once (merged away): one statement, built once.
_TAKEN = union_all(
    select(tables.incidents.c.id).where(tables.incidents.c.id == bindparam("incident_id")),
    select(tables.incident_merges.c.absorbed_id).where(tables.incident_merges.c.absorbed_id == bindparam("incident_id")),
).limit(1)


def _taken(connection: Connection) -> Callable[[str], bool]:
    def taken(incident_id: str) -> bool:
        return connection.execute(_TAKEN, {"incident_id": incident_id}).first() is not None
    return taken


def _create(connection: Connection, founder: Linkable, now: datetime) -> str:
    incident_id = new_incident_id(founder.event_id, _taken(connection))
    connection.execute(insert(tables.incidents).values(
        id=incident_id, founded_by=founder.event_id, n_events=0, n_articles=0, n_outlets=0,
        created_at=now, updated_at=now, record={}))
    return incident_id


def _join(connection: Connection, incident_id: str, events: Iterable[Linkable]) -> None:
    rows = [{"event_id": e.event_id, "incident_id": incident_id, "article_id": e.article_id} for e in events]
    if rows:
        connection.execute(insert(tables.incident_events), rows)


def _merge(connection: Connection, into: str, absorbed: list[str], article_id: Optional[str], reason: str,
           now: datetime) -> None:
    members, incidents = tables.incident_events, tables.incidents
    for old in absorbed:
        connection.execute(update(members).where(members.c.incident_id == old).values(incident_id=into))
        connection.execute(delete(incidents).where(incidents.c.id == old))
        connection.execute(insert(tables.incident_merges).values(
            absorbed_id=old, into_id=into, article_id=article_id, reason=reason, merged_at=now))


def _by_age(connection: Connection, incident_ids: Iterable[str]) -> list[str]:
    incidents = tables.incidents
    incident_ids = list(incident_ids)
    if not incident_ids:  # most events found no incident to join: nothing to ask
        return []
    return list(connection.execute(select(incidents.c.id).where(incidents.c.id.in_(list(incident_ids)))
                                   .order_by(incidents.c.seq)).scalars())


def link_article(connection: Connection, article_id: str, linked: Linked, now: datetime) -> set[str]:
    """Put the article's stored events into incidents; the ids of the incidents touched."""
    events = tables.events
    new = [from_row(row) for row in connection.execute(
        linkable_query().where(events.c.article_id == article_id).order_by(events.c.position))]
    found = {e.event_id: [(c, incident_id) for c, incident_id in blocking.candidates(connection, e) if linked(e, c)]
             for e in new}
    # Undated reports this article's dated events leave fitting two happenings: linked with none of
    # them, and taken out of their incidents where they were not already so.
    fitting_two: set[str] = set()
    unsettled: list[Linkable] = []
    asked: set[str] = set()
    for event in new:
        if dates.undated(event):
            continue
        for candidate, _ in found[event.event_id]:
            if not dates.undated(candidate) or candidate.event_id in asked:
                continue
            asked.add(candidate.event_id)
            if ambiguous(connection, candidate, linked, also=new):
                fitting_two.add(candidate.event_id)
                if not ambiguous(connection, candidate, linked):
                    unsettled.append(candidate)
    touched = _link(connection, new, found, fitting_two, now, article_id)
    for candidate in by_arrival(unsettled):
        touched |= _relink(connection, candidate, linked, now)
    return touched


def _link(connection: Connection, new: list[Linkable], found: dict[str, list[tuple[Linkable, str]]],
          fitting_two: set[str], now: datetime, article_id: str) -> set[str]:
    """Put ``new`` (events of one article, in no incident) into incidents, each with the incidents of the
    stored events ``found`` links it with: an undated one that fits two happenings with the undated
    ones only, a dated one with no undated report of ``fitting_two``."""
    groups = UnionFind()
    for event in new:
        groups.add(("event", event.event_id))
        links = found[event.event_id]
        if dates.undated(event):
            if dates.contradictory(c for c, _ in links if not dates.undated(c)):
                links = [(c, incident_id) for c, incident_id in links if dates.undated(c)]
        else:
            links = [(c, incident_id) for c, incident_id in links if c.event_id not in fitting_two]
        for _, incident_id in links:
            groups.union(("event", event.event_id), ("incident", incident_id))
    by_id = {e.event_id: e for e in new}
    touched: set[str] = set()
    # Groups in the order of their first event in the article, so ids do not depend on set order.
    ordered = sorted(groups.groups(), key=lambda g: min(by_id[k].position for kind, k in g if kind == "event"))
    for group in ordered:
        joining = by_arrival(by_id[key] for kind, key in group if kind == "event")
        existing = _by_age(connection, (key for kind, key in group if kind == "incident"))
        if existing:
            keeper = existing[0]
            _merge(connection, keeper, existing[1:], article_id, "link", now)
        else:
            keeper = _create(connection, joining[0], now)
        _join(connection, keeper, joining)
        touched.add(keeper)
    return touched


def _members(connection: Connection, incident_id: str) -> list[Linkable]:
    members = tables.incident_events
    query = linkable_query().join(members, members.c.event_id == tables.events.c.id).where(
        members.c.incident_id == incident_id)
    return by_arrival(from_row(row) for row in connection.execute(query))


def leave(connection: Connection, article_id: str, linked: Linked) -> set[str]:
    """Take the article's events out of their incidents, splitting or deleting what that leaves;
    the ids of the incidents that remain touched."""
    members = tables.incident_events
    affected = _by_age(connection, connection.execute(
        select(members.c.incident_id).where(members.c.article_id == article_id).distinct()).scalars())
    connection.execute(delete(members).where(members.c.article_id == article_id))
    now = datetime.now(timezone.utc)
    touched: set[str] = set()
    for incident_id in affected:
        touched |= _split(connection, incident_id, linked, now)
    return touched


def _split(connection: Connection, incident_id: str, linked: Linked, now: datetime) -> set[str]:
    """An incident some events left: deleted when none remain, else split into what still holds
    together (the part with its earliest event keeps the id); the ids touched."""
    members, incidents = tables.incident_events, tables.incidents
    remaining = _members(connection, incident_id)
    if not remaining:
        connection.execute(delete(incidents).where(incidents.c.id == incident_id))
        return set()
    parts = components_by_sweep(remaining, linked, ambiguous=lambda e: ambiguous(connection, e, linked))
    touched = {incident_id}
    for part in parts[1:]:
        part_id = _create(connection, part[0], now)
        connection.execute(update(members).where(members.c.event_id.in_([e.event_id for e in part]))
                           .values(incident_id=part_id))
        touched.add(part_id)
    return touched


# -- undated reports that fit several happenings -------------------------------------------------
#
# An undated report (``dates.undated``) is compared with the events of its town whatever their
# dates. Where it fits dated events too far apart to be one happening (``dates.contradictory``: the
# toll of "the shelling of the market" fits last week's and last year's), it is evidence for neither
# and links with none of them, only with other undated reports: otherwise it would join two
# happenings into one incident. Whether it fits several depends on the whole store, so the store's
# changes keep it so: a dated arrival that makes a linked undated report ambiguous takes it out of
# its incident again (``_relink``), and a departure that settles one links it again (``release``).

# connection.info key: (article id, the undated reports it may hold back) while it is replaced, for ``saved``.
_HELD_BACK = "frontwire.incidents.held_back"


def _fits(connection: Connection, event: Linkable, linked: Linked, also: Iterable[Linkable] = ()) -> list[Linkable]:
    """The dated events an undated ``event`` is linked with: the stored ones blocking offers, and ``also``."""
    offered = [c for c, _ in blocking.candidates(connection, event)] + list(also)
    return [c for c in offered if not dates.undated(c) and linked(event, c)]


def ambiguous(connection: Connection, event: Linkable, linked: Linked, also: Iterable[Linkable] = ()) -> bool:
    """Whether an undated event fits dated events of two happenings (the stored ones, and ``also``)."""
    return dates.undated(event) and dates.contradictory(_fits(connection, event, linked, also))


def _relink(connection: Connection, event: Linkable, linked: Linked, now: datetime) -> set[str]:
    """Take a stored event out of its incident and link it again, as if it had just arrived."""
    members = tables.incident_events
    incident_id = connection.execute(
        select(members.c.incident_id).where(members.c.event_id == event.event_id)).scalar_one()
    connection.execute(delete(members).where(members.c.event_id == event.event_id))
    touched = _split(connection, incident_id, linked, now)
    found = {event.event_id: [(c, i) for c, i in blocking.candidates(connection, event) if linked(event, c)]}
    return touched | _link(connection, [event], found, set(), now, event.article_id)


def held_back_by(connection: Connection, article_id: str, linked: Linked) -> list[str]:
    """The undated reports this article's dated events may hold back: linked with one of them, and
    fitting two happenings now (``release`` asks again once the article is gone)."""
    events = tables.events
    leaving = [from_row(row) for row in connection.execute(linkable_query().where(events.c.article_id == article_id))]
    held: set[str] = set()
    for event in leaving:
        if dates.undated(event):
            continue
        for candidate, _ in blocking.candidates(connection, event):
            if dates.undated(candidate) and linked(event, candidate) and ambiguous(connection, candidate, linked):
                held.add(candidate.event_id)
    return sorted(held)


def release(connection: Connection, event_ids: Iterable[str], linked: Linked, now: datetime) -> set[str]:
    """Link again the undated reports of ``event_ids`` that no longer fit two happenings."""
    events = tables.events
    ids = list(event_ids)
    if not ids:
        return set()
    held = by_arrival(from_row(row) for row in connection.execute(linkable_query().where(events.c.id.in_(ids))))
    touched: set[str] = set()
    for event in held:
        if not ambiguous(connection, event, linked) and _fits(connection, event, linked):
            touched |= _relink(connection, event, linked, now)
    return touched


# -- rebuild ---------------------------------------------------------------------------------------

def rebuild(connection: Connection, linked: Linked = scoring.compatible, fresh: bool = False) -> RebuildResult:
    """Recompute every incident from the stored events (see the module's docstring)."""
    _one_linker_at_a_time(connection)
    now = datetime.now(timezone.utc)
    incidents, members, merges = tables.incidents, tables.incident_events, tables.incident_merges
    if fresh:
        for table in (members, incidents, merges):
            connection.execute(delete(table))
    events = by_arrival(from_row(row) for row in connection.execute(linkable_query()))
    parts = components_by_sweep(events, linked)
    was = dict(connection.execute(select(members.c.event_id, members.c.incident_id)).all())
    age = dict(connection.execute(select(incidents.c.id, incidents.c.seq)).all())
    claimed: dict[str, int] = {}
    keepers: list[Optional[str]] = []
    for n, part in enumerate(parts):
        olds = sorted({was[e.event_id] for e in part if e.event_id in was and was[e.event_id] in age}, key=age.get)
        keeper = next((old for old in olds if old not in claimed), None)
        if keeper is not None:
            claimed[keeper] = n
        keepers.append(keeper)
    result = RebuildResult(incidents=len(parts), events=len(events), kept=len(claimed))
    connection.execute(delete(members))
    # An incident no component kept is merged into the one holding most of its events.
    for old in sorted(set(age) - set(claimed), key=age.get):
        holders = [keepers[n] for n, part in enumerate(parts) for e in part if was.get(e.event_id) == old]
        into = max(set(h for h in holders if h), key=holders.count, default=None)
        connection.execute(delete(incidents).where(incidents.c.id == old))
        if into is not None:
            connection.execute(insert(merges).values(absorbed_id=old, into_id=into, article_id=None,
                                                     reason="rebuild", merged_at=now))
            result.merged += 1
    for part, keeper in zip(parts, keepers):
        if keeper is None:
            keeper = _create(connection, part[0], now)
            result.created += 1
        _join(connection, keeper, part)
    record.refresh(connection, set(connection.execute(select(incidents.c.id)).scalars()), now)
    return result


def count(connection: Connection) -> int:
    return connection.execute(select(func.count()).select_from(tables.incidents)).scalar_one()
