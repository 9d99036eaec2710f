"""The parties an evidence window names, and what the knowledge base says of them.

Sources (monitors, media, UN bodies) and ground-holders ("rebel-held") are not
parties; a label linked to an actor ("the regime", "Nusra terrorists") speaks
for that actor.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..lexicons import alternation, word_pattern
from ..lexicons.entries import word_list
from ..model import Article
from ..resources import knowledge_base
from ..understand.actor_matcher import DEMONYMS
from .agents import attributive_agents, resolve_label
from .theatres import Theatre, local_to_another_theatre

# ("rebel held areas"; not the verb before its object: "the army held a live-fire exercise")
_HOLDER = re.compile(r"(?:-| )(?:held|controlled|run|besieged|dominated|affiliated|linked)\b"
                     r"(?!\s+(?:a|an|the|its|their|his|her|our|talks|meetings?|elections?|rall(?:y|ies)|exercises?|drills?)\b)|\s+(?:towns?|villages?|city|areas?|enclaves?|bastions?|strongholds?|districts?|neighbou?rhoods?|territory|parts)\b|['’]s? (?:de facto )?(?:capital|stronghold|bastion)\b", re.I)
# the knowledge base's sources and witnesses: they report events, they do not fight them
_NOT_PARTIES = {"media", "monitoring group", "international organisation", "aid organisation"}
# "districts held by Assad forces", "areas under the control of": the holder of the ground
_HELD_BY = re.compile(r"\b(?:held|controlled|dominated|run|ruled|occupied) by (?:the )?$|\bunder (?:the )?control of (?:the )?$", re.I)
# "pro-Assad fighters", "anti-Assad rebels": an allegiance, not that actor
_ALLEGIANCE = re.compile(r"\b(?:pro|anti|non)-$", re.I)
# "the army said it killed", "ISIL claimed responsibility": a speaker telling of its own act is its party
# ("Daesh said three of its fighters carried out the attack": its own men counted are it too)
# (a day may stand before the clause: "said on Tuesday it had conducted an air strike")
_OWN_ACT = re.compile(r"\s*(?:(?:late\s+|early\s+)?on\s+\w+day\s+|yesterday\s+|today\s+)?(?:that\s+)?"
                      r"(?:[\w-]+\s+of\s+(?=(?:its|their|our)\b))?(?:"
                      + alternation(word_list("actor_names", "own_act_openings")) + r")\b", re.I)
# "the Government Bilingual High School", "Police Lines Hospital": the word opens a name, not the state
_INSTITUTION_NAMED = re.compile(
    r"(?:\s+[A-Z][\w'’-]*){0,4}?\s+(?:School|College|University|Hospital|Clinic|Academy|Institute|Lines|Colony|Quarters)\b")
_ANNOUNCED = re.compile(r"\b" + alternation(word_list("actor_names", "announcement_verbs")) + r"\s*$", re.I)
_A_THING = re.compile(r"\s*(?:an?|the)\s+(?!(?:\w+\s+){0,2}(?:had|has|have|was|were|is|are|would|will)\b)", re.I)
_CLAIMS = re.compile(r"\bclaim(?:s|ed|ing)?\s*$", re.I)
# (as a thing, not a clause: "claimed the attack was carried out by rebels" names no claimant's act)
_A_CLAIMED_ACT = re.compile(
    r"\s*(?:(?:an?|the|this|that)\s+)?(?:[\w'’-]+\s+){0,3}?(?:" + alternation(word_list("actor_names", "claimed_acts"))
    + r")\b(?!\s+(?:\w+\s+)?(?:had|has|have|was|were|is|are|would|will)\b)", re.I)
_OWN_LOSS = re.compile(
    r"(?:\s+[\w'’-]+){0,3}?\s+(?:" + alternation(word_list("actor_names", "passive_auxiliaries")) + r")\s+(?:\w+ly\s+)?(?:"
    + alternation(word_list("tolls", "counted_dead_stems") + word_list("actor_names", "passive_acted_on")) + r")",
    re.I,
)
# "Syrian army says rebel bombardment killed 84", "Ukraine said": the speaker of what follows
SPEECH_AFTER = re.compile(r"\s+(?:has\s+|have\s+|had\s+)?" + alternation(word_list("actor_names", "speech_verbs")) + r"\b", re.I)
# ACLED's inter codes that rules give a party by its kind
STATE_FORCES_INTER = 1
RIOTERS_INTER = 5
PROTESTERS_INTER = 6
CIVILIANS_INTER = 7  # victims, never the acting party
EXTERNAL_FORCES_INTER = 8  # state forces outside their own country, missions, private military companies
NON_STATE_INTER = {2, 3, 4}  # rebels, political and identity militias
_STATE_FORCES = word_pattern(word_list("actor_names", "state_force_parties"))
_BELONGING = re.compile(r"(?:\s+|(?=-))" + alternation(word_list("actor_names", "state_force_belongings")) + r"\b", re.I)
# "its soldiers", "their troops": the forces of a party named before, not the country's own
_WHOSE_PRONOUN = re.compile(r"\b(?:its|their|his|her|our)\s+$", re.I)
# "Turkish soldiers", "Ethiopian federal troops": a country's adjective names whose forces they are
# (read by its form where the text has capitals, by the KB matcher's demonyms where it has none)
_DEMONYM_BEFORE = re.compile(
    r"(?<![\w.])((?:[A-Z]\.){2,}|[^\W\d_]+)\s+(?:(?:federal|government|national|regular)\s+)?$", re.I)
# a demonym by its form, or a country's abbreviation ("U.S. troops", "UK forces")
_DEMONYM_FORM = re.compile(r"[A-Z][a-z]+(?:ian|ish|ese|i|an)|(?:[A-Z]\.){2,}|[A-Z]{2,3}")
# words a headline in capitals writes like an abbreviation ("THE TROOPS")
_CAPITALISED_WORDS = frozenset({"THE", "AND", "FOR", "OF", "BY", "ITS", "OUR", "HIS", "HER", "ALL", "TWO", "NEW", "ON", "IN"})
# "opposition government", "rebel army", "interim government": a side's institutions, no state's;
# "Turkish-backed troops", "Kurdish-led forces": another's proxies
_NOT_THE_STATE = re.compile(
    r"\b(?:opposition|rebel|rebels['’]|interim|transitional|exiled?|shadow|parallel|insurgent)\s+$"
    r"|[\w.]+-(?:backed|led|allied|aligned|trained|supported|sponsored)\s+$", re.I)
# "Islam army", "Mahdi Army": a capitalised word before "army", inside a sentence and not a place
# ("Pakistan army"), makes it part of a name the KB does not know, not a state's forces; before
# "military" or "police" such a word is a country's name ("the Bancroft military")
_NAME_BEFORE = re.compile(r"[^.!?:;\s]\s+([A-Z][\w'’-]*)\s+$")
# "Turkish troops crossed the border ... the troops advanced": a definite bare word takes the
# forces its last earlier mention of the same word named (head-noun match, the simplest coreference)
_DEFINITE_BEFORE = re.compile(r"\bthe\s+$", re.I)
_ANTECEDENT_REACH = 9  # earlier mentions looked through at most


@dataclass
class Party:
    name: str
    actor_id: str | None
    inter: int | None
    start: int
    is_label: bool
    end: int | None = None  # where the party's words end in the article (None: placed by a rule, not named)
    later: list[tuple[int, int]] = field(default_factory=list)  # (start, end) of its later mentions in the window


def kb_actor(actor_id: str | None):
    if not actor_id:
        return None
    return knowledge_base().get(actor_id)


def side_of(actor_id: str | None) -> str | None:
    """The knowledge-base side of an actor (government, isis, coalition, ...), if known."""
    actor = kb_actor(actor_id)
    return getattr(actor, "side", None) if actor is not None else None


def kb_party(actor_id: str, at: int) -> Party | None:
    """The knowledge base's actor as a party standing at ``at``."""
    actor = kb_actor(actor_id)
    if actor is None:
        return None
    name = getattr(actor, "canonical", None) or getattr(actor, "name", None) or actor_id
    return Party(name, actor_id, getattr(actor, "inter", None), at, False)


