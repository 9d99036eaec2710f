"""The polite fetcher: one page or feed over HTTP(S), with every precaution a crawler owes.

Timeouts; retries with exponential backoff for connection errors and 5xx; 429 and 503 honour
Retry-After (up to a bound, past which the fetch fails rather than hang); the body streamed and
abandoned past a size cap (counted after gzip is undone, so a compressed bomb stops too);
redirects followed by hand, each hop checked against the address rules and robots.txt, a loop or
too many hops an error; conditional GET so an unchanged feed costs a 304; at most one request per
host per interval; a User-Agent naming frontwire. The body is kept as bytes: frontwire's readers
decide its encoding, as for a file.
"""

from __future__ import annotations

import email.utils
import threading
import time
from dataclasses import dataclass, field
from datetime import datetime, timezone
from urllib.parse import urljoin, urlsplit

import httpcore
import httpx

from .. import __version__
from .addresses import AddressPolicy, RefusedURL
from .robots import RobotsRules

USER_AGENT = f"frontwire/{__version__} (conflict news monitor; obeys robots.txt)"
REDIRECTS = (301, 302, 303, 307, 308)
RATE_LIMITED = (429, 503)


class FetchError(Exception):
    """Why a URL could not be had. ``permanent``: trying again later will not help (refused,
    robots, 404, too large); otherwise (timeouts, 5xx, 429) a later poll may succeed."""

    def __init__(self, reason: str, status: int | None = None, permanent: bool = False):
        super().__init__(reason)
        self.reason, self.status, self.permanent = reason, status, permanent


@dataclass(frozen=True)
class FetchSettings:
    timeout: float = 20.0           # seconds for connecting, and between two bytes read
    total_timeout: float = 90.0     # seconds for a whole body: a server trickling bytes is cut off
    max_bytes: int = 5 * 1024 * 1024
    retries: int = 2
    backoff: float = 1.0            # the first retry waits this long, each next one twice as long
    max_retry_after: float = 120.0  # longest Retry-After waited for; past it the fetch fails
    host_interval: float = 1.0      # seconds between two requests to one host
    max_redirects: int = 5
    obey_robots: bool = True
    user_agent: str = USER_AGENT


@dataclass
class Fetched:
    url: str                      # where the body came from, after redirects
    status: int                   # 200, or 304 when a conditional request found it unchanged
    body: bytes = b""
    etag: str | None = None
    last_modified: str | None = None
    content_type: str | None = None
    redirects: list[str] = field(default_factory=list)   # the URLs passed through on the way
    location: str | None = None   # of a redirect: where it points, as the server wrote it

    @property
    def not_modified(self) -> bool:
        return self.status == 304


