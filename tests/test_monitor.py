"""The monitor against a real news site on 127.0.0.1 (tests/monitor_site.py): polite fetching,
feeds and sitemaps, the state tables on SQLite and PostgreSQL, and ``frontwire sources`` /
``frontwire watch --once`` twice, the second costing only 304s."""

from __future__ import annotations

import argparse
import time

import httpx

import pytest
from alembic import command
from sqlalchemy import func, inspect, select

from frontwire.ingest.errors import InputError
from frontwire.model import Article
from frontwire.monitor.addresses import AddressPolicy, RefusedURL, parse_networks
from frontwire.cli import main
from frontwire.monitor.cli import parse_duration
from frontwire.monitor.feeds import FeedError, parse_listing
from frontwire.monitor.fetch import USER_AGENT, Fetcher, FetchError, FetchSettings, retry_after_seconds
from frontwire.monitor.pages import read_url
from frontwire.monitor.state import MAX_ATTEMPTS, MonitorState, now_utc
from frontwire.monitor.tables import seen_urls
from frontwire.monitor.urls import canonical_url
from frontwire.store import Store, database, tables
from conftest import screenshot_path
from frontwire.web.settings import WebSettings
from monitor_site import ARABIC_PATH, ARABIC_QUOTE, FAILING_PATHS, FEEDS, STORED_PATHS, NewsSite

LOOPBACK = AddressPolicy(parse_networks("127.0.0.1"))
# Short waits: the slow page sleeps 1.5 s, so 0.5 s times out; Retry-After is at most 2 s here.
FAST = FetchSettings(timeout=0.5, retries=1, backoff=0.05, host_interval=0, max_retry_after=2, max_bytes=200_000)


@pytest.fixture(scope="module")
def site():
    with NewsSite() as served:
        yield served


@pytest.fixture
def fetcher():
    with Fetcher(FAST, LOOPBACK) as made:
        yield made


# -- which URLs may be fetched ---------------------------------------------------------------------

@pytest.mark.parametrize("url", ["file:///etc/passwd", "ftp://example.org/x", "gopher://example.org/",
                                 "javascript:alert(1)", "data:text/html,<p>x</p>", "//example.org/x"])
def test_only_http_and_https_are_fetched(url):
    with pytest.raises(RefusedURL, match="scheme"):
        AddressPolicy().check(url)


@pytest.mark.parametrize("host", ["127.0.0.1", "127.8.9.10", "10.1.2.3", "172.16.0.1", "192.168.1.1",
                                  "169.254.169.254", "224.0.0.1", "0.0.0.0", "100.64.0.1", "240.0.0.1",
                                  "[::1]", "[fe80::1]", "[fc00::1]", "[::ffff:127.0.0.1]", "localhost"])
def test_private_loopback_link_local_multicast_and_reserved_addresses_are_refused(host):
    with pytest.raises(RefusedURL, match="address: refused unless allowed"):
        AddressPolicy().check(f"http://{host}/news.html")


def test_an_allowed_address_is_fetched_and_no_other():
    LOOPBACK.check("http://127.0.0.1:8080/feed.xml")
    with pytest.raises(RefusedURL):
        LOOPBACK.check("http://127.0.0.2/feed.xml")
    AddressPolicy().check("http://93.184.216.34/news.html")   # a public address needs no permission
    with pytest.raises(RefusedURL, match="credentials"):
        AddressPolicy().check("http://user:secret@93.184.216.34/")


def test_the_environment_allows_addresses(monkeypatch):
    monkeypatch.setenv("FRONTWIRE_FETCH_ALLOW", "10.0.0.0/8, 127.0.0.1")
    policy = AddressPolicy.from_config()
    policy.check("http://10.9.8.7/x")
    policy.check("http://127.0.0.1/x")
    with pytest.raises(ValueError, match="not an IP address"):
        AddressPolicy.from_config(["example.org"])


def test_one_story_has_one_canonical_url():
    assert canonical_url("HTTPS://Example.ORG:443/news/1.html?utm_source=rss&fbclid=x#comments") == \
        "https://example.org/news/1.html"
    assert canonical_url("/news/a.html?b=2&a=1", "http://example.org/feed.xml") == "http://example.org/news/a.html?a=1&b=2"
    assert canonical_url("mailto:desk@example.org") is None
    assert canonical_url("https://example.org/" + "x" * 3000) is None


