"""Reading the actor tables (``data/actors/*.yaml``, format in that folder's README) into Actor rows.

A table that cannot be read, or is not shaped as the README says, raises naming
its file: a broken table must stop the run, never leave actors out unnoticed.
Row-level data errors (a missing key, an inter code out of range, a dangling
parent) are collected as problems instead, so one pass reports all of them.
"""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Optional

import yaml

DATA_DIR = Path(__file__).resolve().parent / "data" / "actors"

SIDES = {"government", "isis", "coalition", "opposition", "kurdish", "nusra"}
REQUIRED_KEYS = ("id", "name", "type", "inter", "country", "source")
KNOWN_KEYS = set(REQUIRED_KEYS) | {"aliases", "parent", "successor", "from", "to", "cameo", "side", "note"}
META_KEYS = ("title", "source", "licence", "curated_by", "date")

_YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # the C parser when libyaml is there


class TableError(ValueError):
    """An actor table that cannot be read as a table at all."""


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

    def common_noun(self, surface: str) -> bool:
        """Whether ``surface`` is one of the actor's names that the table writes only in lower case:
        a description ("pro-government forces"), not a proper name ("Shabiha", "shabiha")."""
        folded = surface.lower()
        spelled = [n for n in self.names if n.lower() == folded]
        return bool(spelled) and all(n == folded for n in spelled)


@dataclass
class Tables:
    actors: list[Actor] = field(default_factory=list)
    meta: dict[str, dict] = field(default_factory=dict)  # file name -> its meta block
    problems: list[str] = field(default_factory=list)


def read_tables(paths: Iterable[Path]) -> Tables:
    """Every actor of the given tables; duplicate ids keep their first row and are reported."""
    tables = Tables()
    seen: dict[str, str] = {}
    for path in sorted(paths):
        meta, rows = read_table(path, tables.problems)
        tables.meta[path.name] = meta
        for actor in rows:
            if actor.id in seen:
                tables.problems.append(f"{path.name}: id {actor.id!r} already defined in {seen[actor.id]}")
                continue
            seen[actor.id] = path.name
            tables.actors.append(actor)
    for actor in tables.actors:
        for link in ("parent", "successor"):
            target = getattr(actor, link)
            if target and target not in seen:
                tables.problems.append(f"{actor.file}: {actor.id}.{link} -> {target!r} is not a known id")
    return tables


def read_table(path: Path, problems: list[str]) -> tuple[dict, list[Actor]]:
    """The meta block and the well-formed rows of one table; what is wrong with the rest goes to ``problems``."""
    data = _parse(path)
    meta = data.get("meta") or {}
    if not isinstance(meta, dict):
        raise TableError(f"{path}: meta is not a mapping")
    for key in META_KEYS:
        if not meta.get(key):
            problems.append(f"{path.name}: meta.{key} is missing")
    rows = data.get("actors") or []
    if not isinstance(rows, list):
        raise TableError(f"{path}: actors is not a list")
    actors = []
    for n, row in enumerate(rows):
        if not isinstance(row, dict):
            raise TableError(f"{path}: actor #{n} is not a mapping")
        actor = _actor(row, f"{path.name}: actor #{n} ({row.get('id', '?')})", path.name, problems)
        if actor is not None:
            actors.append(actor)
    return meta, actors


def _parse(path: Path) -> dict:
    try:
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=_YAML_LOADER) or {}
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        raise TableError(f"{path}: cannot be read: {exc}") from exc
    if not isinstance(data, dict):
        raise TableError(f"{path}: expected a mapping with meta and actors")
    return data


def _actor(row: dict, where: str, file: str, problems: list[str]) -> Optional[Actor]:
    missing = [k for k in REQUIRED_KEYS if row.get(k) in (None, "")]
    if missing:
        problems.append(f"{where}: missing {', '.join(missing)}")
        return None
    unknown = set(row) - KNOWN_KEYS
    if unknown:
        problems.append(f"{where}: unknown keys {', '.join(sorted(unknown))}")
    try:
        inter = int(row["inter"])
    except (TypeError, ValueError):
        inter = 0  # reported right below, with the value as written
    if not 1 <= inter <= 8:
        problems.append(f"{where}: inter {row['inter']!r} is not an ACLED inter code 1-8")
    side = row.get("side")
    if side is not None and side not in SIDES:
        problems.append(f"{where}: side {side!r} not one of {sorted(SIDES)}")
    aliases = row.get("aliases") or []
    if isinstance(aliases, str):
        aliases = [aliases]
    return Actor(
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
        file=file,
    )


def _iso(value) -> Optional[str]:
    if value is None or value == "":
        return None
    if isinstance(value, (_dt.date, _dt.datetime)):
        return value.isoformat()[:10]
    return str(value)
