"""Reading the store to browse it: full-text search with facets, an article's incidents, the weekly
timeline, the store's figures, and the outlets, actors and places it knows. The HTTP API and the
web pages both read through here, over a read connection.

Full text is SQLite's FTS5 index ``articles_fts`` or PostgreSQL's ``search_vector`` column (both
built by migration 0002). A snippet marks the words found with two control characters that cleaned
text never holds; they are taken out of the text before marking where the database allows it
(PostgreSQL), and where it does not (SQLite's snippet reads the stored text) an article that holds
one anyway is marked with another pair it does not hold. The marks become ``Segment``s: text is
never turned into markup here, so a page escapes every segment as it escapes any other text.
(PostgreSQL's ``ts_headline`` leaves out what its parser takes for HTML tags: a snippet there can
be a little shorter than the text it comes from, never longer.)
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any, NamedTuple

from sqlalchemy import (Connection, ColumnElement, FromClause, Select, and_, bindparam, column, distinct, func,
                        literal_column, or_, select, table)

from ..model import day_of
from . import tables
from .queries import Filter, article_conditions, event_select

_articles, _outlets, _events = tables.articles.c, tables.outlets.c, tables.events.c
_incidents, _members = tables.incidents.c, tables.incident_events.c

# Pairs that mark a found word in a snippet, tried in order: the first pair an article's text does
# not hold is used. Control characters first (cleaning removes them), then Unicode noncharacters.
MARKS = (("\x02", "\x03"), ("\ufdd0", "\ufdd1"), ("\ufdd2", "\ufdd3"))
SNIPPET_WORDS = 16
ELLIPSIS = " … "
FACETS = ("outlet", "country", "sub_event_type", "month")
FACET_SIZE = 20


class Segment(NamedTuple):
    text: str
    match: bool


class Facet(NamedTuple):
    value: str
    count: int


class SearchHit(NamedTuple):
    article_id: str
    title: str | None
    outlet: str | None
    published: str | None
    url: str | None
    snippet: list[Segment]


class SearchResult(NamedTuple):
    total: int
    hits: list[SearchHit]
    facets: dict[str, list[Facet]]


class ArticleIncident(NamedTuple):
    event_id: str
    incident_id: str
    n_outlets: int


@dataclass
class Week:
    week: str  # the ISO date of its Monday
    counts: dict[str, int] = field(default_factory=dict)


class Timeline(NamedTuple):
    weeks: list[Week]
    undated: int


class Listing(NamedTuple):
    """One page of a list, with the number of items in the whole list."""
    total: int
    items: list[Any]


class Actor(NamedTuple):
    actor_id: str | None
    name: str
    events: int


class Place(NamedTuple):
    name: str
    lat: float | None
    lon: float | None
    country: str | None
    admin1: str | None
    geo_precision: int | None
    articles: int


# -- full-text search ------------------------------------------------------------------------------

def search_words(q: str) -> list[str]:
    """The words of a query: what a user types is words, never query syntax."""
    return q.split()


def segments(snippet: str, start: str, end: str) -> list[Segment]:
    """A snippet whose found words sit between ``start`` and ``end`` marks, as segments."""
    out: list[Segment] = []
    for index, part in enumerate(snippet.split(start)):
        found, _, rest = part.partition(end) if index else ("", "", part)
        for text, match in ((found, True), (rest, False)):
            if not text:
                continue
            if out and out[-1].match == match:
                out[-1] = Segment(out[-1].text + text, match)
            else:
                out.append(Segment(text, match))
    return out


class _FullText:
    """The dialect's full-text match, rank and snippet for one query."""

    def __init__(self, connection: Connection, q: str) -> None:
        self.sqlite = connection.dialect.name == "sqlite"
        words = search_words(q)
        if self.sqlite:
            self.fts = table("articles_fts", column("rowid"), column("rank"))
            fts5_query = " ".join('"' + word.replace('"', '""') + '"' for word in words)
            self.source: FromClause = self.fts.join(tables.articles, _articles.seq == self.fts.c.rowid)
            self.match = literal_column("articles_fts").op("MATCH")(bindparam("fts_query", fts5_query))
            self.order = (self.fts.c.rank, _articles.seq)
        else:
            # plainto_tsquery: every word, none of them operators (websearch_to_tsquery reads "or", "-", quotes).
            self.tsquery = func.plainto_tsquery("simple", bindparam("ts_query", " ".join(words)))
            vector = literal_column("articles.search_vector")
            self.source = tables.articles
            self.match = vector.op("@@")(self.tsquery)
            self.order = (func.ts_rank(vector, self.tsquery).desc(), _articles.seq)
        self.source = self.source.outerjoin(tables.outlets, _articles.outlet_id == _outlets.id)

    def snippet(self, start: str, end: str) -> ColumnElement:
        if self.sqlite:
            return func.snippet(literal_column("articles_fts"), 1, start, end, ELLIPSIS, SNIPPET_WORDS)
        text = func.replace(func.replace(_articles.text, MARKS[0][0], ""), MARKS[0][1], "")
        options = (f'StartSel="{start}", StopSel="{end}", MaxWords={SNIPPET_WORDS + 8}, MinWords=8, '
                   f'MaxFragments=1, FragmentDelimiter="{ELLIPSIS}"')
        return func.ts_headline("simple", text, self.tsquery, options)

    def holds_marks(self) -> ColumnElement:
        """Whether an article's text holds the first pair of marks itself."""
        if not self.sqlite:
            return literal_column("false")
        return or_(func.instr(_articles.text, MARKS[0][0]) > 0, func.instr(_articles.text, MARKS[0][1]) > 0)

    def select(self, f: Filter, *columns) -> Select:
        return select(*columns).select_from(self.source).where(and_(self.match, *article_conditions(f)))


