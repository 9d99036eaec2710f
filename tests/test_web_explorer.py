"""The events explorer and the map in a real Chromium over the sample store: filtering by type
changes the table and the markers, precision-3 events are areas, popups link the article, a week
of the timeline narrows the table and the map, and the map needs no network; plus the built
country outlines, cut at the antimeridian."""

from __future__ import annotations

import json
from pathlib import Path
from urllib.parse import urlencode, urlsplit

import httpx
import pytest

from conftest import screenshot_path

VENDOR = Path(__file__).resolve().parents[1] / "src" / "frontwire" / "web" / "static" / "vendor"
OUTLINES = VENDOR / "countries.geojson"
TYPE = "Air/drone strike"
MARKERS = "path.fw-marker, path.fw-area"

needs_assets = pytest.mark.skipif(not OUTLINES.exists(),
                                  reason="the map's assets are not built: make assets (npm) builds them")


def _rings(geometry: dict):
    polygons = [geometry["coordinates"]] if geometry["type"] == "Polygon" else geometry["coordinates"]
    for polygon in polygons:
        yield from polygon


@needs_assets
def test_country_outlines_are_cut_at_the_antimeridian():
    countries = json.loads(OUTLINES.read_text())
    names = {feature["properties"]["name"] for feature in countries["features"]}
    assert {"Russia", "Fiji", "Antarctica", "Syria"} <= names
    crossing = sorted({feature["properties"]["name"] for feature in countries["features"]
                       for ring in _rings(feature["geometry"])
                       for (lon_a, _), (lon_b, _) in zip(ring, ring[1:]) if abs(lon_b - lon_a) > 180})
    assert crossing == []
    for name in ("Russia", "Fiji"):
        country = next(f for f in countries["features"] if f["properties"]["name"] == name)
        longitudes = [lon for ring in _rings(country["geometry"]) for lon, _ in ring]
        # Cut, not dropped: the pieces reach the line from both sides (Chukotka's tip lies east of it).
        assert max(longitudes) == pytest.approx(180, abs=0.01), name
        assert min(longitudes) == pytest.approx(-180, abs=0.01), name


def _features(server_url: str, **filters) -> list[dict]:
    response = httpx.get(f"{server_url}/api/events", params={**filters, "format": "geojson", "limit": 5000})
    response.raise_for_status()
    return response.json()["features"]


def _events_total(server_url: str, **filters) -> int:
    response = httpx.get(f"{server_url}/api/events", params={**filters, "limit": 1})
    response.raise_for_status()
    return response.json()["total"]


def _shown(page) -> int:
    page.wait_for_selector("#map[data-ready=true]")
    return int(page.get_attribute("#map", "data-shown"))


def _table_rows(page, total: int) -> int:
    page.wait_for_function("n => document.querySelectorAll('#events-table tbody tr').length === n", arg=min(total, 100))
    return page.locator("#events-table tbody tr").count()


@needs_assets
def test_filtering_events_by_type_changes_the_table_and_the_markers(samples_server, page):
    every, strikes = _events_total(samples_server.url), _events_total(samples_server.url, type=TYPE)
    assert 0 < strikes < every
    page.goto(f"{samples_server.url}/events")
    assert _table_rows(page, every) == min(every, 100)
    assert _shown(page) > strikes
    page.screenshot(path=screenshot_path("explorer-events"), full_page=False)

    page.select_option("select[name=type]", TYPE)
    with page.expect_navigation():
        page.click("#filters button[type=submit]")
    assert _table_rows(page, strikes) == strikes
    assert page.url.endswith("/events?" + urlencode({"type": TYPE})), "empty filters stay out of the link"
    types = page.locator("#events-table tbody tr td:nth-child(2)").all_inner_texts()
    assert set(types) == {f"{TYPE}\nExplosions/Remote violence"}
    assert _shown(page) == len(_features(samples_server.url, type=TYPE))
    assert page.locator("#legend li").filter(has_text=TYPE).count() == 1
    assert page.input_value("select[name=type]") == TYPE
    page.screenshot(path=screenshot_path("explorer-events-air-strikes"), full_page=False)
    assert page.errors == []


