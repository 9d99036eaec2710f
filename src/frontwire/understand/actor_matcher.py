"""Finding actors, generic labels and offices in a text: one Aho-Corasick automaton over folded keys.

Every actor name and alias (and its "Syria's ..." form for a "Syrian ..." alias),
every label term and every office term becomes one key of space-joined token
keys (``folded_tokens``). A text is scanned once; the hits are then narrowed by
case (acronyms stay capitals; in text that has lost its case, ``casing``, an acronym that is
also an English word needs context instead), by a/an before a name that heads its noun phrase
("an Islamic state"), by hard gaps (a name never runs across a line
break or a sentence end), longest first without overlap, by acronyms the text
itself defines otherwise, and by the other actors named (for a key that
several actors share). Finally an office next to its institution ("spokesman of
X", "X's spokesman") folds into one match of that institution.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass
from itertools import accumulate
from typing import Optional, Sequence

import ahocorasick

from ..lexicons.entries import mapping
from .casing import acronym_in_context, acronyms_also_words, caseless, grammatical_words, in_capitals_run
from .folded_tokens import Token, TokenScan, name_tokens
from .kb_tables import Actor

# Generic and pejorative labels: entities of their own kind, never an actor by themselves
# (their one home is actor_names.yaml's label_kinds, with the ACLED kind each label says, if any).
LABEL_TERMS = tuple(mapping("actor_names", "label_kinds"))

# Words naming an office or its holder: "a Hezbollah spokesman", "the General Staff of ...".
OFFICE_TERMS = (
    "general staff", "general command", "high command", "command", "spokesman", "spokeswoman",
    "spokesperson", "spokesmen", "spokespeople", "press office", "press service", "media office",
    "media center", "media centre", "official", "officials", "commander", "commanders",
    "leader", "leaders", "leadership", "chief", "chief of staff", "statement",
)
# Offices that may stand right before their institution without "of" ("the General Staff the Syrian Armed Forces").
_BARE_PREFIX_OFFICES = {"general staff", "general command", "high command", "command"}

# Country adjectives: an alias "Syrian Armed Forces" also covers "Syria's Armed Forces".
DEMONYMS = {
    "syrian": "Syria", "russian": "Russia", "iranian": "Iran", "turkish": "Turkey", "israeli": "Israel",
    "iraqi": "Iraq", "lebanese": "Lebanon", "american": "America", "british": "Britain", "french": "France",
    "jordanian": "Jordan", "saudi": "Saudi Arabia", "kurdish": "Kurdistan", "afghan": "Afghanistan",
    "yemeni": "Yemen", "libyan": "Libya", "ukrainian": "Ukraine", "sudanese": "Sudan", "somali": "Somalia",
    "malian": "Mali", "egyptian": "Egypt", "pakistani": "Pakistan", "nigerian": "Nigeria",
}

_PREFIX_GAP = re.compile(r"^[\s\-]*(?:(of|for|from|at|in)\s+)?(?:the\s+)?$", re.IGNORECASE)
_SUFFIX_GAP = re.compile(r"^(?:['’]s)?[\s\-]*$")

_DEFINITION = re.compile(r"\(\s*([A-Z]{2,6})\.?\s*\)|,\s+or\s+([A-Z]{2,6})\b")
_WORD = re.compile(r"[^\W\d_][\w'’-]*")
_SKIP_IN_INITIALS = {"of", "the", "and", "for", "on", "in", "to", "a", "an", "&"}
_INITIALS_GLUE = r"(?:[\s-]+(?:(?:of|the|and|for|on|in|de|du|al|el|&)[\s-]+)*)"

# At equal length actors beat labels, labels beat offices.
_KIND_RANK = {"actor": 0, "label": 1, "office": 2}


@dataclass(frozen=True)
class Match:
    """A span of the caller's text: an actor (``actor_id`` set), a label, or an office holder of an actor."""

    start: int
    end: int
    actor_id: Optional[str]
    surface: str
    kind: str = "actor"  # actor | label
    term: Optional[str] = None  # the label term for labels
    office: Optional[str] = None  # "spokesman", "general staff", ... when an office resolved to its institution
    name_start: Optional[int] = None  # where the actor's own name starts inside an office span
    name_end: Optional[int] = None
    linked_to: Optional[str] = None  # for labels: the actor id the text itself ties the label to


