"""The HTTP API over real HTTP on 127.0.0.1: reads against the sample store, and a small store on
SQLite and PostgreSQL for full-text search per dialect and for writing through the API."""

from __future__ import annotations

import csv
import io
import json
from datetime import date, datetime, timezone

import httpx
import pytest
from sqlalchemy import insert, select

from conftest import SAMPLES, ingest_samples
from frontwire.ingest.readers import iter_articles
from frontwire.model import Article
from frontwire.store import Store, tables
from frontwire.store.browse import MARKS, segments
from frontwire.web.settings import WebSettings

MAARAT_DAY = "2019-07-22"
TOKEN = "t0ken-for-tests"

# What the bundled samples hold: an article per record, four incidents told by two outlets or more.
SAMPLE_ARTICLES = len(list(iter_articles([str(SAMPLES)])))
MULTI_OUTLET_INCIDENTS = 4


@pytest.fixture(scope="module")
def api(samples_server):
    with httpx.Client(base_url=samples_server.url + "/api", timeout=30) as client:
        yield client


def every_page(api: httpx.Client, path: str, **params) -> tuple[list[dict], set[int]]:
    """Every item of a list, page after page by ``next_cursor``, and the totals the pages gave."""
    items, totals, cursor = [], set(), None
    while True:
        page = api.get(path, params={**params, **({"cursor": cursor} if cursor else {})}).json()
        items += page["items"]
        totals.add(page["total"])
        cursor = page["next_cursor"]
        if cursor is None:
            return items, totals


def assert_refused(response: httpx.Response, parameter: str) -> None:
    assert response.status_code == 422, response.text
    assert any(error["loc"] == ["query", parameter] for error in response.json()["detail"]), response.text


# -- events ---------------------------------------------------------------------------------------------

@pytest.mark.parametrize("sort", ["date", "-fatalities"])
def test_event_pages_follow_each_other_by_cursor_without_gaps_or_repeats(api, sort):
    every = api.get("/events", params={"limit": 500, "sort": sort}).json()
    paged, totals = every_page(api, "/events", limit=7, sort=sort)
    assert totals == {every["total"]} and every["total"] == len(every["items"]) > 20
    assert [e["id"] for e in paged] == [e["id"] for e in every["items"]]


def test_events_sort_by_date_with_undated_first_and_by_toll_with_unknown_tolls_last(api):
    by_date = [e["date"] or "" for e in api.get("/events", params={"limit": 500}).json()["items"]]
    assert by_date == sorted(by_date) and by_date[0] == ""
    tolls = [e["fatalities"] for e in api.get("/events", params={"limit": 500, "sort": "-fatalities"}).json()["items"]]
    known = [t for t in tolls if t is not None]
    assert known == sorted(known, reverse=True) and tolls[:len(known)] == known and len(known) < len(tolls)
    newest = api.get("/events", params={"limit": 1, "sort": "-date"}).json()["items"][0]
    assert newest["date"] == max(d for d in by_date)


@pytest.mark.parametrize("params, holds", [
    ({"type": "Air/drone strike"}, lambda e: e["sub_event_type"] == "Air/drone strike"),
    ({"type": "Explosions/Remote violence"}, lambda e: e["event_type"] == "Explosions/Remote violence"),
    ({"country": "sy"}, lambda e: e["country"] == "SY"),
    ({"min_fatalities": 30}, lambda e: e["fatalities"] is not None and e["fatalities"] >= 30),
    ({"certainty": "claimed"}, lambda e: e["certainty"] == "claimed"),
    ({"since": "2019-07-01", "until": "2019-12-31"}, lambda e: "2019-07-01" <= e["date"] <= "2019-12-31"),
    ({"bbox": "35.5,32.3,42.4,37.3"}, lambda e: 35.5 <= e["lon"] <= 42.4 and 32.3 <= e["lat"] <= 37.3),
    ({"outlet": "reuters"}, lambda e: e["article_outlet"] == "Reuters"),
    ({"actor": "xx-civilians"}, lambda e: "xx-civilians" in (e["actor1_id"], e["actor2_id"])),
])
def test_each_event_filter_narrows_to_the_events_it_names(api, params, holds):
    everything = api.get("/events", params={"limit": 1}).json()["total"]
    found = api.get("/events", params={**params, "limit": 500}).json()
    assert 0 < found["total"] == len(found["items"]) < everything
    assert all(holds(event) for event in found["items"])


