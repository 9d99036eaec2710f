"""The actor knowledge base we ship, and spelling-tolerant matching against it.

The tables live in ``data/actors/*.yaml`` (format in that folder's README).
``frontwire.resources.knowledge_base()`` reads them once per process and builds one Aho-Corasick
automaton over *folded* token keys, so "Jeish al-Fatah", "Jaysh al Fatah" and
"JAISH AL-FATAH" all reach the same key. Matching works on tokens that keep
their offsets into the original text, so every match indexes the caller's
text exactly, whatever folding happened in between.
"""

from __future__ import annotations

import datetime as _dt
import re
from bisect import bisect_left
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import accumulate
from pathlib import Path
from typing import Iterable, NamedTuple, Optional

import ahocorasick
import yaml
from unidecode import unidecode

from .gazetteer import gc_paused

DATA_DIR = Path(__file__).resolve().parent / "data" / "actors"

SIDES = {"government", "isis", "coalition", "opposition", "kurdish", "nusra"}
REQUIRED_KEYS = ("id", "name", "type", "inter", "country", "source")
KNOWN_KEYS = set(REQUIRED_KEYS) | {"aliases", "parent", "successor", "from", "to", "cameo", "side", "note"}

# Generic and pejorative labels: entities of their own kind, never an actor by themselves.
LABEL_TERMS = (
    "terrorist", "terrorists", "terrorist group", "terrorist groups", "terror group", "terror groups",
    "terrorist organisation", "terrorist organisations", "terrorist organization", "terrorist organizations",
    "terrorist militants", "terrorist fighters", "takfiri", "takfiris", "takfiri terrorists", "takfiri groups",
    "militant", "militants", "militant group", "militant groups", "militant organisation", "militant organization",
    "militia", "militias", "militiamen", "armed group", "armed groups", "armed men", "gunman", "gunmen",
    "rebel", "rebels", "rebel group", "rebel groups", "rebel fighters", "rebel forces",
    "insurgent", "insurgents", "insurgent group", "insurgent groups",
    "jihadist", "jihadists", "jihadist group", "jihadist groups", "jihadi", "jihadis",
    "extremist", "extremists", "extremist group", "extremist groups", "islamist militants", "islamists",
    "mercenary", "mercenaries", "regime", "bandits", "foreign fighters",
)

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
_DEMONYMS = {
    "syrian": "Syria", "russian": "Russia", "iranian": "Iran", "turkish": "Turkey", "israeli": "Israel",
    "iraqi": "Iraq", "lebanese": "Lebanon", "american": "America", "british": "Britain", "french": "France",
    "jordanian": "Jordan", "saudi": "Saudi Arabia", "kurdish": "Kurdistan", "afghan": "Afghanistan",
    "yemeni": "Yemen", "libyan": "Libya", "ukrainian": "Ukraine", "sudanese": "Sudan", "somali": "Somalia",
    "malian": "Mali", "egyptian": "Egypt", "pakistani": "Pakistan", "nigerian": "Nigeria",
}

# Spellings that folding alone does not unify (keys are already folded).
_VARIANTS = {
    "jesh": "jaish", "jash": "jaish", "jaich": "jaish", "jish": "jaish",
    "hizbolah": "hizbulah", "hezbolah": "hizbulah", "hizbalah": "hizbulah", "hezbalah": "hizbulah",
    "hezbulah": "hizbulah", "hizballa": "hizbulah", "hizbula": "hizbulah", "hezbola": "hizbulah",
    "zinki": "zenki", "zangi": "zenki", "zengi": "zenki",
    "mohamad": "muhamad", "mohamed": "muhamad", "muhamed": "muhamad", "mohammed": "muhamad",
    "fatimiyun": "fatemiyun", "fatemiyon": "fatemiyun", "fatimiyon": "fatemiyun",
    "zainabiyon": "zainabiyun", "zainabyun": "zainabiyun",
    "daech": "daish",
    "defense": "defence", "centre": "center", "organisation": "organization", "organisations": "organization",
    "organizations": "organization", "brigades": "brigade", "battalions": "battalion", "forces": "force",
}

