"""What the pages' query strings say, read leniently: a form sends empty fields, and a bad value is
a message on the page rather than an error response; links that change one parameter keep the rest."""

from __future__ import annotations

from calendar import monthrange
from dataclasses import dataclass, field
from datetime import date
from urllib.parse import urlencode, urlsplit

from fastapi import Request

from ..store.queries import Filter

FILTER_PARAMS = ("outlet", "country", "type", "since", "until")


@dataclass
class PageQuery:
    """The text and filters of a search or list page, as given, and what was wrong with them."""

    values: dict[str, str]
    filter: Filter
    page: int = 1
    problems: list[str] = field(default_factory=list)

    def get(self, name: str) -> str:
        return self.values.get(name, "")

    def link(self, path: str, **changes: str | int | None) -> str:
        """``path`` with these parameters and ``changes`` (None removes one); back to page 1 unless
        ``page`` is among the changes."""
        params = {**self.values, "page": None, **{k: (None if v is None else str(v)) for k, v in changes.items()}}
        query = urlencode([(k, v) for k, v in params.items() if v not in (None, "")])
        return f"{path}?{query}" if query else path


def _date(name: str, value: str, problems: list[str]) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        problems.append(f"{name} is not a date (YYYY-MM-DD): ignored")
        return None


def _positive(name: str, value: str, default: int, problems: list[str]) -> int:
    if not value:
        return default
    if value.isdigit() and 0 < int(value) < 1_000_000:
        return int(value)
    problems.append(f"{name} is not a positive whole number: {default} used")
    return default


def page_query(request: Request, names: tuple[str, ...] = ()) -> PageQuery:
    """The filters (``FILTER_PARAMS``) and ``names`` of the request's query string."""
    given = request.query_params
    values = {name: given.get(name, "").strip() for name in ("q", *FILTER_PARAMS, *names)}
    problems: list[str] = []
    f = Filter(since=_date("since", values["since"], problems), until=_date("until", values["until"], problems),
               country=values["country"] or None, type=values["type"] or None, outlet=values["outlet"] or None)
    page = _positive("page", given.get("page", ""), 1, problems)
    return PageQuery(values, f, page, problems)


def positive(query: PageQuery, name: str, default: int) -> int:
    return _positive(name, query.get(name), default, query.problems)


def month_range(month: str) -> tuple[str, str]:
    """The first and the last day of a ``YYYY-MM`` month, as ISO dates."""
    year, number = int(month[:4]), int(month[5:7])
    return f"{month}-01", f"{month}-{monthrange(year, number)[1]:02d}"


def safe_href(url: str | None) -> str | None:
    """``url`` when it is an absolute http(s) address to link to, else None: a scraped URL may be
    ``javascript:`` or a path on the outlet's site, which must not become a link on ours."""
    if not url:
        return None
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return None
    return url.strip() if parts.scheme.lower() in ("http", "https") and parts.netloc else None
