"""An incident described: its best values, its outlets and articles, its events, its disagreements.

The record is what ``frontwire incidents`` writes, one JSON object per incident, with exactly the
fields ``RECORD_FIELDS`` lists, in that order (stored as JSON, not JSONB, so PostgreSQL keeps it).
The incident's row repeats its best values as columns to filter on (and its actors, event type,
admin1 and country, which the ACLED rows use). It is written again whenever the incident's members
change (``refresh``, in the save transaction), and by ``rebuild``.

Best values, from independent reports (``outlets``): the date and the place are the modal ones
among the events at the most precise level (ACLED time and geo precision), a tie going to the
earliest date and to the first stored; the sub-event type and the actors are the modal ones over
the outlets' representative events, a tie going to the first report; the toll is ACLED's most
conservative credible report (``disagreements.conservative_figure``).
"""

from __future__ import annotations

from collections import Counter
from datetime import datetime
from typing import Any, Callable, Iterable, Sequence

from sqlalchemy import Connection, bindparam, update

from ..store import tables
from . import members as members_module
from .disagreements import disagreements
from .members import Member
from .outlets import first_report, reports as outlet_reports

RECORD_FIELDS = ("id", "date", "location", "lat", "lon", "geo_precision", "sub_event_type", "fatalities", "outlets",
                 "articles", "events", "disagreements")
BATCH = 200

_DESCRIBED = ("date", "time_precision", "location", "lat", "lon", "geo_precision", "admin1", "country", "event_type",
              "sub_event_type", "actor1", "actor1_id", "actor2", "actor2_id", "fatalities", "n_events", "n_articles",
              "n_outlets", "record", "updated_at")
_UPDATE = (update(tables.incidents).where(tables.incidents.c.id == bindparam("incident_id"))
           .values({name: bindparam(name) for name in _DESCRIBED}))


def _modal(items: Sequence[Any], key: Callable[[Any], Any]) -> Any:
    """The item whose key is most frequent; a tie goes to the first such item."""
    counts = Counter(key(item) for item in items)
    return max(items, key=lambda item: (counts[key(item)], -items.index(item)))


def _most_precise(members: list[Member], precision: str) -> list[Member]:
    known = [m for m in members if m.event[precision] is not None]
    if not known:
        return members
    level = min(m.event[precision] for m in known)
    return [m for m in known if m.event[precision] == level]


def _event_json(member: Member) -> dict[str, Any]:
    return {"id": member.event_id, "article": member.article.id, **member.event, "evidence": member.evidence}


def describe(incident_id: str, members: list[Member]) -> tuple[dict[str, Any], dict[str, Any]]:
    """(the incident's columns, its record)."""
    reports = outlet_reports(members)
    independent = [r for r in reports if r.independent] or reports
    own = [m for r in independent for m in r.members]
    own.sort(key=lambda m: m.arrival)
    dated = [m for m in _most_precise(own, "time_precision") if m.event["date"]]
    when = _modal(sorted(dated, key=lambda m: (m.event["date"], m.arrival)), key=lambda m: m.event["date"]) \
        if dated else own[0]
    placed = [m for m in _most_precise(own, "geo_precision") if m.event["location"]]
    where = _modal(placed, key=lambda m: m.event["location"]) if placed else own[0]
    representative = [r.first for r in independent]
    typed = _modal(representative, key=lambda m: m.event["sub_event_type"])
    with_actor = [m for m in representative if m.event["actor1"]] or representative
    actor1 = _modal(with_actor, key=lambda m: m.event["actor1_id"] or m.event["actor1"])
    with_target = [m for m in representative if m.event["actor2"]] or representative
    actor2 = _modal(with_target, key=lambda m: m.event["actor2_id"] or m.event["actor2"])
    found = disagreements(reports)
    chosen = found["fatalities"]["chosen"]
    first = first_report(independent)
    main_of = {m.article.id for m in members if m.position == 0}
    articles = list({m.article.id: m.article for m in members}.values())
    record = {
        "id": incident_id,
        "date": when.event["date"],
        "location": where.event["location"],
        "lat": where.event["lat"],
        "lon": where.event["lon"],
        "geo_precision": where.event["geo_precision"],
        "sub_event_type": typed.event["sub_event_type"],
        "fatalities": chosen["figure"] if chosen else None,
        "outlets": [r.to_json(first_report=r is first) for r in reports],
        "articles": [{"id": a.id, "source": a.source, "outlet": a.outlet, "url": a.url, "main": a.id in main_of}
                     for a in articles],
        "events": [_event_json(m) for m in members],
        "disagreements": found,
    }
    columns = {
        "date": record["date"], "time_precision": when.event["time_precision"], "location": record["location"],
        "lat": record["lat"], "lon": record["lon"], "geo_precision": record["geo_precision"],
        "admin1": where.event["admin1"], "country": where.event["country"],
        "event_type": typed.event["event_type"], "sub_event_type": record["sub_event_type"],
        "actor1": actor1.event["actor1"], "actor1_id": actor1.event["actor1_id"],
        "actor2": actor2.event["actor2"], "actor2_id": actor2.event["actor2_id"],
        "fatalities": record["fatalities"], "n_events": len(members), "n_articles": len(articles),
        "n_outlets": sum(1 for r in reports if r.independent),
    }
    return columns, record


def refresh(connection: Connection, incident_ids: Iterable[str], now: datetime) -> None:
    """Describe the given incidents again from their current members."""
    ids = sorted(set(incident_ids))
    for start in range(0, len(ids), BATCH):
        batch = ids[start:start + BATCH]
        rows = []
        for incident_id, members in members_module.load(connection, batch).items():
            columns, record = describe(incident_id, members)
            rows.append({**columns, "record": record, "updated_at": now, "incident_id": incident_id})
        if rows:
            # One statement for the batch, executed for each row: built and compiled once.
            connection.execute(_UPDATE, rows)
