"""An attack told without its author and claimed beside it: the claimant is actor1.

Wire copy tells a bombing first and its claim after it ("A suicide bomber struck ... killing six.
Islamic State's Khorasan branch said it carried out the attack."), or puts the claim in the
headline ("Islamic State claims suicide bombing at Kabul mosque"). ACLED codes the claimant as
the attacker, so a main event of remote violence or violence against civilians whose window
names no attacker (or only one inferred from the theatre) takes the party that claims it in the
window's own sentences or one of the two after them. A claim of another, earlier act ("claimed a
similar attack last month") is none of this event's.
"""

from __future__ import annotations

import re

from ..lexicons import alternation
from ..lexicons.entries import word_list
from ..model import Article
from .candidates import Candidate
from .parties import Party, kb_party
from .window_events import acled_inter

_CLAIMABLE = ("Explosions/Remote violence", "Violence against civilians")
_ACTS = r"(?:" + alternation(word_list("actor_names", "claimed_acts")) + r")"
_CLAIM = re.compile(
    r"\b(?:claimed|claims|claiming|has claimed|had claimed) (?:responsibility|credit|the (?:\w+ ){0,2}?" + _ACTS + r")\b"
    # a headline's "X claims suicide bombing": only words of the act between, never a party
    r"|\bclaims (?:(?:deadly|twin|double|suicide|car|truck|bomb|drone|rocket|mortar|grenade) ){0,2}" + _ACTS + r"\b"
    r"|\bsaid (?:it|they|its fighters|its members) (?:had )?(?:carried out|was behind|were behind|conducted|staged|"
    r"launched|planned)\b"
    r"|\b(?:was|were) behind the (?:\w+ ){0,2}?" + _ACTS + r"\b",
    re.I)
_OTHER_ACT = re.compile(
    r"\b(?:similar|another|previous|earlier|past|other)\b|\blast (?:week|month|year)\b|\bin (?:19|20)\d\d\b", re.I)
_SENTENCES_AFTER = 2


def claimant(article: Article, sentence: tuple[int, int]) -> Party | None:
    """The party the sentence says carried out the act it claims: the last one named before the claim."""
    start, end = sentence
    text = article.text[start:end]
    claim = _CLAIM.search(text)
    if claim is None or _OTHER_ACT.search(text, claim.end()):
        return None
    # (the claimant speaks, so it is read from the entities: the window's parties leave speakers out)
    before = [e for e in article.entities
              if e.kind == "actor" and e.actor_id and start <= e.start and e.end <= start + claim.start()]
    return kb_party(before[-1].actor_id, before[-1].start) if before else None


def take_later_claim(article: Article, spans: list[tuple[int, int]], main: Candidate) -> None:
    event = main.event
    if event.event_type not in _CLAIMABLE or (event.actor1 is not None and not event.actor1_inferred):
        return
    own = [s for s in spans if s[0] < event.evidence.end and s[1] > event.evidence.start]
    after = [s for s in spans if s[0] >= event.evidence.end][:_SENTENCES_AFTER]
    for sentence in own + after:
        party = claimant(article, sentence)
        if party is None or party.actor_id == event.actor2_id:
            continue
        event.actor1, event.actor1_id, event.actor1_inferred = party.name, party.actor_id, False
        event.actor1_inter = acled_inter(party, event.country, event.sub_event_type)
        return
