"""Who acts on whom in a window: actor1 (who acts) and actor2 (who is acted on).

The acting party stands before the trigger (or after "by"); the party counted among
the dead ("the army killed 33 Nusra fighters") is acted on; a weapon's adjective
("Russian jets", "regime shelling") names who acts.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..lexicons import alternation
from ..lexicons.entries import word_list
from .agents import attributive_agent
from .parties import CIVILIANS_INTER, Party, kb_actor, side_of
from .theatres import local_to_another_country
from .windows import Window


@dataclass(frozen=True)
class Roles:
    actor1: Party | None = None
    actor2: Party | None = None
    actor1_inferred: bool = False  # the text does not name actor1: inference.py read it


# "hit by", "attacks by": a participle or an attack noun before "by"; not "a siege of the city by"
_BY_AGENT = re.compile(
    r"\b(?:\w+(?:ed|en|wn|ut|ck|ht)|strikes?|air ?strikes?|raids?|attacks?|shelling|bombardment|bombings?|assaults?|"
    r"offensive|fire|operations?)\s+by (?:the )?$",
    re.I,
)
# "33 Nusra fighters", "dozens of the militants": a figure before the party counts it (years aside)
_COUNT_BEFORE = re.compile(
    r"(?:\b(?!(?:19|20)\d\d\b)\d[\d,]*|\b" + alternation(word_list("tolls", "count_words")) + r")\s+(?:(?:more|other|of|the)\s+){0,2}$",
    re.I,
)
_DEATH = re.compile(r"\b" + alternation(word_list("tolls", "counted_dead_stems")), re.I)
_LATER_CLAUSE = 40  # characters after the trigger beyond which a weapon's adjective belongs to another clause


def roles_in(window: Window, trigger_at: int) -> Roles:
    """actor1 and actor2 of the trigger at ``trigger_at`` (an article offset).

    A named actor is preferred to a label in each role, and a label only fills a role no
    named actor can. actor2 is on another side than actor1 when the KB knows the sides.
    """
    actor1, actor2 = _by_position(window, trigger_at)
    # "the army kills 62 rebels", "50 ISIS terrorists killed in clashes with the army": the counted dead were acted on
    if actor1 is not None and actor2 is not None and counted_dead(actor1, window) and not counted_dead(actor2, window):
        actor1, actor2 = actor2, actor1
    return Roles(actor1, actor2)


def _by_position(window: Window, trigger_at: int) -> tuple[Party | None, Party | None]:
    parties, text, window_start = window.parties, window.text, window.start
    if not parties:
        return None, None
    victims = [p for p in parties if p.inter == CIVILIANS_INTER]
    agents = [p for p in parties if p.inter != CIVILIANS_INTER]
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

    def other_side(p: Party) -> bool:
        if p is actor1 or (p.actor_id and p.actor_id == actor1.actor_id) or p.name.lower() == actor1.name.lower():
            return False
        side = side_of(p.actor_id)
        return side is None or side1 is None or side != side1

    rest = [p for p in after + list(reversed(before)) + victims if other_side(p)]
    actor2 = next((p for p in rest if not p.is_label), None) or next(iter(rest), None)
    return actor1, actor2


def counted_dead(party: Party, window: Window) -> bool:
    """Whether the window counts this party among the dead ("kills 33 Nusra terrorists")."""
    at = party.start - window.start
    return bool(_DEATH.search(window.text)) and _COUNT_BEFORE.search(window.text[max(0, at - 30):at]) is not None


def weapon_holder(roles: Roles, window: Window, trigger_at: int, home: str | None) -> Roles:
    """"Russian jets", "regime shelling": the weapon's adjective names who acts, unless "by X" did.

    ``home``: the article's home country (an adjective read as another country's actor names
    no known actor there)."""
    actor1, actor2 = roles.actor1, roles.actor2
    parties, text, window_start = window.parties, window.text, window.start
    agent = attributive_agent(text)
    if agent is None:
        return roles
    # "massacre 250 Syrian troops", "executed 128 Syrian civilians": the counted dead, not the wielders
    if _DEATH.search(text) and _COUNT_BEFORE.search(text[max(0, agent.start - 30):agent.start]):
        return roles
    # a named subject before the trigger acts; an army named in a later clause does not take its place
    if (actor1 is not None and not actor1.is_label and actor1.start < trigger_at
            and window_start + agent.start > trigger_at + _LATER_CLAUSE):
        return roles
    if agent.actor_id and local_to_another_country(agent.actor_id, home):
        agent.actor_id = None  # "government shelling" outside Syria: another government, not named here
    if actor1 is not None and _BY_AGENT.search(text[max(0, actor1.start - window_start - 40):actor1.start - window_start]):
        return roles
    at = window_start + agent.start
    named_here = next((p for p in parties if abs(p.start - at) <= 2 and not p.is_label), None)
    if named_here is not None:
        holder = named_here
    elif agent.actor_id is not None and kb_actor(agent.actor_id) is not None:
        actor = kb_actor(agent.actor_id)
        holder = Party(actor.name, agent.actor_id, actor.inter, at, False)
    else:
        holder = Party(agent.surface, None, None, at, True)
    if actor1 is not None and (actor1.actor_id and actor1.actor_id == holder.actor_id or actor1.start == holder.start):
        return roles
    if actor2 is not None and (actor2.actor_id and actor2.actor_id == holder.actor_id or actor2.start == holder.start):
        return Roles(holder, actor1)
    if actor1 is not None and actor1.is_label and holder.is_label:
        return roles
    side = side_of(holder.actor_id)
    other = actor1 if actor1 is not None and (side is None or side_of(actor1.actor_id) != side) else actor2
    return Roles(holder, other)
