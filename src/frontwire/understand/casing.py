"""Text that has lost its case: telling it from ordinary text, and what names may mean in it.

Some archives keep articles all in lower case (or all in capitals). Capital letters are then no
evidence of a name, so the actor and place layers relax the case they ask of a name, but only in
such text: an ordinary article keeps its case rules, and "is" stays a verb there. The decision is
made per text, from the share of its words that carry a capital; a line all in capitals inside an
ordinary article (a headline) is caseless too, for the words that depend on case alone.

Where case was the only thing telling a name from a word ("WHO" and "who", "IS" and "is"), the
name needs context: a party noun after it ("is fighters", "who officials"), a hyphenated tail
("us-led"), or "the" before a grammatical word ("the who said"). The words are in
``data/casing.yaml``; the other callers (roles, triggers) may use ``letter_case`` and
``acronym_in_context`` to decide the same way.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

import yaml

DATA_PATH = Path(__file__).resolve().parent / "data" / "casing.yaml"

LOWER, UPPER, MIXED = "lower", "upper", "mixed"

_WORD = re.compile(r"[^\W\d_]{2,}")
# Ordinary English news capitalises one word in six or seven; lower-cased text none or almost none.
_MAX_CAPITALISED_SHARE = 0.03
_MIN_UPPER_SHARE = 0.8
_MIN_WORDS = 3  # fewer words than this are too little evidence either way
_NEXT_WORD = re.compile(r"(?:['’]s)?\s+(?:the\s+)?([^\W\d_]+)")
_HYPHEN_TAIL = re.compile(r"\s?[-\u2010\u2013]\s?([^\W\d_]+)")
_THE_BEFORE = re.compile(r"\bthe\s+$", re.IGNORECASE)


@lru_cache(maxsize=1)
def _table() -> dict:
    data = yaml.safe_load(DATA_PATH.read_text(encoding="utf-8"))
    for key in ("acronyms_also_words", "party_nouns", "compound_tails", "places_also_words"):
        if not isinstance(data.get(key), list) or not data[key]:
            raise ValueError(f"{DATA_PATH}: {key} must be a non-empty list")
    return data


@lru_cache(maxsize=1)
def acronyms_also_words() -> frozenset[str]:
    """Actor acronyms, lower-cased, that are also English words ("who", "is", "tip")."""
    return frozenset(w.lower() for w in _table()["acronyms_also_words"])


@lru_cache(maxsize=1)
def places_also_words() -> frozenset[str]:
    """Curated place names, lower-cased, that are also English words ("chad", "guinea", "us")."""
    return frozenset(w.lower() for w in _table()["places_also_words"])


@lru_cache(maxsize=1)
def _party_nouns() -> frozenset[str]:
    return frozenset(w.lower() for w in _table()["party_nouns"])


@lru_cache(maxsize=1)
def _compound_tails() -> frozenset[str]:
    return frozenset(w.lower() for w in _table()["compound_tails"])


@lru_cache(maxsize=1)
def grammatical_words() -> frozenset[str]:
    """English stop words (spaCy's list): words that head no name."""
    from spacy.lang.en.stop_words import STOP_WORDS

    return frozenset(STOP_WORDS)


def letter_case(text: str) -> str:
    """``"lower"`` or ``"upper"`` for a text written without case, else ``"mixed"``.

    Lower: almost no word carries a capital (sentence starts and names included). Upper: most
    words are all capitals. A text of fewer than three words is "mixed": too little to tell.
    """
    words = _WORD.findall(text)
    if len(words) < _MIN_WORDS:
        return MIXED
    capitalised = upper = 0
    for w in words:
        if not w.islower():
            capitalised += 1
            upper += w.isupper()
    if capitalised <= _MAX_CAPITALISED_SHARE * len(words):
        return LOWER
    if upper >= _MIN_UPPER_SHARE * len(words):
        return UPPER
    return MIXED


def caseless(text: str) -> bool:
    """The text is all lower case or all capitals: capitals tell nothing of names in it."""
    return letter_case(text) != MIXED


def in_capitals_run(text: str, start: int, end: int) -> bool:
    """The word at [start, end) stands among words all in capitals ("WHO SAYS", an upper-case headline)."""
    before = _WORD.findall(text[max(0, start - 40):start].rsplit("\n", 1)[-1])
    after = _WORD.findall(text[end:end + 40].split("\n", 1)[0])
    neighbours = before[-1:] + after[:1]
    return bool(neighbours) and all(w.isupper() for w in neighbours)


def acronym_in_context(text: str, start: int, end: int) -> bool:
    """Whether the acronym-like word at [start, end), which is also an English word, reads as a name
    here without help from its case: "is fighters", "us-led", "the who said"."""
    word = text[start:end].lower()
    tail = _HYPHEN_TAIL.match(text, end)
    if tail and tail.group(1).lower() in _compound_tails():
        return True
    following = _NEXT_WORD.match(text, end)
    if following and following.group(1).lower() in _party_nouns():
        return True
    # "the who", "the us": a grammatical word never follows "the"; "the tip" may be the tip of anything
    return word in grammatical_words() and _THE_BEFORE.search(text[max(0, start - 8):start]) is not None
