"""Scraped text is hostile: an article whose every field shown on a page (title, body, outlet and
its profile, URL, related items, quote speakers, entities, places, events, framing, what cleaning
removed) is full of script and HTML-injection payloads is stored, and each page that shows it is
opened in a real Chromium. Nothing may run (no dialog, no ``window.__pwned``, no CSP report), no
payload may become an element, attribute or ``javascript:`` link, and every payload must be
shown as the text it is."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from frontwire.model import (Article, Entity, Event, Evidence, FramingSpan, Mention, Place, Quote, Related, Removed,
                             SourceProfile, event_id)
from frontwire.store import Store, tables
from frontwire.web.settings import WebSettings

from conftest import screenshot_path

# Each payload, were it markup, would set window.__pwned or open a dialog.
PAYLOADS = (
    "<script>window.__pwned='script'</script>",
    "<img src=x onerror=\"window.__pwned='img';alert(1)\">",
    "\"><svg onload=\"window.__pwned='svg'\">",
    "'><iframe src=\"javascript:window.__pwned='iframe'\"></iframe>",
    "</textarea></title></style><script>alert('closed')</script>",
    "<a href=\"javascript:window.__pwned='link'\">click me</a>",
    "{{7*7}} {% raw %}${7*7}",
    "\u202eevil\u202c \u200fright-to-left\u200e",
)
HOSTILE = " ".join(PAYLOADS)
WORD = "zzhostileword"  # what the search page is asked for
JAVASCRIPT_URL = "javascript:window.__pwned='url'//"


def _span(text: str, piece: str) -> tuple[int, int]:
    start = text.index(piece)
    return start, start + len(piece)


def hostile_article() -> Article:
    first = f"{WORD} {HOSTILE} fighters shelled the market of {PAYLOADS[1]}, killing 7 civilians, {PAYLOADS[2]} said."
    second = f"\"{PAYLOADS[0]} we will return\", {PAYLOADS[3]} told reporters. {PAYLOADS[6]} {PAYLOADS[7]}"
    text = f"{first}\n\n{second}"
    evidence = Evidence(sentence=first, start=0, end=len(first))
    place_start, place_end = _span(text, PAYLOADS[1])
    quote_start, quote_end = _span(text, f"{PAYLOADS[0]} we will return")
    speaker_start = text.index(PAYLOADS[3], quote_end)
    event = Event(event_type="Explosions/Remote violence", sub_event_type="Shelling/artillery/missile attack",
                  actor1=PAYLOADS[0], actor2=PAYLOADS[5], location=PAYLOADS[1], country="SY", admin1=PAYLOADS[2],
                  lat=35.0, lon=36.0, geo_precision=1, date="2020-02-02", time_precision=1, fatalities=7,
                  civilian_fatalities=7, means=PAYLOADS[4], claimed_by=PAYLOADS[2], certainty="claimed",
                  evidence=evidence)
    article = Article(
        url=JAVASCRIPT_URL, outlet=HOSTILE, title=f"{WORD} {HOSTILE}", published="2020-02-02T10:00:00",
        language=PAYLOADS[4], text=text, source=HOSTILE,
        related=[Related(id=PAYLOADS[0], title=HOSTILE, url="javascript:window.__pwned='related'", date="2020-02-01"),
                 Related(title=PAYLOADS[5], url=" JaVaScRiPt:window.__pwned='related2'")],
        removed=[Removed(kind=PAYLOADS[2], text=HOSTILE)],
        entities=[Entity(text=PAYLOADS[0], start=quote_start, end=quote_start + len(PAYLOADS[0]), kind="actor",
                         actor_id=PAYLOADS[2], canonical=PAYLOADS[1], actor_type=PAYLOADS[3])],
        places=[Place(name=PAYLOADS[1], admin1=PAYLOADS[2], country="SY", country_name=PAYLOADS[3], geo_precision=1,
                      lat=35.0, lon=36.0, mentions=[Mention(text=PAYLOADS[1], start=place_start, end=place_end)])],
        quotes=[Quote(text=text[quote_start:quote_end], start=quote_start, end=quote_end, kind="direct",
                      speaker=PAYLOADS[3], speaker_start=speaker_start, speaker_end=speaker_start + len(PAYLOADS[3]),
                      speaker_canonical=HOSTILE, cue=PAYLOADS[4])],
        events=[event],
        framing=[FramingSpan(technique=PAYLOADS[2], text=PAYLOADS[0], start=quote_start,
                             end=quote_start + len(PAYLOADS[0]), score=0.9)],
        source_profile=SourceProfile(domain=PAYLOADS[3], name=HOSTILE, country=PAYLOADS[2], state_affiliated="yes",
                                     bias=PAYLOADS[0], factual_reporting=PAYLOADS[5], credibility=PAYLOADS[6],
                                     rated_by=PAYLOADS[1]),
    )
    article.identify()
    event.id = event_id(article.id, event)
    article.set_paragraphs()
    return article


@pytest.fixture(scope="module")
def hostile_store(tmp_path_factory):
    url = f"sqlite:///{tmp_path_factory.mktemp('hostile') / 'hostile.db'}"
    article = hostile_article()
    with Store(url) as store:
        store.save(article)
        with store.engine.connect() as connection:
            incident = connection.execute(select(tables.incident_events.c.incident_id)
                                          .where(tables.incident_events.c.article_id == article.id)).scalar_one()
    return url, article.id, incident


def _pages(article_id: str, incident_id: str) -> list[str]:
    return ["/", f"/articles/{article_id}", f"/search?q={WORD}", "/incidents?min_outlets=1",
            f"/incidents/{incident_id}", "/outlets", "/events"]


def test_no_payload_runs_and_every_payload_is_shown_as_text(hostile_store, live_server, page):
    url, article_id, incident_id = hostile_store
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    with live_server(WebSettings(db=url)) as server:
        for path in _pages(article_id, incident_id):
            response = page.goto(server.url + path)
            assert response is not None and response.ok, path
            page.wait_for_load_state("networkidle")
            assert page.evaluate("() => window.__pwned") is None, path
            found = page.evaluate("""() => ({
                scripts: [...document.scripts].filter(s => !s.src || s.textContent.trim()).length,
                handlers: [...document.querySelectorAll('*')].flatMap(e => [...e.attributes])
                    .filter(a => a.name.toLowerCase().startsWith('on')).map(a => a.name),
                injected: document.querySelectorAll('iframe, svg[onload], img[src=x], textarea').length,
                javascriptLinks: [...document.querySelectorAll('[href], [src]')]
                    .filter(e => /^\\s*javascript:/i.test(e.getAttribute('href') || e.getAttribute('src') || '')).length,
            })""")
            assert found == {"scripts": 0, "handlers": [], "injected": 0, "javascriptLinks": 0}, path
            if path != "/events":
                shown = page.inner_text("main")
                assert PAYLOADS[0] in shown or PAYLOADS[1] in shown, path
        page.goto(f"{server.url}/articles/{article_id}")
        shown = page.inner_text("main")
        for payload in PAYLOADS:
            assert payload.strip() in shown, payload
        assert JAVASCRIPT_URL in shown  # shown, not linked
        assert page.locator(".article-head a.source-link").count() == 0
        page.screenshot(path=screenshot_path("injection-article"), full_page=True)
    assert dialogs == []
    assert page.errors == []
