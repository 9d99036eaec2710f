"""The places layer: which spans name places, and where those places are.

Recognition joins two views of the shared spaCy parse: its GPE/LOC/FAC entities (and NORP ones
that are really place names, as spaCy labels "Aleppo" a nationality at times), and a gazetteer
phrase search for the names it misses (capitalised proper nouns only; in text all in lower case or
all in capitals, ``casing.caseless``, the curated layers' names that are no everyday English word,
and other names the parser tags proper nouns; a small town the words before introduce as one, "the
town of Tafas"; an entity another Latin spelling of a curated place names, "Maaret al-Nouman" for
Maarat al-Numan, ``Gazetteer.spelling_candidates``). Spans inside a known actor
("Syrian Arab Army", "Jaish al-Islam") or a person's name are not places, nor is one word of a
person's full name named elsewhere in the article ("Ashley Sutton" ... "Sutton said").

Resolution weighs each candidate by how the article itself points: the countries it names, the
nationalities it uses, the countries of its other places and of its actors; then by whether the
span is the candidate's own name, its kind and its population. Never the first match. A small
town nothing else in the article points to is dropped ("God" is a town in Hungary), and so is an
entity span no gazetteer entry fits.

Places and actors may overlap, in one way only. A place name that opens a known actor's span
("Pakistan Army", "US forces", "U.S. President") still names that place in text terms, so
it is recorded as a mention of the place while the actor keeps its entity; the component offers
those spans as ``place_mentions_in_actor_names`` so a layer coding an event's location can
discount them.
A demonym opening an actor ("Syrian Arab Army", "Iraqi police") is never a mention, and a place
name further inside an actor ("Army of Syria", "Jaish al-Islam") stays blocked. On GeoWebNews dev
(``bench/geo.py``), with the entities component first, this rule lifts recognition F1 from 0.801
to 0.806 at the same precision (0.944; acc@161 0.907 -> 0.908); ``places.within_actor_names=false``
gives the strict reading.

The entities layer runs first and knows nothing of the gazetteer, so this component makes the two
layers tell the same story (only when "entities" ran): a spaCy entity that is, or lies inside, a
resolved place mention becomes one "place" entity with the mention's offsets ("Aleppo" that spaCy
called ORG or NORP); a resolved mention no entity covers gets a place entity of its own; a spaCy
place entity that is no proper noun and no gazetteer name ("have Escaped to Turkey") is dropped.
Actors and labels are never changed, nor is an entity reaching past the place ("Aleppo University").

Config (``Pipeline(config=...)``, ``--config places.KEY=VALUE``):
- ``demonyms`` (default False): report "Syrian" as a mention of Syria. Demonyms always
  count as context; whether they are *mentions* is a convention (GeoWebNews marks them, ACLED
  would not code a location from them).
- ``within_actor_names`` (default True): the overlap rule above.
"""

from __future__ import annotations

import bisect
import itertools
import math
import re
from collections import Counter
from dataclasses import dataclass, field

from ..model import Entity, Mention, Place
from .. import resources
from ..registry import ComponentConfig, Result, component
from .casing import caseless, places_also_words
from .gazetteer import Entry, Gazetteer, fold_text, name_key