@dataclass(frozen=True)
class _Entry:
    kind: str  # actor | label | office
    value: str  # actor id, label term or office term
    pattern: tuple[int, ...]  # per token: 0 any case, 1 capitalised, 2 all caps
    alias: str


# (first token, last token, the entries under that key whose case the text respects)
_Hit = tuple[int, int, list[_Entry]]


class ActorMatcher:
    """The automaton over the names of ``actors``, the label terms and the office terms."""

    def __init__(self, actors: Sequence[Actor]):
        self._country = {a.id: a.country for a in actors}
        self.ambiguous: dict[str, list[str]] = {}  # folded key -> actor ids sharing it
        self._automaton = ahocorasick.Automaton()
        entries: dict[str, list[_Entry]] = {}
        for actor in actors:
            for alias in actor.names:
                for form in (alias, *_demonym_variants(alias)):
                    _add(entries, form, _Entry("actor", actor.id, (), alias))
        for term in LABEL_TERMS:
            _add(entries, term, _Entry("label", term, (), term))
        for term in OFFICE_TERMS:
            _add(entries, term, _Entry("office", term, (), term))
        self._office_of = _office_holders(actors)
        # Acronym letters of every name ("saa", "isis", "us" of "US-led coalition"): in text without
        # case a word with these letters takes the acronym's key. A word that some name also spells as a
        # plain word cannot be told apart without case, and keeps its plain key.
        acronym_words = {k[1:] for key in entries for k in key.split() if k.startswith("^")}
        plain_words = {k for key in entries for k in key.split() if not k.startswith("^")}
        self.caseless_acronyms = frozenset(w for w in acronym_words if w not in plain_words)
        for key, items in entries.items():
            ids = list(dict.fromkeys(e.value for e in items if e.kind == "actor"))
            if len(ids) > 1:
                self.ambiguous[key.strip()] = ids
            self._automaton.add_word(key, (key.count(" ") - 2, len(key), tuple(items)))
        self._automaton.make_automaton()

    def find_all(self, text: str, without_case: Optional[bool] = None) -> list[Match]:
        """Actors and generic labels in ``text``, in text order, longest non-overlapping first.

        ``without_case``: the text is all lower case or all capitals (``casing.caseless``, decided
        from ``text`` itself when None): names are then matched whatever their case, and an acronym
        that is also an English word ("who", "is") only where its context makes it a name."""
        if without_case is None:
            without_case = caseless(text)
        toks = TokenScan(text, self.caseless_acronyms if without_case else None)
        if not len(toks):
            return []
        positions = list(accumulate((len(k) + 1 for k in toks.keys[:-1]), initial=1))
        haystack = " " + " ".join(toks.keys) + " "
        candidates: list[_Hit] = []
        for end_char, (n_inner, key_len, items) in self._automaton.iter(haystack):
            key_start = end_char - key_len + 2
            first = bisect_left(positions, key_start)
            if first >= len(positions) or positions[first] != key_start:
                continue
            last = first + n_inner
            if n_inner and any(toks[i].hard for i in range(first + 1, last + 1)):
                continue
            if without_case:
                fitting = list(items)
            else:
                fitting = [e for e in items if _case_ok(e.pattern, [toks[i] for i in range(first, last + 1)])]
            if fitting and (n_inner or _reads_as_name(text, toks[first], without_case)):
                candidates.append((first, last, fitting))
        candidates.sort(key=lambda c: (-(c[1] - c[0]), c[0], _KIND_RANK[c[2][0].kind]))
        taken = [False] * len(toks)
        kept: list[_Hit] = []
        for first, last, fitting in candidates:
            if any(taken[first:last + 1]):
                continue
            for i in range(first, last + 1):
                taken[i] = True
            kept.append((first, last, fitting))
        kept.sort(key=lambda c: c[0])
        kept = [k for k in kept if not _described_not_named(text, toks, k)]
        foreign = _acronyms_defined_otherwise(text, toks, kept)
        if foreign:
            kept = [k for k in kept if not (k[0] == k[1] and toks[k[0]].key in foreign)]
        chosen = [(first, last, self._disambiguate(fitting, kept)) for first, last, fitting in kept]
        return self._compose_offices(text, toks, chosen)

    def _disambiguate(self, fitting: list[_Entry], kept: list[_Hit]) -> _Entry:
        """One entry for a key several actors share ("SNA": Syria or Somalia), by the text's other actors.

        The countries of the unambiguous actors named in the same text vote; a tie keeps table order.
        """
        ids = list(dict.fromkeys(e.value for e in fitting if e.kind == "actor"))
        if len(ids) < 2:
            return fitting[0]
        votes: dict[str, int] = {}
        for _, _, other in kept:
            other_ids = {e.value for e in other if e.kind == "actor"}
            if len(other_ids) == 1:
                country = self._country[next(iter(other_ids))]
                votes[country] = votes.get(country, 0) + 1
        best = max(ids, key=lambda i: (votes.get(self._country[i], 0), -ids.index(i)))
        return next(e for e in fitting if e.value == best)

    def _compose_offices(self, text: str, toks: TokenScan, chosen: list[tuple[int, int, _Entry]]) -> list[Match]:
        """Fold "spokesman of X" / "X's spokesman" / "the General Staff (of) X" into one match of X."""
        out: list[Match] = []
        used: set[int] = set()
        for idx, (first, last, entry) in enumerate(chosen):
            if entry.kind != "actor":
                continue
            start, end = toks[first].lead, toks[last].end
            office, span_start, span_end = None, start, end
            if idx > 0 and chosen[idx - 1][2].kind == "office" and idx - 1 not in used:
                o_first, o_last, o_entry = chosen[idx - 1]
                gap = text[toks[o_last].end:start]
                connector = _PREFIX_GAP.match(gap)
                if connector and (connector.group(1) or o_entry.value in _BARE_PREFIX_OFFICES):
                    office, span_start = o_entry.value, toks[o_first].start
                    used.add(idx - 1)
            if office is None and idx + 1 < len(chosen) and chosen[idx + 1][2].kind == "office":
                o_first, o_last, o_entry = chosen[idx + 1]
                if _SUFFIX_GAP.match(text[end:toks[o_first].start]):
                    office, span_end = o_entry.value, toks[o_last].end
                    used.add(idx + 1)
            actor_id = self._office_of.get((office, entry.value), entry.value) if office else entry.value
            out.append(Match(span_start, span_end, actor_id, text[span_start:span_end], "actor", None, office,
                             start if office else None, end if office else None))
        for first, last, entry in chosen:
            if entry.kind == "label":
                s, e = toks[first].lead, toks[last].end
                out.append(Match(s, e, None, text[s:e], "label", entry.value))
        out.sort(key=lambda m: m.start)
        return out


