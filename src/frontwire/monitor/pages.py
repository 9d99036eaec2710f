"""A fetched page becomes an Article by the same path as ``frontwire ingest`` (stored, like every
article, through ``store.intake``).

The body's bytes go to the readers as a file's would (``read_file_again``: the same sniffing,
charset detection, HTML extraction and cleaning), with the page's canonical URL and outlet as the
reader's options, so the stored raw input reads again through ``frontwire reanalyse`` unchanged.
"""

from __future__ import annotations

from typing import Iterator

from ..ingest.errors import InputError
from ..ingest.readers import DEFAULT_MAX_BYTES, read_file_again
from ..model import Article
from .fetch import FetchError, Fetched, Fetcher, FetchSettings
from .urls import canonical_url


def read_page(fetched: Fetched, outlet: str | None = None, verbatim: bool = False,
              max_bytes: int = DEFAULT_MAX_BYTES, feed_date: str | None = None) -> Article | InputError:
    """The article of a fetched page. ``feed_date``: the date the feed or sitemap gave it, the
    article's date when the page itself (its metadata, its dateline, its URL) gives none."""
    url = canonical_url(fetched.url) or fetched.url
    options = {"source": url, "outlet": outlet, "url": url, "verbatim": verbatim, "max_bytes": max_bytes}
    if feed_date:
        options["published"] = feed_date   # kept with the raw input, for reanalyse to give it again
    item = read_file_again(fetched.body, options)
    if isinstance(item, Article) and feed_date and not item.published:
        item.published, item.published_source = feed_date, "feed"
    return item


def read_url(url: str, outlet: str | None = None, verbatim: bool = False, max_bytes: int = DEFAULT_MAX_BYTES,
             fetcher: Fetcher | None = None) -> Iterator[Article | InputError]:
    """``frontwire ingest https://...``: the page at ``url`` as the readers' stream gives a file
    (an Article or an InputError, never an exception). A fetcher is made (and closed) when none is
    given: robots.txt obeyed, addresses as ``$FRONTWIRE_FETCH_ALLOW`` allows."""
    own = fetcher is None
    fetcher = fetcher or Fetcher(FetchSettings(max_bytes=max_bytes))
    try:
        fetched = fetcher.fetch(url)
    except FetchError as exc:
        yield InputError(url, f"not fetched: {exc.reason}")
        return
    finally:
        if own:
            fetcher.close()
    yield read_page(fetched, outlet=outlet, verbatim=verbatim, max_bytes=max_bytes)