PLACE_LABELS = {"GPE", "LOC", "FAC"}
# A name inside these is not a place: "George Washington", "March 18", "Hurricane Harvey".
# A place inside an organisation's name ("Pakistan Army engineers") still names the place,
# unless the entities layer knows the organisation as an actor ("Syrian Arab Army").
BLOCKING_LABELS = {
    "PERSON", "DATE", "TIME", "MONEY", "CARDINAL", "ORDINAL", "PERCENT", "QUANTITY",
    "EVENT", "WORK_OF_ART", "PRODUCT", "LAW", "LANGUAGE",
}
GENERIC_TAILS = (
    " city", " town", " village", " province", " governorate", " region", " area", " district",
    " countryside", " refugee camp", " camp", " battlefield", " front", " outskirts",
)
KIND_PRIOR = {"country": 3.0, "region": 2.5, "curated": 2.5, "admin1": 1.0, "geonames": 0.0}
# Continents, seas and regions carry no population; they rank as a large place would. The
# conflict layer carries none either; its towns rank as a town of that kind would.
REGION_POPULATION_SCORE = 6.5
CURATED_POPULATION_SCORE = {"city": 5.5, "town": 4.5}
CURATED_POPULATION_DEFAULT = 4.0
# A GeoNames town this large needs no other place in the article to back it up.
SELF_EVIDENT_POPULATION = 400_000  # Leeds, Winnipeg: cities, never a word someone happened to capitalise
# A city told as where something is ("drones struck a depot in Belgorod", "rockets at Haifa")
# needs no other place beside it. Not a smaller town, even after "the town of": the gazetteer
# lacks many small towns, and their namesakes abroad would take their place ("the town of Léré",
# Mali, is not Lere, Nigeria); such a town needs its country told elsewhere (``_INTRODUCED_BY``).
PLACED_POPULATION = 100_000
# A name the words before introduce as a settlement ("the town of Tafas", "the Nikitovsky district of
# Gorlovka") is a place even when the gazetteer knows it only as a small town or by an alternate
# spelling; it stays only where its country is one the article points to otherwise (see
# ``_drop_unsupported``), so a namesake abroad does not take the place of a town the gazetteer lacks.
_INTRODUCED_BY = re.compile(r"\b(?:town|city|village|district|suburb|neighbourhood|neighborhood|port)\s+of\s+$", re.I)
_PLACED_BY = re.compile(r"(?:\b(?:in|at|near|outside|into|towards?|around|across|on|from)"
                        r"|\bthe\s+(?:city|town|village|port|province|region)\s+of)\s+(?:the\s+)?$", re.I)


@dataclass
class _Span:
    start: int
    end: int
    origin: str  # ner, gazetteer, demonym, spelling (``Gazetteer.spelling_candidates``)
    candidates: list[tuple[Entry, bool]] = field(default_factory=list)
    demonym: Entry | None = None
    choice: Entry | None = None
    proper: bool = True  # every word a proper noun; an unresolved span that is not is dropped

    @property
    def length(self) -> int:
        return self.end - self.start


ARABIC_ARTICLES = ("al-", "el-", "ad-", "ar-", "as-", "an-", "at-", "ash-", "az-")


def _capitalised(surface: str) -> bool:
    """A proper name: capital first letter, after any lower-case Arabic article ("al-Hol")."""
    lowered = surface.lower()
    for article in ARABIC_ARTICLES:
        if lowered.startswith(article):
            surface = surface[len(article):]
            break
    letters = [ch for ch in surface if ch.isalpha()]
    return bool(letters) and letters[0].isupper()


def _short_capitals(surface: str) -> bool:
    letters = [ch for ch in surface if ch.isalpha()]
    return len(letters) <= 3 and surface.isupper()


def _told_as_place(text: str, span: "_Span", entry: Entry) -> bool:
    """Whether the words before a city's name tell it as a place ("in", "at", "the city of")."""
    if entry.population < PLACED_POPULATION:
        return False
    return _PLACED_BY.search(text[max(0, span.start - 30):span.start]) is not None


def _introduced(text: str, start: int) -> bool:
    """Whether the words before ``start`` introduce a settlement (``_INTRODUCED_BY``)."""
    return _INTRODUCED_BY.search(text[max(0, start - 40):start]) is not None


def _known(entry: Entry) -> bool:
    """Curated here (the conflict layer, countries, divisions, regions), not only a GeoNames row."""
    return entry.kind != "geonames" or "frontwire" in entry.source