_APOSTROPHES = "'’‘ʼʻ`ʿʾ´"
_TOKEN_RE = re.compile(r"[^\W_]+(?:[" + _APOSTROPHES + r"][^\W_]+)*")
_APOS_RE = re.compile("[" + _APOSTROPHES + "]")
# "al"/"el" are articles wherever they stand alone; shorter sun-letter forms only when hyphenated ("ash-Sham").
_ARTICLES_FREE = {"al", "el"}
_ARTICLES_HYPHEN = {"ash", "ad", "ar", "as", "at", "az", "an", "adh", "ath", "ud", "ul", "ush", "ed", "es", "et", "ez", "al", "el"}


_FOLD_VOWELS = re.compile(r"ei|ey|ay|ae")
_FOLD_DOUBLES = re.compile(r"(.)\1+")
_FOLD_FINAL_H = re.compile(r"[ea]h$")


@lru_cache(maxsize=200_000)
def fold(word: str) -> str:
    """One spelling key for one word: case, accents, apostrophes and common transliteration pairs folded."""
    w = _APOS_RE.sub("", unidecode(word).lower()).replace(" ", "")  # unidecode may spell one word as several
    w = w.replace("ou", "u").replace("ee", "i").replace("oo", "u")
    w = _FOLD_DOUBLES.sub(r"\1", _FOLD_VOWELS.sub("ai", w))
    if len(w) > 4:
        w = _FOLD_FINAL_H.sub("a", w)
    return _VARIANTS.get(w, w)


class Token(NamedTuple):
    key: str
    start: int  # first character of the word (after a dropped article)
    end: int  # after the word, possessive "'s" excluded
    lead: int  # start including a dropped article right before it ("al-Nusra" starts at "al")
    upper: bool  # ALL CAPS in the text
    capital: bool  # starts with a capital or a digit (or is all caps)
    hard: bool = False  # a name cannot run across the gap before it (line break, bracket, sentence end)


# Short words that stay words in an ALL-CAPS headline ("GENERAL STAFF OF THE ARMY").
_FUNCTION_WORDS = {"of", "the", "and", "for", "in", "on", "at", "to", "by", "a", "an", "or", "with", "from", "led"}
_ARTICLE_GLUE_FREE = {"-", " ", "", "\u2010", "\u2013"}
_ARTICLE_GLUE_HYPHEN = {"-", "\u2010"}


@lru_cache(maxsize=200_000)
def word_key(word: str) -> str:
    if word.isupper() and 2 <= len(word) <= 4 and word.isalpha() and word.lower() not in _FUNCTION_WORDS:
        return "^" + word.lower()  # an acronym keeps its letters: "SA" is not "SAA", "FATA" not "Fatah"
    return fold(word)


class _Scan:
    """Word keys and offsets of a text, in parallel lists; the per-word details are built on demand.

    Matching only needs the details of the few words inside a match, so the scan of a whole
    article stays a tight loop.
    """

    __slots__ = ("text", "keys", "starts", "ends", "leads", "_tokens")

    def __init__(self, text: str):
        self.text = text
        keys: list[str] = []
        starts: list[int] = []
        ends: list[int] = []
        leads: list[int] = []
        spans = [m.span() for m in _TOKEN_RE.finditer(text)]
        lead = -1
        last = len(spans) - 1
        for i, (s, e) in enumerate(spans):
            if e - s > 2:
                if text[s] in "ae" and text[s + 1] == "l" and text[s + 2].isupper():
                    if lead < 0:  # "alSham": the article glued to a capitalised name
                        lead = s
                    s += 2
                if e - s > 2 and text[e - 1] in "sS" and text[e - 2] in _APOSTROPHES:
                    e -= 2  # possessive "Hezbollah's"
            elif i < last:
                low = text[s:e].lower()
                if low in _ARTICLES_HYPHEN:
                    glue = text[e:spans[i + 1][0]]
                    if (low in _ARTICLES_FREE and glue in _ARTICLE_GLUE_FREE) or glue in _ARTICLE_GLUE_HYPHEN:
                        if lead < 0:
                            lead = s
                        continue
            keys.append(word_key(text[s:e]))
            starts.append(s)
            ends.append(e)
            leads.append(s if lead < 0 else lead)
            lead = -1
        self.keys, self.starts, self.ends, self.leads = keys, starts, ends, leads
        self._tokens: dict[int, Token] = {}

    def __len__(self) -> int:
        return len(self.keys)

    def __getitem__(self, i: int) -> Token:
        tok = self._tokens.get(i)
        if tok is None:
            s, e = self.starts[i], self.ends[i]
            word = self.text[s:e]
            upper = word.isupper()
            hard = i > 0 and _is_hard_gap(self.text, self.starts[i - 1], self.ends[i - 1], self.leads[i])
            tok = Token(self.keys[i], s, e, self.leads[i], upper, upper or word[0].isupper() or word[0].isdigit(), hard)
            self._tokens[i] = tok
        return tok


