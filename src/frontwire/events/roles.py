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
from .agents import Agent, attributive_agents, in_target_position
from .parties import CIVILIANS_INTER, SPEECH_AFTER, Party, kb_actor, side_of, tells_own_act
from .taxonomy import ACTED_ON_AFTER, CONCEALED_ATTACKER
from .theatres import local_to_another_country
from .windows import Window


@dataclass(frozen=True)
class Roles:
    actor1: Party | None = None
    actor2: Party | None = None
    actor1_inferred: bool = False  # the text does not name actor1: inference.py read it


# "hit by", "attacks by": a participle or an attack noun before "by"; not "a siege of the city by"
_BY_AGENT = re.compile(
    r"\b(?!" + alternation(word_list("actor_names", "held_by_verbs")) + r"\b)(?:\w+(?:ed|en|wn|ut|ck|ht)|sent|laid|strikes?|air ?strikes?|raids?|attacks?|shelling|bombardment|bombings?|assaults?|"
    # ("a grenade hurled by suspected Clan del Golfo members", "bombers sent by Boko Haram")
    # (a generic label may stand between: "an attack by the terrorist Rapid Support militia")
    r"offensive|fire|operations?)\s+by (?:the )?(?:(?:suspected|alleged|presumed|unidentified)\s+)?"
    r"(?:" + alternation(word_list("actor_names", "generic_labels")) + r"\s+)?$",
    re.I,
)
# "a suicide bomber affiliated with the Daesh terrorist organisation", "a bomber of the Indian-sponsored
# Fitna al-Khawarij": whose the bomber is, named after the blast's own words
_BOMBER_OF = re.compile(
    r"\b(?:bombers?|attackers?|gunmen)\s+(?:[\w-]+\s+){0,2}?(?:of|from|affiliated\s+with|belonging\s+to|linked\s+to|loyal\s+to)"
    r"\s+(?:the\s+)?(?:[\w'’-]+\s+){0,2}?$", re.I)
# "police said, blaming the Los Lobos gang", "blamed the bombing on Boko Haram", "accused the rebels of":
# the party the source holds responsible is the attacker as the source tells it
_BLAMED = re.compile(
    r"\b(?:blam(?:ed|ing|es)(?:\s+(?:the|it|this)(?:\s+\w+){0,2}?\s+on)?|accus(?:ed|ing|es))\s+"
    r"(?:the\s+)?(?:(?:suspected|alleged)\s+)?$", re.I)
# "the army accused of using chlorine", "rebels, blamed for the shelling": the party held responsible
_ACCUSED_AFTER = re.compile(
    r"\s*,?\s*(?:(?:was|were|is|are|has\s+been|have\s+been|being)\s+)?(?:widely\s+)?"
    r"(?:accused\s+of|blamed\s+for)\b", re.I)
