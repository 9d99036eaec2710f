"""What coding one window needs from the whole article, gathered once per article."""

from __future__ import annotations

from dataclasses import dataclass, field

from ..model import Article
from .inference import inferred_air_force
from .location import Locator
from .parties import side_of
from .theatres import Theatre, theatre_of


@dataclass
class ArticleContext:
    article: Article  # as the places layer saw it, less the place names inside actor names
    locator: Locator
    theatre: Theatre
    infer_unnamed: bool  # the config asks for the analyst's reading and the theatre has its rules
    default_source: str | None  # who states what the article does not attribute: the agency credit or outlet
    lead_end: int  # where the article's lead ends
    group_mentions: list[tuple[str, str | None]]  # (actor_id, KB side) of every actor mention, in text order
    _air_force: str | None = field(default=None, repr=False)

    @property
    def home(self) -> str | None:
        return self.locator.home

    def air_force(self) -> str:
        """The air power an unattributed air strike in this article is read as (read once, when first needed)."""
        if self._air_force is None:
            self._air_force = inferred_air_force(self.article.text, self.theatre)
        return self._air_force


def article_context(article: Article, lead_end: int, infer_unnamed_actors: bool) -> ArticleContext:
    mentions = []
    for e in sorted(article.entities, key=lambda e: e.start):
        actor_id = e.actor_id if e.kind == "actor" else e.linked_to
        if actor_id:
            mentions.append((actor_id, side_of(actor_id)))
    locator = Locator(article)
    theatre = theatre_of(locator.home)
    return ArticleContext(
        article=article,
        locator=locator,
        theatre=theatre,
        infer_unnamed=infer_unnamed_actors and theatre.infer_unnamed_actors,
        default_source=article.credits[0].name if article.credits else article.outlet,
        lead_end=lead_end,
        group_mentions=mentions,
    )


def where_things_happen(article: Article, in_actor_names) -> Article:
    """A shallow view of the article whose places keep only the mentions outside actor names
    ("US forces", "Pakistan Army" say who, not where)."""
    skip = set(map(tuple, in_actor_names))
    if not skip:
        return article
    places = []
    for place in article.places:
        mentions = [m for m in place.mentions if (m.start, m.end) not in skip]
        if mentions:
            places.append(place.model_copy(update={"mentions": mentions}))
    return article.model_copy(update={"places": places})