def tokenize(text: str) -> list[Token]:
    """Folded word tokens of ``text`` with their offsets; Arabic articles are dropped into the next token's lead."""
    scan = _Scan(text)
    return [scan[i] for i in range(len(scan))]


@lru_cache(maxsize=None)
def _name_tokens(name: str) -> tuple[Token, ...]:
    # Aliases are tokenized twice while the base is built (keys, office holders); once is enough.
    return tuple(tokenize(name))


_HARD_GAP = re.compile(r"[\n,;:!?()\[\]{}\"“”/|]|\.\s")


def _is_hard_gap(text: str, prev_start: int, prev_end: int, start: int) -> bool:
    gap = text[prev_end:start]
    if not gap or gap == " ":
        return False
    m = _HARD_GAP.search(gap)
    if m is None:
        return False
    # "U.S. Army": a full stop after a single letter ends an abbreviation, not a sentence.
    return not (m.group() != "\n" and m.group().startswith(".") and prev_end - prev_start == 1
                and not _HARD_GAP.search(gap, m.end()))


def _demonym_variants(alias: str) -> list[str]:
    first, _, rest = alias.partition(" ")
    country = _DEMONYMS.get(first.lower())
    if country and rest:
        return [f"{country} {rest}"]
    return []


@dataclass(frozen=True)
class Actor:
    id: str
    name: str
    aliases: tuple[str, ...]
    type: str
    inter: int
    country: str
    parent: Optional[str] = None
    successor: Optional[str] = None
    from_: Optional[str] = None  # "from" in the tables; a Python keyword here
    to: Optional[str] = None
    cameo: Optional[str] = None
    side: Optional[str] = None
    source: str = ""
    file: str = ""

    @property
    def names(self) -> tuple[str, ...]:
        return (self.name, *self.aliases)


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