def retry_after_seconds(value: str | None, now: datetime | None = None) -> float | None:
    """Retry-After as seconds to wait: delta-seconds or an HTTP date; None when absent or unreadable."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=timezone.utc)
    return max(0.0, (when - (now or datetime.now(timezone.utc))).total_seconds())


def _host_key(url: str) -> str:
    return urlsplit(url).netloc.lower()


class _CheckedBackend(httpcore.SyncBackend):
    """Connects only to an address the policy allows, the one it checked: a name that resolved
    to a public address when the URL was checked and to 127.0.0.1 a moment later (DNS rebinding)
    is refused at the connection itself. TLS still verifies the certificate against the name."""

    def __init__(self, policy: AddressPolicy):
        self.policy = policy

    def connect_tcp(self, host, port, timeout=None, local_address=None, socket_options=None):
        addresses = self.policy.resolve(host, port)
        for address in addresses:
            self.policy.check_address(address, host)
        return super().connect_tcp(str(addresses[0]), port, timeout, local_address, socket_options)


def _checked_transport(policy: AddressPolicy) -> httpx.HTTPTransport:
    transport = httpx.HTTPTransport()
    # httpx (pinned at 0.28) builds its httpcore pool without a way to pass a network backend.
    transport._pool._network_backend = _CheckedBackend(policy)
    return transport


class Fetcher:
    def __init__(self, settings: FetchSettings | None = None, policy: AddressPolicy | None = None):
        self.settings = settings or FetchSettings()
        self.policy = policy or AddressPolicy.from_config()
        self.client = httpx.Client(timeout=httpx.Timeout(self.settings.timeout), follow_redirects=False,
                                   headers={"User-Agent": self.settings.user_agent},
                                   transport=_checked_transport(self.policy))
        self.robots = RobotsRules(self._fetch_robots)
        self._last_request: dict[str, float] = {}
        self._host_lock = threading.Lock()
        self.requests = 0   # HTTP requests sent, for figures and tests

    def close(self) -> None:
        self.client.close()

    def __enter__(self) -> "Fetcher":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # -- the public call -----------------------------------------------------------------------

    def fetch(self, url: str, etag: str | None = None, last_modified: str | None = None,
              obey_robots: bool | None = None) -> Fetched:
        """GET ``url`` following redirects; raises ``FetchError``. ``etag``/``last_modified``: what
        an earlier fetch returned, sent back so an unchanged resource answers 304 with no body."""
        obey = self.settings.obey_robots if obey_robots is None else obey_robots
        conditional = {}
        if etag:
            conditional["If-None-Match"] = etag
        if last_modified:
            conditional["If-Modified-Since"] = last_modified
        current, passed = url, []
        while True:
            self._check(current, obey)
            fetched = self._with_retries(current, conditional, obey)
            if fetched.status not in REDIRECTS:
                fetched.redirects = passed
                return fetched
            passed.append(current)
            if len(passed) > self.settings.max_redirects:
                raise FetchError(f"more than {self.settings.max_redirects} redirects", fetched.status, permanent=True)
            following = urljoin(current, fetched.location)
            if following in passed:
                raise FetchError(f"redirect loop: {following} again after {len(passed)} hops", fetched.status,
                                 permanent=True)
            # The validators belong to the first URL: another resource's would not match.
            current, conditional = following, {}

    # -- one hop -------------------------------------------------------------------------------

    def _check(self, url: str, obey_robots: bool) -> None:
        try:
            self.policy.check(url)
        except RefusedURL as exc:
            raise FetchError(f"refused: {exc}", permanent=True) from None
        if obey_robots and not self.robots.allowed(url):
            raise FetchError("disallowed by robots.txt", permanent=True)

    def _with_retries(self, url: str, headers: dict[str, str], obey_robots: bool) -> Fetched:
        settings = self.settings
        for attempt in range(settings.retries + 1):
            wait = settings.backoff * 2 ** attempt
            try:
                return self._once(url, headers, obey_robots)
            except _Retryable as retry:
                failure = retry.error
                if retry.retry_after is not None:
                    if retry.retry_after > settings.max_retry_after:
                        raise FetchError(f"{failure.reason}: asked to retry after {retry.retry_after:.0f} s, "
                                         f"more than {settings.max_retry_after:.0f} s", failure.status) from None
                    wait = retry.retry_after
            if attempt < settings.retries:
                time.sleep(wait)
        raise FetchError(f"{failure.reason} (after {settings.retries + 1} attempts)", failure.status)

    def _once(self, url: str, headers: dict[str, str], obey_robots: bool) -> Fetched:
        self._wait_for_host(url, obey_robots)
        self.requests += 1
        started = time.monotonic()
        try:
            with self.client.stream("GET", url, headers=headers) as response:
                return self._read(url, response, started)
        except RefusedURL as exc:
            raise FetchError(f"refused: {exc}", permanent=True) from None
        except httpx.TimeoutException as exc:
            raise _Retryable(FetchError(f"timed out ({type(exc).__name__})")) from None
        except httpx.TransportError as exc:
            raise _Retryable(FetchError(f"connection failed: {type(exc).__name__}: {exc}")) from None
        except httpx.DecodingError as exc:
            raise FetchError(f"undecodable content encoding: {exc}", permanent=True) from None

    def _read(self, url: str, response: httpx.Response, started: float) -> Fetched:
        status, headers = response.status_code, response.headers
        if status in REDIRECTS:
            location = headers.get("location")
            if not location:
                raise FetchError(f"HTTP {status} redirect without a Location", status, permanent=True)
            return Fetched(url, status, location=location)
        if status == 304:
            return Fetched(url, 304, etag=headers.get("etag"), last_modified=headers.get("last-modified"))
        if status in RATE_LIMITED or status >= 500:
            raise _Retryable(FetchError(f"HTTP {status}", status), retry_after_seconds(headers.get("retry-after"))
                             if status in RATE_LIMITED else None)
        if status != 200:
            raise FetchError(f"HTTP {status}", status, permanent=400 <= status < 500 and status != 408)
        cap = self.settings.max_bytes
        declared = headers.get("content-length", "")
        # Compressed, a body past the cap would only grow past it.
        if declared.isdigit() and int(declared) > cap:
            raise FetchError(f"too large: {declared} bytes > limit {cap}", status, permanent=True)
        chunks, size = [], 0
        for chunk in response.iter_bytes():
            size += len(chunk)
            if size > cap:
                raise FetchError(f"too large: more than {cap} bytes > limit {cap}", status, permanent=True)
            if time.monotonic() - started > self.settings.total_timeout:
                raise _Retryable(FetchError(f"timed out: body not read within {self.settings.total_timeout:g} s"))
            chunks.append(chunk)
        return Fetched(url, status, b"".join(chunks), headers.get("etag"), headers.get("last-modified"),
                       headers.get("content-type"))

    def _wait_for_host(self, url: str, obey_robots: bool) -> None:
        host = _host_key(url)
        interval = self.settings.host_interval
        if obey_robots:
            interval = max(interval, self.robots.crawl_delay(url))
        with self._host_lock:
            last = self._last_request.get(host)
            now = time.monotonic()
            if last is not None and now - last < interval:
                time.sleep(interval - (now - last))
            self._last_request[host] = time.monotonic()

    def _fetch_robots(self, url: str) -> tuple[int | None, bytes]:
        try:
            fetched = self.fetch(url, obey_robots=False)
        except FetchError as exc:
            return exc.status, b""
        return fetched.status, fetched.body


class _Retryable(Exception):
    def __init__(self, error: FetchError, retry_after: float | None = None):
        self.error, self.retry_after = error, retry_after
