"""What a feed or sitemap lists: article URLs with the feed's own dates and title.

RSS and Atom go through feedparser; sitemaps (``urlset``), sitemap indexes (``sitemapindex``) and
Google News sitemaps (``news:news`` with the publication's name, date and title) through lxml,
with entities left unresolved and no network access, since a feed is hostile input like a page.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field

import feedparser
from lxml import etree

from .urls import canonical_url

SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"
NEWS_NS = "http://www.google.com/schemas/sitemap-news/0.9"
MAX_ENTRIES = 5000


class FeedError(ValueError):
    """A body that is neither a feed nor a sitemap."""


@dataclass(frozen=True)
class Entry:
    url: str                      # canonical
    published: str | None = None  # ISO 8601, as the feed gives it
    title: str | None = None
    outlet: str | None = None     # a news sitemap's publication name


@dataclass
class Listing:
    kind: str                     # "rss", "atom", "sitemap", "news-sitemap", "sitemap-index"
    title: str | None = None      # the feed's own title (its outlet, in its own words)
    entries: list[Entry] = field(default_factory=list)
    sitemaps: list[str] = field(default_factory=list)   # a sitemap index's children


def parse_listing(body: bytes, base_url: str) -> Listing:
    """Read a feed or sitemap fetched from ``base_url``; raises ``FeedError``."""
    root = _xml_root(body)
    if root is not None and etree.QName(root).localname in ("urlset", "sitemapindex"):
        return _sitemap(root, base_url)
    return _feed(body, base_url)


def _xml_root(body: bytes):
    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False, recover=False)
    try:
        return etree.fromstring(body.lstrip(), parser)
    except (etree.XMLSyntaxError, ValueError):
        return None


def _text(element, path: str) -> str | None:
    found = element.find(path, {"s": SITEMAP_NS, "n": NEWS_NS})
    return found.text.strip() if found is not None and found.text and found.text.strip() else None


def _sitemap(root, base_url: str) -> Listing:
    if etree.QName(root).localname == "sitemapindex":
        children = [canonical_url(loc, base_url) for loc in
                    (_text(item, "s:loc") for item in root.iterfind("s:sitemap", {"s": SITEMAP_NS})) if loc]
        return Listing("sitemap-index", sitemaps=[c for c in children if c][:MAX_ENTRIES])
    entries, news = [], False
    for item in root.iterfind("s:url", {"s": SITEMAP_NS}):
        url = canonical_url(_text(item, "s:loc") or "", base_url)
        if not url:
            continue
        story = item.find("n:news", {"n": NEWS_NS})
        if story is not None:
            news = True
            entries.append(Entry(url, _text(story, "n:publication_date") or _text(item, "s:lastmod"),
                                 _text(story, "n:title"), _text(story, "n:publication/n:name")))
        else:
            entries.append(Entry(url, _text(item, "s:lastmod")))
        if len(entries) >= MAX_ENTRIES:
            break
    return Listing("news-sitemap" if news else "sitemap", entries=entries)


def _iso(parsed: time.struct_time | None) -> str | None:
    # feedparser gives UTC struct_times; the feed's own offset is already applied.
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", parsed) if parsed else None


def _feed(body: bytes, base_url: str) -> Listing:
    parsed = feedparser.parse(body, response_headers={"content-location": base_url})
    if not parsed.version:
        reason = getattr(parsed.get("bozo_exception"), "args", None) or ["not a feed"]
        raise FeedError(f"neither a feed nor a sitemap: {reason[0]}")
    entries = []
    for item in parsed.entries[:MAX_ENTRIES]:
        url = canonical_url(item.get("link") or "", base_url)
        if url:
            entries.append(Entry(url, _iso(item.get("published_parsed") or item.get("updated_parsed")),
                                 item.get("title")))
    kind = "atom" if parsed.version.startswith("atom") else "rss"
    return Listing(kind, parsed.feed.get("title"), entries)
