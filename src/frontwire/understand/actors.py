"""The ``entities`` component: who is named in the article.

Three sources, in order of authority:

1. the actor knowledge base (``kb.py``): conflict actors and the offices that
   speak for them ("a Hezbollah spokesman" is Hezbollah);
2. generic and pejorative labels ("terrorists", "rebels", "regime"), kept as
   their own kind and tied to an actor only where the text itself ties them
   ("ISIS militants", "terrorists of the Nusra Front", "X, a terrorist group");
3. spaCy's small English model for every other name, except where 1 or 2
   already covers the span: spaCy calls "Ahrar al-Sham" a person, the
   knowledge base knows better.

spaCy's kinds are provisional for places: this layer knows no gazetteer, so the
places component, which runs next, turns the spans it resolves into "place"
entities and drops spaCy places that are plain words (see ``places.py``).
"""

from __future__ import annotations

import bisect
import dataclasses
import re

from ..lexicons.entries import mapping
from ..model import Entity
from ..registry import ComponentConfig, component
from ..resources import knowledge_base
from .kb import KnowledgeBase, Match

NER_KIND = {
    "PERSON": "person",
    "ORG": "organization",
    "NORP": "other",  # "Syrian", "Palestinian", "Shia": nationalities and creeds, not organisations
    "GPE": "place",
    "LOC": "place",
    "FAC": "place",
}
# Numbers, dates and amounts are not named entities; dates have their own layer.
NER_SKIP = {"DATE", "TIME", "PERCENT", "MONEY", "QUANTITY", "ORDINAL", "CARDINAL"}

_ADJ = r"(?:[\w'’-]+\s+){0,2}"
# Text between an actor and a label right after it that ties them together.
_ACTOR_THEN_LABEL = re.compile(
    r"^(?:['’]s?)?\s+$"  # "ISIS militants", "Hezbollah's fighters"
    r"|^\s*[,(\u2014\u2013-]\s*(?:which\s+is\s+|who\s+are\s+|designated\s+(?:as\s+)?|described\s+as\s+|branded\s+(?:as\s+)?)?"
    r"(?:an?|the|one)\s+" + _ADJ + r"$"  # "X, a terrorist group", "X (the militant group"
    r"|^\s+(?:is|are|was|were|remains?)\s+(?:an?|the)\s+" + _ADJ + r"$",  # "X is a terrorist organisation"
    re.IGNORECASE,
)
# Text between a label and an actor right after it that ties them together.
_LABEL_THEN_ACTOR = re.compile(
    r"^\s*\(\s*(?:the\s+)?$"  # "militants (ISIS)"
    r"|^\s*,?\s+(?:of|from|belonging\s+to|affiliated\s+(?:with|to)|loyal\s+to|linked\s+to|allied\s+(?:with|to)"
    r"|associated\s+with|led\s+by|including|such\s+as|namely|mainly|mostly|known\s+as|called)"
    r"\s+(?:the\s+)?(?:so-called\s+)?$",
    re.IGNORECASE,
)


# "the terrorist group Jabhat al-Nusra": a label naming a kind of organisation may stand right before its name;
# other labels may not ("Regime Russia air strikes" is a headline, not an apposition).
_GROUP_NOUN = re.compile(r"(?:group|groups|organi[sz]ation|organi[sz]ations|movement|militia)$")
_NAME_FOLLOWS = re.compile(r"^\s+(?:the\s+)?$")


def link_labels(text: str, matches: list[Match]) -> list[Match]:
    """Labels get ``linked_to`` where the adjacent text names the actor they stand for."""
    out = list(matches)
    for i, m in enumerate(out):
        if m.kind != "label":
            continue
        linked = None
        prev = out[i - 1] if i > 0 else None
        if prev is not None and prev.kind == "actor" and _ACTOR_THEN_LABEL.match(text[prev.end:m.start]):
            linked = prev.actor_id
        nxt = out[i + 1] if i + 1 < len(out) else None
        # "regime of X" is a sanctions regime as often as a government: "regime" links only backwards.
        if linked is None and nxt is not None and nxt.kind == "actor" and m.term != "regime":
            gap = text[m.end:nxt.start]
            if _LABEL_THEN_ACTOR.match(gap) or (_GROUP_NOUN.search(m.term or "") and _NAME_FOLLOWS.match(gap)):
                linked = nxt.actor_id
        if linked:
            out[i] = dataclasses.replace(m, linked_to=linked)
    return out


_LABEL_KINDS: dict[str, int | None] = mapping("actor_names", "label_kinds")


def _kb_entity(kb: KnowledgeBase, m: Match) -> Entity:
    if m.kind == "label":
        return Entity(text=m.surface, start=m.start, end=m.end, kind="label", linked_to=m.linked_to,
                      inter=_LABEL_KINDS.get((m.term or "").lower()))
    actor = kb.get(m.actor_id)
    return Entity(
        text=m.surface,
        start=m.start,
        end=m.end,
        kind="actor",
        actor_id=actor.id,
        canonical=actor.name,
        actor_type=actor.type,
        inter=actor.inter,
        country=actor.country,
    )


class _Covered:
    """Sorted, non-overlapping spans; answers "does [start, end) touch any of them?"."""

    def __init__(self, spans: list[tuple[int, int]]):
        self.starts = [s for s, _ in spans]
        self.ends = [e for _, e in spans]

    def overlaps(self, start: int, end: int) -> bool:
        i = bisect.bisect_left(self.ends, start + 1)  # first span ending after `start`
        return i < len(self.starts) and self.starts[i] < end


class EntitiesConfig(ComponentConfig):
    ner: bool = True  # spaCy's named entities for every name the knowledge base does not know


@component("entities", requires=["text"], assigns=["entities"], config=EntitiesConfig,
           uses=["actors", "spacy_model"])
class EntitiesComponent:
    """Who is named: knowledge-base actors, generic labels, other named entities."""

    def __init__(self, config: EntitiesConfig = EntitiesConfig()):
        self.kb = knowledge_base()
        self.use_ner = config.ner

    def __call__(self, work) -> None:
        article = work.article
        text = article.text
        matches = link_labels(text, self.kb.find_all(text)) if text else []
        entities = [_kb_entity(self.kb, m) for m in matches]
        if self.use_ner and text.strip():
            covered = _Covered([(m.start, m.end) for m in matches])
            for ent in work.doc.ents:
                if ent.label_ in NER_SKIP or covered.overlaps(ent.start_char, ent.end_char):
                    continue
                entities.append(
                    Entity(
                        text=ent.text,
                        start=ent.start_char,
                        end=ent.end_char,
                        kind=NER_KIND.get(ent.label_, "other"),
                        ner_label=ent.label_,
                    )
                )
        entities.sort(key=lambda e: (e.start, e.end))
        article.entities = entities
