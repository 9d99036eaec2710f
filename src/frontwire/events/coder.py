"""The events layer: ACLED-style events, each resting on one evidence window.

For every sentence the trigger lexicon (``classify``) proposes sub-event types;
actor, place, date, toll, means and attribution are then taken from that same
window (the sentence, joined by the next one only when it changes what the
sentence's trigger means; place and date may fall back to the paragraph, then
the article, with the precision lowered accordingly), never from unrelated
parts of the article. Sources (monitors, media, UN bodies) and ground-holders
("rebel-held") are not parties; a weapon's adjective ("Russian jets", "regime
shelling") names who acts. Mentions of one happening (same type, compatible place, date and
actors) are merged into one event, and events are ordered by salience
(headline and lead, repetition, toll, trigger strength), so ``events[0]`` is
the article's main event.

Where the window names no attacker, ``inference.py`` gives the Syrian-war
analyst's reading (an air strike is an air force's; "terrorists" the one armed
side the article names), flagged ``actor1_inferred`` with lower confidence;
config ``events.infer_unnamed_actors=false`` keeps ACLED's strict coding. The party
counted among the dead ("the army killed 33 Nusra fighters") is acted on. A main
event whose window gives no toll takes the toll its headline or lead gives for a
violent happening in the same place. An article without publication date is
anchored on the dateline printed at the top of its body: relative dates resolve
against it, and events dated long before it count as background in salience.

Reads: ``work.doc`` (sentences and the parse), ``article.entities``,
``places``, ``dates``, ``quotes``, ``credits``; writes ``article.events``.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field

from ..model import Article, Event, Evidence
from ..registry import ComponentConfig, component
from ..resources import knowledge_base
from .agents import attributive_agent, mentions_air_means, resolve_label
from .certainty import attribute
from .classify import Trigger, classify
from .fatalities import count
from .inference import (
    GENERIC_LABEL, NON_STATE_SIDES, applies_to_air_strike, inferred_air_force, sole_armed_group,
)
from .location import Locator, paragraph_of
from .means import find_means
from .taxonomy import CAMEO, event_type_of

_HOLDER = re.compile(r"(?:-| )(?:held|controlled|run|besieged|dominated|affiliated|linked)\b|\s+(?:towns?|villages?|city|areas?|enclaves?|bastions?|strongholds?|districts?|neighbou?rhoods?|territory|parts)\b|['’]s? (?:de facto )?(?:capital|stronghold|bastion)\b", re.I)
# the knowledge base's sources and witnesses: they report events, they do not fight them
_NOT_PARTIES = {"media", "monitoring group", "international organisation", "aid organisation"}
_CIVILIANS_INTER = 7  # ACLED inter code of civilians: victims, never the acting party
_NON_STATE_INTER = {2, 3, 4}  # rebels, political and identity militias
_PRECISION = {"day": 1, "week": 2, "month": 3, "year": 3}
# a second sub-event type in one sentence becomes its own event only when this strong
_SECOND_TRIGGER_MIN = 2.0
# types a following sentence can turn into another (a protest then dispersed, a capture then a handover)
_CONTEXT_SENSITIVE = {
    "Peaceful protest", "Protest with intervention", "Excessive force against protesters", "Violent demonstration",
    "Mob violence", "Armed clash", "Government regains territory", "Non-state actor overtakes territory",
    "Non-violent transfer of territory", "Arrests", "Attack",
}
_ONE_SIDED = {"Change to group/activity", "Headquarters or base established"}
_TERRITORIAL = {"Government regains territory", "Non-state actor overtakes territory"}
# "hit by", "attacks by": a participle or an attack noun before "by"; not "a siege of the city by"
_BY_AGENT = re.compile(
    r"\b(?:\w+(?:ed|en|wn|ut|ck|ht)|strikes?|air ?strikes?|raids?|attacks?|shelling|bombardment|bombings?|assaults?|"
    r"offensive|fire|operations?)\s+by (?:the )?$",
    re.I,
)
# "districts held by Assad forces", "areas under the control of": the holder of the ground
_HELD_BY = re.compile(r"\b(?:held|controlled|dominated|run|ruled|occupied) by (?:the )?$|\bunder (?:the )?control of (?:the )?$", re.I)
# "pro-Assad fighters", "anti-Assad rebels": an allegiance, not that actor
_ALLEGIANCE = re.compile(r"\b(?:pro|anti|non)-$", re.I)
_CIVILIAN_ACTOR = re.compile(r"\b(?:civilians?|villagers|residents|children|women|worshippers|farmers|passengers|protesters|demonstrators|students)\b", re.I)


def _kb_actor(actor_id: str | None):
    if not actor_id:
        return None
    return knowledge_base().get(actor_id)


def side_of(actor_id: str | None) -> str | None:
    """The knowledge-base side of an actor (government, isis, coalition, ...), if known."""
    actor = _kb_actor(actor_id)
    return getattr(actor, "side", None) if actor is not None else None


@dataclass
class _Party:
    name: str
    actor_id: str | None
    inter: int | None
    start: int
    is_label: bool


@dataclass
class _Candidate:
    event: Event
    score: float
    start: int
    place_key: str | None
    place_inferred: bool
    date_inferred: bool
    source: str | None
    # (source, total, civilians, told as a rival estimate) of each mention
    fatality_reports: list[tuple[str | None, int | None, int | None, bool]] = field(default_factory=list)
    mentions: int = 1
    in_lead: bool = False
    rank: int = 0  # index of the first sentence that tells it
    party_named: bool = False  # the text names a party in the acting role (before any inference)


@dataclass
class _ArticleContext:
    """What the inference rules need from the whole article, gathered once per article."""

    syrian: bool
    text: str
    group_mentions: list[tuple[str, str | None]]
    locator: Locator
    _air_force: str | None = None

    def air_force(self) -> str:
        if self._air_force is None:
            self._air_force = inferred_air_force(self.text)
        return self._air_force


def _article_context(article: Article) -> _ArticleContext:
    mentions = []
    for e in sorted(article.entities, key=lambda e: e.start):
        actor_id = e.actor_id if e.kind == "actor" else e.linked_to
        if actor_id:
            mentions.append((actor_id, side_of(actor_id)))
    locator = Locator(article)
    return _ArticleContext(locator.home == "SY", article.text, mentions, locator)


def _where_things_happen(article: Article, in_actor_names) -> Article:
    """A shallow view of the article whose places keep only the mentions outside actor names."""
    skip = set(map(tuple, in_actor_names))
    if not skip:
        return article
    places = []
    for place in article.places:
        mentions = [m for m in place.mentions if (m.start, m.end) not in skip]
        if mentions:
            places.append(place.model_copy(update={"mentions": mentions}))
    return article.model_copy(update={"places": places})


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
        self.infer_unnamed = config.infer_unnamed_actors

    def __call__(self, work) -> None:
        if not work.article.text.strip():
            return
        # Coding reads the article as the places layer saw it, less the place names that open
        # an actor's name ("US forces", "Pakistan Army"): those say who, not where.
        article = _where_things_happen(work.article, work.result("place_mentions_in_actor_names", ()))
        sentences = _sentences(work)
        if not sentences:
            return
        lead_end = _lead_end(article, sentences)
        title_types = {t.sub_event_type for t in classify(article.title or "")[:2]}
        default_source = article.credits[0].name if article.credits else article.outlet

        context = _article_context(article)
        candidates: list[_Candidate] = []
        for rank, (start, end) in enumerate(sentences):
            following = sentences[rank + 1][1] if rank + 1 < len(sentences) else None
            if following is not None and paragraph_of(article, start) != paragraph_of(article, following - 1):
                following = None
            found = self._code_window(article, start, end, following, default_source, lead_end, context)
            for c in found:
                c.rank = rank
            candidates.extend(found)
        events = _merge(candidates)
        for c in events:
            c.score = _salience(c, title_types, article.published or _printed_dateline(article))
        events.sort(key=lambda c: (-c.score, c.start))
        _toll_from_lead(events)
        work.article.events = [c.event for c in events]

    def _code_window(self, article: Article, start: int, end: int, following: int | None, default_source, lead_end: int,
                     context: _ArticleContext) -> list[_Candidate]:
        """Events of one sentence; the next sentence joins the window only when it changes what
        the sentence's own trigger means (a protest the next sentence says was dispersed)."""
        text = article.text[start:end]
        parties = _parties(article, start, end, context.locator.home)
        agent_side = side_of(parties[0].actor_id) if parties else None
        triggers = classify(text, agent_side)
        if not triggers:
            return []
        if following is not None and triggers[0].sub_event_type in _CONTEXT_SENSITIVE:
            pair = article.text[start:following]
            paired = [t for t in classify(pair, agent_side) if t.start < end - start]
            if paired and paired[0].sub_event_type != triggers[0].sub_event_type:
                end, text, triggers = following, pair, paired
                parties = _parties(article, start, end, context.locator.home)
        chosen: list[Trigger] = [triggers[0]]
        for t in triggers[1:]:
            if t.score >= _SECOND_TRIGGER_MIN and all(event_type_of(t.sub_event_type) != event_type_of(c.sub_event_type) for c in chosen):
                chosen.append(t)
        out = []
        for trig in chosen:
            out.append(self._event(article, start, end, text, trig, parties, default_source, lead_end, context))
        return out

    def _event(self, article, start, end, text, trig: Trigger, parties, default_source, lead_end, context) -> _Candidate:
        sub = trig.sub_event_type
        actor1, actor2 = _roles(parties, start + trig.start, text, start)
        # "the army kills 62 rebels", "50 ISIS terrorists killed in clashes with the army": the counted dead were acted on
        if actor1 is not None and actor2 is not None and _counted_dead(actor1, text, start) and not _counted_dead(actor2, text, start):
            actor1, actor2 = actor2, actor1
        if sub in _ONE_SIDED:
            actor2 = None  # a group changing itself or setting up a base acts on no one
        # who took the ground decides between ACLED's two territorial types: state forces or not
        if sub in _TERRITORIAL and actor1 is not None and actor1.inter is not None:
            sub = "Government regains territory" if actor1.inter == 1 else "Non-state actor overtakes territory"
        if event_type_of(sub) in ("Explosions/Remote violence", "Violence against civilians"):
            actor1, actor2 = _weapon_holder(actor1, actor2, parties, text, start, context.locator.home, start + trig.start)
            # "terrorists" striking beside a named armed group: the label is that group, named better
            if actor1 is not None and actor1.is_label and actor2 is not None and not actor2.is_label and actor2.inter in _NON_STATE_INTER:
                actor1, actor2 = actor2, None
        means = find_means(text, sub)
        actor_inferred = False
        party_named = actor1 is not None
        if self.infer_unnamed and context.syrian:
            actor1, actor2, actor_inferred = _infer_unnamed(sub, means, text, start + trig.start, actor1, actor2, context)
        place, place_precision, place_inferred = context.locator.event_place(start, end)
        date, time_precision, date_inferred = _date(article, start, end)
        toll = count(text)
        speaker = _speaker(article, start, end)
        attribution = attribute(text, speaker, default_source)
        fatalities = toll.fatalities
        civilians = toll.civilian_fatalities
        if civilians is None and fatalities is not None and sub in ("Attack",) and actor2 and _CIVILIAN_ACTOR.search(actor2.name):
            civilians = fatalities
        confidence = _confidence(trig.score, actor1, place, place_inferred, date_inferred, attribution.certainty)
        if actor_inferred:
            confidence = round(max(0.0, confidence - 0.1), 3)
        event = Event(
            event_type=event_type_of(sub),
            sub_event_type=sub,
            actor1=actor1.name if actor1 else None,
            actor1_id=actor1.actor_id if actor1 else None,
            actor1_inter=actor1.inter if actor1 else None,
            actor1_inferred=True if actor_inferred else None,
            actor2=actor2.name if actor2 else None,
            actor2_id=actor2.actor_id if actor2 else None,
            actor2_inter=actor2.inter if actor2 else None,
            location=place.name if place else None,
            lat=place.lat if place else None,
            lon=place.lon if place else None,
            admin1=place.admin1 if place else None,
            country=place.country if place else None,
            geo_precision=place_precision,
            date=date,
            time_precision=time_precision,
            fatalities=fatalities,
            civilian_fatalities=civilians,
            means=means,
            claimed_by=attribution.claimed_by,
            certainty=attribution.certainty,
            cameo=CAMEO.get(sub),
            confidence=confidence,
            evidence=Evidence(sentence=text, start=start, end=end),
        )
        return _Candidate(
            event=event,
            score=trig.score,
            start=start,
            place_key=(place.name.lower() if place else None),
            place_inferred=place_inferred,
            date_inferred=date_inferred,
            source=attribution.claimed_by,
            fatality_reports=[(attribution.claimed_by, fatalities, civilians, bool(_RIVAL_ESTIMATE.search(text)))],
            in_lead=start < lead_end,
            party_named=party_named,
        )