class _SpanIndex:
    """A fixed set of (start, end) spans, asked how they lie against a range in log time
    (a scan of every span for every candidate is quadratic on a text of 50,000 place
    lines). Each question gives what the plain scan over the spans would.

    Spans are sorted by start; with the running maximum of their ends, "some span starting
    before X ends after Y" is one bisection, and a max-tree over the ends lists the spans
    touching a range without visiting the others."""

    def __init__(self, spans: list[tuple[int, int]]):
        self.spans = list(spans)
        order = sorted(range(len(self.spans)), key=lambda i: self.spans[i])
        self._ids = order
        self._starts = [self.spans[i][0] for i in order]
        self._ends = [self.spans[i][1] for i in order]
        self._max_end = list(itertools.accumulate(self._ends, max))  # over spans 0..k
        self._min_end_after = list(itertools.accumulate(reversed(self._ends), min))[::-1]  # over spans k..
        self._leaves = 1
        while self._leaves < len(self._ends):
            self._leaves *= 2
        self._tree = [-math.inf] * (2 * self._leaves)
        self._tree[self._leaves:self._leaves + len(self._ends)] = self._ends
        for node in range(self._leaves - 1, 0, -1):
            self._tree[node] = max(self._tree[2 * node], self._tree[2 * node + 1])

    def overlaps(self, start: int, end: int) -> bool:
        """Some span has ``start < e and s < end``."""
        k = bisect.bisect_left(self._starts, end) - 1
        return k >= 0 and self._max_end[k] > start

    def starts_at(self, start: int) -> bool:
        k = bisect.bisect_left(self._starts, start)
        return k < len(self._starts) and self._starts[k] == start

    def encloses(self, start: int, end: int) -> bool:
        """Some span has ``s <= start and end <= e``."""
        k = bisect.bisect_right(self._starts, start) - 1
        return k >= 0 and self._max_end[k] >= end

    def within(self, start: int, end: int) -> bool:
        """Some span has ``start <= s and e <= end``."""
        k = bisect.bisect_left(self._starts, start)
        return k < len(self._starts) and self._min_end_after[k] <= end

    def touching(self, start: int, end: int) -> list[int]:
        """Indices (into the spans as given, ascending) of those with ``start < e and s < end``."""
        before = bisect.bisect_left(self._starts, end)
        found, nodes = [], [(1, 0, self._leaves)]
        while nodes:
            node, low, high = nodes.pop()
            if low >= before or self._tree[node] <= start:
                continue
            if node >= self._leaves:
                found.append(self._ids[node - self._leaves])
                continue
            middle = (low + high) // 2
            nodes.append((2 * node, low, middle))
            nodes.append((2 * node + 1, middle, high))
        return sorted(found)


class _Coverage:
    """The characters taken by spans chosen so far. For spans that are never empty (an
    entity or gazetteer span always holds a character), sharing a character is the same as
    ``start < e and s < end``; marking and asking cost the span's length, not the number of
    spans taken."""

    def __init__(self, length: int):
        self._taken = bytearray(length)

    def overlaps(self, start: int, end: int) -> bool:
        return self._taken.find(1, start, end) >= 0

    def take(self, start: int, end: int) -> None:
        self._taken[start:end] = b"\x01" * (end - start)


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    """Drop a leading "the" and trailing possessive or punctuation from an entity span."""
    surface = text[start:end]
    if surface.lower().startswith("the "):
        start += 4
    while end > start and text[end - 1] in ".,;:'\u2019\"":
        end -= 1
    if text[start:end].endswith(("'s", "\u2019s")):
        end -= 2
    return start, end