@dataclass
class KnowledgeBase:
    actors: tuple[Actor, ...]
    meta: dict[str, dict] = field(default_factory=dict)  # file name -> its meta block
    problems: list[str] = field(default_factory=list)  # data errors found at load time
    ambiguous: dict[str, list[str]] = field(default_factory=dict)  # folded key -> actor ids sharing it

    def __post_init__(self) -> None:
        self._by_id = {a.id: a for a in self.actors}
        self._automaton = ahocorasick.Automaton()
        entries: dict[str, list[_Entry]] = {}
        for actor in self.actors:
            for alias in actor.names:
                for form in (alias, *_demonym_variants(alias)):
                    self._add(entries, form, _Entry("actor", actor.id, (), alias))
        for term in LABEL_TERMS:
            self._add(entries, term, _Entry("label", term, (), term))
        for term in OFFICE_TERMS:
            self._add(entries, term, _Entry("office", term, (), term))
        self._office_of = self._office_holders()
        for key, items in entries.items():
            ids = list(dict.fromkeys(e.value for e in items if e.kind == "actor"))
            if len(ids) > 1:
                self.ambiguous[key.strip()] = ids
            self._automaton.add_word(key, (key.count(" ") - 2, len(key), tuple(items)))
        self._automaton.make_automaton()

    def _office_holders(self) -> dict[tuple[str, str], str]:
        """(office, institution id) -> the id of a sub-institution named by that office.

        "General Staff of Syria's Armed Forces" composes as office "general staff" of sy-saf; the table
        has sy-general-command (parent sy-saf) named "General Staff of the Syrian Armed Forces", so the
        mention resolves to that body rather than to the armed forces as a whole.
        """
        office_keys = {term: [t.key for t in _name_tokens(term)] for term in OFFICE_TERMS}
        holders: dict[tuple[str, str], str] = {}
        for actor in self.actors:
            if not actor.parent:
                continue
            for alias in actor.names:
                keys = [t.key for t in _name_tokens(alias)]
                for term, okeys in office_keys.items():
                    n = len(okeys)
                    if len(keys) > n and (keys[:n] == okeys or keys[-n:] == okeys):
                        holders.setdefault((term, actor.parent), actor.id)
        return holders

    @staticmethod
    def _add(entries: dict[str, list[_Entry]], form: str, entry: _Entry) -> None:
        toks = _name_tokens(form)
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

    # -- lookups -----------------------------------------------------------------------------

    def get(self, actor_id: str) -> Optional[Actor]:
        return self._by_id.get(actor_id)

    def __contains__(self, actor_id: str) -> bool:
        return actor_id in self._by_id

    def __len__(self) -> int:
        return len(self.actors)

    def find(self, text: str) -> list[Match]:
        """Actors named in ``text``: longest non-overlapping matches, offices folded into their institution."""
        return [m for m in self.find_all(text) if m.kind == "actor"]

    def find_all(self, text: str) -> list[Match]:
        """Actors and generic labels in ``text``, in text order, longest non-overlapping first."""
        toks = _Scan(text)
        if not len(toks):
            return []
        positions = list(accumulate((len(k) + 1 for k in toks.keys[:-1]), initial=1))
        haystack = " " + " ".join(toks.keys) + " "
        # (first token, last token, the entries under that key whose case the text respects)
        candidates: list[tuple[int, int, list[_Entry]]] = []
        for end_char, (n_inner, key_len, items) in self._automaton.iter(haystack):
            key_start = end_char - key_len + 2
            first = bisect_left(positions, key_start)
            if first >= len(positions) or positions[first] != key_start:
                continue
            last = first + n_inner
            if n_inner and any(toks[i].hard for i in range(first + 1, last + 1)):
                continue
            fitting = [e for e in items if _case_ok(e.pattern, [toks[i] for i in range(first, last + 1)])]
            if fitting:
                candidates.append((first, last, fitting))
        # Longest first; at equal length actors beat labels, labels beat offices.
        rank = {"actor": 0, "label": 1, "office": 2}
        candidates.sort(key=lambda c: (-(c[1] - c[0]), c[0], rank[c[2][0].kind]))
        taken = [False] * len(toks)
        kept: list[tuple[int, int, list[_Entry]]] = []
        for first, last, fitting in candidates:
            if any(taken[first:last + 1]):
                continue
            for i in range(first, last + 1):
                taken[i] = True
            kept.append((first, last, fitting))
        kept.sort(key=lambda c: c[0])
        foreign = _acronyms_defined_otherwise(text, toks, kept)
        if foreign:
            kept = [k for k in kept if not (k[0] == k[1] and toks[k[0]].key in foreign)]
        chosen = [(first, last, self._disambiguate(fitting, kept)) for first, last, fitting in kept]
        return self._compose_offices(text, toks, chosen)

    def _disambiguate(self, fitting: list[_Entry], kept: list[tuple[int, int, list[_Entry]]]) -> _Entry:
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
                country = self._by_id[next(iter(other_ids))].country
                votes[country] = votes.get(country, 0) + 1
        best = max(ids, key=lambda i: (votes.get(self._by_id[i].country, 0), -ids.index(i)))
        return next(e for e in fitting if e.value == best)

    def _compose_offices(self, text: str, toks: "_Scan", chosen: list[tuple[int, int, _Entry]]) -> list[Match]:
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

    def resolve(self, name: str) -> Optional[Actor]:
        """The actor a single name stands for ("a Hezbollah spokesman" -> Hezbollah), or None."""
        if not name:
            return None
        if name in self._by_id:
            return self._by_id[name]
        matches = self.find(name)
        if not matches:
            return None
        best = max(matches, key=lambda m: (m.end - m.start, -m.start))
        return self._by_id.get(best.actor_id)

    def children(self, actor_id: str) -> list[Actor]:
        return [a for a in self.actors if a.parent == actor_id]


_PREFIX_GAP = re.compile(r"^[\s\-]*(?:(of|for|from|at|in)\s+)?(?:the\s+)?$", re.IGNORECASE)
_SUFFIX_GAP = re.compile(r"^(?:['’]s)?[\s\-]*$")


