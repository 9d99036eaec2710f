"""robots.txt obeyed: fetched once per host and run (cached), read by Protego.

As RFC 9309 says: a robots.txt that is missing (a 4xx but 429) allows everything; one that cannot
be had (5xx, 429, unreachable) disallows everything for now, since a server in trouble is no place to
crawl. Its Crawl-delay, bounded, slows that host down further than the fetcher's own interval.
"""

from __future__ import annotations

from typing import Callable
from urllib.parse import urlsplit, urlunsplit

from protego import Protego

ROBOTS_AGENT = "frontwire"
MAX_CRAWL_DELAY = 30.0
_ALLOW_ALL = Protego.parse("")
_DISALLOW_ALL = Protego.parse("User-agent: *\nDisallow: /")

# (status, body) of a GET; status None when the server could not be reached at all.
FetchText = Callable[[str], tuple[int | None, bytes]]


def robots_url(url: str) -> str:
    parts = urlsplit(url)
    return urlunsplit((parts.scheme.lower(), parts.netloc.lower(), "/robots.txt", "", ""))


class RobotsRules:
    def __init__(self, fetch_text: FetchText, agent: str = ROBOTS_AGENT):
        self._fetch_text = fetch_text
        self._agent = agent
        self._rules: dict[str, Protego] = {}

    def _for(self, url: str) -> Protego:
        where = robots_url(url)
        if where not in self._rules:
            status, body = self._fetch_text(where)
            if status is not None and 200 <= status < 300:
                # A robots.txt that is not UTF-8 is read as far as it goes: its rules are ASCII paths.
                self._rules[where] = Protego.parse(body.decode("utf-8", errors="replace"))
            elif status is not None and 400 <= status < 500 and status != 429:
                self._rules[where] = _ALLOW_ALL
            else:
                self._rules[where] = _DISALLOW_ALL
        return self._rules[where]

    def allowed(self, url: str) -> bool:
        return self._for(url).can_fetch(url, self._agent)

    def crawl_delay(self, url: str) -> float:
        delay = self._for(url).crawl_delay(self._agent)
        return min(float(delay), MAX_CRAWL_DELAY) if delay else 0.0