def _reads_as_name(text: str, tok: Token, without_case: bool) -> bool:
    """A one-word acronym that is also an English word ("WHO", "IS") where case cannot tell them
    apart (caseless text, a line in capitals) is a name only in context ("the who said")."""
    if not tok.key.startswith("^") or tok.key[1:] not in acronyms_also_words():
        return True
    if not without_case and not in_capitals_run(text, tok.start, tok.end):
        return True
    return acronym_in_context(text, tok.start, tok.end)


_INDEFINITE_BEFORE = re.compile(r"(?:^|\W)an?\s+$", re.IGNORECASE)
_PHRASE_ENDS_AFTER = re.compile(r"\s*(?:$|[^\w\s'’-]|([^\W\d_]+))")


def _described_not_named(text: str, toks: TokenScan, hit: _Hit) -> bool:
    """"An Islamic state was declared" describes a state; it does not name the group.

    An actor's name right after "a"/"an" that heads its noun phrase (a grammatical word or a
    punctuation mark follows) is a description; one that modifies a noun after it still names the
    actor: "a Syrian army officer", "an IS commander". Case cannot tell these apart in text
    without it, and a capital does not either ("an Islamic state" is a description too)."""
    first, last, fitting = hit
    if fitting[0].kind != "actor":
        return False
    lead, end = toks[first].lead, toks[last].end
    if not _INDEFINITE_BEFORE.search(text[max(0, lead - 4):lead]):
        return False
    after = _PHRASE_ENDS_AFTER.match(text, end)
    return after is not None and (after.group(1) is None or after.group(1).lower() in grammatical_words())


def _demonym_variants(alias: str) -> list[str]:
    first, _, rest = alias.partition(" ")
    country = DEMONYMS.get(first.lower())
    if country and rest:
        return [f"{country} {rest}"]
    return []