class PlaceRecognizer:
    def __init__(self, gazetteer: Gazetteer, demonym_mentions: bool, in_actor_names: bool = True):
        self.gazetteer = gazetteer
        self.without_case = False  # set per text by ``spans``
        self.demonym_mentions = demonym_mentions
        self.in_actor_names = in_actor_names

    # --- recognition -------------------------------------------------------------------------
    def spans(self, doc, text: str, blocked: list[tuple[int, int]]) -> list[_Span]:
        gaz = self.gazetteer
        # All lower case or all capitals: a capital is no sign of a name (see ``_phrase_matches``).
        self.without_case = caseless(text)
        found: list[_Span] = []
        name_spans: list[tuple[int, int]] = []
        for ent in doc.ents:
            start, end = _trim(text, ent.start_char, ent.end_char)
            if end <= start:
                continue
            if text[end:end + 1] == "." and gaz.candidates(text[start:end + 1]):
                end += 1  # "Ore.", "Md.": the abbreviation's own full stop
            surface = text[start:end]
            if self.without_case and name_key(surface) in places_also_words():
                continue  # "to us" that the parser of text in capitals took for the country
            if ent.label_ in PLACE_LABELS:
                proper = all(tok.pos_ == "PROPN" or not tok.is_alpha for tok in ent if tok.idx >= start)
                candidates = gaz.candidates(surface)
                if _short_capitals(surface) and not self._acronym(surface):
                    candidates = []  # "AI", "OT": spaCy's GPE, some village's alternate name
                elif not candidates and (respelled := gaz.spelling_candidates(surface)):
                    found.append(_Span(start, end, "spelling", respelled))
                    continue
                found.append(_Span(start, end, "ner", candidates, proper=proper))
            elif ent.label_ == "NORP":
                demonym = gaz.demonym(surface)
                if demonym is not None:
                    found.append(_Span(start, end, "demonym", demonym=demonym))
                elif self._strong(gaz.candidates(surface)):
                    found.append(_Span(start, end, "ner", gaz.candidates(surface)))
            elif ent.label_ in BLOCKING_LABELS or ent.label_ == "ORG":
                candidates = gaz.candidates(surface)
                # spaCy's "Aleppo" ORG, "Douma" PERSON: the whole name is a well-known place.
                if self._strong(candidates):
                    found.append(_Span(start, end, "ner", candidates))
                elif (not candidates and _PLACED_BY.search(text[max(0, start - 30):start])
                      and (respelled := gaz.spelling_candidates(surface))):
                    # the parser's PERSON "Maaret al-Nouman" after "in the town of"
                    found.append(_Span(start, end, "spelling", respelled))
                elif ent.label_ in BLOCKING_LABELS:
                    name_spans.append((ent.start_char, ent.end_char))
        found += self._phrase_matches(doc, text, _SpanIndex(name_spans))
        found = self._not_surnames(doc, text, found)
        return self._select(text, found, _SpanIndex(blocked))

    @staticmethod
    def _not_surnames(doc, text: str, found: list[_Span]) -> list[_Span]:
        """After "Ashley Sutton" the article says "Sutton": one word of a person's full name is
        that person again, not the town, unless it is a country, a division, a capital or curated."""
        words = {name_key(tok.text) for ent in doc.ents if ent.label_ == "PERSON" and len(ent) > 1 for tok in ent}
        if not words:
            return found
        return [
            span for span in found
            if span.origin == "demonym" or name_key(text[span.start:span.end]) not in words
            or any(own and (e.kind != "geonames" or e.feature == "capital") for e, own in span.candidates)
        ]

    @staticmethod
    def _strong(candidates: list[tuple[Entry, bool]]) -> bool:
        return any(own and (_known(e) or e.population >= 100_000 or e.feature == "capital")
                   for e, own in candidates)

    def _phrase_matches(self, doc, text: str, name_spans: _SpanIndex) -> list[_Span]:
        gaz = self.gazetteer
        folded = fold_text(text)
        out = []
        for last, (key, acronym) in gaz.automaton.iter(folded):
            start, end = last - len(key) + 1, last + 1
            if start > 0 and folded[start - 1].isalnum():
                continue
            bare_possessive = False
            if end < len(folded) and folded[end].isalnum():
                if not self._bare_possessive(folded, key, end):
                    continue
                bare_possessive = True
            surface = text[start:end]
            # (the parser's PERSON after "the town of" is the town; its "Aleppos Salaheddin" opens
            # with a possessive, which no one's name does)
            if (name_spans.encloses(start, end) and not _introduced(text, start)
                    and not (bare_possessive and name_spans.starts_at(start))):
                continue
            if self.without_case:
                candidates = gaz.candidates(surface)
                if not self._caseless_name(doc, key, start, end, candidates):
                    continue
            else:
                if not _capitalised(surface):
                    continue
                if acronym and not surface.isupper():
                    continue  # "CAR" is the Central African Republic, "Car" is not
                if " " not in key and not self._proper_noun(doc, start, end):
                    continue  # "Police", "Mobile", sentence-initial "Of"
            demonym = gaz.demonym(surface)
            candidates = gaz.candidates(surface)
            if demonym is not None and not candidates:
                out.append(_Span(start, end, "demonym", demonym=demonym))
                continue
            findable = self._findable(surface, candidates) or (bool(candidates) and _introduced(text, start))
            if not findable or (bare_possessive and not self._strong(candidates)):
                continue
            out.append(_Span(start, end, "gazetteer", candidates))
        return out

    def _caseless_name(self, doc, key: str, start: int, end: int, candidates: list[tuple[Entry, bool]]) -> bool:
        """In text without case, whether a gazetteer name is a place: a name of the curated layers
        (countries, divisions, regions, the conflict layer) that is no everyday English word
        ("chad", "guinea", "us" are left out), or any other name the parser tags a proper noun."""
        if key in places_also_words():
            return False
        if any(own and _known(e) for e, own in candidates) or self.gazetteer.demonym(key) is not None:
            return True
        if " " in key and any(own and e.population >= 100_000 for e, own in candidates):
            return True  # "rio de janeiro": a city's name of several words is rarely a phrase of English
        return self._proper_noun(doc, start, end)

    def _bare_possessive(self, folded: str, key: str, end: int) -> bool:
        """"Syrias", "Aleppos", "Idlibs": a possessive whose apostrophe the scrape lost. After a
        consonant only on a curated name that is no people's ("Syrians" is a plural, "Idlibs" is not)."""
        if folded[end] != "s" or (end + 1 < len(folded) and folded[end + 1].isalnum()):
            return False
        if self.gazetteer.candidates(key + "s"):
            return False
        if key[-1:] in ("a", "e", "i", "o", "u", "y"):
            return True
        return (len(key) >= 4 and key[-1:].isalpha() and self.gazetteer.demonym(key) is None
                and any(own and _known(e) for e, own in self.gazetteer.candidates(key)))

    def _findable(self, surface: str, candidates: list[tuple[Entry, bool]]) -> bool:
        """Bare gazetteer hits must be a known name, not any word some town is called."""
        curated = any(own and _known(e) for e, own in candidates)
        if _short_capitals(surface):
            return self._acronym(surface)  # "UK", "DRC"; not "SOL", "AI"
        if curated or " " in surface.strip():
            return True
        return any(e.population >= 100_000 or e.feature == "capital" for e, own in candidates if own)

    def _acronym(self, surface: str) -> bool:
        return name_key(surface) in self.gazetteer.acronyms

    @staticmethod
    def _proper_noun(doc, start: int, end: int) -> bool:
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is None:
            return False
        return all(tok.pos_ == "PROPN" or tok.ent_type_ in PLACE_LABELS | {"NORP"} for tok in span)

    def _select(self, text, found, blocked: _SpanIndex) -> list[_Span]:
        """Longest spans first, known names before bare entity spans; nothing inside an actor."""
        resolved: list[_Span] = []
        known_names = _SpanIndex([(o.start, o.end) for o in found if o.origin != "ner"])
        for span in found:
            if span.origin == "ner" and not span.candidates:
                span = self._repair(text, span, known_names)
                if span is None:
                    continue
            resolved.append(span)
        resolved.sort(key=lambda s: (-s.length, s.origin == "ner", s.start))
        taken = _Coverage(len(text))
        out = []
        for span in resolved:
            if taken.overlaps(span.start, span.end):
                continue
            if blocked.overlaps(span.start, span.end) and not self._opens_actor(text, span, blocked):
                continue
            taken.take(span.start, span.end)
            out.append(span)
        return sorted(out, key=lambda s: s.start)

    def _opens_actor(self, text: str, span: _Span, blocked: _SpanIndex) -> bool:
        """A place's own name as the first word(s) of one actor span: "Pakistan Army"."""
        if not self.in_actor_names or span.origin == "demonym" or span.demonym is not None:
            return False
        touching = [blocked.spans[i] for i in blocked.touching(span.start, span.end)]
        return (len(touching) == 1 and touching[0][0] == span.start and span.end < touching[0][1]
                and not text[span.end].isalnum())

    def _repair(self, text: str, span: _Span, known_names: _SpanIndex) -> _Span | None:
        """An entity span the gazetteer does not know: a known name inside it wins; else try
        without a generic tail ("Aleppo Battlefield"); else it stays unresolved, if a proper name.
        ``known_names``: the spans found other than by the entity recogniser."""
        if known_names.within(span.start, span.end):
            return None
        surface = text[span.start:span.end]
        lowered = surface.lower()
        if not (_capitalised(surface) or self.without_case):
            return None
        for tail in GENERIC_TAILS:
            if lowered.endswith(tail) and len(surface) > len(tail):
                candidates = self.gazetteer.candidates(surface[: -len(tail)])
                if candidates:
                    return _Span(span.start, span.end - len(tail), "ner", candidates)
        return span if span.proper else None

    # --- resolution --------------------------------------------------------------------------
    def resolve(self, spans: list[_Span], actor_countries: list[str], text: str) -> None:
        weights, own = self._evidence(spans, actor_countries, resolved=False)
        for span in spans:
            span.choice = self._choose(span, weights - own[id(span)], {})
        # Second pass: the places just resolved are context for the ambiguous ones.
        weights, own = self._evidence(spans, actor_countries, resolved=True)
        admin1s = Counter((s.choice.country, s.choice.admin1) for s in spans if s.choice and s.choice.admin1)
        for span in spans:
            # like the country weights, a span's own first choice is not its context
            mine = Counter([(span.choice.country, span.choice.admin1)]) if span.choice and span.choice.admin1 else Counter()
            span.choice = self._choose(span, weights - own[id(span)], admin1s - mine)
        self._drop_unsupported(spans, actor_countries, text)

    @staticmethod
    def _drop_unsupported(spans: list[_Span], actor_countries: list[str], text: str) -> None:
        """A small GeoNames town that nothing else in the article points to is more likely a word
        ("God" is a town in Hungary) or a place the gazetteer lacks than that town, unless the text
        itself tells it as a place (``_told_as_place``)."""
        by_country = Counter(actor_countries)
        for span in spans:
            entry = span.choice or span.demonym
            if entry is not None and entry.country:
                by_country[entry.country] += 1
        for span in spans:
            entry = span.choice
            if span.origin == "spelling" and entry is not None and by_country[entry.country] <= 1:
                span.candidates, span.choice = [], None  # another spelling, of a place elsewhere
                continue
            if entry is None or entry.kind != "geonames" or entry.population >= SELF_EVIDENT_POPULATION:
                continue
            if by_country[entry.country] > 1 or entry.feature == "capital" or _told_as_place(text, span, entry):
                continue
            if span.origin == "gazetteer":
                span.candidates, span.choice = [], None
            elif entry.population < 100_000 and sum(by_country.values()) > 1:
                span.choice = None

    @staticmethod
    def _evidence(spans: list[_Span], actor_countries: list[str], resolved: bool) -> tuple[Counter, dict]:
        """Country weights over the article, and what each span adds to them: a span is not
        its own context ("Georgia" alone does not make an article about the country)."""
        weights: Counter = Counter()
        for cc in actor_countries:
            weights[cc] += 0.5
        own: dict[int, Counter] = {}
        for span in spans:
            added: Counter = Counter()
            if span.demonym is not None:
                added[span.demonym.country] += 1.0
            elif resolved and span.choice is not None:
                added[span.choice.country] += 1.0 if span.choice.kind == "country" else 0.7
            else:
                countries = {e.country for e, is_own in span.candidates if is_own and e.kind == "country"}
                for cc in countries:
                    added[cc] += 1.0
                own_countries = {e.country for e, is_own in span.candidates if is_own}
                if not countries and len(own_countries) == 1:
                    added[own_countries.pop()] += 0.5
            added.pop("", None)
            own[id(span)] = added
            weights.update(added)
        return weights, own

    def _choose(self, span: _Span, weights: Counter, admin1s: Counter) -> Entry | None:
        if not span.candidates:
            return None
        total = sum(weights.values()) or 1.0
        own_towns = [e for e, own in span.candidates if own and e.precision == 1]
        own_city_countries = {e.country for e in own_towns}
        curated = [e for e in own_towns if e.kind == "curated"]
        best, best_score = None, -math.inf
        for entry, own in span.candidates:
            if entry.kind == "geonames" and any(_near(entry, c) for c in curated):
                continue  # the same town twice ("Avdiyivka" and the layer's "Avdiivka"): the layer's wins
            score = KIND_PRIOR.get(entry.kind, 0.0) + (2.0 if own else 0.0)
            if entry.feature == "capital":
                score += 1.0
            if entry.population:
                score += math.log10(entry.population + 1)
            elif entry.kind == "region":
                score += REGION_POPULATION_SCORE
            elif entry.kind == "curated":
                score += CURATED_POPULATION_SCORE.get(entry.feature, CURATED_POPULATION_DEFAULT)
            if entry.kind == "admin1" and entry.country in own_city_countries:
                score -= 2.5  # bare "Aleppo" is the city; "Aleppo province" matches the division only
            share = weights.get(entry.country, 0.0) / total
            if share:
                # Context decides between comparable places; it does not move London to Kentucky.
                score += 0.5 + 2.0 * share
            same_province = admin1s.get((entry.country, entry.admin1), 0)
            if same_province:
                score += 0.5 + 0.25 * min(same_province - 1, 4)
            if score > best_score:
                best, best_score = entry, score
        return best

    # --- output ------------------------------------------------------------------------------
    def places(self, text: str, spans: list[_Span]) -> list[Place]:
        gaz = self.gazetteer
        grouped: dict[tuple, Place] = {}
        for span in spans:
            if span.origin == "gazetteer" and not span.candidates:
                continue
            entry = span.choice if span.demonym is None else span.demonym
            if span.demonym is not None and not self.demonym_mentions:
                continue
            if entry is None:
                # An entity span no gazetteer entry fits: on GeoWebNews ~3 in 4 of these are
                # not places at all (products, people), so they are not reported.
                continue
            mention = Mention(text=text[span.start:span.end], start=span.start, end=span.end)
            key = (entry.kind, entry.id)
            if key not in grouped:
                grouped[key] = self._place(entry, gaz)
            grouped[key].mentions.append(mention)
        return list(grouped.values())

    @staticmethod
    def _place(entry: Entry, gaz: Gazetteer) -> Place:
        country = gaz.country(entry.country) if entry.country else None
        feature = "city" if entry.feature == "capital" else entry.feature
        return Place(
            name=entry.name,
            lat=round(entry.lat, 5),
            lon=round(entry.lon, 5),
            country=entry.country or None,
            country_name=country.name if country else None,
            admin1=entry.admin1 or None,
            feature=feature,
            geo_precision=entry.precision,
            geonameid=entry.geonameid,
            source=entry.source,
        )