# "33 Nusra fighters", "dozens of the militants": a figure before the party counts it (years aside)
_COUNT_BEFORE = re.compile(
    r"(?:\b(?!(?:19|20)\d\d\b)\d[\d,]*|\b" + alternation(word_list("tolls", "count_words")) + r")\s+(?:(?:more|other|of|the)\s+){0,2}$",
    re.I,
)
_DEATH = re.compile(r"\b" + alternation(word_list("tolls", "counted_dead_stems")), re.I)
_COUNT = r"(?:\b(?!(?:19|20)\d\d\b)\d[\d,]*|\b" + alternation(word_list("tolls", "count_words")) + r")"
# "35 IS jihadists": a name's modifier between the figure and the party
_COUNT_MODIFIED = re.compile(_COUNT + r"\s+[A-Z][\w-]*\s+$")
# "14 fighters from Jaish al-Islam", "most of them from the Ahrar al-Sham group": the party's own people counted
# a figure or a share of a whole ("most", "many")
_SHARE = r"(?:" + _COUNT + r"|\bmost|\bmany|\bsome|\ball)"
_COUNT_MEMBERS = re.compile(
    _SHARE + r"\s+(?:[\w-]+\s+){0,2}?(?:"
    + alternation(word_list("actor_names", "counted_members")) + r")\s+(?:of|from)\s+(?:the\s+)?$",
    re.I,
)
# "At least 26 people, many of them soldiers waiting for a train, were killed": who the dead were
_AMONG_THEM = re.compile(r"(?:" + _SHARE + r"|\bseveral|\bhalf)\s+of\s+them\s+(?:\w+\s+)?$", re.I)
# "a checkpoint manned by a group of the Levant Front", "areas held by the rebels": who holds the target
_HOLDS_TARGET = re.compile(
    r"\b" + alternation(word_list("actor_names", "held_by_verbs")) + r"\s+by\s+(?:(?:the|a|an)\s+)?(?:[\w'’-]+\s+){0,5}?$",
    re.I,
)
# "killed 20 militants including Capt. Abu Hamza, the commander of the Syria Revolutionaries Front": a leader
# counted among the dead counts his group among them
_LEADER_AMONG_DEAD = re.compile(
    r"\b(?:including|among them|among whom|as well as)\s+(?:[\w.,'’-]+\s+){0,5}?(?:the\s+)?(?:"
    + alternation(word_list("actor_names", "group_leaders")) + r")\s+of\s+(?:the\s+)?",
    re.I,
)
# "Four Hezbollah members have been killed", "vehicles were destroyed": the party is the subject of a passive
_PASSIVE_ACT = re.compile(
    r"[\w'’-]*(?:\s+[a-z][\w-]*){0,5}?\s+(?:" + alternation(word_list("actor_names", "passive_auxiliaries"))
    + r")\s+(?:\w+ly\s+)?(?:" + alternation(word_list("tolls", "counted_dead_stems") + word_list("actor_names", "passive_acted_on"))
    + r")\w*\b(?!\s+by\b)",
)
# "fighting alongside the Syrian regime and Russian forces": a party joined to a target is one too
_JOINED_TO = re.compile(r"\s*(?:,|and|,\s*and)\s+(?:the\s+)?", re.I)
# "Government forces and Houthi rebels", "the junta and several ethnic armed groups": two parties
# joined as one subject (the first's head noun and the second's modifiers between them)
# ("Malian soldiers and fighters of the al Qaeda-linked JNIM": the second's men and allegiance too)
_COORDINATED = re.compile(
    r"(?:\s+(?:" + alternation(word_list("actor_names", "party_heads")) + r"))?\s*(?:,\s*(?:and\s+)?|and\s+)"
    r"(?:(?:" + alternation(word_list("actor_names", "party_heads")) + r")\s+of\s+)?"
    r"(?:(?:the|several|some|other|allied|rival|local|ethnic|armed|tribal|two|three"
    r"|(?:[\w'’]+\s+)?[\w'’-]+-(?:linked|backed|led|allied|affiliated|aligned))\s+){0,3}",
    re.I,
)
_LATER_CLAUSE = 40  # characters after the trigger beyond which a weapon's adjective belongs to another clause
# "Taliban fighters overran the district after fighting with army units, capturing the compound":
# a participle after a comma has the main clause's subject, not the party nearest before it
_PARTICIPLE = re.compile(r",\s+(?:\w+ly\s+)?$")
_PARTICIPLE_WORD = re.compile(r"\w+ing\b")
# an opening subordinate clause ("Hours after talks in Doha stalled, ...") holds no subject of the main one
_OPENING_CLAUSE = re.compile(r"^\W*(?:(?:\w+\s+){0,2}(?:after|since|before)|after|when|as|while|following|once|despite)\b[^,]{0,120},", re.I)


def roles_in(window: Window, trigger_at: int, sub_event_type: str | None = None) -> Roles:
    """actor1 and actor2 of the trigger at ``trigger_at`` (an article offset), of the given type.

    A named actor is preferred to a label in each role, and a label only fills a role no
    named actor can. actor2 is on another side than actor1 when the KB knows the sides.
    """
    actor1, actor2 = _by_position(window, trigger_at, sub_event_type in ACTED_ON_AFTER,
                                  first_named=sub_event_type in ("Armed clash", "Agreement"))
    # "the army kills 62 rebels", "50 ISIS terrorists killed in clashes with the army": the counted dead were acted on
    if actor1 is not None and counted_dead(actor1, window):
        if actor2 is None:
            return Roles(None, actor1)  # "Four Hezbollah members have been killed": who killed them is not told here
        if not counted_dead(actor2, window):
            actor1, actor2 = actor2, actor1
    return Roles(actor1, actor2)