def parties_in(article: Article, start: int, end: int, theatre: Theatre) -> list[Party]:
    """The window's actors and labels in text order; a label linked to an actor speaks for it."""
    out: list[Party] = []
    # (a speaker that tells of its own act is a party, whatever else it goes on to say:
    # "said it had conducted an air strike ... It said no civilians were harmed")
    # (only speakers that reach into the window can hold its parties: an article of thousands of
    # quotes is not read again for each of its windows)
    quotes = [q for q in article.quotes
              if q.speaker_start is not None and q.speaker_start < end and q.speaker_end > start]
    own_act = {(q.speaker_start, q.speaker_end) for q in quotes if tells_own_act(article.text, q.start)}
    # (one that also speaks on its own, "the army told reporters, accusing them", is a speaker)
    acting = {id(q) for q in quotes if _speaks_after_acting(article.text, q)}
    own_act |= ({(q.speaker_start, q.speaker_end) for q in quotes if id(q) in acting}
                - {(q.speaker_start, q.speaker_end) for q in quotes if id(q) not in acting})
    speakers = [(q.speaker_start, q.speaker_end) for q in quotes if (q.speaker_start, q.speaker_end) not in own_act]
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
        actor = kb_actor(e.actor_id)
        if actor is not None and getattr(actor, "type", None) in _NOT_PARTIES:
            continue
        if (e.kind == "actor" and actor is not None and actor.common_noun(e.text)
                and local_to_another_theatre(e.actor_id, theatre)):
            # a description ("pro-government forces") names one war's actor only in that war;
            # elsewhere it describes that country's own, whom the KB row does not stand for (of
            # the same kind: "regime forces" are a state's)
            out.append(Party(e.text, None, e.inter, e.start, True, e.end))
        elif e.kind == "actor":
            out.append(Party(e.canonical or e.text, e.actor_id, e.inter, e.start, False, e.end))
        else:
            # the label table speaks one theatre's copy ("the regime")
            resolved = resolve_label(e.text)
            linked_id = e.linked_to or (resolved if theatre.resolves_labels else None)
            linked = kb_actor(linked_id) if linked_id else None
            if linked is not None:
                name = getattr(linked, "canonical", None) or getattr(linked, "name", None) or e.text
                out.append(Party(name, linked_id, getattr(linked, "inter", None) or e.inter, e.start, False, e.end))
            else:
                # unread, the table still says the kind ("regime forces" are a state's forces in any war)
                kind = e.inter if e.inter is not None else getattr(kb_actor(resolved), "inter", None)
                out.append(Party(e.canonical or e.text, e.linked_to or e.actor_id, kind, e.start, True, e.end))
    out.extend(_wielders_named(article, start, end, theatre))
    out.extend(_speakers_of_own_act(article, start, end, theatre))
    out.extend(_states_as_subjects(article, start, end, theatre))
    out.extend(_state_forces_named(article, start, end, theatre, out, speakers))
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
    # one party per actor (the first mention), which keeps where the others stand
    first: dict[str, Party] = {}
    for p in out:
        key = p.actor_id or p.name.lower()
        if key not in first:
            first[key] = p
        elif p.end is not None:
            first[key].later.append((p.start, p.end))
    return list(first.values())