def _near(a: Entry, b: Entry, km: float = 15.0) -> bool:
    dlat = (a.lat - b.lat) * 111.0
    dlon = (a.lon - b.lon) * 111.0 * math.cos(math.radians((a.lat + b.lat) / 2))
    return dlat * dlat + dlon * dlon <= km * km


def _actor_context(article, gaz: Gazetteer) -> tuple[list[tuple[int, int]], list[str]]:
    blocked, countries = [], []
    for entity in article.entities:
        if entity.kind != "actor":
            continue
        blocked.append((entity.start, entity.end))
        if entity.country:
            if len(entity.country) == 2 and entity.country.isupper():
                if gaz.country(entity.country) is not None:  # "XX": transnational, no country
                    countries.append(entity.country)
            else:
                countries += [e.country for e, own in gaz.candidates(entity.country) if own and e.kind == "country"]
    return blocked, countries


class PlacesConfig(ComponentConfig):
    demonyms: bool = False  # "Syrian" as a mention of Syria (GeoWebNews' convention, not ACLED's)
    within_actor_names: bool = True  # "US forces": a place name opening an actor's name is a mention


@component(
    "places",
    requires=["text"],
    assigns=["places"],
    amends=["entities"],
    offers=[Result("place_mentions_in_actor_names", list[tuple[int, int]],
                   "(start, end) of place mentions that open an actor's name: they say who, not where")],
    config=PlacesConfig,
    uses=["places", "spacy_model"],
)
class PlacesComponent:
    """Where: place names recognised in the text and resolved to the gazetteer with ACLED precision."""

    def __init__(self, config: PlacesConfig = PlacesConfig()):
        resources.gazetteer()  # once per process, at pipeline build time rather than inside the first article
        self.demonym_mentions = config.demonyms
        self.in_actor_names = config.within_actor_names

    def __call__(self, work) -> None:
        article = work.article
        if not article.text.strip():
            return
        gaz = resources.gazetteer()
        recognizer = PlaceRecognizer(gaz, self.demonym_mentions, self.in_actor_names)
        blocked, actor_countries = _actor_context(article, gaz)
        spans = recognizer.spans(work.doc, article.text, blocked)
        recognizer.resolve(spans, actor_countries, article.text)
        article.places = recognizer.places(article.text, spans)
        # Entity spans that look like places but resolve to nothing, for later layers to weigh.
        unresolved = [(s.start, s.end) for s in spans if s.choice is None and s.demonym is None]
        actors = _SpanIndex(blocked)
        work.offer("place_mentions_in_actor_names", [
            (m.start, m.end) for p in article.places for m in p.mentions if actors.overlaps(m.start, m.end)
        ])
        if work.has("entities"):  # the entities layer ran: make it agree
            # Demonym mentions ("Syrian", with places.demonyms) stay the entities layer's "other".
            named = [(s.start, s.end) for s in spans if s.choice is not None and s.demonym is None]
            article.entities = agree_entities(article.text, article.entities, named, unresolved, gaz)