def test_durations():
    assert [parse_duration(v) for v in ("90", "30s", "15m", "2h", "1d")] == [90, 30, 900, 7200, 86400]
    with pytest.raises(argparse.ArgumentTypeError):
        parse_duration("soon")


# -- the fetcher against the site ------------------------------------------------------------------

class _RebindingDNS(AddressPolicy):
    """As a hostile name server makes it look: the URL checked as public, the connection then
    going to 127.0.0.1."""

    def check(self, url: str) -> None:
        pass


def test_the_connection_itself_goes_only_to_an_allowed_address(site):
    with Fetcher(FAST, _RebindingDNS()) as rebound:
        with pytest.raises(FetchError, match="refused: 127.0.0.1 is a loopback address") as failure:
            rebound.fetch(f"{site.base}/news/hama.html", obey_robots=False)
    assert failure.value.permanent


def test_a_redirect_loop_is_an_error(site, fetcher):
    with pytest.raises(FetchError, match="redirect loop") as failure:
        fetcher.fetch(f"{site.base}/loop/a")
    assert failure.value.permanent


def test_every_redirect_hop_is_checked_against_the_address_rules(site, fetcher):
    with pytest.raises(FetchError, match="169.254.169.254 is a link-local address"):
        fetcher.fetch(f"{site.base}/to-metadata")


def test_an_oversized_body_is_abandoned_while_it_streams(site, fetcher):
    started = time.monotonic()
    with pytest.raises(FetchError, match="too large: more than 200000 bytes"):
        fetcher.fetch(f"{site.base}/huge.html")
    assert time.monotonic() - started < 2


def test_a_slow_response_times_out(site, fetcher):
    started = time.monotonic()
    with pytest.raises(FetchError, match=r"timed out .*after 2 attempts") as failure:
        fetcher.fetch(f"{site.base}/slow.html")
    assert not failure.value.permanent
    assert time.monotonic() - started < 1.5


def test_429_waits_as_retry_after_says_then_succeeds(site, fetcher):
    started = time.monotonic()
    fetched = fetcher.fetch(f"{site.base}/busy/once")
    assert fetched.status == 200 and time.monotonic() - started >= 1
    assert site.responses[("/busy/once", 429)] == 1 and site.responses[("/busy/once", 200)] == 1


def test_a_retry_after_longer_than_the_bound_fails_at_once(site, fetcher):
    started = time.monotonic()
    with pytest.raises(FetchError, match="asked to retry after 3600 s, more than 2 s"):
        fetcher.fetch(f"{site.base}/rate-limited-long")
    assert time.monotonic() - started < 1


def test_retry_after_as_seconds_or_a_date():
    from datetime import datetime, timezone

    now = datetime(2026, 12, 2, 6, 0, 0, tzinfo=timezone.utc)
    assert retry_after_seconds("120") == 120
    assert retry_after_seconds("Wed, 02 Dec 2026 06:01:30 GMT", now) == 90
    assert retry_after_seconds("whenever") is None


def test_a_server_error_is_retried_then_reported(site, fetcher):
    before = site.responses[("/broken.html", 500)]
    with pytest.raises(FetchError, match=r"HTTP 500 \(after 2 attempts\)") as failure:
        fetcher.fetch(f"{site.base}/broken.html")
    assert site.responses[("/broken.html", 500)] - before == 2 and not failure.value.permanent
    with pytest.raises(FetchError, match="HTTP 404") as missing:
        fetcher.fetch(f"{site.base}/gone.html")
    assert missing.value.permanent and missing.value.status == 404


def test_robots_txt_is_obeyed_unless_overridden(site, fetcher):
    with pytest.raises(FetchError, match="disallowed by robots.txt"):
        fetcher.fetch(f"{site.base}/private/secret.html")
    assert fetcher.fetch(f"{site.base}/private/secret.html", obey_robots=False).status == 200


