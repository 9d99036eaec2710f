"""The events one window tells: each chosen trigger with its actors, place, date, toll, means
and attribution, all taken from that window."""

from __future__ import annotations

import re
from dataclasses import replace

from ..lexicons import alternation, word_pattern
from ..lexicons.entries import word_list
from ..model import Event, Evidence
from .candidates import Candidate, FatalityReport
from .certainty import attribute, speaker_of
from .classify import Trigger
from .context import ArticleContext
from .dating import event_date
from .fatalities import count, is_rival_estimate
from .inference import infer_unnamed
from .means import find_means
from .parties import (CIVILIANS_INTER, EXTERNAL_FORCES_INTER, NON_STATE_INTER, PROTESTERS_INTER, RIOTERS_INTER,
                      STATE_FORCES_INTER, Party, kb_actor)
from .roles import Roles, counted_dead, roles_in, weapon_holder
from .taxonomy import CAMEO, CAPTURES, event_type_of
from .windows import Window

# a second sub-event type in one sentence becomes its own event only when this strong
_SECOND_TRIGGER_MIN = 2.0
_ONE_SIDED = {"Change to group/activity", "Headquarters or base established"}
# ACLED: a protest's actor1 is its protesters, a riot's its rioters, whoever the words name them
# as ("graduates", "a violent crowd"); whom a riot attacks, or who intervened in a protest, is
# actor2. Excessive force against protesters keeps the force that used it as actor1.
_CROWD_ACTS = {"Peaceful protest": ("Protesters", PROTESTERS_INTER),
               "Protest with intervention": ("Protesters", PROTESTERS_INTER),
               "Violent demonstration": ("Rioters", RIOTERS_INTER), "Mob violence": ("Rioters", RIOTERS_INTER)}
_CROWD_INTERS = {PROTESTERS_INTER, RIOTERS_INTER}
_SIGNED_ANYWHERE = {"Agreement"}
_WEAPON_TYPES = ("Explosions/Remote violence", "Violence against civilians")
_CIVILIAN_ACTOR = word_pattern(word_list("civilians", "actor_nouns"))
# "retook the town from (the hands of) the rebels": the party after "from" lost the ground
_BATTLE = word_pattern(word_list("triggers", "context_words.battle"))
_TAKEN_FROM = re.compile(r"\bfrom\s+(?:the\s+)?(?:hands\s+of\s+(?:the\s+)?)?$", re.I)
# (the party's head noun may stand between: "Fano militiamen entered the town")
_TAKES_GROUND = re.compile(
    r"(?:\s+" + alternation(word_list("actor_names", "party_heads")) + r")?"
    r"\s+(?:(?:then|later|have|has|had|quickly|swiftly)\s+){0,2}" + alternation(word_list("actor_names", "ground_taking_verbs")) + r"\b", re.I)
_GIVEN_TO = re.compile(r"\b" + alternation(word_list("actor_names", "ground_given_before")) + r"\s+(?:[\w'’-]+\s+){0,2}$", re.I)


def events_of(window: Window, context: ArticleContext) -> list[Candidate]:
    """One candidate per trigger the window tells of: the best, and any other of another event type
    strong enough; a second armed clash only where words of battle tell it."""
    chosen: list[Trigger] = [window.triggers[0]]
    for t in window.triggers[1:]:
        if t.score < _SECOND_TRIGGER_MIN or any(event_type_of(t.sub_event_type) == event_type_of(c.sub_event_type) for c in chosen):
            continue
        if t.sub_event_type == "Armed clash" and not _BATTLE.search(window.text):
            continue
        chosen.append(t)
    return [_candidate(window, trigger, context) for trigger in chosen]


def _loser_taken_from(roles: Roles, window: Window, trigger_at: int) -> Roles:
    """Ground taken "from X": X lost it and is acted on, never the taker, even where no party
    stands before the verb ("junta troops recaptured the town from the KNLA")."""
    loser = roles.actor1
    if loser is None or loser.start <= trigger_at:
        return roles
    at = loser.start - window.start
    if not _TAKEN_FROM.search(window.text[max(0, at - 30):at]):
        return roles
    taker = roles.actor2 if roles.actor2 is not None and roles.actor2.start < trigger_at else None
    return Roles(taker, loser)


def _ground_taker(roles: Roles, window: Window) -> Roles:
    """Ground handed over: the party that takes it is actor1, the one that gave it up actor2 ("the
    Taliban took over after government forces withdrew", "which was taken over by federal troops")."""
    text, window_start = window.text, window.start
    for p in window.parties:
        if p.inter == CIVILIANS_INTER:
            continue
        at = p.start - window_start
        end = (p.end if p.end is not None else p.start + len(p.name)) - window_start
        if _TAKES_GROUND.match(text, end) or _GIVEN_TO.search(text[max(0, at - 80):at]):
            if roles.actor1 is not None and roles.actor1.start == p.start:
                return roles
            others = [q for q in (roles.actor1, roles.actor2) if q is not None and q.start != p.start]
            return Roles(p, others[0] if others else None)
    return roles


def _the_crowd_acts(roles: Roles, sub: str, trigger_at: int) -> Roles:
    name, inter = _CROWD_ACTS[sub]
    crowd = Party(name, None, inter, trigger_at, True)
    if sub == "Peaceful protest":
        return Roles(crowd, None)  # whom a peaceful protest is against is no party to it
    other = next((p for p in (roles.actor1, roles.actor2) if p is not None and p.inter not in _CROWD_INTERS), None)
    return Roles(crowd, other)


