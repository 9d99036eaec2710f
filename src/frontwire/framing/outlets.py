"""The "source" component: who published the article, and how raters judge that outlet.

The outlet is resolved, in this order, from the URL's domain (subdomains fall
back to the domain they belong to: english.farsnews.ir -> farsnews.ir), from
a given ``article.outlet`` (a name, abbreviation or domain), and from the
agency credits ("..., FNA reported." -> Fars News Agency). Its profile comes
from ``data/outlets.csv``, built by ``scripts/build_outlets.py`` from the
mbfc_idiap ratings plus frontwire's own curated rows (see
``data/outlets.SOURCES.md``). A rating the reference data does not hold stays
null: the profile never guesses.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from urllib.parse import urlsplit

from ..model import Article, SourceProfile
from ..registry import component

_RATING_FIELDS = ("bias", "factual_reporting", "credibility", "rated_by")
# A credit this close to the start is a dateline credit ("BEIRUT (Reuters) -"),
# which names the author of the whole article, unlike a source cited in passing.
_LEAD_CHARS = 300


@dataclass
class _Table:
    by_domain: dict[str, dict] = field(default_factory=dict)
    by_name: dict[str, dict] = field(default_factory=dict)


def _name_key(name: str) -> str:
    """One key for "Al-Manar", "al manar" and "The Al Manar"."""
    key = re.sub(r"[\s\-–—_.'’`]+", " ", name.casefold()).strip()
    return key.removeprefix("the ")


@lru_cache(maxsize=1)
def _table() -> _Table:
    table = _Table()
    with resources.files(__package__).joinpath("data", "outlets.csv").open(encoding="utf-8", newline="") as handle:
        for raw in csv.DictReader(handle):
            row = {k: (v or None) for k, v in raw.items()}
            row["aliases"] = raw["aliases"].split("|") if raw["aliases"] else []
            table.by_domain[raw["domain"]] = row
        # Aliases sit only on an outlet's main row, so they claim names first;
        # a bare name then falls to the first of its rows.
        for row in table.by_domain.values():
            for alias in row["aliases"]:
                table.by_name.setdefault(_name_key(alias), row)
        for row in table.by_domain.values():
            if row["name"]:
                table.by_name.setdefault(_name_key(row["name"]), row)
    return table


def host_of(url_or_domain: str) -> str | None:
    """The lower-case host of a URL or bare domain, without port or "www."."""
    value = url_or_domain.strip()
    if not value or " " in value:
        return None
    if "//" not in value:
        value = "//" + value
    try:
        host = urlsplit(value).hostname
    except ValueError:
        return None
    if not host or "." not in host:
        return None
    host = host.rstrip(".")
    return re.sub(r"^www\d*\.", "", host)


def _match_domain(host: str) -> dict | None:
    """The row of the host or of the nearest domain it is a subdomain of."""
    labels = host.split(".")
    by_domain = _table().by_domain
    for i in range(len(labels) - 1):
        row = by_domain.get(".".join(labels[i:]))
        if row:
            return row
    return None


def lookup_outlet(name_or_domain: str | None) -> dict | None:
    """The table row for an outlet name, credit abbreviation, domain or URL (case-insensitive), or None.

    The row is a copy: ``aliases`` a list, empty fields None.
    """
    if not name_or_domain or not name_or_domain.strip():
        return None
    row = _table().by_name.get(_name_key(name_or_domain))
    if row is None:
        host = host_of(name_or_domain)
        row = _match_domain(host) if host else None
    return dict(row, aliases=list(row["aliases"])) if row else None


def _credit_rank(article: Article, start: int | None) -> tuple[int, int]:
    """Lower is better: a credit line of its own, then the dateline, then the closing paragraph, then the rest."""
    if start is None:
        return (0, 0)
    if start < _LEAD_CHARS:
        return (1, start)
    last_paragraph = article.paragraphs[-1].start if article.paragraphs else len(article.text)
    return (2, start) if start >= last_paragraph else (3, start)


def _credits(article: Article) -> list[tuple[str, int | None]]:
    if article.credits:
        return [(c.name, c.start) for c in article.credits]
    # Without cleaning nothing has read the credits yet; read them the same way.
    from ..ingest.credits import find_credits

    return [(c.name, c.start) for c in find_credits(article.text)]


def resolve(article: Article) -> tuple[dict | None, str | None]:
    """(table row, resolved_from) for the article's outlet; (None, None) when nothing matches."""
    if article.url:
        host = host_of(article.url)
        row = _match_domain(host) if host else None
        if row:
            return row, "url"
    if article.outlet:
        row = lookup_outlet(article.outlet)
        if row:
            return row, "outlet"
    ranked = sorted(_credits(article), key=lambda credit: _credit_rank(article, credit[1]))
    for name, _ in ranked:
        row = lookup_outlet(name)
        if row:
            return row, "credit"
    return None, None


def profile(article: Article) -> SourceProfile | None:
    row, resolved_from = resolve(article)
    if row is not None:
        return SourceProfile(
            domain=row["domain"], name=row["name"], country=row["country"],
            state_affiliated=row.get("state_affiliated") or None, resolved_from=resolved_from, **{k: row[k] for k in _RATING_FIELDS},
        )
    # An outlet outside the table is still named, with every rating left null.
    host = host_of(article.url) if article.url else None
    given = article.outlet.strip() if article.outlet and article.outlet.strip() else None
    if host:
        return SourceProfile(domain=host, name=given, resolved_from="url")
    if given:
        return SourceProfile(name=given, resolved_from="outlet")
    return None


@component("source", requires=["text"], assigns=["source_profile"], amends=["outlet"], uses=["outlets"])
class SourceProfiler:
    """Who tells it: the outlet's country, state affiliation and reliability ratings."""

    def __init__(self, config=None):
        _table()  # load once, at pipeline build time, not on the first article

    def __call__(self, work) -> None:
        article = work.article
        article.source_profile = profile(article)
        if not article.outlet and article.source_profile is not None:
            article.outlet = article.source_profile.name or article.source_profile.domain