# ---- windows -------------------------------------------------------------------------------

def _sentences(work) -> list[tuple[int, int]]:
    """Sentence spans, trimmed, split again at paragraph breaks the parser ran over."""
    text = work.article.text
    spans = []
    for sent in work.doc.sents:
        s, e = sent.start_char, sent.end_char
        for part in re.finditer(r"[^\n]+(?:\n(?!\s*\n)[^\n]+)*", text[s:e]):
            ps, pe = s + part.start(), s + part.end()
            chunk = text[ps:pe]
            lead = len(chunk) - len(chunk.lstrip())
            trail = len(chunk) - len(chunk.rstrip())
            ps, pe = ps + lead, pe - trail
            if pe - ps >= 3:
                spans.append((ps, pe))
    return spans


def _lead_end(article: Article, sentences: list[tuple[int, int]]) -> int:
    """End of the lead: the first paragraph that reads like prose (not a title or dateline)."""
    for p in article.paragraphs or []:
        body = article.text[p.start:p.end]
        if len(body) > 120 or body.rstrip().endswith("."):
            return p.end
    return sentences[min(1, len(sentences) - 1)][1]


# ---- actors --------------------------------------------------------------------------------

def _parties(article: Article, start: int, end: int, home: str | None) -> list[_Party]:
    """The window's actors and labels in text order; a label linked to an actor speaks for it."""
    out: list[_Party] = []
    speakers = [(q.speaker_start, q.speaker_end) for q in article.quotes if q.speaker_start is not None]
    syrian = home in ("SY", None)  # the label table speaks Syrian-war copy
    for e in article.entities:
        if e.start < start or e.end > end or e.kind not in ("actor", "label"):
            continue
        # who tells of the event is not a party to it, nor who merely holds the ground ("rebel-held")
        if any(s <= e.start < t for s, t in speakers):
            continue
        if _HOLDER.match(article.text, e.end):
            continue
        before = article.text[max(0, e.start - 30):e.start]
        if _HELD_BY.search(before) or _ALLEGIANCE.search(before):
            continue
        kb_actor = _kb_actor(e.actor_id)
        if kb_actor is not None and getattr(kb_actor, "type", None) in _NOT_PARTIES:
            continue
        if e.kind == "actor":
            out.append(_Party(e.canonical or e.text, e.actor_id, e.inter, e.start, False))
        else:
            linked_id = e.linked_to or (_label_actor(e.text) if syrian else None)
            linked = _kb_actor(linked_id) if linked_id else None
            if linked is not None:
                name = getattr(linked, "canonical", None) or getattr(linked, "name", None) or e.text
                out.append(_Party(name, linked_id, getattr(linked, "inter", None) or e.inter, e.start, False))
            else:
                out.append(_Party(e.canonical or e.text, e.linked_to or e.actor_id, e.inter, e.start, True))
    out.sort(key=lambda p: p.start)
    # a label written against a named actor ("Nusra terrorists", "terrorist ISIS") is that actor
    named_spans = [(e.start, e.end) for e in article.entities if e.kind == "actor" and start <= e.start and e.end <= end]
    out = [
        p for p in out
        if not (p.is_label and any(0 <= p.start - e_end <= 2 or 0 <= e_start - (p.start + len(p.name)) <= 2 for e_start, e_end in named_spans))
    ]
    # a gloss in brackets after an actor is that actor again: "al-Nusra (Qaeda branch in the Levant)"
    party_ends = [e.end for e in article.entities if e.kind in ("actor", "label") and start <= e.start and e.end <= end]
    out = [p for p in out if not _bracketed_gloss(article.text, p.start, party_ends)]
    # one party per actor (the first mention)
    seen, unique = set(), []
    for p in out:
        key = p.actor_id or p.name.lower()
        if key not in seen:
            seen.add(key)
            unique.append(p)
    return unique