def agree_entities(text: str, entities: list[Entity], mentions: list[tuple[int, int]],
                   unresolved: list[tuple[int, int]], gaz: Gazetteer) -> list[Entity]:
    """The entities list told the places layer's way (see the module docstring); offsets unchanged.
    ``mentions``: the spans of resolved place names; ``unresolved``: entity spans that look like
    places the gazetteer could not place."""
    mentions = sorted(mentions)
    fixed = [e for e in entities if e.kind in ("actor", "label")]
    general = [e for e in entities if e.kind not in ("actor", "label")]
    actors_and_labels = _SpanIndex([(e.start, e.end) for e in fixed])
    general_spans = _SpanIndex([(e.start, e.end) for e in general])
    # Place entities added below start no later than the mention at hand (mentions are
    # sorted), so one of them overlaps it exactly when the furthest end among them lies past its start.
    added_places_end = -math.inf
    absorbed: set[int] = set()
    for start, end in mentions:
        if actors_and_labels.overlaps(start, end) or added_places_end > start:
            continue  # "Pakistan Army": the actor keeps its entity
        touching = general_spans.touching(start, end)
        if any(not (start <= general[i].start and general[i].end <= end) and general[i].kind != "place"
               for i in touching):
            continue  # the place is part of a longer name ("Aleppo University")
        inside = [i for i in touching if start <= general[i].start and general[i].end <= end]
        if len(touching) == len(inside):
            label = general[inside[0]].ner_label if len(inside) == 1 and (
                general[inside[0]].start, general[inside[0]].end) == (start, end) else None
            absorbed.update(inside)
            fixed.append(Entity(text=text[start:end], start=start, end=end, kind="place", ner_label=label))
            added_places_end = max(added_places_end, end)
        # else a spaCy place entity reaching past the mention ("eastern Aleppo") stays as it is
    mention_spans, unresolved_spans = _SpanIndex(mentions), _SpanIndex(unresolved)
    for i, e in enumerate(general):
        if i in absorbed:
            continue
        if e.kind == "place" and not mention_spans.overlaps(e.start, e.end) \
                and not unresolved_spans.overlaps(e.start, e.end) and not gaz.candidates(e.text):
            continue  # a word spaCy took for a place: "and have Escaped to Turkey"
        fixed.append(e)
    return sorted(fixed, key=lambda e: (e.start, e.end))