def _wielders_named(article: Article, start: int, end: int, theatre: Theatre) -> list[Party]:
    """The parties a weapon's or a force's adjective names where no entity stands ("Kurdish
    fighters", "Iranian militias", "killed in police firing", "the army's shelling")."""
    taken = [(e.start, e.end) for e in article.entities if e.kind in ("actor", "label") and e.end > start and e.start < end]
    out = []
    for agent in attributive_agents(article.text[start:end]):
        s, e = start + agent.start, start + agent.weapon_end
        if any(ts < e and s < te for ts, te in taken):
            continue
        actor_id = agent.actor_id
        # another theatre's word ("government" outside Syria) still says which kind of party acts
        kind_only = None
        if actor_id and local_to_another_theatre(actor_id, theatre):
            kind_only = getattr(kb_actor(actor_id), "inter", None)
            actor_id = None
        actor = kb_actor(actor_id)
        if actor is not None:
            name = getattr(actor, "canonical", None) or getattr(actor, "name", None) or actor_id
            out.append(Party(name, actor_id, getattr(actor, "inter", None), s, False, start + agent.end))
        elif _STATE_FORCES.fullmatch(agent.surface):
            out.append(state_forces_party(theatre, agent.surface, s, start + agent.end))
        else:
            out.append(Party(agent.surface, None, kind_only, s, True, start + agent.end))
    return out


