"""The events layer: ACLED-style events, each resting on one evidence window.

For every sentence the trigger lexicon (``classify``) proposes sub-event types;
actor, place, date, toll, means and attribution are then taken from that same
window (``windows``: the sentence, joined by the next one only when it changes
what the sentence's trigger means; place and date may fall back to the
paragraph, then the article, with the precision lowered accordingly), never
from unrelated parts of the article (``window_events``). Sources (monitors,
media, UN bodies) and ground-holders ("rebel-held") are not parties
(``parties``); a weapon's adjective ("Russian jets", "regime shelling") names
who acts, and the party counted among the dead ("the army killed 33 Nusra
fighters") is acted on (``roles``). Mentions of one happening (same type,
compatible place, date and actors) are merged into one event (``merging``), and
events are ordered by salience (headline and lead, repetition, toll, trigger
strength: ``salience``), so ``events[0]`` is the article's main event. A main
event whose window gives no toll takes the toll its headline or lead gives for
a violent happening in the same place. A main attack whose window names no attacker takes the
party that claims it in the two sentences after (``claims``).

Where the window names no attacker, ``inference`` gives the analyst's reading
in the theatres whose data (``lexicons/theatres.yaml``) has its rules, Syria so
far (an air strike is an air force's; "terrorists" the one armed side the
article names), flagged ``actor1_inferred`` with lower confidence; config
``events.infer_unnamed_actors=false`` keeps ACLED's strict coding. An article
without publication date is anchored on the dateline printed at the top of its
body (``dating``): relative dates resolve against it, and events dated long
before it count as background in salience.

Reads: ``work.doc`` (sentences and the parse), ``article.entities``,
``places``, ``dates``, ``quotes``, ``credits``; writes ``article.events``.
"""

from __future__ import annotations

from ..registry import ComponentConfig, component
from .candidates import Candidate
from .claims import take_later_claim
from .classify import classify
from .context import article_context, where_things_happen
from .dating import printed_dateline
from .merging import merge, toll_from_lead
from .parties import side_of
from .salience import salience
from .window_events import events_of
from .windows import lead_end, next_sentence_end, sentences, window_at

__all__ = ["EventCoder", "EventsConfig", "side_of"]


class EventsConfig(ComponentConfig):
    # the analyst's reading of unnamed attackers (see inference.py); false gives ACLED's strict coding
    infer_unnamed_actors: bool = True


@component(
    "events",
    requires=["text", "entities", "places", "dates", "quotes", "place_mentions_in_actor_names"],
    assigns=["events"],
    config=EventsConfig,
    uses=["actors", "lexicons", "spacy_model"],
)
class EventCoder:
    """What happened: ACLED events, every field taken from one evidence window."""

    def __init__(self, config: EventsConfig = EventsConfig()):
        self.config = config

    def __call__(self, work) -> None:
        if not work.article.text.strip():
            return
        # Coding reads the article as the places layer saw it, less the place names that open
        # an actor's name ("US forces", "Pakistan Army"): those say who, not where.
        article = where_things_happen(work.article, work.result("place_mentions_in_actor_names", ()))
        spans = sentences(work)
        if not spans:
            return
        context = article_context(article, lead_end(article, spans), self.config.infer_unnamed_actors)
        candidates: list[Candidate] = []
        # a sentence's rank counts the sentences before it that tell an event: a dateline or a
        # heading that tells none does not push the lead down
        telling = 0
        for rank, (start, end) in enumerate(spans):
            window = window_at(article, start, end, next_sentence_end(article, spans, rank), context.theatre)
            if window is None:
                continue
            found = events_of(window, context)
            for c in found:
                c.rank = telling
                candidates.append(c)
            telling += bool(found)
        events = merge(candidates)
        title_types = {t.sub_event_type for t in classify(article.title or "")[:2]}
        published = article.published or printed_dateline(article)
        for c in events:
            c.score = salience(c, title_types, published)
        events.sort(key=lambda c: (-c.score, c.start))
        toll_from_lead(events)
        if events:
            take_later_claim(article, spans, events[0])
        work.article.events = [c.event for c in events]