def _bracketed_gloss(text: str, at: int, party_ends: list[int]) -> bool:
    opening = text.rfind("(", max(0, at - 40), at)
    if opening < 0 or ")" in text[opening:at]:
        return False
    return any(0 <= opening - end <= 2 for end in party_ends)


def _label_actor(label: str) -> str | None:
    """A label the text leaves unlinked but that names one actor in Syrian-war copy ("the regime")."""
    return resolve_label(label)


def _roles(parties: list[_Party], trigger_at: int, text: str, window_start: int) -> tuple[_Party | None, _Party | None]:
    """actor1 (who acts) and actor2 (who is acted on).

    The acting party stands before the trigger (or after "by"); a named actor is
    preferred to a label in each role, and a label only fills a role no named
    actor can. actor2 is on another side than actor1 when the KB knows the sides.
    """
    if not parties:
        return None, None
    victims = [p for p in parties if p.inter == _CIVILIANS_INTER]
    agents = [p for p in parties if p.inter != _CIVILIANS_INTER]
    if not agents:
        return None, victims[0]
    before = [p for p in agents if p.start <= trigger_at]
    after = [p for p in agents if p.start > trigger_at]
    actor1 = None
    # a passive agent ("hit by Turkish jets") acts, wherever it stands
    for p in agents:
        if _BY_AGENT.search(text[max(0, p.start - window_start - 40):p.start - window_start]):
            actor1 = p
            break
    if actor1 is None:
        # the party nearest before the trigger is its subject; a label that stands for a
        # named actor right beside it ("ISIS terrorists") gives way to that actor
        if before:
            actor1 = before[-1]
            if actor1.is_label and len(before) > 1 and not before[-2].is_label and actor1.start - before[-2].start < 40:
                actor1 = before[-2]
        else:
            actor1 = next((p for p in after if not p.is_label), after[0])
    side1 = side_of(actor1.actor_id)

    def other_side(p: _Party) -> bool:
        if p is actor1 or (p.actor_id and p.actor_id == actor1.actor_id) or p.name.lower() == actor1.name.lower():
            return False
        side = side_of(p.actor_id)
        return side is None or side1 is None or side != side1

    rest = [p for p in after + list(reversed(before)) + victims if other_side(p)]
    actor2 = next((p for p in rest if not p.is_label), None) or next(iter(rest), None)
    return actor1, actor2