def search(connection: Connection, q: str, f: Filter = Filter(), *, limit: int = 20, offset: int = 0) -> SearchResult:
    """Articles whose title or text holds every word of ``q`` and that ``f`` matches (outlet,
    country, type, since/until on publication), best first, with a snippet and the facets of all
    hits. A query without words finds nothing."""
    if not search_words(q):
        return SearchResult(0, [], {name: [] for name in FACETS})
    full_text = _FullText(connection, q)
    total = connection.execute(full_text.select(f, func.count(_articles.seq))).scalar_one()
    start, end = MARKS[0]
    page = full_text.select(
        f, _articles.seq, _articles.id, _articles.title, func.coalesce(_outlets.name, _articles.outlet).label("outlet"),
        _articles.published, _articles.url, full_text.snippet(start, end).label("snippet"),
        full_text.holds_marks().label("holds_marks"),
    ).order_by(*full_text.order).limit(limit).offset(offset)
    hits = []
    for row in connection.execute(page):
        snippet = segments(row.snippet or "", start, end) if not row.holds_marks \
            else _snippet_with_other_marks(connection, full_text, row.seq)
        hits.append(SearchHit(row.id, row.title, row.outlet, row.published, row.url, snippet))
    return SearchResult(total, hits, _facets(connection, full_text.select(f, _articles.seq)))


def _snippet_with_other_marks(connection: Connection, full_text: _FullText, seq: int) -> list[Segment]:
    text = connection.execute(select(_articles.text).where(_articles.seq == seq)).scalar_one()
    for start, end in MARKS[1:]:
        if start not in text and end not in text:
            snippet = connection.execute(full_text.select(Filter(), full_text.snippet(start, end))
                                         .where(_articles.seq == seq)).scalar_one()
            return segments(snippet or "", start, end)
    # Text that holds every pair of marks was written to defeat this: show it unmarked.
    return [Segment(text[:200], False)]


def _facets(connection: Connection, hits: Select) -> dict[str, list[Facet]]:
    in_hits = _articles.seq.in_(hits)
    outlet = func.coalesce(_outlets.name, _articles.outlet)
    month = func.substr(_articles.published, 1, 7)
    by_article = tables.articles.outerjoin(tables.outlets, _articles.outlet_id == _outlets.id)
    by_event = tables.events.join(tables.articles, _events.article_id == _articles.id)
    queries = {
        "outlet": (outlet, func.count(_articles.seq), by_article),
        "country": (_events.country, func.count(distinct(_articles.seq)), by_event),
        "sub_event_type": (_events.sub_event_type, func.count(distinct(_articles.seq)), by_event),
        "month": (month, func.count(_articles.seq), tables.articles),
    }
    facets = {}
    for name, (value, count, source) in queries.items():
        statement = (select(value.label("value"), count.label("count")).select_from(source)
                     .where(in_hits, value.is_not(None)).group_by(value))
        if name == "month":
            statement = statement.where(func.length(value) == 7).order_by(value.desc())
        else:
            statement = statement.order_by(count.desc(), value)
        facets[name] = [Facet(row.value, row.count) for row in connection.execute(statement.limit(FACET_SIZE))]
    return facets


# -- one article -----------------------------------------------------------------------------------

def article_incidents(connection: Connection, article_id: str) -> list[ArticleIncident]:
    """The incidents the article's events belong to, in the article's event order."""
    statement = (select(_members.event_id, _members.incident_id, _incidents.n_outlets)
                 .select_from(tables.incident_events.join(tables.incidents, _incidents.id == _members.incident_id)
                              .outerjoin(tables.events, _events.id == _members.event_id))
                 .where(_members.article_id == article_id)
                 .order_by(_events.position, _members.event_id))
    return [ArticleIncident(*row) for row in connection.execute(statement)]


# -- the timeline and the store's figures ------------------------------------------------------------

