"""Incidents as ACLED-style rows: one row per incident, every reporting outlet in ``source``, where
they disagree in ``notes``.

``incident_records`` gives each incident as an ``EventRecord`` (``frontwire.exports.records``)
whose event carries the incident's best values, id and toll, whose outlet is every outlet that
reported it (``; ``-joined, first report first) and whose evidence sentence is the note; so every
event writer of ``frontwire export`` (acled, csv, geojson, parquet) writes incidents unchanged, and
``incident_rows`` gives the ACLED columns typed, as ``exports.acled.event_row`` does for events.
The event id in ``event_id_cnty`` is the incident's id.
"""

from __future__ import annotations

from datetime import datetime, timezone
from typing import Any, Iterator

from sqlalchemy import Connection

from ..exports.acled import event_row
from ..exports.records import EventRecord
from ..model import Event, Evidence
from ..store.queries import Filter
from .reading import incidents_with_columns


def _figure(value: Any) -> str:
    return "no figure" if value is None else str(value)


def notes(record: dict[str, Any]) -> str:
    """The incident's disagreements in a sentence or a few, for ACLED's ``notes``."""
    outlets = [o for o in record.get("outlets", []) if o.get("independent")]
    found = record.get("disagreements") or {}
    parts = [f"Reported by {len(outlets)} outlet{'s' if len(outlets) != 1 else ''}: "
             + "; ".join(o["outlet"] for o in outlets) + "."]
    fatalities = found.get("fatalities") or {}
    chosen = fatalities.get("chosen")
    if fatalities.get("disagree"):
        figures = ", ".join(f"{name} {_figure(n)}" for name, n in fatalities["by_outlet"].items())
        parts.append(f"Fatalities disagree ({fatalities['min']}-{fatalities['max']}): {figures}.")
    if chosen:
        parts.append(f"Fatalities {chosen['figure']} from {chosen['outlet']} ({chosen['rule']}).")
    blame = found.get("blame") or {}
    if blame.get("actor1_differs"):
        said = "; ".join(f"{name}: {', '.join(v['actor1']) or 'no one named'}"
                         for name, v in blame["by_outlet"].items())
        parts.append(f"Blame differs: {said}.")
    kind = found.get("type") or {}
    if kind.get("disagree"):
        said = "; ".join(f"{name}: {', '.join(types)}" for name, types in kind["by_outlet"].items())
        parts.append(f"Coded as: {said}.")
    framing = found.get("framing") or {}
    if framing.get("disagree"):
        said = "; ".join(f"{technique} only by {', '.join(users)}" for technique, users in framing["only_some"].items())
        parts.append(f"Framing: {said}.")
    return " ".join(parts)


def _representative(record: dict[str, Any], columns: Any) -> tuple[dict[str, Any] | None, dict[str, Any] | None]:
    """The member events naming the incident's actor1 and actor2 (for their inter codes)."""
    events = record.get("events") or []

    def naming(role: str, actor_id: Any, name: Any) -> dict[str, Any] | None:
        return next((e for e in events if (actor_id and e.get(f"{role}_id") == actor_id)
                     or (not actor_id and e.get(role) == name)), None)

    return naming("actor1", columns.actor1_id, columns.actor1), naming("actor2", columns.actor2_id, columns.actor2)


def incident_record(columns: Any) -> EventRecord:
    """One stored incident (a row of the ``incidents`` table) as an event record."""
    record = columns.record
    first1, first2 = _representative(record, columns)
    event = Event(
        id=columns.id, event_type=columns.event_type or "", sub_event_type=columns.sub_event_type or "",
        actor1=columns.actor1, actor1_id=columns.actor1_id, actor1_inter=(first1 or {}).get("actor1_inter"),
        actor2=columns.actor2, actor2_id=columns.actor2_id, actor2_inter=(first2 or {}).get("actor2_inter"),
        location=columns.location, lat=columns.lat, lon=columns.lon, admin1=columns.admin1, country=columns.country,
        geo_precision=columns.geo_precision, date=columns.date, time_precision=columns.time_precision,
        fatalities=columns.fatalities,
        evidence=Evidence(sentence=notes(record), start=0, end=0))
    outlets = sorted(record.get("outlets") or [], key=lambda o: not o.get("first_report"))
    first = outlets[0] if outlets else {}
    first_article = next((a for a in record.get("articles") or [] if a["id"] in (first.get("articles") or [])), {})
    updated = columns.updated_at
    if updated is not None and updated.tzinfo is None:
        updated = updated.replace(tzinfo=timezone.utc)
    return EventRecord(event=event, article_id=first_article.get("id", ""), article_url=first_article.get("url"),
                       outlet="; ".join(o["outlet"] for o in outlets if o.get("independent")) or None,
                       published=first.get("published"), analysed_at=updated or datetime.now(timezone.utc))


def incident_records(connection: Connection, f: Filter = Filter(), min_outlets: int = 1) -> Iterator[EventRecord]:
    for columns in incidents_with_columns(connection, f, min_outlets):
        yield incident_record(columns)


def incident_rows(connection: Connection, f: Filter = Filter(), inter_labels: bool = False,
                  min_outlets: int = 1) -> Iterator[dict[str, Any]]:
    """One ACLED-style row per incident (``exports.acled.ALL_COLUMNS``, typed), every reporting outlet in
    ``source``, the disagreements in ``notes``, the incident's conservative toll in ``fatalities``."""
    for record in incident_records(connection, f, min_outlets):
        yield event_row(record, inter_labels=inter_labels, acled_fatalities=True)