_COUNT_BEFORE = re.compile(
    r"(?:\b(?!(?:19|20)\d\d\b)\d[\d,]*|\b(?:dozens|hundreds|scores|tens|several|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|"
    r"fifteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred))\s+(?:(?:more|other|of|the)\s+){0,2}$",
    re.I,
)
_DEATH = re.compile(r"\b(?:kill|dead|died|slain|execut|behead|eliminat|massacr|murder|crucif)", re.I)


def _counted_dead(party: _Party, text: str, window_start: int) -> bool:
    """Whether the window counts this party among the dead ("kills 33 Nusra terrorists")."""
    at = party.start - window_start
    return bool(_DEATH.search(text)) and _COUNT_BEFORE.search(text[max(0, at - 30):at]) is not None


_LATER_CLAUSE = 40  # characters after the trigger beyond which a weapon's adjective belongs to another clause


def _weapon_holder(actor1, actor2, parties, text: str, window_start: int, home: str | None, trigger_at: int):
    """"Russian jets", "regime shelling": the weapon's adjective names who acts, unless "by X" did."""
    agent = attributive_agent(text)
    if agent is None:
        return actor1, actor2
    # "massacre 250 Syrian troops", "executed 128 Syrian civilians": the counted dead, not the wielders
    if _DEATH.search(text) and _COUNT_BEFORE.search(text[max(0, agent.start - 30):agent.start]):
        return actor1, actor2
    # a named subject before the trigger acts; an army named in a later clause does not take its place
    if (actor1 is not None and not actor1.is_label and actor1.start < trigger_at
            and window_start + agent.start > trigger_at + _LATER_CLAUSE):
        return actor1, actor2
    if agent.actor_id and agent.actor_id.startswith("sy-") and home not in ("SY", None):
        agent.actor_id = None  # "government shelling" outside Syria: another government, name unknown here
    if actor1 is not None and _BY_AGENT.search(text[max(0, actor1.start - window_start - 40):actor1.start - window_start]):
        return actor1, actor2
    at = window_start + agent.start
    named_here = next((p for p in parties if abs(p.start - at) <= 2 and not p.is_label), None)
    if named_here is not None:
        holder = named_here
    elif agent.actor_id is not None and _kb_actor(agent.actor_id) is not None:
        kb_actor = _kb_actor(agent.actor_id)
        holder = _Party(kb_actor.name, agent.actor_id, kb_actor.inter, at, False)
    else:
        holder = _Party(agent.surface, None, None, at, True)
    if actor1 is not None and (actor1.actor_id and actor1.actor_id == holder.actor_id or actor1.start == holder.start):
        return actor1, actor2
    if actor2 is not None and (actor2.actor_id and actor2.actor_id == holder.actor_id or actor2.start == holder.start):
        return holder, actor1
    if actor1 is not None and actor1.is_label and holder.is_label:
        return actor1, actor2
    side = side_of(holder.actor_id)
    other = actor1 if actor1 is not None and (side is None or side_of(actor1.actor_id) != side) else actor2
    return holder, other


