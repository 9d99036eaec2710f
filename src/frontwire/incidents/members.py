"""What an incident is made of, read from the store: its events with their articles, and the
framing and quotes of those articles.

One query each for member events (joined to articles and outlet profiles), framing spans and
quotes, for a batch of incidents at once. ``articles.duplicate_of`` (the near-duplicates
extension's column) is read where the schema has it: an article that is a near-copy of another
article of the same incident is not a second outlet's own report.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any, Optional, Sequence

from sqlalchemy import Connection, func, select

from ..store import tables

EVENT_FIELDS = ("event_type", "sub_event_type", "actor1", "actor1_id", "actor1_inter", "actor1_inferred", "actor2",
                "actor2_id", "actor2_inter", "location", "lat", "lon", "admin1", "country", "geo_precision", "date",
                "time_precision", "fatalities", "civilian_fatalities", "means", "claimed_by", "certainty", "confidence")
PROFILE_FIELDS = ("domain", "name", "country", "state_affiliated", "bias", "factual_reporting", "credibility",
                  "rated_by")


@dataclass
class Article:
    id: str
    seq: int
    source: Optional[str]
    outlet: Optional[str]
    url: Optional[str]
    published: Optional[str]
    title: Optional[str]
    outlet_id: Optional[int]
    outlet_key: Optional[str]
    profile: Optional[dict[str, Any]]
    duplicate_of: Optional[str]
    framing: dict[str, int] = field(default_factory=dict)  # technique -> spans in the article
    quotes: list[dict[str, Any]] = field(default_factory=list)  # all the article's quotes, in its order


@dataclass
class Member:
    """One event of an incident, with its article."""

    event_id: str
    position: int
    event: dict[str, Any]
    evidence: dict[str, Any]
    article: Article

    @property
    def arrival(self) -> tuple[int, int]:
        return (self.article.seq, self.position)


def _duplicate_of_column():
    return tables.articles.c.get("duplicate_of")


def load(connection: Connection, incident_ids: Sequence[str]) -> dict[str, list[Member]]:
    """incident id -> its members in order of arrival."""
    members, events, articles, outlets = tables.incident_events, tables.events, tables.articles, tables.outlets
    duplicate_of = _duplicate_of_column()
    columns = [members.c.incident_id, events.c.id, events.c.position, events.c.evidence_sentence,
               events.c.evidence_start, events.c.evidence_end, *(events.c[name] for name in EVENT_FIELDS),
               articles.c.id.label("a_id"), articles.c.seq, articles.c.source, articles.c.outlet, articles.c.url,
               articles.c.published, articles.c.title, articles.c.outlet_id, outlets.c.key.label("o_key"),
               *(outlets.c[name].label(f"o_{name}") for name in PROFILE_FIELDS)]
    if duplicate_of is not None:
        columns.append(duplicate_of.label("duplicate_of"))
    query = (select(*columns).select_from(members)
             .join(events, events.c.id == members.c.event_id)
             .join(articles, articles.c.id == events.c.article_id)
             .outerjoin(outlets, outlets.c.id == articles.c.outlet_id)
             .where(members.c.incident_id.in_(list(incident_ids))))
    found: dict[str, list[Member]] = defaultdict(list)
    by_article: dict[str, Article] = {}
    for row in connection.execute(query).mappings():
        article = by_article.get(row["a_id"])
        if article is None:
            profile = {name: row[f"o_{name}"] for name in PROFILE_FIELDS} if row["o_key"] is not None else None
            article = by_article[row["a_id"]] = Article(
                id=row["a_id"], seq=row["seq"], source=row["source"], outlet=row["outlet"], url=row["url"],
                published=row["published"], title=row["title"], outlet_id=row["outlet_id"], outlet_key=row["o_key"],
                profile=profile, duplicate_of=row.get("duplicate_of"))
        found[row["incident_id"]].append(Member(
            event_id=row["id"], position=row["position"], event={name: row[name] for name in EVENT_FIELDS},
            evidence={"sentence": row["evidence_sentence"], "start": row["evidence_start"], "end": row["evidence_end"]},
            article=article))
    _add_framing(connection, by_article)
    _add_quotes(connection, by_article)
    return {incident_id: sorted(items, key=lambda m: m.arrival) for incident_id, items in found.items()}


def _add_framing(connection: Connection, by_article: dict[str, Article]) -> None:
    spans = tables.framing_spans
    query = (select(spans.c.article_id, spans.c.technique, func.count()).where(spans.c.article_id.in_(list(by_article)))
             .group_by(spans.c.article_id, spans.c.technique))
    for article_id, technique, n in connection.execute(query):
        by_article[article_id].framing[technique] = n


def _add_quotes(connection: Connection, by_article: dict[str, Article]) -> None:
    quotes = tables.quotes
    query = (select(quotes.c.article_id, quotes.c.text, quotes.c.start_offset, quotes.c.end_offset, quotes.c.kind,
                    quotes.c.speaker, quotes.c.speaker_id, quotes.c.cue)
             .where(quotes.c.article_id.in_(list(by_article))).order_by(quotes.c.article_id, quotes.c.position))
    for row in connection.execute(query):
        by_article[row.article_id].quotes.append({
            "article": row.article_id, "text": row.text, "start": row.start_offset, "end": row.end_offset,
            "kind": row.kind, "speaker": row.speaker, "speaker_id": row.speaker_id, "cue": row.cue})
