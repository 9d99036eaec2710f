"""The actor knowledge base we ship: its actors, their lookups, and spelling-tolerant matching.

``frontwire.resources.knowledge_base()`` builds it once per process with ``load_kb``.
The parts live in modules of their own: reading the tables (``kb_tables``),
spelling keys (``folding``), tokens with offsets (``folded_tokens``) and the
matching itself (``actor_matcher``); their public names are importable from
here as well.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Optional

from .actor_matcher import LABEL_TERMS, OFFICE_TERMS, ActorMatcher, Match
from .folded_tokens import Token, tokenize
from .folding import fold, word_key
from .gazetteer import gc_paused
from .kb_tables import DATA_DIR, KNOWN_KEYS, REQUIRED_KEYS, SIDES, Actor, TableError, read_tables

__all__ = [
    "DATA_DIR", "KNOWN_KEYS", "LABEL_TERMS", "OFFICE_TERMS", "REQUIRED_KEYS", "SIDES",
    "Actor", "KnowledgeBase", "Match", "TableError", "Token",
    "build_kb", "fold", "load_kb", "tokenize", "word_key",
]


@dataclass
class KnowledgeBase:
    actors: tuple[Actor, ...]
    meta: dict[str, dict] = field(default_factory=dict)  # file name -> its meta block
    problems: list[str] = field(default_factory=list)  # data errors found at load time
    ambiguous: dict[str, list[str]] = field(default_factory=dict)  # folded key -> actor ids sharing it

    def __post_init__(self) -> None:
        self._by_id = {a.id: a for a in self.actors}
        self._matcher = ActorMatcher(self.actors)
        self.ambiguous.update(self._matcher.ambiguous)

    def get(self, actor_id: str) -> Optional[Actor]:
        return self._by_id.get(actor_id)

    def __contains__(self, actor_id: str) -> bool:
        return actor_id in self._by_id

    def __len__(self) -> int:
        return len(self.actors)

    def find(self, text: str, without_case: Optional[bool] = None) -> list[Match]:
        """Actors named in ``text``: longest non-overlapping matches, offices folded into their institution."""
        return [m for m in self._matcher.find_all(text, without_case) if m.kind == "actor"]

    def find_all(self, text: str, without_case: Optional[bool] = None) -> list[Match]:
        """Actors and generic labels in ``text``, in text order, longest non-overlapping first.

        ``without_case``: whether the text has lost its case (``casing.caseless``); None decides from
        ``text``. A caller matching pieces of one article passes the article's answer."""
        return self._matcher.find_all(text, without_case)

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


def build_kb(paths: Iterable[Path]) -> KnowledgeBase:
    """A knowledge base from the given tables; row errors are in its ``problems``, a broken file raises."""
    tables = read_tables(paths)
    return KnowledgeBase(tuple(tables.actors), tables.meta, tables.problems)


def load_kb() -> KnowledgeBase:
    """Build the shipped knowledge base (``frontwire.resources.knowledge_base()`` keeps the one copy)."""
    with gc_paused():  # tens of thousands of YAML nodes and tokens, no cycles among them
        return build_kb(DATA_DIR.glob("*.yaml"))