# ---- unnamed actors (inference.py) ---------------------------------------------------------

_AIR_TYPES = {"Air/drone strike"}


def _kb_party(actor_id: str, at: int) -> _Party | None:
    kb_actor = _kb_actor(actor_id)
    if kb_actor is None:
        return None
    name = getattr(kb_actor, "canonical", None) or getattr(kb_actor, "name", None) or actor_id
    return _Party(name, actor_id, getattr(kb_actor, "inter", None), at, False)


def _non_state(p: _Party) -> bool:
    return p.inter in _NON_STATE_INTER or side_of(p.actor_id) in NON_STATE_SIDES


def _infer_unnamed(sub: str, means: str | None, text: str, trigger_at: int, actor1, actor2, context: _ArticleContext):
    """(actor1, actor2, inferred): the acting party the window leaves unnamed or names as a
    bare label, read by the rules of inference.py; unchanged when no rule applies."""
    kind = event_type_of(sub)
    by_air = sub in _AIR_TYPES or means == "airstrike" or (sub == "Chemical weapon" and mentions_air_means(text))
    if kind in ("Explosions/Remote violence", "Violence against civilians") and by_air and applies_to_air_strike(text):
        # an air strike "by" a rebel group or a label is a strike on it: no armed group had aircraft
        if actor1 is None or (actor1.is_label and actor1.actor_id is None) or _non_state(actor1):
            air_force = _kb_party(context.air_force(), trigger_at)
            if air_force is not None:
                target = actor1 if actor1 is not None else actor2
                return air_force, target, True
        return actor1, actor2, False
    label_actor = actor1 is not None and actor1.actor_id is None and GENERIC_LABEL.match(actor1.name.strip())
    if not label_actor:
        return actor1, actor2, False
    group = sole_armed_group(context.group_mentions)
    # the group the window already names as the one acted on cannot be the unnamed attacker
    if group is None or (actor2 is not None and actor2.actor_id == group):
        return actor1, actor2, False
    party = _kb_party(group, actor1.start if actor1 is not None else trigger_at)
    if party is None:
        return actor1, actor2, False
    return party, actor2, True