def _candidate(window: Window, trigger: Trigger, context: ArticleContext) -> Candidate:
    article, start, end, text = context.article, window.start, window.end, window.text
    sub = trigger.sub_event_type
    trigger_at = start + trigger.start
    roles = roles_in(window, trigger_at, sub)
    if sub in _ONE_SIDED:
        roles = replace(roles, actor2=None)  # a group changing itself or setting up a base acts on no one
    if sub in CAPTURES:
        roles = _loser_taken_from(roles, window, trigger_at)
    if sub == "Non-violent transfer of territory":
        roles = _ground_taker(roles, window)
    if sub in _CROWD_ACTS:
        roles = _the_crowd_acts(roles, sub, trigger_at)
    # who took the ground decides between ACLED's two territorial types: state forces or not
    if sub in CAPTURES and roles.actor1 is not None and roles.actor1.inter is not None:
        sub = "Government regains territory" if roles.actor1.inter == 1 else "Non-state actor overtakes territory"
    if event_type_of(sub) in _WEAPON_TYPES:
        roles = weapon_holder(roles, window, trigger_at, context.home, sub)
        actor1, actor2 = roles.actor1, roles.actor2
        # "terrorists" striking beside a named armed group: the label is that group, named better
        # (not when the group is counted among the dead: "killing five Houthi fighters")
        if (actor1 is not None and actor1.is_label and actor2 is not None and not actor2.is_label
                and actor2.inter in NON_STATE_INTER and not counted_dead(actor2, window)):
            roles = Roles(actor2, None)
    means = find_means(text, sub)
    party_named = roles.actor1 is not None
    if context.infer_unnamed:
        roles = infer_unnamed(roles, window, trigger_at, sub_event_type=sub, means=means, context=context)
    actor1, actor2 = roles.actor1, roles.actor2
    place, place_precision, place_inferred = context.locator.event_place(start, end)
    when = event_date(article, start, end)
    toll = count(text)
    attribution = attribute(text, speaker_of(article, start, end), context.default_source)
    fatalities = toll.fatalities
    civilians = toll.civilian_fatalities
    if civilians is None and fatalities is not None and sub in ("Attack",) and actor2 and _CIVILIAN_ACTOR.search(actor2.name):
        civilians = fatalities
    confidence = _confidence(trigger.score, roles, place is not None and not place_inferred, when.inferred, attribution.certainty)
    event = Event(
        event_type=event_type_of(sub),
        sub_event_type=sub,
        actor1=actor1.name if actor1 else None,
        actor1_id=actor1.actor_id if actor1 else None,
        actor1_inter=acled_inter(actor1, place.country if place else context.home, sub),
        actor1_inferred=True if roles.actor1_inferred else None,
        actor2=actor2.name if actor2 else None,
        actor2_id=actor2.actor_id if actor2 else None,
        actor2_inter=acled_inter(actor2, place.country if place else context.home, sub),
        location=place.name if place else None,
        lat=place.lat if place else None,
        lon=place.lon if place else None,
        admin1=place.admin1 if place else None,
        country=place.country if place else None,
        geo_precision=place_precision,
        date=when.value,
        time_precision=when.time_precision,
        fatalities=fatalities,
        civilian_fatalities=civilians,
        means=means,
        claimed_by=attribution.claimed_by,
        certainty=attribution.certainty,
        cameo=CAMEO.get(sub),
        confidence=confidence,
        evidence=Evidence(sentence=text, start=start, end=end),
    )
    return Candidate(
        event=event,
        score=trigger.score,
        start=start,
        place_key=(place.name.lower() if place else None),
        place_inferred=place_inferred,
        date_inferred=when.inferred,
        source=attribution.claimed_by,
        fatality_reports=[FatalityReport(attribution.claimed_by, fatalities, civilians, is_rival_estimate(text))],
        in_lead=start < context.lead_end,
        party_named=party_named,
    )


def acled_inter(party: Party | None, country: str | None, sub_event_type: str | None = None) -> int | None:
    """ACLED's interaction code of ``party`` in an event in ``country``: state forces acting outside
    their own country are external forces (Russia's in Syria or Ukraine, Rwanda's in Mozambique);
    a government signing an agreement abroad (in Doha, in Havana) acts at home."""
    if party is None:
        return None
    actor = kb_actor(party.actor_id)
    home = getattr(actor, "country", None)
    if (party.inter == STATE_FORCES_INTER and home and country and home != country
            and sub_event_type not in _SIGNED_ANYWHERE):
        return EXTERNAL_FORCES_INTER
    return party.inter


def _confidence(trigger_score: float, roles: Roles, placed_by_window: bool, date_inferred: bool, certainty: str) -> float:
    """How sure the coding is: trigger strength, a named actor, place and date from the window,
    and the source's own certainty; an inferred actor earns less than a named one."""
    c = 0.25 + min(0.35, 0.06 * trigger_score)
    c += 0.15 if roles.actor1 is not None else 0.0
    c += 0.1 if placed_by_window else 0.0
    c += 0.05 if not date_inferred else 0.0
    c += {"fact": 0.1, "reported": 0.05, "claimed": 0.0, "hedged": -0.05, "denied": -0.1}.get(certainty, 0.0)
    c = round(max(0.0, min(1.0, c)), 3)
    if roles.actor1_inferred:
        c = round(max(0.0, c - 0.1), 3)
    return c
