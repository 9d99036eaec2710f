"""The server-rendered pages in a real Chromium over the sample store: search "Aleppo" from the top
bar, see the match marked, open the article and see its layers highlighted (the legend hides a
layer; a speaker lights up its words), open the Maarat al-Numan incident and see the three
outlets' tolls side by side; plus the home and outlets pages, filters and facets, 404 pages and
the redirect of a merged incident, over HTTP."""

from __future__ import annotations

import re

import httpx
from sqlalchemy import select

from conftest import SAMPLES, screenshot_path
from test_incidents import bridged_reports
from frontwire.ingest.readers import iter_articles
from frontwire.store import tables
from frontwire.store.repository import Store
from frontwire.web.highlight import Mark, segments
from frontwire.web.settings import WebSettings

# The issue's own walk-through searches this word; a sample article must hold it in its title or text.
SEARCH_WORD = "Aleppo"
MAARAT = {"Reuters": "31", "Syrian Arab News Agency": "6", "TRT World": "38"}


def _visit(page, url: str) -> None:
    response = page.goto(url)
    assert response is not None and response.ok, url


def test_search_from_the_top_bar_then_the_article_and_its_highlights(samples_server, page):
    _visit(page, samples_server.url + "/")
    page.fill(".quicksearch input[name=q]", SEARCH_WORD)
    page.press(".quicksearch input[name=q]", "Enter")
    page.wait_for_url(re.compile(rf"/search\?q={SEARCH_WORD}"))
    hits = page.locator(".hit")
    assert hits.count() >= 1, f"no stored article holds {SEARCH_WORD!r} in its title or text"
    marked = page.locator(".hit .snippet mark").all_inner_texts()
    assert marked and all(word.lower() == SEARCH_WORD.lower() for word in marked)
    assert page.locator(".facet").count() >= 1
    page.screenshot(path=screenshot_path("pages-search"), full_page=True)

    hits.first.locator("h2 a").click()
    page.wait_for_url(re.compile(r"/articles/[0-9a-f]+$"))
    text = page.locator("#article-text")
    for layer in ("entity", "place", "quote", "event"):
        assert text.locator(f".l-{layer}").count() > 0, layer
    assert page.locator(".event-card[id^=event-]").count() > 0
    page.screenshot(path=screenshot_path("pages-article"), full_page=True)

    entity = text.locator(".l-entity").first
    shown = entity.evaluate("e => getComputedStyle(e).boxShadow")
    assert shown != "none"
    page.uncheck("#legend input[data-layer=entity]")
    assert "hide-entity" in (text.get_attribute("class") or "")
    assert entity.evaluate("e => getComputedStyle(e).boxShadow") == "none"
    page.check("#legend input[data-layer=entity]")
    assert entity.evaluate("e => getComputedStyle(e).boxShadow") == shown

    speaker = text.locator("[data-speaker]").first
    ref = speaker.get_attribute("data-speaker").split()[0]
    speaker.hover()
    words = text.locator(f'[data-quote~="{ref}"]')
    assert words.count() > 0
    assert "linked" in (words.first.get_attribute("class") or "")
    assert page.errors == []


def test_an_incident_shows_its_outlets_tolls_side_by_side(samples_server, page):
    _visit(page, samples_server.url + "/incidents")
    page.get_by_role("link", name="Maarat al-Numan").click()
    page.wait_for_url(re.compile(r"/incidents/[0-9a-f]+$"))
    outlets = page.locator("table.compare thead .outlet-name").all_inner_texts()
    assert set(MAARAT) <= set(outlets)
    tolls = {cell.get_attribute("data-outlet"): cell.locator(".toll").inner_text()
             for cell in page.locator("table.compare td.toll-cell").all()}
    assert {name: tolls[name] for name in MAARAT} == MAARAT
    toll_row = page.locator("table.compare tbody tr").first
    assert "disagree" in (toll_row.get_attribute("class") or "")
    # The incident's own figure is ACLED's most conservative credible one, and says whose it is.
    chosen = page.locator("td.toll-cell:has(.badge.chosen)")
    assert chosen.count() == 1 and chosen.get_attribute("data-outlet") == "Syrian Arab News Agency"
    assert page.locator(".evidence").count() >= 3
    page.screenshot(path=screenshot_path("pages-incident"), full_page=True)

    page.locator(".evidence footer a").first.click()
    page.wait_for_url(re.compile(r"/articles/[0-9a-f]+#event-[0-9a-f]+$"))
    anchor = page.url.rsplit("#", 1)[1]
    assert page.locator(f"#{anchor}").is_visible()
    assert page.errors == []