def state_forces_party(theatre: Theatre, surface: str, start: int, end: int, whose: str | None = None) -> Party:
    """Words that name a state's forces alone: the forces of the country ``whose`` (a demonym
    before them, "Turkish soldiers") names where the label table knows it, else, with no demonym,
    the theatre's own state forces where it names them, else a label of ACLED's kind 1."""
    actor_id = resolve_label(whose) if whose else theatre.state_forces
    party = kb_party(actor_id, start) if actor_id else None
    if party is None:
        return Party(f"{whose} {surface}" if whose else surface, None, STATE_FORCES_INTER, start, True, end)
    party.end = end
    return party


def _demonym(before: str) -> str | None:
    m = _DEMONYM_BEFORE.search(before)
    if m is None:
        return None
    word = m.group(1)
    if word.upper() in _CAPITALISED_WORDS:
        return None
    return word if _DEMONYM_FORM.fullmatch(word) or word.lower() in DEMONYMS else None


def _in_a_name(article: Article, words: str, before: str, at: int) -> bool:
    m = _NAME_BEFORE.search(before)
    if m is None or not words.lower().endswith("army") or _demonym(before) is not None:
        return False
    word_at = at - len(before) + m.start(1)
    return not any(e.kind == "place" and e.start <= word_at < e.end for e in article.entities)


def _state_forces_named(article: Article, start: int, end: int, theatre: Theatre, found: list[Party],
                        speakers: list[tuple[int, int]]) -> list[Party]:
    """"Police fired on the crowd", "soldiers raped", "junta troops": words that alone name a state's
    forces, where no entity, other party or speaker of another's act stands (actor_names.yaml
    ``state_force_parties``)."""
    taken = [(e.start, e.end) for e in article.entities if e.kind in ("actor", "label") and e.end > start and e.start < end]
    taken += [(p.start, p.end if p.end is not None else p.start + len(p.name)) for p in found]
    out = []
    for m in _STATE_FORCES.finditer(article.text, start, end):
        s, e = m.start(), m.end()
        before = article.text[max(start, s - 30):s]
        if (any(ts < e and s < te for ts, te in taken) or any(ss <= s < se for ss, se in speakers)
                or _HOLDER.match(article.text, e) or _HELD_BY.search(article.text[max(0, s - 30):s])
                or _BELONGING.match(article.text, e) or _ALLEGIANCE.search(before) or _WHOSE_PRONOUN.search(before)
                or _NOT_THE_STATE.search(before)
                or (m.group(0)[:1].islower() and _in_a_name(article, m.group(0), before, s))
                or _INSTITUTION_NAMED.match(article.text, e)):
            continue
        whose = _demonym(before)
        if whose is None and _DEFINITE_BEFORE.search(before):
            party = _antecedent_forces(article, m.group(0), s)
            if party is not None:
                party.start, party.end = s, e
                out.append(party)
                continue
        out.append(state_forces_party(theatre, m.group(0), s, e, whose))
    return out


def _antecedent_forces(article: Article, words: str, at: int) -> Party | None:
    """The state forces that the last earlier mention of the same head word ("troops") named, by
    a KB actor of ACLED's kind 1 or a demonym before it, going back through definite bare mentions
    ("the troops ... the troops"); None where the chain ends on a mention that names none, so the
    word keeps its theatre's reading."""
    head = re.compile(r"\b" + re.escape(words.split()[-1]) + r"\b", re.I)
    earlier = list(head.finditer(article.text, 0, at))
    for mention in reversed(earlier[-_ANTECEDENT_REACH:]):
        s, e = mention.start(), mention.end()
        entity = next((x for x in article.entities if x.kind == "actor" and x.start <= s and e <= x.end), None)
        if entity is not None:
            actor = kb_actor(entity.actor_id)
            return kb_party(entity.actor_id, s) if getattr(actor, "inter", None) == STATE_FORCES_INTER else None
        before = article.text[max(0, s - 30):s]
        whose = _demonym(before)
        if whose is not None:
            actor_id = resolve_label(whose)
            return kb_party(actor_id, s) if actor_id else None
        if not _DEFINITE_BEFORE.search(before):
            return None
    return None