def timeline(connection: Connection, f: Filter = Filter()) -> Timeline:
    """Events ``f`` matches per week (Monday to Sunday) and sub-event type; ``undated`` counts
    those without a full date. Counted by day in SQL, gathered into weeks here (any dialect)."""
    by_day = (event_select(f, _events.date, _events.sub_event_type, func.count(_events.id).label("n"))
              .group_by(_events.date, _events.sub_event_type))
    weeks: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    undated = 0
    for row in connection.execute(by_day):
        day = day_of(row.date)
        if day is None:
            undated += row.n
            continue
        weeks[(day - timedelta(days=day.weekday())).isoformat()][row.sub_event_type] += row.n
    return Timeline([Week(week, dict(sorted(counts.items()))) for week, counts in sorted(weeks.items())], undated)


def stats(connection: Connection) -> dict[str, Any]:
    """The store's figures: how many articles, events, incidents and outlets, the incidents that
    two outlets or more reported, the span of event dates, events by sub-event type and country."""
    def count(statement) -> int:
        return connection.execute(statement).scalar_one()

    dated = select(func.min(_events.date), func.max(_events.date)).where(func.length(_events.date) >= 10)
    first, last = connection.execute(dated).one()

    def events_by(column_: ColumnElement) -> dict[str, int]:
        statement = (select(column_, func.count(_events.id)).where(column_.is_not(None))
                     .group_by(column_).order_by(func.count(_events.id).desc(), column_))
        return {value: n for value, n in connection.execute(statement)}

    return {
        "articles": count(select(func.count(_articles.seq))),
        "events": count(select(func.count(_events.id))),
        "incidents": count(select(func.count(_incidents.seq))),
        "outlets": count(select(func.count(_outlets.id))),
        "incidents_multi_outlet": count(select(func.count(_incidents.seq)).where(_incidents.n_outlets >= 2)),
        "first_event_date": first[:10] if first else None,
        "last_event_date": last[:10] if last else None,
        "events_by_sub_event_type": events_by(_events.sub_event_type),
        "events_by_country": events_by(_events.country),
    }


# -- reference lists ---------------------------------------------------------------------------------

OUTLET_PROFILE = ("key", "domain", "name", "country", "state_affiliated", "bias", "factual_reporting",
                  "credibility", "rated_by")


def outlets(connection: Connection) -> list[dict[str, Any]]:
    """Every outlet's profile (the ``outlets`` table) and how many stored articles it has, by name."""
    statement = (select(*(_outlets[name] for name in OUTLET_PROFILE), func.count(_articles.seq).label("articles"))
                 .select_from(tables.outlets.outerjoin(tables.articles, _articles.outlet_id == _outlets.id))
                 .group_by(*(_outlets[name] for name in OUTLET_PROFILE), _outlets.id)
                 .order_by(func.lower(func.coalesce(_outlets.name, _outlets.key)), _outlets.id))
    return [dict(row._mapping) for row in connection.execute(statement)]


def _contains(value: ColumnElement, q: str) -> ColumnElement:
    """``value`` holds ``q``, ignoring case; ``q``'s own % and _ are plain characters."""
    escaped = q.lower().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return func.lower(value).like(f"%{escaped}%", escape="\\")


def _listing(connection: Connection, statement: Select, order: tuple, limit: int, offset: int, item) -> Listing:
    total = connection.execute(select(func.count()).select_from(statement.subquery())).scalar_one()
    rows = connection.execute(statement.order_by(*order).limit(limit).offset(offset))
    return Listing(total, [item(*row) for row in rows])


def actors(connection: Connection, q: str | None = None, *, limit: int = 50, offset: int = 0) -> Listing:
    """The actors events name (as actor1 or actor2), with their knowledge-base id where they have
    one and how many events name them, most named first; ``q``: a part of the name or the id."""
    sides = [select(_events[f"actor{n}_id"].label("actor_id"), _events[f"actor{n}"].label("name"),
                    _events.id.label("event_id")).where(_events[f"actor{n}"].is_not(None)) for n in (1, 2)]
    named = sides[0].union_all(sides[1]).subquery()
    events_named = func.count(distinct(named.c.event_id))
    statement = select(named.c.actor_id, named.c.name, events_named.label("events")).group_by(
        named.c.actor_id, named.c.name)
    if q:
        statement = statement.where(or_(_contains(named.c.name, q), named.c.actor_id == q))
    order = (events_named.desc(), named.c.name, named.c.actor_id)
    return _listing(connection, statement, order, limit, offset, Actor)


def places(connection: Connection, q: str | None = None, *, limit: int = 50, offset: int = 0) -> Listing:
    """The places articles mention, as the gazetteer resolved them, with how many articles mention
    each, most mentioned first; ``q``: a part of the name."""
    _places = tables.places.c
    key = (_places.name, _places.lat, _places.lon, _places.country, _places.admin1, _places.geo_precision)
    mentioned = func.count(distinct(_places.article_id))
    statement = select(*key, mentioned.label("articles")).group_by(*key)
    if q:
        statement = statement.where(_contains(_places.name, q))
    order = (mentioned.desc(), *key)
    return _listing(connection, statement, order, limit, offset, Place)