def test_a_conditional_request_costs_a_304_and_gzip_is_undone(site, fetcher):
    url = f"{site.base}/news/gzipped.html"
    first = fetcher.fetch(url)
    assert b"Daraa" in first.body and first.etag and first.last_modified
    again = fetcher.fetch(url, etag=first.etag, last_modified=first.last_modified)
    assert again.not_modified and again.body == b""
    assert any(agent == USER_AGENT and agent.startswith("frontwire/") for agent in site.user_agents)


def test_requests_to_one_host_are_spaced(site):
    with Fetcher(FetchSettings(host_interval=0.3), LOOPBACK) as polite:
        started = time.monotonic()
        polite.fetch(f"{site.base}/news/hama.html")   # robots.txt first, then the page
        polite.fetch(f"{site.base}/news/homs.html")
        # Three requests to one host: at least two intervals between their starts.
        assert polite.requests == 3 and time.monotonic() - started >= 0.6


# -- feeds and sitemaps ----------------------------------------------------------------------------

def test_rss_atom_sitemap_and_news_sitemap_give_urls_with_their_dates():
    base = "http://127.0.0.1:1"
    listings = {path: parse_listing(make(base).encode(), base + path) for path, make in FEEDS.items()}
    rss, atom = listings["/feeds/rss.xml"], listings["/feeds/atom.xml"]
    assert (rss.kind, rss.title) == ("rss", "Test Wire: Syria")
    assert rss.entries[0].url == f"{base}/news/aleppo-strike.html" and rss.entries[0].published == "2026-11-24T10:00:00Z"
    # Tracking parameters and fragments gone: the RSS and Atom links to one story are one URL.
    assert rss.entries[1].url == atom.entries[0].url == f"{base}/news/idlib.html"
    assert f"{base}/news/gzipped.html" in [entry.url for entry in rss.entries]
    assert (atom.kind, atom.title, atom.entries[1].published) == ("atom", "Test Wire (Atom)", "2026-11-24T10:00:00Z")
    sitemap, news = listings["/sitemap.xml"], listings["/news-sitemap.xml"]
    assert sitemap.kind == "sitemap" and sitemap.entries[0].published == "2026-11-22"
    (homs,) = news.entries
    assert news.kind == "news-sitemap"
    assert (homs.published, homs.title, homs.outlet) == ("2026-11-28T08:00:00+00:00", "Car bomb in Homs kills four",
                                                         "Test Wire")


def test_a_sitemap_index_lists_its_sitemaps_and_entities_are_never_resolved():
    index = (b'<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><sitemap><loc>/s1.xml</loc>'
             b"</sitemap></sitemapindex>")
    assert parse_listing(index, "http://example.org/").sitemaps == ["http://example.org/s1.xml"]
    hostile = (b'<?xml version="1.0"?><!DOCTYPE urlset [<!ENTITY e SYSTEM "file:///etc/passwd">]>'
               b'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url><loc>http://example.org/&e;</loc>'
               b"</url></urlset>")
    assert all("root:" not in entry.url for entry in parse_listing(hostile, "http://example.org/").entries)
    with pytest.raises(FeedError, match="neither a feed nor a sitemap"):
        parse_listing(b"<html><body>not a feed</body></html>", "http://example.org/")


# -- the state tables, on SQLite and PostgreSQL ----------------------------------------------------

def test_sources_and_seen_urls_are_kept_in_the_store(db_url):
    from frontwire.monitor.feeds import Entry

    with Store(db_url) as store:
        state = MonitorState(store.engine)
        state.add_source("sana", [("https://sana.example/rss", "feed")], interval_s=600)
        source = state.add_source("sana", [("https://sana.example/rss", "feed"),
                                           ("https://sana.example/sitemap.xml", "sitemap")], outlet="SANA")
        assert [(f.url, f.kind) for f in source.feeds] == [("https://sana.example/rss", "feed"),
                                                          ("https://sana.example/sitemap.xml", "sitemap")]
        assert (source.outlet, source.interval_s, source.obey_robots) == ("SANA", 600, True)
        entries = [Entry("https://sana.example/a", "2026-11-30"), Entry("https://sana.example/b")]
        assert state.note_listed(source.id, entries) == 2
        assert state.note_listed(source.id, entries) == 0
        assert [e.url for e in state.pending(source.id, 10)] == ["https://sana.example/a", "https://sana.example/b"]
        state.mark_seen("https://sana.example/a", source.id, "refused", error="HTTP 404")
        for _ in range(MAX_ATTEMPTS):
            assert [e.url for e in state.pending(source.id, 10)][-1] == "https://sana.example/b"
            state.mark_seen("https://sana.example/b", source.id, "failed", error="timed out")
        assert state.pending(source.id, 10) == []   # refused for good, and failed often enough
        seen = state.seen(["https://sana.example/a", "https://sana.example/b", "https://sana.example/c"])
        assert (seen["https://sana.example/b"].attempts, seen["https://sana.example/b"].settled) == (MAX_ATTEMPTS, True)
        assert "https://sana.example/c" not in seen
        assert state.remove_source("sana") and not state.remove_source("sana")
        assert state.sources() == [] and len(state.seen(["https://sana.example/a"])) == 1


