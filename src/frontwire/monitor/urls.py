"""One URL per story: the same article reached from a feed, a sitemap and a redirect is stored once.

courlan normalises (scheme and host lowercased, default port dropped, query parameters sorted,
tracking parameters such as utm_* and fbclid removed); the fragment never names another page.
"""

from __future__ import annotations

from urllib.parse import urldefrag, urljoin

from courlan import normalize_url

# Longer URLs are refused: they are not article addresses, and an index on them would overflow.
MAX_URL_LENGTH = 2048


def canonical_url(url: str, base: str | None = None) -> str | None:
    """The canonical form of ``url`` (made absolute against ``base``), or None when it is not an
    http(s) URL of reasonable length."""
    url = (url or "").strip()
    if base:
        url = urljoin(base, url)
    if not url.lower().startswith(("http://", "https://")) or len(url) > MAX_URL_LENGTH:
        return None
    try:
        normalised = normalize_url(url)
    except (ValueError, AttributeError):
        return None
    return urldefrag(normalised).url