@needs_assets
def test_the_map_draws_markers_areas_for_province_level_events_and_popups_link_the_article(samples_server, page):
    features = _features(samples_server.url)
    provincial = [f for f in features if f["properties"]["geo_precision"] == 3]
    assert provincial, "the samples hold province-level events"
    page.goto(f"{samples_server.url}/map")
    assert _shown(page) == len(features)
    assert int(page.get_attribute("#map", "data-areas")) == len(provincial)
    # Countries drawn from the packaged outlines, areas drawn as geographic circles, the rest clustered.
    assert page.locator("path.fw-country").count() > 150
    assert page.locator("path.fw-area").count() == len(provincial)
    assert page.locator(".marker-cluster").count() > 0
    page.screenshot(path=screenshot_path("map-events"))

    # Zoomed in far enough, clusters open into single markers; one's popup links its article.
    page.goto(f"{samples_server.url}/map?type={TYPE}")
    _shown(page)
    marker = page.locator("path.fw-marker").first
    marker.wait_for()
    # A DOM click on the marker itself: the legend may lie over it on screen.
    marker.dispatch_event("click")
    popup_link = page.locator(".leaflet-popup a", has_text="Read the article")
    popup_link.wait_for()
    href = popup_link.get_attribute("href")
    assert href.startswith("/articles/") and "#event-" in href
    article_id, event_id = href.removeprefix("/articles/").split("#event-")
    assert any(f["properties"]["article_id"] == article_id and f["properties"]["event_id"] == event_id
               for f in features)
    page.screenshot(path=screenshot_path("map-popup"))
    assert page.errors == []


@needs_assets
def test_a_province_level_event_is_an_area_not_a_pin(samples_server, page):
    items = httpx.get(f"{samples_server.url}/api/events", params={"limit": 500}).json()["items"]
    provincial = next(item for item in items if item["geo_precision"] == 3 and item["lat"] is not None)
    filters = {"country": provincial["country"], "type": provincial["sub_event_type"]}
    page.goto(f"{samples_server.url}/map?{urlencode(filters)}")
    assert int(page.get_attribute("#map[data-ready=true]", "data-areas")) >= 1
    # Zoomed on one country, the area (a disc of tens of kilometres) is far wider than a marker.
    marker_width = 2 * 7 + 4
    widths = page.eval_on_selector_all("path.fw-area", "paths => paths.map(p => p.getBoundingClientRect().width)")
    assert widths and max(widths) > 2 * marker_width, widths
    assert page.locator(".leaflet-marker-icon").count() == 0, "a province is not a pin"
    page.screenshot(path=screenshot_path("map-province-area"))
    assert page.errors == []


@needs_assets
def test_clicking_a_week_of_the_timeline_filters_the_table_and_the_map(samples_server, page):
    timeline = httpx.get(f"{samples_server.url}/api/timeline").json()
    week = max(timeline["weeks"], key=lambda w: sum(w["counts"].values()))
    in_week = sum(week["counts"].values())
    page.goto(f"{samples_server.url}/events")
    _table_rows(page, _events_total(samples_server.url))
    page.click(f".timeline-chart .week[data-week='{week['week']}']")
    assert _table_rows(page, in_week) == in_week
    dates = page.locator("#events-table tbody tr td:first-child").all_inner_texts()
    assert all(week["week"] <= date <= _week_end(week["week"]) for date in dates)
    page.wait_for_function("n => Number(document.querySelector('#map').dataset.shown) <= n", arg=in_week)
    assert page.get_attribute(f".timeline-chart .week[data-week='{week['week']}']", "aria-pressed") == "true"
    assert f"week={week['week']}" in page.url
    page.screenshot(path=screenshot_path("explorer-week"))

    page.click("#week-clear")
    _table_rows(page, _events_total(samples_server.url))
    assert "week=" not in page.url
    assert page.errors == []