_DEFINITION = re.compile(r"\(\s*([A-Z]{2,6})\.?\s*\)|,\s+or\s+([A-Z]{2,6})\b")
_WORD = re.compile(r"[^\W\d_][\w'’-]*")
_SKIP_IN_INITIALS = {"of", "the", "and", "for", "on", "in", "to", "a", "an", "&"}
_INITIALS_GLUE = r"(?:[\s-]+(?:(?:of|the|and|for|on|in|de|du|al|el|&)[\s-]+)*)"


def _acronyms_defined_otherwise(text: str, toks: "_Scan", kept: list) -> set[str]:
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


def _case_ok(pattern: tuple[int, ...], toks: list[Token]) -> bool:
    for need, tok in zip(pattern, toks):
        if need == 2 and not tok.upper:
            return False
        if need == 1 and not tok.capital:
            return False
    return True


def _iso(value) -> Optional[str]:
    if value is None or value == "":
        return None
    if isinstance(value, (_dt.date, _dt.datetime)):
        return value.isoformat()[:10]
    return str(value)


_YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # the C parser when libyaml is there


def _read_table(path: Path, problems: list[str]) -> tuple[dict, list[Actor]]:
    data = yaml.load(path.read_text(encoding="utf-8"), Loader=_YAML_LOADER) or {}
    meta = data.get("meta") or {}
    for key in ("title", "source", "licence", "curated_by", "date"):
        if not meta.get(key):
            problems.append(f"{path.name}: meta.{key} is missing")
    actors = []
    for n, row in enumerate(data.get("actors") or []):
        where = f"{path.name}: actor #{n} ({row.get('id', '?')})"
        missing = [k for k in REQUIRED_KEYS if row.get(k) in (None, "")]
        if missing:
            problems.append(f"{where}: missing {', '.join(missing)}")
            continue
        unknown = set(row) - KNOWN_KEYS
        if unknown:
            problems.append(f"{where}: unknown keys {', '.join(sorted(unknown))}")
        try:
            inter = int(row["inter"])
        except (TypeError, ValueError):
            inter = 0
        if not 1 <= inter <= 8:
            problems.append(f"{where}: inter {row['inter']!r} is not an ACLED inter code 1-8")
        side = row.get("side")
        if side is not None and side not in SIDES:
            problems.append(f"{where}: side {side!r} not one of {sorted(SIDES)}")
        aliases = row.get("aliases") or []
        if isinstance(aliases, str):
            aliases = [aliases]
        actors.append(
            Actor(
                id=str(row["id"]),
                name=str(row["name"]),
                aliases=tuple(str(a) for a in aliases),
                type=str(row["type"]),
                inter=inter,
                country=str(row["country"]),
                parent=row.get("parent") or None,
                successor=row.get("successor") or None,
                from_=_iso(row.get("from")),
                to=_iso(row.get("to")),
                cameo=row.get("cameo") or None,
                side=side,
                source=str(row["source"]),
                file=path.name,
            )
        )
    return meta, actors


def build_kb(paths: Iterable[Path]) -> KnowledgeBase:
    """A knowledge base from the given tables; duplicate ids keep their first row and are reported."""
    problems: list[str] = []
    metas: dict[str, dict] = {}
    actors: list[Actor] = []
    seen: dict[str, str] = {}
    for path in sorted(paths):
        meta, rows = _read_table(path, problems)
        metas[path.name] = meta
        for actor in rows:
            if actor.id in seen:
                problems.append(f"{path.name}: id {actor.id!r} already defined in {seen[actor.id]}")
                continue
            seen[actor.id] = path.name
            actors.append(actor)
    for actor in actors:
        for link in ("parent", "successor"):
            target = getattr(actor, link)
            if target and target not in seen:
                problems.append(f"{actor.file}: {actor.id}.{link} -> {target!r} is not a known id")
    return KnowledgeBase(tuple(actors), metas, problems)


def load_kb() -> KnowledgeBase:
    """Build the shipped knowledge base (``frontwire.resources.knowledge_base()`` keeps the one copy)."""
    with gc_paused():  # tens of thousands of YAML nodes and tokens, no cycles among them
        return build_kb(DATA_DIR.glob("*.yaml"))