def test_a_store_of_the_previous_schema_upgrades_to_the_monitor_tables_and_back(db_url):
    engine = database.make_engine(db_url)
    try:
        database.upgrade(engine, "0006")
        assert "sources" not in inspect(engine).get_table_names()
        database.upgrade(engine)
        assert {"sources", "source_feeds", "seen_urls"} <= set(inspect(engine).get_table_names())
        MonitorState(engine).add_source("fna", [("https://fna.example/sitemap.xml", "sitemap")])
        config = database.alembic_config()
        with engine.begin() as connection:
            config.attributes["connection"] = connection
            command.downgrade(config, "0006")
        assert "sources" not in inspect(engine).get_table_names()
    finally:
        engine.dispose()


# -- frontwire sources / watch, end to end ---------------------------------------------------------

def frontwire(*argv: str) -> int:
    """``frontwire ARGS`` as a user runs it, in this process."""
    return main(list(argv))


WATCH = ("--allow-address", "127.0.0.1", "--timeout", "0.5", "--retries", "1", "--backoff", "0.05",
         "--host-interval", "0",
         "--max-bytes", "200k")


@pytest.fixture(scope="module")
def watched(site, full_pipeline, tmp_path_factory):
    """Two sources added, ``watch --once`` run twice (two processes' worth: each run its own
    fetcher, robots cache and store connection); what the site served each time."""
    db = f"sqlite:///{tmp_path_factory.mktemp('monitor') / 'watch.db'}"
    base = site.base
    assert frontwire("sources", "add", "testwire", "--db", db, "--feed", f"{base}/feeds/rss.xml",
                     "--feed", f"{base}/feeds/atom.xml", "--feed", f"{base}/feeds/down.xml") == 0
    assert frontwire("sources", "add", "testwire-maps", "--db", db, "--outlet", "Test Wire", "--every", "1h",
                     "--sitemap", f"{base}/sitemap.xml", "--sitemap", f"{base}/news-sitemap.xml") == 0
    site.reset()
    runs = []
    for _ in range(2):
        started = time.monotonic()
        status = frontwire("watch", "--once", "--db", db, *WATCH)
        runs.append({"status": status, "responses": dict(site.responses), "bytes": dict(site.body_bytes),
                     "seconds": time.monotonic() - started})
        site.reset()
    return db, runs


def _stored(db: str) -> list[Article]:
    with Store(db) as store:
        return [store.get(article_id) for article_id in store.ids()]


def test_a_first_watch_stores_each_story_once_with_its_analysis(site, watched):
    db, runs = watched
    articles = _stored(db)
    urls = sorted(article.url for article in articles)
    # Seven stories, though the Idlib story is listed twice (once with tracking parameters), the
    # Aleppo story three times (RSS, sitemap, and an old address redirecting to it).
    assert urls == sorted(f"{site.base}{path}" for path in STORED_PATHS)
    by_path = {article.url[len(site.base):]: article for article in articles}
    for path, article in by_path.items():
        assert article.analysis and not article.analysis.failed, path
        for debris in ("Share on Facebook", "cookies", "Related stories", "All rights reserved", "Log in"):
            assert debris not in article.text, (path, debris)
    aleppo = by_path["/news/aleppo-strike.html"]
    assert aleppo.events and aleppo.outlet == "testwire"
    assert (aleppo.published, aleppo.published_source) == ("2026-11-24T10:00:00Z", "feed")
    assert by_path["/news/homs.html"].outlet == "Test Wire"
    # Windows-1256 bytes under a page and a header that both say UTF-8: read as Arabic all the same.
    assert ARABIC_QUOTE in by_path[ARABIC_PATH].text
    assert runs[0]["responses"][("/news/busy.html", 429)] == 1   # waited as Retry-After said, then stored