def _week_end(monday: str) -> str:
    from datetime import date, timedelta

    return (date.fromisoformat(monday) + timedelta(days=6)).isoformat()


@needs_assets
def test_the_table_sorts_by_toll(samples_server, page):
    page.goto(f"{samples_server.url}/events")
    _table_rows(page, _events_total(samples_server.url))
    deadliest = httpx.get(f"{samples_server.url}/api/events", params={"sort": "-fatalities", "limit": 1}).json()
    page.click("button.sort[data-sort=fatalities]")
    page.wait_for_function("toll => document.querySelector('#events-table tbody td.number')?.textContent === toll",
                           arg=str(deadliest["items"][0]["fatalities"]))
    assert page.get_attribute("button.sort[data-sort=fatalities]", "aria-sort") == "descending"
    tolls = [int(t) for t in page.locator("#events-table tbody td.number").all_inner_texts() if t.strip().isdigit()]
    assert len(tolls) > 10 and tolls == sorted(tolls, reverse=True)
    assert "sort=-fatalities" in page.url
    links = page.locator("#events-table tbody tr").first.locator("a")
    assert links.first.get_attribute("href").startswith("/articles/")
    assert page.errors == []


@needs_assets
@pytest.mark.parametrize("path", ["/map", "/map?show=incidents", "/events"])
def test_the_map_needs_no_network(samples_server, page, path):
    refused: list[str] = []

    def only_this_server(route):
        host = urlsplit(route.request.url).hostname
        if host == "127.0.0.1":
            route.continue_()
        else:
            refused.append(route.request.url)
            route.abort()

    page.route("**/*", only_this_server)
    weight = {"bytes": 0}
    page.on("response", lambda response: weight.__setitem__("bytes", weight["bytes"] + len(response.body())))
    page.goto(f"{samples_server.url}{path}")
    assert _shown(page) > 0
    assert page.locator("path.fw-country").count() > 150
    page.wait_for_load_state("networkidle")
    assert refused == []
    assert page.errors == []
    # Leaflet, clustering and the outlines: well under a megabyte, uncompressed.
    assert weight["bytes"] < 600_000


PAYLOAD = '<img src=x onerror="window.__pwned=1"><script>window.__pwned=2</script>"><svg onload=alert(1)>'


@needs_assets
def test_hostile_values_are_shown_as_text_in_the_table_the_form_and_the_popup(tmp_path, live_server, page):
    from frontwire.web.settings import WebSettings

    from conftest import ingest_samples

    record = {"url": "https://hostile.example/2019/07/22/strike", "outlet": f"Bad {PAYLOAD} Outlet",
              "published": "2019-07-22T10:00:00", "title": f"Air strikes on Maarat al-Numan {PAYLOAD}",
              "text": "Air strikes on Maarat al-Numan\n\nMAARAT AL-NUMAN, Syria - Air strikes on a market in the "
                      "town of Maarat al-Numan in Idlib province killed at least 31 civilians on Monday, "
                      "rescue workers said."}
    path = tmp_path / "hostile.jsonl"
    path.write_text(json.dumps(record) + "\n")
    url = f"sqlite:///{tmp_path / 'hostile.db'}"
    ingest_samples(url, [path])
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    with live_server(WebSettings(db=url)) as server:
        page.goto(f"{server.url}/events")
        _table_rows(page, 1)
        assert PAYLOAD in page.locator("#events-table tbody tr").first.inner_text()
        assert PAYLOAD in page.locator("select[name=outlet]").inner_text()
        page.goto(f"{server.url}/map")
        _shown(page)
        page.locator(MARKERS).first.dispatch_event("click")
        page.locator(".leaflet-popup").wait_for()
        assert PAYLOAD in page.locator(".leaflet-popup").inner_text()
        assert page.evaluate("window.__pwned") is None
    assert dialogs == []
    assert page.locator("img[src=x], svg[onload]").count() == 0
