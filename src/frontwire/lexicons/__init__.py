"""Vocabularies as data: one YAML file per vocabulary, each with a ``meta`` block
(source, licence, date), read once per process.

A vocabulary that fails to load raises, naming its file: a rule without its
words must stop the run, never quietly match nothing.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path
from typing import Any, Iterable

import yaml

DIR = Path(__file__).resolve().parent


class LexiconError(RuntimeError):
    pass


@lru_cache(maxsize=None)
def load(name: str) -> dict[str, Any]:
    """The vocabulary ``name`` (``lexicons/NAME.yaml``), its ``meta`` block checked."""
    path = DIR / f"{name}.yaml"
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise LexiconError(f"{path}: cannot be read: {exc}") from exc
    if not isinstance(data, dict):
        raise LexiconError(f"{path}: expected a mapping with a meta block")
    meta = data.get("meta")
    if not isinstance(meta, dict) or not meta.get("source") or not meta.get("licence"):
        raise LexiconError(f"{path}: the meta block must record source and licence")
    return data


def alternation(words: Iterable[str]) -> str:
    """``(?:a|b|c)`` from words that are regex fragments, in the order given (the order decides
    which alternative a regex engine tries first, so it is kept)."""
    return "(?:" + "|".join(words) + ")"


def word_pattern(words: Iterable[str], flags: int = re.IGNORECASE) -> re.Pattern:
    """``\\b(?:a|b|c)\\b`` compiled."""
    return re.compile(r"\b" + alternation(words) + r"\b", flags)