def test_events_say_their_incident_and_where_they_were_read(api):
    items = api.get("/events", params={"since": MAARAT_DAY, "until": MAARAT_DAY, "limit": 50}).json()["items"]
    assert {e["article_outlet"] for e in items} >= {"Reuters", "TRT World"}
    for event in items:
        assert event["incident_id"] and event["article_id"] and event["evidence"]["sentence"]
        incident = api.get(f"/incidents/{event['incident_id']}").json()
        assert event["id"] in {member["id"] for member in incident["events"]}


def test_events_as_geojson_are_points_with_the_maps_properties(api):
    collection = api.get("/events", params={"format": "geojson", "limit": 5000})
    assert collection.status_code == 200 and collection.headers["content-type"] == "application/geo+json"
    body = collection.json()
    assert body["type"] == "FeatureCollection" and body["next_cursor"] is None
    assert len(body["features"]) + body["left_out"] == body["total"]
    for item in body["features"]:
        lon, lat = item["geometry"]["coordinates"]
        assert item["geometry"]["type"] == "Point" and -180 <= lon <= 180 and -90 <= lat <= 90
        assert {"event_id", "article_id", "sub_event_type", "event_type", "geo_precision", "location", "event_date",
                "fatalities", "incident_id", "source"} <= set(item["properties"])
        assert item["properties"]["event_id"] == item["id"]
    assert any(f["properties"]["geo_precision"] == 3 for f in body["features"])
    assert_refused(api.get("/events", params={"limit": 5000}), "limit")


def test_geojson_properties_can_be_only_those_a_map_reads(api):
    full = api.get("/events", params={"format": "geojson", "limit": 5000}).json()
    slim = api.get("/events", params={"format": "geojson", "limit": 5000,
                                      "fields": "event_id,sub_event_type,fatalities,geo_precision"}).json()
    assert [f["geometry"] for f in slim["features"]] == [f["geometry"] for f in full["features"]]
    for small, whole in zip(slim["features"], full["features"]):
        assert list(small["properties"]) == ["event_id", "sub_event_type", "fatalities", "geo_precision"]
        assert small["properties"] == {name: whole["properties"][name] for name in small["properties"]}
    assert_refused(api.get("/events", params={"format": "geojson", "fields": "event_id,password"}), "fields")
    assert_refused(api.get("/events", params={"format": "geojson", "fields": " , "}), "fields")


