"""A small news site on 127.0.0.1 for the monitor's tests and bench: RSS and Atom feeds, a sitemap
and a news sitemap, articles wrapped in scraping debris, and every way a site misbehaves (a slow
page, a redirect loop, an oversized body, a page in windows-1256 that says it is UTF-8, 404, 500,
429 with Retry-After, a robots.txt that disallows a path, a redirect to a private address).

Every resource has an ETag and a Last-Modified and answers a matching conditional request with
304; the server counts each response by path and status, and the bytes of each body sent.
"""

from __future__ import annotations

import gzip
import hashlib
import threading
import time
from collections import Counter
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

LAST_MODIFIED = "Mon, 30 Nov 2026 08:00:00 GMT"
SLOW_SECONDS = 1.5
HUGE_BYTES = 400_000


def page(title: str, *paragraphs: str, charset: str = "utf-8") -> str:
    """An article as outlets serve it: the story inside navigation, a cookie banner, share
    buttons, related links and a footer."""
    body = "\n".join(f"<p>{text}</p>" for text in paragraphs)
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="{charset}"><title>{title} | Test Wire</title>
<meta property="og:site_name" content="Test Wire"></head>
<body>
<nav><a href="/">Home</a> <a href="/world">World</a> <a href="/sport">Sport</a> <a href="/login">Log in</a></nav>
<div class="cookie-banner">We use cookies to improve your experience. Accept all cookies</div>
<article>
<h1>{title}</h1>
<p class="byline">By Staff Reporter, Test Wire</p>
{body}
</article>
<div class="share">Share on Facebook Share on Twitter Share by email</div>
<aside class="related"><h3>Related stories</h3><ul><li><a href="/news/other.html">Markets rally after rate cut</a></li>
<li><a href="/news/other2.html">Ten tips for a healthy winter</a></li></ul></aside>
<footer>Copyright 2026 Test Wire. All rights reserved. Terms of use. Privacy policy.</footer>
</body></html>"""


ARTICLES = {
    "/news/aleppo-strike.html": page(
        "Air strike kills 12 civilians in Aleppo market",
        "ALEPPO, Syria (Test Wire) - At least 12 civilians were killed on Tuesday when government aircraft "
        "struck a crowded market in the eastern Aleppo district of al-Shaar, rescue workers said.",
        "The Syrian Civil Defence said its volunteers pulled bodies from the rubble for several hours and "
        "that more than 30 people were wounded in the attack.",
        "There was no immediate comment from the Syrian army on the strike."),
    "/news/idlib.html": page(
        "Shelling in Idlib kills five",
        "IDLIB, Syria (Test Wire) - Five people, including two children, were killed on Monday when "
        "artillery shells hit the town of Saraqeb in Idlib province, a local monitor said.",
        "The Syrian Observatory for Human Rights said the shelling came from government positions east of the town."),
    "/news/hama.html": page(
        "Clashes near Hama leave fighters dead",
        "HAMA, Syria (Test Wire) - Rebel fighters and government troops clashed on Sunday north of Hama, "
        "leaving at least eight fighters dead on both sides, the Syrian Observatory for Human Rights said."),
    "/news/homs.html": page(
        "Car bomb in Homs kills four",
        "HOMS, Syria (Test Wire) - A car bomb exploded near a checkpoint in the city of Homs on Saturday, "
        "killing four people and wounding 11, state media reported."),
    "/news/busy.html": page(
        "Drone strike reported in Deir ez-Zor",
        "DEIR EZ-ZOR, Syria (Test Wire) - A drone strike hit a vehicle near the town of Mayadin on Friday, "
        "killing three men, a local monitor said."),
    "/news/gzipped.html": page(
        "Protesters gather in Daraa",
        "DARAA, Syria (Test Wire) - Hundreds of protesters gathered in the city of Daraa on Thursday to "
        "demand the release of detainees, activists said."),
}
# Windows-1256 bytes under a page that declares UTF-8 (and a header that says so too).
ARABIC_PATH = "/news/arabic.html"
ARABIC_QUOTE = "قال المرصد السوري لحقوق الإنسان إن غارات جوية استهدفت مدينة معرة النعمان في ريف إدلب الجنوبي"
ARABIC = page("Air raids on Maarat al-Numan",
              "MAARAT AL-NUMAN, Syria (Test Wire) - Air raids struck Maarat al-Numan in southern Idlib on "
              "Wednesday, killing six civilians, a monitoring group said.",
              f"In Arabic, the monitor said: {ARABIC_QUOTE}.", f"{ARABIC_QUOTE}.").encode("cp1256")

STORED_PATHS = sorted([*ARTICLES, ARABIC_PATH])   # what a first poll stores, one article each
FAILING_PATHS = {   # listed in the feeds, and why each must fail
    "/private/secret.html": "robots.txt",
    "/slow.html": "timed out",
    "/loop/a": "redirect loop",
    "/huge.html": "too large",
    "/gone.html": "HTTP 404",
    "/broken.html": "HTTP 500",
    "/to-metadata": "link-local",
}

ROBOTS = b"User-agent: *\nDisallow: /private/\n"


def rss(base: str) -> str:
    items = [("/news/aleppo-strike.html", "Tue, 24 Nov 2026 10:00:00 +0000"),
             ("/news/idlib.html?utm_source=rss&utm_medium=feed", "Mon, 23 Nov 2026 09:30:00 +0000"),
             (ARABIC_PATH, "Wed, 25 Nov 2026 07:00:00 +0000"),
             ("/news/busy.html", "Fri, 27 Nov 2026 12:00:00 +0000"),
             ("/news/gzipped.html#comments", "Thu, 26 Nov 2026 15:00:00 +0000"),
             *[(path, "Sun, 29 Nov 2026 00:00:00 +0000") for path in FAILING_PATHS]]
    entries = "\n".join(f"<item><title>Story {n}</title><link>{base}{path.replace('&', '&amp;')}</link>"
                        f"<pubDate>{date}</pubDate></item>" for n, (path, date) in enumerate(items))
    return (f'<?xml version="1.0" encoding="utf-8"?>\n<rss version="2.0"><channel><title>Test Wire: Syria</title>'
            f"<link>{base}/</link><description>News</description>\n{entries}\n</channel></rss>")


def atom(base: str) -> str:
    # The same Idlib story as the RSS feed without its tracking parameters, and an old address of the
    # Aleppo story that redirects to it: both must be stored once.
    entries = "\n".join(
        f'<entry><title>Story {n}</title><link href="{base}{path}"/><id>urn:story:{n}</id>'
        f"<updated>{date}</updated></entry>"
        for n, (path, date) in enumerate([("/news/idlib.html", "2026-11-23T09:30:00Z"),
                                          ("/news/moved", "2026-11-24T10:00:00Z")]))
    return (f'<?xml version="1.0" encoding="utf-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom">'
            f"<title>Test Wire (Atom)</title><id>urn:testwire</id><updated>2026-11-30T08:00:00Z</updated>\n"
            f"{entries}\n</feed>")


def sitemap(base: str) -> str:
    return (f'<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
            f"<url><loc>{base}/news/hama.html</loc><lastmod>2026-11-22</lastmod></url>"
            f"<url><loc>{base}/news/aleppo-strike.html</loc><lastmod>2026-11-24</lastmod></url></urlset>")


def news_sitemap(base: str) -> str:
    return (f'<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
            f'xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">'
            f"<url><loc>{base}/news/homs.html</loc><news:news><news:publication><news:name>Test Wire</news:name>"
            f"<news:language>en</news:language></news:publication>"
            f"<news:publication_date>2026-11-28T08:00:00+00:00</news:publication_date>"
            f"<news:title>Car bomb in Homs kills four</news:title></news:news></url></urlset>")


def extra_rss(base: str, articles: dict[str, str]) -> str:
    items = "\n".join(f"<item><title>Story {n}</title><link>{base}{path}</link></item>" for n, path in enumerate(articles))
    return (f'<?xml version="1.0" encoding="utf-8"?>\n<rss version="2.0"><channel><title>Test Wire: all</title>'
            f"<link>{base}/</link><description>News</description>\n{items}\n</channel></rss>")


FEEDS = {"/feeds/rss.xml": rss, "/feeds/atom.xml": atom, "/sitemap.xml": sitemap, "/news-sitemap.xml": news_sitemap}


class _QuietServer(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request, client_address) -> None:
        pass   # a client that gave up (a timeout, a body past its cap) is what the tests ask for


class NewsSite:
    """``with NewsSite() as site:`` serves on ``site.base`` (http://127.0.0.1:PORT). ``extra``:
    more articles (path -> HTML), listed in an RSS feed of their own at /feeds/extra.xml."""

    def __init__(self, extra: dict[str, str] | None = None) -> None:
        self.extra = extra or {}
        self.responses: Counter = Counter()     # (path, status) -> count
        self.body_bytes: Counter = Counter()    # path -> bytes of bodies sent
        self.user_agents: set[str] = set()
        self.busy_once: set[str] = set()
        self._lock = threading.Lock()
        self.server = _QuietServer(("127.0.0.1", 0), _handler(self))
        self.base = f"http://127.0.0.1:{self.server.server_address[1]}"

    def __enter__(self) -> "NewsSite":
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        return self

    def __exit__(self, *exc) -> None:
        self.server.shutdown()
        self.server.server_close()

    def count(self, status: int, paths=None) -> int:
        return sum(n for (path, code), n in self.responses.items() if code == status and (paths is None or path in paths))

    def reset(self) -> None:
        self.responses.clear()
        self.body_bytes.clear()

    def note(self, path: str, status: int, size: int) -> None:
        with self._lock:
            self.responses[(path, status)] += 1
            self.body_bytes[path] += size


def _handler(site: NewsSite):
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"
        # Headers and body are two writes: with Nagle's algorithm each answer would wait out a delayed ACK.
        disable_nagle_algorithm = True

        def log_message(self, *args) -> None:   # quiet tests
            pass

        def do_GET(self) -> None:
            site.user_agents.add(self.headers.get("User-Agent", ""))
            path, _, _ = self.path.partition("?")
            if path == "/robots.txt":
                return self._send(path, 200, ROBOTS, "text/plain")
            if path == "/feeds/extra.xml":
                return self._send(path, 200, extra_rss(site.base, site.extra).encode("utf-8"), "application/xml",
                                  cacheable=True)
            if path in site.extra:
                return self._send(path, 200, site.extra[path].encode("utf-8"), "text/html; charset=utf-8",
                                  cacheable=True)
            if path in FEEDS:
                return self._send(path, 200, FEEDS[path](site.base).encode("utf-8"), "application/xml", cacheable=True)
            if path == "/news/busy.html" or path.startswith("/busy/"):
                return self._busy(path)
            if path in ARTICLES:
                return self._send(path, 200, ARTICLES[path].encode("utf-8"), "text/html; charset=utf-8",
                                  cacheable=True, gzipped=path == "/news/gzipped.html")
            if path == ARABIC_PATH:
                return self._send(path, 200, ARABIC, "text/html; charset=utf-8", cacheable=True)
            if path == "/news/moved":
                return self._redirect(path, "/news/aleppo-strike.html", 301)
            if path == "/loop/a":
                return self._redirect(path, "/loop/b")
            if path == "/loop/b":
                return self._redirect(path, "/loop/a")
            if path == "/to-metadata":
                return self._redirect(path, "http://169.254.169.254/latest/meta-data/")
            if path == "/slow.html":
                time.sleep(SLOW_SECONDS)
                return self._send(path, 200, b"<html><body><p>too late</p></body></html>", "text/html",
                                  counted_as="slow")
            if path == "/huge.html":
                return self._stream_huge(path)
            if path == "/broken.html" or path == "/feeds/down.xml":
                return self._send(path, 500, b"Internal Server Error", "text/plain")
            if path == "/rate-limited-long":
                return self._send(path, 429, b"slow down", "text/plain", extra={"Retry-After": "3600"})
            if path == "/private/secret.html":
                return self._send(path, 200, page("Secret", "Not to be crawled.").encode(), "text/html")
            return self._send(path, 404, b"Not Found", "text/plain")

        def _busy(self, path: str) -> None:
            # 429 with Retry-After the first time each client asks, the page once it waited.
            if path not in site.busy_once:
                site.busy_once.add(path)
                return self._send(path, 429, b"Too Many Requests", "text/plain", extra={"Retry-After": "1"})
            body = ARTICLES.get(path) or page("Busy", "A page served once the client waited.")
            return self._send(path, 200, body.encode("utf-8"), "text/html; charset=utf-8", cacheable=True)

        def _redirect(self, path: str, location: str, status: int = 302) -> None:
            self._send(path, status, b"", "text/plain", extra={"Location": location})

        def _stream_huge(self, path: str) -> None:
            # No Content-Length: only counting while reading can stop it.
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.send_header("Transfer-Encoding", "chunked")
            self.end_headers()
            chunk = b"<p>" + b"x" * 8000 + b"</p>"
            sent = 0
            try:
                while sent < HUGE_BYTES:
                    self.wfile.write(b"%x\r\n%s\r\n" % (len(chunk), chunk))
                    sent += len(chunk)
                self.wfile.write(b"0\r\n\r\n")
            except (BrokenPipeError, ConnectionResetError):
                pass
            site.note(path, 200, sent)

        def _send(self, path: str, status: int, body: bytes, content_type: str, cacheable: bool = False,
                  gzipped: bool = False, extra: dict | None = None, counted_as=None) -> None:
            etag = '"%s"' % hashlib.sha256(body).hexdigest()[:16]
            if cacheable and (self.headers.get("If-None-Match") == etag
                              or self.headers.get("If-Modified-Since") == LAST_MODIFIED):
                status, body = 304, b""
            elif gzipped and "gzip" in self.headers.get("Accept-Encoding", ""):
                body = gzip.compress(body)
                extra = {**(extra or {}), "Content-Encoding": "gzip"}
            # Counted before it is sent: a client may look at the counts as soon as it has the answer.
            site.note(path, counted_as or status, len(body))
            try:
                self.send_response(status)
                self.send_header("Content-Type", content_type)
                self.send_header("Content-Length", str(len(body)))
                if cacheable:
                    self.send_header("ETag", etag)
                    self.send_header("Last-Modified", LAST_MODIFIED)
                for name, value in (extra or {}).items():
                    self.send_header(name, value)
                self.end_headers()
                self.wfile.write(body)
            except (BrokenPipeError, ConnectionResetError):
                pass

    return Handler
