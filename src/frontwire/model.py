"""The Article and its layers: the one schema every component reads and writes.

Every span carries ``start``/``end`` character offsets into ``Article.text``
(end exclusive), so any claim frontwire makes can be checked against the text.
The JSON Schema in ``docs/article.schema.json`` is generated from these models
(``frontwire schema``) and every CLI output is validated against it in tests.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field as dataclass_field
from datetime import date
from typing import Any, Literal, Optional

from pydantic import BaseModel, ConfigDict, Field, PrivateAttr

SCHEMA_VERSION = "2"


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", validate_assignment=False)


class Span(_Model):
    start: int = Field(ge=0, description="offset of the first character in `text`")
    end: int = Field(ge=0, description="offset after the last character in `text`")


class Credit(_Model):
    """An agency credit such as "FNA", "Reuters", "SANA"."""

    name: str = Field(description="the agency as written, normalised (e.g. 'FNA', 'Reuters')")
    start: Optional[int] = Field(None, description="offset in `text`, null when the credit stood on a removed line")
    end: Optional[int] = None


class Related(_Model):
    """A related-article record recovered from scraping debris (e.g. a leaked var_dump)."""

    id: Optional[str] = None
    title: Optional[str] = None
    url: Optional[str] = None
    media_type: Optional[Literal["video", "image", "audio", "article"]] = None
    date: Optional[str] = Field(None, description="ISO date, taken from the path where it has one")


class Removed(_Model):
    """Something cleaning took out of the body, kept so nothing is silently lost."""

    kind: str = Field(description="repeated_title, dateline, debug_dump, share_tail, copyright, read_more, credit_line, ...")
    text: str


class Entity(_Model):
    """A named or labelled participant: a known actor, a generic label, or another named entity."""

    text: str
    start: int
    end: int
    kind: Literal["actor", "label", "person", "organization", "place", "other"] = Field(
        description="actor: resolved to the knowledge base; label: a generic or pejorative label "
        "('terrorists', 'rebels'); the rest come from general named-entity recognition"
    )
    actor_id: Optional[str] = Field(None, description="knowledge-base id when resolved")
    canonical: Optional[str] = Field(None, description="canonical name when resolved")
    actor_type: Optional[str] = Field(None, description="state forces, rebel group, ... (knowledge base)")
    inter: Optional[int] = Field(None, description="ACLED inter code 1-8")
    country: Optional[str] = None
    ner_label: Optional[str] = Field(None, description="spaCy label for entities found by NER")
    linked_to: Optional[str] = Field(None, description="for labels: the actor id the text itself links it to")


class Mention(_Model):
    text: str
    start: int
    end: int


class Place(_Model):
    name: str
    lat: Optional[float] = None
    lon: Optional[float] = None
    country: Optional[str] = Field(None, description="ISO 3166-1 alpha-2 code")
    country_name: Optional[str] = None
    admin1: Optional[str] = None
    feature: Optional[str] = Field(None, description="country, admin1, city, town, village, camp, district, ...")
    geo_precision: Optional[int] = Field(None, ge=1, le=3, description="ACLED: 1 the place itself, 2 near it / part of a region, 3 a province or larger")
    geonameid: Optional[int] = None
    source: Optional[str] = Field(None, description="geonames or the curated conflict layer")
    mentions: list[Mention] = Field(default_factory=list)


class DateMention(_Model):
    """A date expression resolved against `published`."""

    text: str
    start: int
    end: int
    value: Optional[str] = Field(None, description="ISO date (YYYY-MM-DD), the first day of a week or month")
    precision: Optional[Literal["day", "week", "month", "year"]] = None


class Quote(_Model):
    text: str = Field(description="what is said (the quoted words or the reported content)")
    start: int
    end: int
    kind: Literal["direct", "reported"]
    speaker: Optional[str] = None
    speaker_start: Optional[int] = None
    speaker_end: Optional[int] = None
    speaker_id: Optional[str] = Field(None, description="actor id when the speaker is in the knowledge base")
    speaker_canonical: Optional[str] = None
    cue: Optional[str] = Field(None, description="the cue verb or phrase: said, according to, reported, ...")
    date: Optional[str] = Field(None, description="when it was said, ISO date, where the text says")


class Evidence(_Model):
    sentence: str
    start: int
    end: int


class Event(_Model):
    id: str = Field("", description="stable id: the article's id, the evidence span and the sub-event type")
    event_type: str
    sub_event_type: str
    actor1: Optional[str] = None
    actor1_id: Optional[str] = None
    actor1_inter: Optional[int] = None
    actor1_inferred: Optional[bool] = Field(None, description="true when the text does not name actor1 and it was inferred from the means or the article's context")
    actor2: Optional[str] = None
    actor2_id: Optional[str] = None
    actor2_inter: Optional[int] = None
    location: Optional[str] = None
    lat: Optional[float] = None
    lon: Optional[float] = None
    admin1: Optional[str] = None
    country: Optional[str] = None
    geo_precision: Optional[int] = None
    date: Optional[str] = None
    time_precision: Optional[int] = Field(None, ge=1, le=3, description="1 day, 2 week, 3 month")
    fatalities: Optional[int] = None
    civilian_fatalities: Optional[int] = None
    means: Optional[str] = None
    claimed_by: Optional[str] = None
    certainty: Optional[Literal["fact", "claimed", "reported", "denied", "hedged"]] = None
    cameo: Optional[str] = None
    confidence: float = Field(0.5, ge=0, le=1)
    evidence: Evidence


class FramingSpan(_Model):
    technique: str
    text: str
    start: int
    end: int
    score: float = Field(ge=0, le=1)


class SourceProfile(_Model):
    domain: Optional[str] = None
    name: Optional[str] = None
    country: Optional[str] = None
    state_affiliated: Optional[Literal["yes", "no", "unknown"]] = Field(None, description="whether the outlet is run by a state or a party to a conflict")
    bias: Optional[str] = None
    factual_reporting: Optional[str] = None
    credibility: Optional[str] = None
    rated_by: Optional[str] = None
    resolved_from: Optional[Literal["url", "outlet", "credit"]] = None


class Extraction(_Model):
    """How the body was obtained: which reader, and which method won."""

    reader: str = Field(description="text, html, jsonl, warc")
    method: Optional[str] = Field(None, description="e.g. trafilatura, trafilatura-recall, readability, lxml-text, verbatim")


class ComponentRun(_Model):
    name: str
    config: dict[str, Any] = Field(default_factory=dict, description="the component's full config, defaults included")


class ComponentFailure(_Model):
    component: str
    error: str = Field(description="the exception's type and message")


class Analysis(_Model):
    """What produced this Article, so a stored one can be compared with, or redone by, a newer pipeline."""

    frontwire_version: str
    components: list[ComponentRun] = Field(description="the components that ran, in order, with their config")
    resources: dict[str, str] = Field(
        default_factory=dict,
        description="digest of each table or model the components read (actors, places, lexicons, outlets, "
        "framing_models) and the spaCy model's version",
    )
    failed: list[ComponentFailure] = Field(
        default_factory=list, description="components that raised on this article: their layers are missing")


def _sha(*parts: str) -> str:
    h = hashlib.sha256()
    for part in parts:
        h.update(part.encode("utf-8", "surrogatepass"))
        h.update(b"\x00")
    return h.hexdigest()


def day_of(value: Optional[str]) -> Optional[date]:
    """The day of an ISO date or date-time ("2017-04-05", "2014-11-26T10:07:00"), as an Event's
    ``date`` or an Article's ``published`` hold it; None for no value or a partial one ("2016-09")."""
    if not value:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