# ---- date ----------------------------------------------------------------------------------

_DATELINE_REACH = 400  # characters from the top where a body-printed dateline stands


def _printed_dateline(article: Article) -> str | None:
    """The first absolute day date printed near the top of the body ("AFP Friday 15 Jul 2016"):
    the publication date of an article whose metadata gave none."""
    for d in sorted(article.dates, key=lambda d: d.start):
        if d.start > _DATELINE_REACH:
            break
        if d.value and d.precision == "day" and re.search(r"(?:19|20)\d\d", d.text):
            return d.value
    return None


def _date(article: Article, start: int, end: int):
    """(ISO date, time_precision, inferred): window, paragraph before it, quote date, publication.

    An article without a publication date is anchored on the dateline printed near the top of
    its body (relative dates resolve against it, and it is the fallback)."""
    anchor = article.published or _printed_dateline(article)
    in_window = []
    for d in article.dates:
        if not (start <= d.start and d.end <= end):
            continue
        if not d.value and not article.published and anchor:
            value, precision = _resolve(d.text, anchor)
            if value:
                d = d.model_copy(update={"value": value, "precision": precision})
        if d.value:
            in_window.append(d)
    # A bare year of the article's own ("in 2017", published 2017-11-17) says less than the
    # publication date does; an earlier one ("since 2014") still marks background.
    this_year = (anchor or "")[:4]
    years = [d for d in in_window if d.precision == "year" and d.value[:4] == this_year]
    in_window = [d for d in in_window if not (d.precision == "year" and d.value[:4] == this_year)]
    if in_window:
        best = min(in_window, key=lambda d: (_PRECISION.get(d.precision or "day", 3), d.start))
        return best.value, _PRECISION.get(best.precision or "day", 3), False
    p_start, _ = paragraph_of(article, start)
    before = [d for d in article.dates if p_start <= d.start and d.end <= start and d.value
              and not (d.precision == "year" and d.value[:4] == this_year)]
    if before:
        best = before[-1]
        return best.value, _PRECISION.get(best.precision or "day", 3), True
    for q in article.quotes:
        if q.date and q.start < end and q.end > start:
            return q.date, 1, True
    if anchor:
        return anchor[:10], 2, True
    if years:
        return years[0].value, 3, True
    return None, None, True