def _by_position(window: Window, trigger_at: int, concealed: bool,
                 first_named: bool = False) -> tuple[Party | None, Party | None]:
    """``first_named``: a battle's or an agreement's actor1 is the first party named before its
    trigger (ACLED's order: "Troops engaged NPA rebels in a firefight", "the government and the OLA
    signed"), not the one nearest to it."""
    parties, text, window_start = window.parties, window.text, window.start
    if not parties:
        return None, None
    victims = [p for p in parties if p.inter == CIVILIANS_INTER]
    agents = [p for p in parties if p.inter != CIVILIANS_INTER]
    if not agents:
        return None, victims[0]
    # a speaker of another's act ("Syrian army says rebel bombardment killed 84") acts only where no one else can
    speaking = [p for p in agents if _speaks(p, window)]
    if len(speaking) < len(agents):
        agents = [p for p in agents if p not in speaking]
    # "air strikes on IS positions", "hit an IS command post": a target is acted on
    # "blamed the attack on Boko Haram": the one the source holds responsible, acting, never a target
    blamed = [p for p in agents if _BLAMED.search(text[max(0, p.start - window_start - 60):p.start - window_start])
              or (p.end is not None and _ACCUSED_AFTER.match(text, p.end - window_start))]
    targets: list[Party] = []
    for p in agents:
        at = p.start - window_start
        joined = targets and targets[-1].end is not None and _JOINED_TO.fullmatch(text, targets[-1].end - window_start, at)
        if p in blamed:
            continue
        if joined or in_target_position(text[max(0, at - 50):at]) or _HOLDS_TARGET.search(text[max(0, at - 60):at]):
            targets.append(p)
    if targets:
        agents = [p for p in agents if p not in targets]
        victims = targets + victims
        if not agents:
            return None, victims[0]
    before = [p for p in agents if p.start <= trigger_at]
    after = [p for p in agents if p.start > trigger_at]
    actor1 = None
    # a passive agent ("hit by Turkish jets") acts, wherever it stands; failing one, who is blamed
    for p in agents:
        before_p = text[max(0, p.start - window_start - 60):p.start - window_start]
        if _BY_AGENT.search(before_p[-40:]) or _BOMBER_OF.search(before_p):
            actor1 = p
            break
    if actor1 is None:
        actor1 = next((p for p in agents if p in blamed), None)
    if actor1 is None:
        # the party nearest before the trigger is its subject; a label that stands for a
        # named actor right beside it ("ISIS terrorists") gives way to that actor
        if before and first_named:
            # (a label that says its kind, "Troops", is named as much as an actor)
            actor1 = next((p for p in before if not p.is_label or p.inter is not None), before[0])
        elif before and _participle_at(text, trigger_at - window_start):
            opening = _OPENING_CLAUSE.match(text)
            main = [p for p in before if not opening or p.start - window_start >= opening.end()]
            # (a possessor is not the subject: "Al-Qaeda's Sahel affiliate JNIM released ...")
            main = [p for p in main if p.end is None or not re.match(r"['’]s\b", text[p.end - window_start:])] or main
            actor1 = next((p for p in main if not p.is_label or p.inter is not None), (main or before)[0])
        elif before:
            actor1 = before[-1]
            if actor1.is_label and len(before) > 1 and not before[-2].is_label and actor1.start - before[-2].start < 40:
                actor1 = before[-2]
            # "Secessionist terrorists": of two labels side by side, the one that says the kind
            elif (actor1.is_label and actor1.inter is None and len(before) > 1 and before[-2].is_label
                  and before[-2].inter is not None and before[-2].end is not None
                  and not text[before[-2].end - window_start:actor1.start - window_start].strip()):
                actor1 = before[-2]
            # "the army and the RSF fought", "Soldiers and ELN guerrillas exchanged fire": of a subject
            # of two joined parties, the first named is actor1 (ACLED's order), the other acts with it
            while True:
                joined = next((p for p in before if p.end is not None and p.start < actor1.start
                               and _COORDINATED.fullmatch(text, p.end - window_start, actor1.start - window_start)), None)
                if joined is None:
                    break
                actor1 = joined
        else:
            first_after = next((p for p in after if not p.is_label), after[0])
            if concealed:
                # "suicide bombings that targeted a police station", "a car bomb at a rebel checkpoint"
                # ("hit a convoy of the Colombian Army, killing two soldiers": the party struck first)
                return None, targets[0] if targets else first_after
            actor1 = first_after
    side1 = side_of(actor1.actor_id)

    def other_side(p: Party) -> bool:
        if p is actor1 or (p.actor_id and p.actor_id == actor1.actor_id) or p.name.lower() == actor1.name.lower():
            return False
        side = side_of(p.actor_id)
        return side is None or side1 is None or side != side1

    rest = [p for p in after + list(reversed(before)) + victims if other_side(p)]
    actor2 = next((p for p in rest if not p.is_label), None) or next(iter(rest), None)
    return actor1, actor2


def _participle_at(text: str, at: int) -> bool:
    return _PARTICIPLE_WORD.match(text, at) is not None and _PARTICIPLE.search(text[max(0, at - 20):at]) is not None


def counted_dead(party: Party, window: Window) -> bool:
    """Whether the window counts this party among the dead ("kills 33 Nusra terrorists",
    "14 fighters from Jaish al-Islam", "Four Hezbollah members have been killed") or tells of
    it in a passive that acts on it ("Terrorists' vehicles were destroyed")."""
    end = party.end if party.end is not None else party.start + len(party.name)
    deaths = _DEATH.search(window.text) is not None
    return any(_counted_at(window, start - window.start, stop - window.start, deaths)
               for start, stop in [(party.start, end), *party.later])