@dataclass(frozen=True)
class RawInput:
    """The bytes a reader made an article from, and how to read them again (``ingest.raw``).

    ``kind``: "file" (a whole file, as given), "json-record" (one JSON object of a JSON or JSON
    Lines file), "warc-record" (one WARC record), "article" (an Article's JSON, for articles made
    by code rather than read). ``options``: the reader's arguments (source, outlet, url, verbatim).
    """
    data: bytes
    kind: str
    options: dict[str, Any] = dataclass_field(default_factory=dict)


class Article(_Model):
    # Not part of the schema: what the reader read, for the store to keep (``raw_input``).
    _raw_input: Optional[RawInput] = PrivateAttr(default=None)

    schema_version: str = SCHEMA_VERSION
    id: str = Field("", description="stable identity: a hash of the URL where there is one, else of the raw input; "
                    "unchanged when the article is analysed again")
    input_digest: Optional[str] = Field(None, description="sha256 of the raw input as read (the record's bytes)")
    content_digest: Optional[str] = Field(None, description="hash of url, title and cleaned text: changes when cleaning does")
    source: Optional[str] = Field(None, description="the input it was read from: path, path:line, or '-'")
    outlet: Optional[str] = None
    url: Optional[str] = None
    title: Optional[str] = None
    published: Optional[str] = Field(None, description="ISO 8601, no time zone invented")
    published_source: Optional[str] = Field(None, description="dateline, html-meta, url, given, ...")
    language: Optional[str] = None
    text: str = ""
    paragraphs: list[Span] = Field(default_factory=list)
    credits: list[Credit] = Field(default_factory=list)
    related: list[Related] = Field(default_factory=list)
    removed: list[Removed] = Field(default_factory=list)
    warnings: list[str] = Field(default_factory=list)
    extraction: Optional[Extraction] = None
    entities: list[Entity] = Field(default_factory=list)
    places: list[Place] = Field(default_factory=list)
    dates: list[DateMention] = Field(default_factory=list)
    quotes: list[Quote] = Field(default_factory=list)
    events: list[Event] = Field(default_factory=list)
    framing: list[FramingSpan] = Field(default_factory=list)
    source_profile: Optional[SourceProfile] = None
    analysis: Optional[Analysis] = None

    def identify(self) -> str:
        """Give the article its identity, before cleaning: the URL says which article it is; without
        one, the raw input does (its digest, taken from the text as given when no reader set it)."""
        if not self.input_digest:
            self.input_digest = _sha(self.text)
        if not self.id:
            self.id = _sha("url", self.url.strip())[:16] if self.url and self.url.strip() else self.input_digest[:16]
        return self.id

    @property
    def raw_input(self) -> Optional[RawInput]:
        return self._raw_input

    def keep_raw_input(self, raw: RawInput) -> "Article":
        self._raw_input = raw
        return self

    def compute_content_digest(self) -> str:
        self.content_digest = _sha(self.url or "", self.title or "", self.text)[:16]
        return self.content_digest

    def set_paragraphs(self) -> None:
        """Paragraph spans from the text, paragraphs being separated by blank lines."""
        spans, pos = [], 0
        for block in self.text.split("\n\n"):
            stripped = block.strip()
            if stripped:
                start = pos + block.index(stripped[0])
                spans.append(Span(start=start, end=start + len(stripped)))
            pos += len(block) + 2
        self.paragraphs = spans

    def to_json(self) -> dict:
        return self.model_dump(mode="json")


def event_id(article_id: str, event: Event) -> str:
    return _sha(article_id, str(event.evidence.start), str(event.evidence.end), event.sub_event_type)[:16]


def json_schema() -> dict:
    schema = Article.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["$id"] = "https://frontwire.invalid/schema/article-v2.json"
    return schema
