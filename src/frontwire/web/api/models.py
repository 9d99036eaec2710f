"""The API's response models: what /openapi.json says every response holds.

Articles and events are frontwire's own models (``frontwire.model``), so the API describes them
exactly as the store keeps them; the rest are small models of the browse results.
"""

from typing import Any, Generic, Literal, TypeVar

from pydantic import BaseModel, ConfigDict, Field

from ...model import Article, Event

Item = TypeVar("Item")


class Page(BaseModel, Generic[Item]):
    """One page of a list: ``total`` items match; the next page is ``next_cursor`` (null: none)."""

    total: int
    limit: int
    offset: int | None
    next_cursor: str | None
    items: list[Item]


class Error(BaseModel):
    detail: str


class Refused(BaseModel):
    """Why a request was refused: a sentence, or FastAPI's list of parameter errors."""

    detail: str | list[dict[str, Any]]


class EventItem(Event):
    """An event's JSON (as in its Article), where it was read from, and its incident."""

    article_id: str
    article_url: str | None
    article_outlet: str | None
    article_published: str | None
    incident_id: str | None


class Week(BaseModel):
    week: str = Field(description="the ISO date of the week's Monday")
    counts: dict[str, int] = Field(description="events by sub-event type")


class Timeline(BaseModel):
    weeks: list[Week]
    undated: int = Field(description="matching events without a full date")


class ArticleSummary(BaseModel):
    id: str
    title: str | None
    outlet: str | None
    url: str | None
    published: str | None
    language: str | None
    n_events: int
    duplicate_of: str | None


class ArticleIncident(BaseModel):
    event_id: str
    incident_id: str
    n_outlets: int


class ArticleDetail(BaseModel):
    article: Article
    incidents: list[ArticleIncident]
    duplicate_of: str | None = Field(description="the first stored copy of the same story, if this is a copy")


class StoredArticle(BaseModel):
    id: str
    result: Literal["new", "updated", "unchanged"]
    events: int
    url: str


class IncidentRecord(BaseModel):
    """An incident as ``frontwire incidents`` writes it (``incidents.record``)."""

    model_config = ConfigDict(extra="forbid")

    id: str
    date: str | None
    location: str | None
    lat: float | None
    lon: float | None
    geo_precision: int | None
    sub_event_type: str | None
    fatalities: int | None
    outlets: list[dict[str, Any]] = Field(description="what each outlet reports")
    articles: list[dict[str, Any]]
    events: list[dict[str, Any]]
    disagreements: dict[str, Any] = Field(description="where the outlets disagree")


class IncidentDetail(IncidentRecord):
    merged_into: str | None = Field(description="the live incident's id when the id asked for was merged into it")


class Segment(BaseModel):
    text: str
    match: bool = Field(description="whether this text is a word the query found")


class SearchHit(BaseModel):
    article_id: str
    title: str | None
    outlet: str | None
    published: str | None
    url: str | None
    snippet: list[Segment]


class Facet(BaseModel):
    value: str
    count: int


class SearchPage(Page[SearchHit]):
    facets: dict[str, list[Facet]] = Field(description="outlet, country, sub_event_type, month: over all hits")


class Outlet(BaseModel):
    key: str
    domain: str | None
    name: str | None
    country: str | None
    state_affiliated: str | None
    bias: str | None
    factual_reporting: str | None
    credibility: str | None
    rated_by: str | None
    articles: int


class Actor(BaseModel):
    actor_id: str | None
    name: str
    events: int


class Place(BaseModel):
    name: str
    lat: float | None
    lon: float | None
    country: str | None
    admin1: str | None
    geo_precision: int | None
    articles: int


class Stats(BaseModel):
    articles: int
    events: int
    incidents: int
    outlets: int
    incidents_multi_outlet: int = Field(description="incidents reported by two independent outlets or more")
    first_event_date: str | None
    last_event_date: str | None
    events_by_sub_event_type: dict[str, int]
    events_by_country: dict[str, int]