def test_home_incidents_and_outlets_pages(samples_server, page):
    _visit(page, samples_server.url + "/")
    figures = page.locator(".figures").inner_text()
    stored = len(list(iter_articles([str(SAMPLES)])))
    assert str(stored) in figures and "articles" in figures
    assert page.locator(".incidents-list a", has_text="Maarat al-Numan").count() == 1
    assert page.locator(".articles-list li").count() > 0
    page.screenshot(path=screenshot_path("pages-home"), full_page=True)

    _visit(page, samples_server.url + "/incidents")
    assert page.locator("table.incidents tbody tr").count() == 4  # the incidents told by 2+ outlets
    page.screenshot(path=screenshot_path("pages-incidents"), full_page=True)

    _visit(page, samples_server.url + "/outlets")
    reuters = page.locator("table.outlets tr", has_text="reuters.com")
    assert reuters.count() == 1 and "not state-run" in reuters.inner_text()
    assert "state-affiliated" in page.locator("table.outlets tr", has_text="sana.sy").inner_text()
    page.screenshot(path=screenshot_path("pages-outlets"), full_page=True)
    assert page.errors == []


def test_the_issues_search_word_finds_an_article(samples_server):
    """The issue's walk-through: a new user searches "Aleppo" in the bundled samples."""
    response = httpx.get(samples_server.url + "/search", params={"q": "Aleppo"})
    found = int(re.search(r"(\d+) articles? for", response.text).group(1))
    assert found >= 1, "no bundled sample holds 'Aleppo' in its title or clean text (only in removed debris)"


def test_overlapping_spans_become_flat_segments_with_every_layer():
    text = "The army shelled Idlib city today."
    marks = [Mark("event", 0, 34, ref="e1"), Mark("entity", 4, 8, kind="actor"), Mark("place", 17, 22),
             Mark("quote", 9, 27, ref="q0"), Mark("framing", 20, 99), Mark("entity", 40, 50)]
    pieces = segments(text, marks)
    assert "".join(piece.text for piece in pieces) == text
    layers = [(piece.text, sorted(m.layer for m in piece.marks)) for piece in pieces]
    assert layers == [
        ("The ", ["event"]), ("army", ["entity", "event"]), (" ", ["event"]), ("shelled ", ["event", "quote"]),
        ("Idl", ["event", "place", "quote"]), ("ib", ["event", "framing", "place", "quote"]),
        (" city", ["event", "framing", "quote"]), (" today.", ["event", "framing"])]
    assert pieces[1].css == "l-event l-entity k-actor" and pieces[4].quote_refs == "q0"
    assert segments(text, marks, 9, 16)[0].marks[-1].layer == "quote"


def test_search_facets_filter_the_results(samples_server):
    everything = httpx.get(samples_server.url + "/search", params={"q": "market"})
    assert everything.status_code == 200
    total = int(re.search(r"(\d+) articles? for", everything.text).group(1))
    assert total >= 3
    reuters = httpx.get(samples_server.url + "/search", params={"q": "market", "outlet": "Reuters"})
    narrowed = int(re.search(r"(\d+) articles? for", reuters.text).group(1))
    assert 0 < narrowed < total
    assert 'class="chip on"' in reuters.text and "outlet: Reuters" in reuters.text


def test_the_incidents_list_filters_as_the_api_does(samples_server):
    params = {"type": "Air/drone strike", "min_outlets": "1"}
    page = httpx.get(samples_server.url + "/incidents", params=params)
    shown = int(re.search(r"(\d+) incidents?", page.text).group(1))
    assert shown == httpx.get(samples_server.url + "/api/incidents", params=params).json()["total"] > 0
    rows = re.findall(r"<tr>\s*<td class=\"nowrap\">", page.text)
    assert len(rows) == min(shown, 20)


def test_bad_parameters_are_said_on_the_page(samples_server):
    response = httpx.get(samples_server.url + "/search", params={"q": "market", "since": "yesterday", "page": "x"})
    assert response.status_code == 200
    assert "since is not a date" in response.text and "page is not a positive whole number" in response.text


def test_unknown_ids_are_a_404_page_and_a_merged_incident_redirects(samples_server, live_server, tmp_path):
    for path in ("/articles/0000000000000000", "/incidents/0000000000000000"):
        response = httpx.get(samples_server.url + path)
        assert response.status_code == 404
        assert response.headers["content-type"].startswith("text/html") and "Not found" in response.text

    url = f"sqlite:///{tmp_path / 'merged.db'}"
    with Store(url) as store:
        for article in bridged_reports():
            store.save(article)
        with store.engine.connect() as connection:
            merge = connection.execute(select(tables.incident_merges.c.absorbed_id, tables.incident_merges.c.into_id)).one()
    with live_server(WebSettings(db=url)) as server:
        response = httpx.get(f"{server.url}/incidents/{merge.absorbed_id}")
    assert response.status_code in (307, 308) and response.headers["location"].endswith(f"/incidents/{merge.into_id}")