# A country's name stands as a clause's subject ("Russia struck Dnipro", "Turkey and Russia agreed")
# when it opens the window or follows "and" or a comma, and a lower-case word (its verb) follows.
# A speaker ("Ukraine said") tells of the act; the subject of what it said may be the party.
_SUBJECT_OPENING = re.compile(r"(?:^|(?:,|\band|\bthat|\bsaid|\bsays)\s+)(?:the\s+)?$", re.I)
_VERB_FOLLOWS = re.compile(r"\s+(?:has\s+|have\s+|had\s+)?[a-z]+\b")


def _states_as_subjects(article: Article, start: int, end: int, theatre: Theatre) -> list[Party]:
    """"Russia launched a drone attack on Kyiv": a country named as the subject is its state's forces
    (the label table's actor for the name), as ACLED codes "Military Forces of Russia"."""
    out = []
    for e in article.entities:
        if e.kind != "place" or e.start < start or e.end > end:
            continue
        if not _SUBJECT_OPENING.search(article.text[max(start, e.start - 12):e.start]):
            continue
        if not _VERB_FOLLOWS.match(article.text, e.end) or SPEECH_AFTER.match(article.text, e.end):
            continue
        actor_id = resolve_label(e.text)
        if actor_id is None or local_to_another_theatre(actor_id, theatre):
            continue
        party = kb_party(actor_id, e.start)
        if party is not None:
            party.end = e.end
            out.append(party)
    return out


def _speakers_of_own_act(article: Article, start: int, end: int, theatre: Theatre) -> list[Party]:
    """"The army said it killed 30 militants": a speaker the entities leave unnamed, telling of its
    own act, is the party the label table reads it as."""
    out = []
    for q in article.quotes:
        s, e = q.speaker_start, q.speaker_end
        if s is None or e is None or not (start <= s < end) or not tells_own_act(article.text, q.start):
            continue
        if any(x.start < e and s < x.end for x in article.entities if x.kind in ("actor", "label")):
            continue
        actor_id = resolve_label(article.text[s:e])
        if actor_id is None or local_to_another_theatre(actor_id, theatre) or not theatre.resolves_labels:
            continue
        party = kb_party(actor_id, s)
        if party is not None:
            party.end = e
            out.append(party)
    return out


# "..., accusing them of", "..., saying militants": a participle of speech after the clause's comma
_PARTICIPLE_OF_SPEECH = re.compile(r",\s+\w+ing\s+$")


def _speaks_after_acting(text: str, quote) -> bool:
    """"The army shelled the town, saying militants hid there", "IS members executed four men,
    accusing them of spying": the subject of a clause goes on speaking in a participle; what it
    did is its own act. Not "the army said, accusing them" (speaking, not acting)."""
    if quote.speaker_end is None or quote.start <= quote.speaker_end:
        return False
    between = text[quote.speaker_end:quote.start]
    participle = _PARTICIPLE_OF_SPEECH.search(between)
    if participle is None or "\n" in between:
        return False
    return SPEECH_AFTER.search(between[:participle.start()]) is None


def tells_own_act(text: str, reported_at: int) -> bool:
    """Whether the reported clause starting at ``reported_at`` is the speaker's own act ("said it
    targeted"), not its own losses ("said two of its soldiers were killed"); a thing announced is
    the announcer's own ("announced a merger"), an attack claimed the claimant's ("claims IED blast")."""
    if _ANNOUNCED.search(text[max(0, reported_at - 20):reported_at]) and _A_THING.match(text, reported_at):
        return True
    if _CLAIMS.search(text[max(0, reported_at - 20):reported_at]) and _A_CLAIMED_ACT.match(text, reported_at):
        return True
    opening = _OWN_ACT.match(text, reported_at)
    return opening is not None and _OWN_LOSS.match(text, opening.end()) is None


def _bracketed_gloss(text: str, at: int, party_ends: list[int]) -> bool:
    opening = text.rfind("(", max(0, at - 40), at)
    if opening < 0 or ")" in text[opening:at]:
        return False
    return any(0 <= opening - end <= 2 for end in party_ends)