def _add(entries: dict[str, list[_Entry]], form: str, entry: _Entry) -> None:
    toks = name_tokens(form)
    if not toks:
        return
    # Case the text must keep: acronyms stay in capitals ("FSA", not "fsa"), and the first capitalised
    # word of a name stays capitalised ("Islamic State", not "an islamic state"); the rest is free.
    pattern, seen_capital = [], False
    for t in toks:
        word = form[t.start:t.end]
        letters = [c for c in word if c.isalpha()]
        if t.upper and len(letters) >= 2 and len(word) <= 6:
            pattern.append(2)
            seen_capital = True
        elif not seen_capital and t.capital and not word[0].isdigit():
            pattern.append(1)
            seen_capital = True
        else:
            pattern.append(0)
    key = " " + " ".join(t.key for t in toks) + " "
    entries.setdefault(key, []).append(_Entry(entry.kind, entry.value, tuple(pattern), form))


def _office_holders(actors: Sequence[Actor]) -> dict[tuple[str, str], str]:
    """(office, institution id) -> the id of a sub-institution named by that office.

    "General Staff of Syria's Armed Forces" composes as office "general staff" of sy-saf; the table
    has sy-general-command (parent sy-saf) named "General Staff of the Syrian Armed Forces", so the
    mention resolves to that body rather than to the armed forces as a whole.
    """
    office_keys = {term: [t.key for t in name_tokens(term)] for term in OFFICE_TERMS}
    holders: dict[tuple[str, str], str] = {}
    for actor in actors:
        if not actor.parent:
            continue
        for alias in actor.names:
            keys = [t.key for t in name_tokens(alias)]
            for term, okeys in office_keys.items():
                n = len(okeys)
                if len(keys) > n and (keys[:n] == okeys or keys[-n:] == okeys):
                    holders.setdefault((term, actor.parent), actor.id)
    return holders


def _case_ok(pattern: tuple[int, ...], toks: list[Token]) -> bool:
    for need, tok in zip(pattern, toks):
        if need == 2 and not tok.upper:
            return False
        if need == 1 and not tok.capital:
            return False
    return True


def _acronyms_defined_otherwise(text: str, toks: TokenScan, kept: list[_Hit]) -> set[str]:
    """Keys of acronyms that mean something other than their actor in this text.

    "Food Standards Agency (FSA)" defines FSA; "the Second Amendment Foundation ... SAF's lawsuit" spells
    SAF out. When the words an acronym stands for are in the text and are not themselves that actor's
    name, the acronym means those words throughout the text, so its bare matches are dropped.
    """
    acronyms: dict[str, set[str]] = {}  # key -> actor ids its bare matches resolved to
    spans: list[tuple[int, int, set[str]]] = []  # every actor match: start, end, ids
    for first, last, fitting in kept:
        ids = {e.value for e in fitting if e.kind == "actor"}
        if not ids:
            continue
        spans.append((toks[first].lead, toks[last].end, ids))
        key = toks[first].key
        if first == last and key.startswith("^"):
            acronyms.setdefault(key, set()).update(ids)
    if not acronyms:
        return set()

    def spelled_by_the_actor(start: int, end: int, ids: set[str]) -> bool:
        # overlap, not containment: "Syrian Army Advances" in a headline still spells the Syrian Army
        return any(s < end and start < e and ids & other for s, e, other in spans)

    foreign: set[str] = set()
    if "(" in text or ", or " in text:
        for m in _DEFINITION.finditer(text):
            acronym = m.group(1) or m.group(2)
            key = "^" + acronym.lower()
            if key not in acronyms:
                continue
            window_start = max(0, m.start() - 150)
            before = text[window_start:m.start()].rstrip()
            words = [w for w in _WORD.findall(before) if w.lower() not in _SKIP_IN_INITIALS]
            if "".join(w[0] for w in words[-len(acronym):]).upper() != acronym:
                continue
            phrase_end = window_start + len(before)
            phrase_start = phrase_end - sum(len(w) for w in words[-len(acronym):])
            if not spelled_by_the_actor(phrase_start, phrase_end, acronyms[key]):
                foreign.add(key)
    for key, ids in acronyms.items():
        letters = key[1:].upper()
        if len(letters) < 3 or key in foreign:
            continue  # two letters spell too many things ("Upper Nile" is not the UN)
        spelled = re.compile(r"\b" + _INITIALS_GLUE.join(f"{c}[\\w'’]*" for c in letters) + r"\b")
        for m in spelled.finditer(text):
            if not spelled_by_the_actor(m.start(), m.end(), ids):
                foreign.add(key)
                break
    return foreign
