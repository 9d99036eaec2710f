"""Who says it: the speaker span of a speech verb, pronoun antecedents, and the actor behind a speaker.

Works on the shared spaCy parse: the speaker is the grammatical subject of the
cue verb (walking up from "adding"/"saying"/"claiming" to the verb they hang
on), trimmed to a readable name.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Iterable, Optional

from ..lexicons import load
from ..model import Article
from ..resources import knowledge_base

PRONOUNS = {"he", "she", "they", "it", "we"}
PERSONAL_PRONOUNS = {"he", "she"}
# Dependency relations through which a participle or conjunct shares the subject of its head.
_SHARES_SUBJECT = {"advcl", "xcomp", "conj", "pcomp", "ccomp"}
_TRIM = set(" \n\t,;:\"'“”«»‘’()—–-")
_SPEECH = load("speech")
_SUBJECT_SHARING_LEMMAS = frozenset(_SPEECH["subject_sharing_lemmas"])
_QUOTING_LEMMAS = frozenset(_SPEECH["quoting_lemmas"])


@dataclass
class Speaker:
    text: str
    start: int
    end: int


_RELATIVE = {"who", "which", "that"}
# Role nouns that make a speaker a person, for he/she ("the mayor", "a military source").
PERSON_ROLES = {
    "spokesman", "spokeswoman", "spokesperson", "commander", "minister", "president", "official", "mayor",
    "governor", "resident", "witness", "survivor", "doctor", "nurse", "source", "officer", "soldier",
    "fighter", "general", "leader", "chief", "head", "director", "envoy", "ambassador", "activist",
    "journalist", "correspondent", "analyst", "man", "woman", "father", "mother", "teacher", "farmer",
    "shopkeeper", "worker", "villager", "member", "lawmaker", "senator", "secretary", "colonel", "captain",
    "lieutenant", "sheikh", "cleric", "imam", "priest", "monitor", "medic", "paramedic", "diplomat",
    "negotiator", "prosecutor", "judge", "chairman", "coordinator", "representative", "emir", "king",
}


def subject_of(verb) -> Optional[object]:
    """The nsubj token of ``verb`` or of the verb a participle/conjunct hangs on ("..., adding that")."""
    token = verb
    for _ in range(3):
        for child in token.children:
            if child.dep_ == "nsubj":
                if child.lower_ in _RELATIVE and token.dep_ == "relcl":
                    return token.head  # "the monitor, which relies on activists, said": the noun it modifies
                return child
        if token.dep_ == "pcomp" and token.head.lower_ == "as" and token.head.head.lemma_ in _QUOTING_LEMMAS:
            # "SPA quoted the ministry as saying ...": the one quoted is the object of "quoted".
            quoted = [c for c in token.head.head.children if c.dep_ == "dobj"]
            return quoted[0] if quoted else None
        if token.dep_ not in _SHARES_SUBJECT or token.head.i == token.i:
            return None
        # Stop at clause boundaries that carry their own subject of speech.
        if token.dep_ == "ccomp" and token.head.lemma_ not in _SUBJECT_SHARING_LEMMAS:
            return None
        token = token.head
    return None


def _trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start] in _TRIM:
        start += 1
    while end > start and text[end - 1] in _TRIM and not (text[end - 1] == ")" and "(" in text[start:end]):
        end -= 1
    return start, end


def speaker_from_subject(subject, text: str, avoid: Iterable[tuple[int, int]] = ()) -> Optional[Speaker]:
    """The noun phrase headed by ``subject``, cut to a name when an appositive or clause trails it."""
    doc = subject.doc
    head = subject
    if head.pos_ != "PROPN":
        # "A commander in Jaish al-Fatah, Abu Youssef, told ..." names the speaker in the appositive.
        # spaCy often hangs that appositive on the nearest noun ("Jaish al-Fatah"), so look in the whole subtree.
        named = [t for t in head.subtree if t.dep_ == "appos" and t.pos_ == "PROPN"
                 and t.left_edge.i > 0 and doc[t.left_edge.i - 1].text == ","]
        if named:
            head = named[0]
    left, right = head.left_edge.i, head.right_edge.i
    # A hyphenated name may come out as sibling subjects ("al", "-", "Abadi"): keep them together.
    while right + 1 < len(doc) and doc[right + 1].dep_ == head.dep_ and doc[right + 1].head.i == head.head.i:
        right = doc[right + 1].right_edge.i
    while left > 0 and doc[left - 1].dep_ == head.dep_ and doc[left - 1].head.i == head.head.i:
        left = doc[left - 1].left_edge.i
    if head.pos_ == "PROPN":
        for i in range(head.i + 1, right + 1):
            if doc[i].text in (",", ";", "—", "–") or doc[i].dep_ in ("relcl", "acl"):
                right = i - 1
                break
    start, end = doc[left].idx, doc[right].idx + len(doc[right])
    for a_start, a_end in avoid:
        if a_start < end and start < a_end:
            # The subtree ran into the quote or the claim: keep only the head's side of it.
            if a_start >= head.idx:
                end = min(end, a_start)
            else:
                start = max(start, a_end)
    start, end = _trimmed(text, start, end)
    if end <= start or end - start > 160:
        return None
    return Speaker(text[start:end], start, end)


def is_pronoun(speaker: Speaker) -> bool:
    return speaker.text.lower() in PRONOUNS


def _main_clause_subjects(doc, start: int, end: int, text: str) -> list[Speaker]:
    """The subject noun phrases of the main clauses between ``start`` and ``end``."""
    out = []
    span = doc.char_span(start, end, alignment_mode="contract")
    if span is None:
        return out
    for sentence in span.sents:
        for child in sentence.root.children:
            if child.dep_ == "nsubj" and child.idx < end and child.lower_ not in PRONOUNS | _RELATIVE:
                subject = speaker_from_subject(child, text)
                if subject is not None and subject.end <= end:
                    out.append(subject)
    return out


def _plural(candidate: Speaker, doc) -> bool:
    span = doc.char_span(candidate.start, candidate.end, alignment_mode="expand")
    return span is not None and (span.root.tag_ in ("NNS", "NNPS") or any(t.dep_ == "conj" for t in span))


def _person_like(candidate: Speaker, doc, article: Article) -> bool:
    """A person by its head word: "Mali's army" is not one although "Mali" may be tagged PERSON."""
    span = doc.char_span(candidate.start, candidate.end, alignment_mode="expand")
    if span is None:
        return False
    root = span.root
    if any(e.kind == "person" and e.start <= root.idx < e.end for e in article.entities):
        return True
    if root.ent_type_ == "PERSON" or root.lemma_.lower() in PERSON_ROLES:
        return True
    # "Lieutenant General Abdul Amir Yarallah": a name headed phrase with a title in it.
    return root.pos_ == "PROPN" and any(t.lemma_.lower() in PERSON_ROLES for t in span)


def resolve_pronoun(
    pronoun: Speaker, earlier_speakers: list[Speaker], article: Article, doc, window: int = 800
) -> Optional[Speaker]:
    """The antecedent of a pronoun speaker: the most recent earlier speaker or main-clause subject that fits.

    Speakers and the subjects of main clauses are the likely antecedents (what
    the text is about); "he"/"she" need a person (a PERSON entity or a role
    noun such as "the mayor"), "it"/"they" anything else. Other mentions of a
    fitting kind are the fallback, so "described the scene in Khan Sheikhoun"
    does not make a town the speaker.
    """
    personal = pronoun.text.lower() in PERSONAL_PRONOUNS
    start = max(0, pronoun.start - window)

    singular = pronoun.text.lower() != "they"

    def fits(candidate: Speaker) -> bool:
        if not (start <= candidate.end <= pronoun.start):
            return False
        if singular and _plural(candidate, doc):
            return False
        return _person_like(candidate, doc, article) == personal

    centres = [s for s in earlier_speakers if not is_pronoun(s)]
    centres += _main_clause_subjects(doc, start, pronoun.start, article.text)
    candidates = [c for c in centres if fits(c)]
    if not candidates:
        wanted = {"person"} if personal else {"actor", "organization"}
        mentions = [Speaker(e.text, e.start, e.end) for e in article.entities if e.kind in wanted]
        if not article.entities:
            labels = {"PERSON"} if personal else {"ORG", "NORP"}
            mentions = [Speaker(e.text, e.start_char, e.end_char) for e in doc.ents if e.label_ in labels]
        candidates = [m for m in mentions if start <= m.end <= pronoun.start]
    if not candidates:
        return None
    return max(candidates, key=lambda c: (c.end, c.end - c.start))




def canonical_speaker(article: Article, speaker: Speaker) -> tuple[Optional[str], Optional[str]]:
    """(actor id, canonical name) of the speaker: an actor entity inside its span, else the knowledge base."""
    best, best_overlap = None, 0
    for entity in article.entities:
        if entity.kind != "actor" or not entity.actor_id:
            continue
        overlap = min(entity.end, speaker.end) - max(entity.start, speaker.start)
        if overlap > best_overlap:
            best, best_overlap = entity, overlap
    if best is not None:
        return best.actor_id, best.canonical
    return _resolve_name(speaker.text)


@lru_cache(maxsize=4096)
def _resolve_name(name: str) -> tuple[Optional[str], Optional[str]]:
    actor = knowledge_base().resolve(name)
    return (actor.id, actor.name) if actor else (None, None)