def test_each_failure_is_recorded_on_its_url_and_source_and_the_rest_goes_on(watched, capsys):
    db, runs = watched
    assert runs[0]["status"] == 1   # some of it failed, and the exit status says so
    with Store(db) as store:
        with store.engine.connect() as connection:
            rows = {row.url.split("/", 3)[3]: row for row in connection.execute(select(seen_urls))}
        sources = {source.name: source for source in MonitorState(store.engine).sources()}
    for path, reason in FAILING_PATHS.items():
        row = rows[path.lstrip("/")]
        assert row.result in ("failed", "refused") and reason in row.error, (path, row.error)
    # The last poll's errors: those tried again (passing failures), not those refused for good.
    last_errors = sources["testwire"].last_error
    assert "slow.html: timed out" in last_errors and "broken.html: HTTP 500" in last_errors
    assert "down.xml: HTTP 500" in last_errors and "robots.txt" not in last_errors
    assert rows["private/secret.html"].result == "refused" and rows["slow.html"].result == "failed"
    assert rows["slow.html"].attempts == 2   # tried again on the second poll, as a passing failure
    down = next(feed for feed in sources["testwire"].feeds if feed.url.endswith("/feeds/down.xml"))
    assert (down.last_status, down.last_error) == (500, "HTTP 500 (after 2 attempts)")
    assert sources["testwire"].last_result == "errors" and sources["testwire-maps"].last_result == "ok"
    assert (sources["testwire"].total_new, sources["testwire-maps"].total_new) == (5, 2)
    assert frontwire("sources", "list", "--db", db) == 0
    listing = capsys.readouterr().out
    assert "testwire (outlet testwire): every 15m" in listing and "testwire-maps (outlet Test Wire): every 1h" in listing
    assert '"Test Wire: Syria": HTTP 304' in listing and "error: HTTP 500 (after 2 attempts)" in listing


def test_a_second_watch_downloads_nothing_whole_and_stores_nothing_twice(site, watched):
    db, (first, second) = watched
    feeds_and_pages = [*FEEDS, *STORED_PATHS, "/news/moved"]
    assert sum(n for (path, status), n in first["responses"].items() if status == 200 and path in feeds_and_pages) >= 11
    # robots.txt is read once per run (a 40-byte 200); nothing else is downloaded again.
    assert [key for key, n in second["responses"].items() if key[1] == 200 and key[0] != "/robots.txt"] == []
    assert sorted(path for (path, status) in second["responses"] if status == 304) == sorted(FEEDS)
    assert sum(second["bytes"].get(path, 0) for path in FEEDS) == 0 < sum(first["bytes"][path] for path in FEEDS)
    with Store(db) as store:
        assert store.count() == len(STORED_PATHS)
        with store.engine.connect() as connection:
            assert connection.execute(select(func.count()).select_from(tables.article_history)).scalar() == 0


def test_watch_polls_only_sources_that_are_due_until_stopped(site, full_pipeline, tmp_path):
    import threading

    from frontwire.monitor.watch import Watcher

    with Store(f"sqlite:///{tmp_path / 'due.db'}") as store, Fetcher(FAST, LOOPBACK) as fetcher:
        state = MonitorState(store.engine)
        state.add_source("due", [(f"{site.base}/news-sitemap.xml", "sitemap")])
        later = state.add_source("later", [(f"{site.base}/sitemap.xml", "sitemap")])
        state.record_poll(later, polled_at=now_utc(), result="ok", error=None, new=0, failed=0)   # next in 15 min
        stop = threading.Event()
        reports = Watcher(store, full_pipeline, fetcher, on_poll=lambda report: stop.set()).run(stop=stop)
        assert [report.source for report in reports] == ["due"] and reports[0].counts["new"] == 1
        assert state.source("due").next_poll_at > now_utc()


# -- frontwire ingest https://... ------------------------------------------------------------------