def test_events_as_csv_are_the_csv_export_of_that_page(api):
    response = api.get("/events", params={"format": "csv", "country": "SY", "limit": 5})
    assert response.status_code == 200 and response.headers["content-type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(response.text)))
    ids = [e["id"] for e in api.get("/events", params={"country": "SY", "limit": 5}).json()["items"]]
    assert [row["id"] for row in rows] == ids
    assert {row["country"] for row in rows} == {"Syria"} and "event_id_cnty" in rows[0]


def test_the_timeline_counts_dated_events_by_monday_and_type(api):
    params = {"country": "SY"}
    timeline = api.get("/timeline", params=params).json()
    events = api.get("/events", params={**params, "limit": 500}).json()["items"]
    assert sum(sum(week["counts"].values()) for week in timeline["weeks"]) + timeline["undated"] == len(events)
    for week in timeline["weeks"]:
        assert date.fromisoformat(week["week"]).weekday() == 0
    maarat = next(w for w in timeline["weeks"] if w["week"] == MAARAT_DAY)
    assert maarat["counts"]["Air/drone strike"] >= 2


# -- articles, incidents -------------------------------------------------------------------------------

def test_articles_page_by_cursor_and_filter_by_outlet_and_events(api):
    paged, totals = every_page(api, "/articles", limit=4)
    assert totals == {SAMPLE_ARTICLES} and len({a["id"] for a in paged}) == SAMPLE_ARTICLES
    assert all(set(a) == {"id", "title", "outlet", "url", "published", "language", "n_events", "duplicate_of"}
               for a in paged)
    syrian = api.get("/articles", params={"country": "SY", "limit": 50}).json()
    assert 0 < syrian["total"] < SAMPLE_ARTICLES and all(a["n_events"] > 0 for a in syrian["items"])
    by_offset = api.get("/articles", params={"limit": 2, "offset": 2}).json()["items"]
    assert [a["id"] for a in by_offset] == [a["id"] for a in paged[2:4]]


def test_an_article_comes_with_its_incidents_and_an_unknown_one_is_404(api):
    item = api.get("/events", params={"since": MAARAT_DAY, "until": MAARAT_DAY, "outlet": "Reuters"}).json()["items"][0]
    found = api.get(f"/articles/{item['article_id']}").json()
    assert found["article"]["id"] == item["article_id"] and "Maarat" in found["article"]["text"]
    assert item["id"] in {e["id"] for e in found["article"]["events"]}
    shared = next(i for i in found["incidents"] if i["event_id"] == item["id"])
    assert shared["incident_id"] == item["incident_id"] and shared["n_outlets"] >= 2
    missing = api.get("/articles/no-such-article")
    assert missing.status_code == 404 and missing.json() == {"detail": "no article has this id"}


def test_incidents_reported_by_several_outlets_show_each_outlets_toll(api):
    found = api.get("/incidents", params={"min_outlets": 2}).json()
    assert found["total"] == len(found["items"]) == MULTI_OUTLET_INCIDENTS
    maarat = next(i for i in found["items"] if i["date"] == MAARAT_DAY)
    tolls = {report["outlet"]: report["fatalities"] for report in maarat["outlets"]}
    assert tolls == {"Reuters": 31, "Syrian Arab News Agency": 6, "TRT World": 38}
    again = api.get(f"/incidents/{maarat['id']}").json()
    assert again["merged_into"] is None and again["outlets"] == maarat["outlets"]
    assert api.get("/incidents/no-such-incident").status_code == 404
    paged, totals = every_page(api, "/incidents", limit=10)
    assert len({i["id"] for i in paged}) == len(paged) == totals.pop()


# -- search ------------------------------------------------------------------------------------------

def test_search_marks_the_words_found_in_segments_and_counts_facets_over_all_hits(api):
    everything = api.get("/search", params={"q": "killed", "limit": 100}).json()
    page = api.get("/search", params={"q": "killed", "limit": 3}).json()
    assert page["total"] == everything["total"] == len(everything["items"]) > 3 and len(page["items"]) == 3
    assert page["facets"] == everything["facets"]
    assert sum(f["count"] for f in page["facets"]["month"]) <= page["total"]
    assert set(page["facets"]) == {"outlet", "country", "sub_event_type", "month"}
    marked = [s for hit in everything["items"] for s in hit["snippet"] if s["match"]]
    assert marked and all(s["text"].lower() == "killed" for s in marked)
    for hit in everything["items"]:
        assert not any(mark in s["text"] for s in hit["snippet"] for pair in MARKS for mark in pair)


def test_search_filters_narrow_the_hits_and_facets(api):
    everything = api.get("/search", params={"q": "killed"}).json()
    in_syria = api.get("/search", params={"q": "killed", "country": "SY"}).json()
    assert 0 < in_syria["total"] < everything["total"]
    assert in_syria["facets"]["country"][0]["value"] == "SY"
    of_2019 = api.get("/search", params={"q": "killed", "since": "2019-01-01", "until": "2019-12-31"}).json()
    assert of_2019["total"] and all(hit["published"].startswith("2019") for hit in of_2019["items"])
    outlet = everything["facets"]["outlet"][0]
    assert api.get("/search", params={"q": "killed", "outlet": outlet["value"]}).json()["total"] == outlet["count"]


def test_search_takes_what_users_type_as_words_and_refuses_no_words(api):
    for q in ('"unbalanced', "killed OR", "NEAR(a b)", "a:b", "*", "(", "';--"):
        assert api.get("/search", params={"q": q}).status_code == 200, q
    assert_refused(api.get("/search", params={"q": "   "}), "q")
    assert_refused(api.get("/search"), "q")


def test_snippet_segments_come_from_marks_and_never_from_brackets():
    start, end = MARKS[0]
    text = f"a [b] {start}killed{end} <i>c</i> {start}killed{end}"
    assert [tuple(s) for s in segments(text, start, end)] == [
        ("a [b] ", False), ("killed", True), (" <i>c</i> ", False), ("killed", True)]


# -- reference lists, stats, errors ----------------------------------------------------------------------

def test_actors_places_outlets_and_stats(api):
    actors = api.get("/actors", params={"q": "army", "limit": 50}).json()
    assert actors["total"] == len(actors["items"]) > 0
    assert all("army" in a["name"].lower() for a in actors["items"])
    places = api.get("/places", params={"limit": 5}).json()
    counts = [p["articles"] for p in places["items"]]
    assert counts == sorted(counts, reverse=True) and places["next_cursor"]
    assert api.get("/places", params={"q": "%"}).json()["total"] == 0
    outlets = api.get("/outlets", params={"limit": 100}).json()
    reuters = next(o for o in outlets["items"] if o["name"] == "Reuters")
    assert reuters["articles"] >= 1 and reuters["state_affiliated"] == "no"
    stats = api.get("/stats").json()
    assert stats["articles"] == SAMPLE_ARTICLES and stats["incidents_multi_outlet"] == MULTI_OUTLET_INCIDENTS
    assert sum(stats["events_by_sub_event_type"].values()) == stats["events"]
    assert stats["first_event_date"] <= MAARAT_DAY <= stats["last_event_date"]


@pytest.mark.parametrize("path, params, parameter", [
    ("/events", {"bbox": "1,2,3"}, "bbox"),
    ("/events", {"bbox": "10,50,20,40"}, "bbox"),
    ("/events", {"bbox": "west,2,3,4"}, "bbox"),
    ("/events", {"country": "Syria"}, "country"),
    ("/events", {"since": "yesterday"}, "since"),
    ("/events", {"since": "2020-01-01", "until": "2019-01-01"}, "until"),
    ("/events", {"min_fatalities": -1}, "min_fatalities"),
    ("/events", {"certainty": "sure"}, "certainty"),
    ("/events", {"limit": 0}, "limit"),
    ("/events", {"sort": "id"}, "sort"),
    ("/events", {"cursor": "not-a-cursor"}, "cursor"),
    ("/events", {"offset": 1, "cursor": "x"}, "cursor"),
    ("/events", {"admin1": "a\x00b"}, "admin1"),
    ("/articles", {"cursor": "WyJldmVudCIsWyIiLCIiXV0"}, "cursor"),
    ("/incidents", {"min_outlets": 0}, "min_outlets"),
    ("/actors", {"offset": -1}, "offset"),
])
def test_bad_parameters_are_refused_with_json_naming_them(api, path, params, parameter):
    assert_refused(api.get(path, params=params), parameter)


# -- per dialect: search, and writing through the API ----------------------------------------------------

FEW_SAMPLES = ["fna-idlib-2016-10-10.txt", "reuters-hodeidah-2018-06-14.txt", "tass-donetsk-2022-06-03.txt"]
MAARAT_RECORDS = (SAMPLES / "incidents-three-stories-2019-2023.jsonl").read_text().splitlines()


def store_hostile_article(url: str) -> None:
    """An article (stored as code made it, no cleaning) whose text holds the snippet's own marks and
    markup: the marks must not make words look found, the markup must come back as text."""
    with Store(url) as store:
        store.save(Article(title="Marked", url="https://example.org/marked", text=(
            f"Hostile {MARKS[0][0]}text{MARKS[0][1]} where shelling hit [b] <i>x</i> and {MARKS[1][0]}more.")))


def record_merge(url: str, absorbed_id: str) -> str:
    """Say, as linking does when one article's events join two incidents, that ``absorbed_id`` was
    merged into the store's first incident; that incident's id."""
    with Store(url) as store, store.engine.begin() as connection:
        live = connection.execute(select(tables.incidents.c.id).order_by(tables.incidents.c.seq)).scalars().first()
        connection.execute(insert(tables.incident_merges).values(
            absorbed_id=absorbed_id, into_id=live, reason="link", merged_at=datetime.now(timezone.utc)))
    return live


def test_search_and_writing_on_each_database(db_url, live_server):
    ingest_samples(db_url, [SAMPLES / name for name in FEW_SAMPLES])
    store_hostile_article(db_url)
    live_incident = record_merge(db_url, "absorbed00000000")
    with live_server(WebSettings(db=db_url, token=TOKEN)) as server, \
            httpx.Client(base_url=server.url + "/api", timeout=120) as api:
        found = api.get("/search", params={"q": "TERRORISTS artillery", "limit": 5}).json()
        assert found["total"] >= 1 and found["items"][0]["title"].startswith("Syrian Army Pounds")
        marked = {s["text"].lower() for hit in found["items"] for s in hit["snippet"] if s["match"]}
        assert marked and marked <= {"terrorists", "artillery"}
        assert found["facets"]["country"] and found["facets"]["month"][0]["value"] == "2016-10"
        assert api.get("/search", params={"q": '"( OR'}).json()["total"] == 0
        # Words, never operators: "-" does not exclude, "or" is a word the text must hold.
        assert api.get("/search", params={"q": "terrorists -artillery"}).json()["total"] == found["total"]
        assert api.get("/search", params={"q": "terrorists or nosuchword"}).json()["total"] == 0
        hostile = api.get("/search", params={"q": "shelling hostile"}).json()["items"]
        assert [hit["title"] for hit in hostile] == ["Marked"]
        snippet = hostile[0]["snippet"]
        assert {s["text"].lower() for s in snippet if s["match"]} == {"hostile", "shelling"}
        around = "".join(s["text"] for s in snippet if not s["match"])
        # PostgreSQL's headline leaves out what its parser takes for tags; SQLite keeps the text whole.
        assert "[b]" in around and ("<i>x</i>" in around or db_url.startswith("postgresql"))

        merged = api.get("/incidents/absorbed00000000").json()
        assert merged["id"] == live_incident and merged["merged_into"] == live_incident

        refused = api.post("/articles", content=MAARAT_RECORDS[0], headers={"content-type": "application/json"})
        assert refused.status_code == 401 and refused.headers["www-authenticate"] == "Bearer"
        wrong = {"authorization": "Bearer wrong"}
        assert api.post("/articles", content="x", headers={**wrong, "content-type": "text/plain"}).status_code == 401

        writer = {"authorization": f"Bearer {TOKEN}"}
        stored = api.post("/articles", content=MAARAT_RECORDS[0], headers={**writer, "content-type": "application/json"})
        assert stored.status_code == 201, stored.text
        body = stored.json()
        assert body["result"] == "new" and body["events"] >= 1 and body["url"] == f"/api/articles/{body['id']}"
        again = api.post("/articles", content=MAARAT_RECORDS[0], headers={**writer, "content-type": "application/json"})
        assert again.json()["result"] == "unchanged"
        article = httpx.get(server.url + body["url"]).json()
        assert article["article"]["title"].startswith("Air strikes on Syrian market town")
        assert len(article["incidents"]) == body["events"]

        text = "KHAN SHEIKHOUN, Syria (Reuters) - Shelling killed four civilians in Khan Sheikhoun on Tuesday."
        plain = api.post("/articles", params={"outlet": "reuters.com", "url": "https://example.org/k"},
                         content=text, headers={**writer, "content-type": "text/plain; charset=utf-8"})
        assert plain.status_code == 201, plain.text
        stored_plain = httpx.get(server.url + plain.json()["url"]).json()["article"]
        assert stored_plain["url"] == "https://example.org/k" and "Khan Sheikhoun" in stored_plain["text"]
        page = "<html><head><title>Strike</title></head><body><article><p>" + text + "</p></article></body></html>"
        html = api.post("/articles", content=page, headers={**writer, "content-type": "text/html"})
        assert html.status_code == 201, html.text

        for content, kind, reason in [
            (b"", "text/plain", "empty"),
            (b"   \n", "text/plain", "empty"),
            (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)), "text/plain", "binary"),
            (b'{"title": "broken', "application/json", "malformed"),
            (b"[1, 2]", "application/json", "not an object"),
        ]:
            response = api.post("/articles", content=content, headers={**writer, "content-type": kind})
            assert response.status_code == 422, (content, response.text)
            assert reason in response.json()["detail"], response.json()
        other = api.post("/articles", content=b"x", headers={**writer, "content-type": "image/png"})
        assert other.status_code == 415
        assert api.get("/stats").json()["articles"] == len(FEW_SAMPLES) + 4


def test_writing_is_closed_without_a_configured_token(live_server, tmp_path):
    with live_server(WebSettings(db=f"sqlite:///{tmp_path / 's.db'}")) as server:
        response = httpx.post(server.url + "/api/articles", content="text", headers={
            "content-type": "text/plain", "authorization": "Bearer anything"})
        assert response.status_code == 403 and "closed" in response.json()["detail"]
        assert json.loads(httpx.get(server.url + "/api/events").text)["total"] == 0