def _counted_at(window: Window, at: int, end: int, deaths: bool) -> bool:
    """Whether the mention at ``at:end`` is counted among the dead (the window tells of ``deaths``)
    or is the subject of a passive that acts on it ("were destroyed", "have been killed")."""
    before = window.text[max(0, at - 40):at]
    if deaths and (_COUNT_BEFORE.search(before[-30:]) or _COUNT_MODIFIED.search(before) or _COUNT_MEMBERS.search(before)
                   or _AMONG_THEM.search(before) or _leader_among_dead(window.text, at, end)):
        return True
    return _PASSIVE_ACT.match(window.text, end) is not None


def _leader_among_dead(text: str, at: int, end: int) -> bool:
    """"including X, the commander of the <party>" reaching the mention (which may itself begin at
    "commander of")."""
    found = _LEADER_AMONG_DEAD.search(text, max(0, at - 80), end)
    return found is not None and found.end() >= at


def _speaks(party: Party, window: Window) -> bool:
    """Whether the party is the speaker of the clause after it ("the army says ...")."""
    if party.end is None or _ACCUSED_AFTER.match(window.text, party.end - window.start):
        return False  # ("accused of": the one accused, not an accuser)
    said = SPEECH_AFTER.match(window.text, party.end - window.start)
    return said is not None and not tells_own_act(window.text, said.end())


def _wields(agent: Agent, window: Window) -> bool:
    """Whether the weapon's adjective names who fires, not the counted dead ("killed 10 Syrian
    soldiers") nor a speaker ("Syrian army says rebel bombardment killed 84")."""
    at = agent.start
    said = SPEECH_AFTER.match(window.text, agent.weapon_end)
    if said is not None and not tells_own_act(window.text, said.end()):
        return False
    return not (_DEATH.search(window.text) and _COUNT_BEFORE.search(window.text[max(0, at - 30):at]))


def _agent_party(agent: Agent, window: Window) -> Party:
    """The party a weapon's adjective names: the named party whose words hold it, the KB actor
    the table gives, or the adjective as a label."""
    named = _named_over(agent, window)
    if named is not None:
        return named
    at = window.start + agent.start
    actor = kb_actor(agent.actor_id)
    if actor is not None:
        return Party(actor.name, agent.actor_id, actor.inter, at, False, window.start + agent.end)
    return Party(agent.surface, None, None, at, True, window.start + agent.end)


def _named_over(agent: Agent, window: Window) -> Party | None:
    """The named party whose words hold the adjective ("Free Syrian Army fighters", "Myanmar military jets")."""
    at = window.start + agent.start
    for p in window.parties:
        if p.is_label:
            continue
        end = p.end if p.end is not None else p.start + len(p.name)
        if abs(p.start - at) <= 2 or p.start <= at < end:
            return p
    return None


def weapon_holder(roles: Roles, window: Window, trigger_at: int, home: str | None,
                  sub_event_type: str | None = None) -> Roles:
    """"Russian jets", "regime shelling": the weapon's adjective names who acts, unless "by X" did.

    ``home``: the article's home country (an adjective read as another country's actor names
    no known actor there). A device's bomber is never named after the blast ("an IED blast that
    targeted a vehicle carrying police personnel")."""
    actor1, actor2 = roles.actor1, roles.actor2
    text, window_start = window.text, window.start
    concealed = sub_event_type in CONCEALED_ATTACKER
    agent = next((a for a in attributive_agents(text)
                  if _wields(a, window) and not (concealed and window_start + a.start > trigger_at)), None)
    if agent is None:
        return roles
    # a named subject before the trigger acts; an army named in a later clause does not take its place
    if (actor1 is not None and not actor1.is_label and actor1.start < trigger_at
            and window_start + agent.start > trigger_at + _LATER_CLAUSE):
        return roles
    if agent.actor_id and local_to_another_country(agent.actor_id, home):
        agent.actor_id = None  # "government shelling" outside Syria: another government, not named here
    if actor1 is not None and _BY_AGENT.search(text[max(0, actor1.start - window_start - 40):actor1.start - window_start]):
        return roles
    holder = _agent_party(agent, window)
    if actor1 is not None and actor1.start == holder.start and actor1.is_label and not holder.is_label:
        return Roles(holder, actor2)  # "the army's shelling": in this country the word names its forces
    if actor1 is not None and (actor1.actor_id and actor1.actor_id == holder.actor_id or actor1.start == holder.start):
        return roles
    if actor2 is not None and (actor2.actor_id and actor2.actor_id == holder.actor_id or actor2.start == holder.start):
        return Roles(holder, actor1)
    if actor1 is not None and actor1.is_label and holder.is_label:
        return roles
    side = side_of(holder.actor_id)
    other = actor1 if actor1 is not None and (side is None or side_of(actor1.actor_id) != side) else actor2
    return Roles(holder, other)