def test_ingest_of_a_url_fetches_through_the_same_rules(site, monkeypatch):
    (refused,) = read_url("file:///etc/passwd")
    assert isinstance(refused, InputError) and "scheme 'file' refused" in refused.reason
    (private,) = read_url(f"{site.base}/news/hama.html")
    assert isinstance(private, InputError) and "is a loopback address: refused unless allowed" in private.reason
    monkeypatch.setenv("FRONTWIRE_FETCH_ALLOW", "127.0.0.1")
    (article,) = read_url(f"{site.base}/news/hama.html?utm_campaign=x", outlet="Test Wire")
    assert isinstance(article, Article) and article.url == f"{site.base}/news/hama.html"
    assert "eight fighters" in article.text and article.raw_input.options["url"] == article.url


def test_sources_commands_refuse_what_makes_no_sense(full_pipeline, tmp_path, capsys):
    db = f"sqlite:///{tmp_path / 'cli.db'}"
    assert frontwire("watch", "--once", "--db", db) == 2
    assert "no sources to watch" in capsys.readouterr().err
    with pytest.raises(SystemExit):
        frontwire("sources", "add", "empty", "--db", db)   # no feed
    with pytest.raises(SystemExit):
        frontwire("sources", "add", "local", "--db", db, "--feed", "file:///etc/passwd")
    assert frontwire("sources", "add", "mirror", "--db", db, "--feed", "https://mirror.example/rss",
                     "--ignore-robots", "--every", "2h") == 0
    assert "mirror: 1 feeds, every 2h, robots.txt ignored" in capsys.readouterr().out
    assert frontwire("sources", "remove", "mirror", "--db", db) == 0
    assert frontwire("sources", "remove", "mirror", "--db", db) == 1


# -- in the newsroom -------------------------------------------------------------------------------

def test_the_sources_page_shows_each_sources_last_poll_and_errors(watched, live_server, page):
    db, _ = watched
    with live_server(WebSettings(db=db)) as server:
        page.goto(server.url + "/sources")
        panels = page.locator("section.source")
        assert panels.count() == 2
        testwire = panels.filter(has_text="testwire").first.inner_text()
        assert "Last poll 20" in testwire and "new" in testwire
        assert "/feeds/down.xml" in testwire and "500" in testwire   # the feed that fails, and how
        assert "304" in page.locator("section.source").last.inner_text()   # the second poll: unchanged
        page.screenshot(path=screenshot_path("sources"), full_page=True)
        # What watch stored is in the newsroom with its analysis.
        found = httpx.get(server.url + "/api/search", params={"q": "Aleppo"}).json()
        assert found["total"] == 1
        article = httpx.get(server.url + f"/api/articles/{found['items'][0]['article_id']}").json()["article"]
        assert article["events"] and article["url"].endswith("/news/aleppo-strike.html")
    assert page.errors == []


def test_the_api_fetches_a_url_only_where_the_server_allows(site, live_server, tmp_path):
    token = {"Authorization": "Bearer t0ken"}
    url = f"{site.base}/news/hama.html"
    with live_server(WebSettings(db=str(tmp_path / "closed.db"), token="t0ken")) as server:
        refused = httpx.post(server.url + "/api/articles", params={"fetch": url}, headers=token, timeout=60)
        assert refused.status_code == 422 and "loopback address: refused unless allowed" in refused.json()["detail"]
        other = httpx.post(server.url + "/api/articles", params={"fetch": "file:///etc/passwd"}, headers=token)
        assert other.status_code == 422 and "scheme 'file' refused" in other.json()["detail"]
    with live_server(WebSettings(db=str(tmp_path / "mirror.db"), token="t0ken", fetch_allow=("127.0.0.1",))) as server:
        stored = httpx.post(server.url + "/api/articles", params={"fetch": url}, headers=token, timeout=120)
        assert stored.status_code == 201, stored.text
        assert stored.json()["result"] == "new"
        article = httpx.get(server.url + stored.json()["url"]).json()["article"]
        assert article["url"] == url and "eight fighters" in article["text"]
        both = httpx.post(server.url + "/api/articles", params={"fetch": url}, content=b"text", headers=token)
        assert both.status_code == 422
