"""One entry of a vocabulary, checked for the shape its rule needs, and cues that name another
vocabulary's word list (``{{FILE.KEY}}``), so that a word list shared by several rules has one home.

A missing or misshapen entry raises, naming the file and the key: a rule without its words
must stop the run, never quietly match nothing.
"""

from __future__ import annotations

import re
from typing import Any

from . import DIR, LexiconError, alternation, load

_REFERENCE = re.compile(r"\{\{(\w+)\.(\w+)\}\}")


def _where(name: str) -> str:
    return str(DIR / f"{name}.yaml")


def entry(name: str, key: str) -> Any:
    """The entry at ``key`` of vocabulary ``name``; a dotted key ("context_words.fought") walks into mappings."""
    found: Any = load(name)
    for part in key.split("."):
        if not isinstance(found, dict) or part not in found:
            raise LexiconError(f"{_where(name)}: no entry {key!r}")
        found = found[part]
    return found


def word_list(name: str, key: str) -> list[str]:
    """The non-empty list of strings (words or regex fragments) at ``key`` of ``name``; an item
    ``{{FILE.KEY}}`` stands for that other list, as one alternation (one home for words several lists share)."""
    words = entry(name, key)
    if not isinstance(words, list) or not words or not all(isinstance(w, str) and w for w in words):
        raise LexiconError(f"{_where(name)}: {key!r} must be a non-empty list of strings")
    return [expand(w) if "{{" in w else w for w in words]


def mapping(name: str, key: str) -> dict[str, Any]:
    """The non-empty mapping at ``key`` of ``name``, in file order."""
    table = entry(name, key)
    if not isinstance(table, dict) or not table:
        raise LexiconError(f"{_where(name)}: {key!r} must be a non-empty mapping")
    return table


def any_of(cues: list[str]) -> str:
    """Regex alternatives that carry their own boundaries, as one pattern: ``a|b|c``."""
    return "|".join(cues)


def expand(cue: str) -> str:
    """``cue`` with each ``{{FILE.KEY}}`` replaced by that word list as one alternation ``(?:a|b)``."""

    def one_list(m: re.Match) -> str:
        name, key = m.groups()
        return alternation(word_list(name, key))

    return _REFERENCE.sub(one_list, cue)
