"""Spelling keys: one key per word, whatever its case, accents, apostrophes or transliteration.

"Jeish", "Jaysh" and "JAISH" fold to the same key, so a name matches however a
newsroom spelled it. Keys are for matching only; nothing shown to a reader is folded.
"""

from __future__ import annotations

import re
from functools import lru_cache

from unidecode import unidecode

APOSTROPHES = "'’‘ʼʻ`ʿʾ´"

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

# Short words that stay words in an ALL-CAPS headline ("GENERAL STAFF OF THE ARMY").
FUNCTION_WORDS = {"of", "the", "and", "for", "in", "on", "at", "to", "by", "a", "an", "or", "with", "from", "led"}

_APOS_RE = re.compile("[" + APOSTROPHES + "]")
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


@lru_cache(maxsize=200_000)
def word_key(word: str) -> str:
    """The matching key of a word as written: its folded spelling, or ``^letters`` for an acronym."""
    if word.isupper() and 2 <= len(word) <= 4 and word.isalpha() and word.lower() not in FUNCTION_WORDS:
        return "^" + word.lower()  # an acronym keeps its letters: "SA" is not "SAA", "FATA" not "Fatah"
    return fold(word)