def _resolve(expression: str, anchor: str):
    try:
        from ..understand.dates import resolve_date
    except ImportError:
        return None, None
    return resolve_date(expression, anchor)


# ---- attribution ---------------------------------------------------------------------------

def _speaker(article: Article, start: int, end: int) -> str | None:
    """The speaker of the quote (or reported claim) the window belongs to."""
    best, overlap = None, 0
    for q in article.quotes:
        spans = [(q.start, q.end)]
        if q.speaker_start is not None and q.speaker_end is not None:
            spans.append((q.speaker_start, q.speaker_end))
        o = sum(max(0, min(end, e) - max(start, s)) for s, e in spans)
        if o > overlap and (q.speaker or q.speaker_canonical):
            best, overlap = q, o
    if best is None or overlap < min(20, (end - start) // 3):
        return None
    # the source as the text names it ("the General Staff"), not the institution it resolves to
    return re.sub(r"^(?:the|a|an)\s+", "", (best.speaker or best.speaker_canonical).strip(), flags=re.I)


# ---- scoring -------------------------------------------------------------------------------

def _confidence(score: float, actor1, place, place_inferred: bool, date_inferred: bool, certainty: str) -> float:
    c = 0.25 + min(0.35, 0.06 * score)
    c += 0.15 if actor1 is not None else 0.0
    c += 0.1 if place is not None and not place_inferred else 0.0
    c += 0.05 if not date_inferred else 0.0
    c += {"fact": 0.1, "reported": 0.05, "claimed": 0.0, "hedged": -0.05, "denied": -0.1}.get(certainty, 0.0)
    return round(max(0.0, min(1.0, c)), 3)


def _salience(c: _Candidate, title_types: set[str], published: str | None) -> float:
    """How much the article is about this event: headline, lead and early sentences, repetition,
    toll, a named actor and place; background (weeks before publication) counts against it."""
    s = c.score
    s += 4.0 if c.event.sub_event_type in title_types else 0.0
    s += 2.0 if c.in_lead else 0.0
    s += max(0.0, 2.0 - c.rank)  # news puts the main happening first
    s += 1.5 * (c.mentions - 1)
    s += min(3.0, math.log1p(c.event.fatalities or 0))
    s += 1.0 if c.party_named or (c.event.actor1 and not c.event.actor1_inferred) else 0.0  # named by the text, not inferred
    s += 0.5 if c.event.location and not c.place_inferred else 0.0
    age = _days_before(c.event.date, published) if not c.date_inferred else None
    if age is not None and age > 7:
        s -= 5.0  # a past event recalled as background
    elif age is not None and age < -1:
        s -= 3.0  # something announced for later
    return round(s, 3)


def _days_before(event_date: str | None, published: str | None) -> int | None:
    from datetime import date

    try:
        return (date.fromisoformat(published[:10]) - date.fromisoformat(event_date[:10])).days
    except (TypeError, ValueError):
        return None


# ---- merging -------------------------------------------------------------------------------

_VIOLENT_TYPES = {"Battles", "Explosions/Remote violence", "Violence against civilians"}


def _toll_from_lead(events: list[_Candidate]) -> None:
    """A main event whose window gives no toll takes the one its headline or lead gives for
    a violent happening in the same place: news states the toll of its main story first,
    and often tells the how (the weapon, the type) in another sentence than the how many."""
    if not events:
        return
    main = events[0]
    e = main.event
    if e.fatalities is not None or e.event_type not in _VIOLENT_TYPES:
        return
    for c in sorted(events[1:], key=lambda c: c.rank):
        if not c.in_lead:
            break
        o = c.event
        if o.fatalities is None or o.event_type not in _VIOLENT_TYPES:
            continue
        if not (main.place_inferred or c.place_inferred) and e.admin1 != o.admin1:
            continue
        if not (main.date_inferred or c.date_inferred) and e.date != o.date:
            continue
        e.fatalities, e.civilian_fatalities = o.fatalities, o.civilian_fatalities
        return


def _compatible(a: _Candidate, b: _Candidate) -> bool:
    """Could these two mentions be one happening? Same type, no conflicting date or place, and
    shared actors unless the place is the very same (a happening is told with different names)."""
    ea, eb = a.event, b.event
    if ea.sub_event_type != eb.sub_event_type:
        return False
    if not (a.date_inferred or b.date_inferred) and ea.date != eb.date:
        return False
    both_placed = not (a.place_inferred or b.place_inferred)
    if both_placed and a.place_key != b.place_key and (ea.admin1 is None or ea.admin1 != eb.admin1):
        return False
    actors_a = {x for x in (ea.actor1, ea.actor2) if x}
    actors_b = {x for x in (eb.actor1, eb.actor2) if x}
    if actors_a and actors_b and not actors_a & actors_b:
        return both_placed and a.place_key == b.place_key or a.place_inferred or b.place_inferred
    return True


def _absorb(into: _Candidate, other: _Candidate) -> None:
    e, o = into.event, other.event
    into.mentions += other.mentions
    into.score = max(into.score, other.score)
    into.in_lead = into.in_lead or other.in_lead
    into.party_named = into.party_named or other.party_named
    into.fatality_reports.extend(other.fatality_reports)
    # a named attacker told in another mention replaces one only inferred
    if e.actor1_inferred and o.actor1_id is not None and not o.actor1_inferred:
        e.actor1 = None
    for role in ("actor1", "actor2"):
        if getattr(e, role) is None and getattr(o, role) is not None:
            for suffix in ("", "_id", "_inter") + (("_inferred",) if role == "actor1" else ()):
                setattr(e, role + suffix, getattr(o, role + suffix))
    if into.place_inferred and not other.place_inferred or (
        other.place_inferred == into.place_inferred and (o.geo_precision or 9) < (e.geo_precision or 9)
    ):
        for f in ("location", "lat", "lon", "admin1", "country", "geo_precision"):
            setattr(e, f, getattr(o, f))
        into.place_key, into.place_inferred = other.place_key, other.place_inferred
    if into.date_inferred and not other.date_inferred:
        e.date, e.time_precision = o.date, o.time_precision
        into.date_inferred = False
    if e.means is None:
        e.means = o.means
    e.confidence = max(e.confidence, o.confidence)
    e.fatalities, e.civilian_fatalities = _toll(into.fatality_reports)


# A rival estimate says it is one: "put the toll at 15", "while SANA said 12 were killed",
# "other sources gave"; a lower figure without such words is a part of the toll ("eleven
# of them in the Bab district after midnight") or its first count, not a competing one.
_RIVAL_ESTIMATE = re.compile(
    r"\b(?:put(?:s|ting)?|gave|give[sn]?|estimat\w*|plac\w+|counted) (?:the )?(?:death |casualty )?(?:toll|number|figure)"
    r"|\b(?:another|a different|a lower|a higher|its own|differing|conflicting) (?:death )?(?:toll|figure|count)"
    r"|\bother sources\b|\bwhile\b[^.]{0,80}\b(?:said|says|reported|put)\b",
    re.I,
)


def _toll(reports: list[tuple[str | None, int | None, int | None, bool]]) -> tuple[int | None, int | None]:
    """The toll of a merged event: the first figure given (the lead's, about this happening),
    lowered by another source's rival estimate of the same order (ACLED: lowest when sources
    differ). Later, larger figures are cumulative background ("since 2011"), and smaller ones
    not told as a rival estimate are parts of the toll ("four of them children"): neither
    replaces it."""

    def combine(index: int) -> int | None:
        figures = [(r[0], r[index], r[3]) for r in reports if r[index] is not None]
        if not figures:
            return None
        first_source, first, _ = figures[0]
        competing = [v for src, v, rival in figures[1:] if rival and src != first_source and first / 2 <= v < first]
        return min([first, *competing])

    total, civilians = combine(1), combine(2)
    if total is not None and civilians is not None and civilians > total:
        total = civilians
    return total, civilians


def _merge(candidates: list[_Candidate]) -> list[_Candidate]:
    merged: list[_Candidate] = []
    for c in candidates:
        for m in merged:
            if _compatible(m, c):
                _absorb(m, c)
                break
        else:
            merged.append(c)
    return merged
