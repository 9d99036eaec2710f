#!/usr/bin/env python
"""Check the actor tables in src/frontwire/understand/data/actors/ and print their counts.

Checks every *.yaml there, independently of the loader and then through it:
  - each file parses and has a complete meta block (title, source, licence, curated_by, date);
  - each row has id, name, type, inter, country and source; ids are unique across files and are
    slugs shaped <iso2>-<name> or int-<name>;
  - inter is an ACLED code 1-8 and, for the types listed in the folder's README, the code that
    type implies (another type is a warning: the README does not document it);
  - country is two capital letters; from/to are YYYY, YYYY-MM or YYYY-MM-DD and from <= to;
  - parent and successor point at existing ids, never at the row itself, and parents form no cycle;
  - aliases are a list of non-empty strings, none a generic label ("militants") that must stay a
    label; an alias listed twice or parenthesised (it never occurs in running text) is a warning;
  - no folded spelling key names two actors (the matcher would pick one arbitrarily).
Prints counts per file, country and type. Exits 1 when any check fails (or warns, with --strict).

Usage: .venv/bin/python scripts/check_actors.py [--dir PATH] [--top N] [--strict]
"""

from __future__ import annotations

import argparse
import datetime as dt
import re
import sys
from collections import Counter
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DIR = ROOT / "src" / "frontwire" / "understand" / "data" / "actors"

INTER_OF_TYPE = {
    "state forces": 1,
    "rebel group": 2,
    "political militia": 3,
    "identity militia": 4,
    "rioters": 5,
    "protesters": 6,
    "civilians": 7,
    "external forces": 8,
    "international organisation": 8,
}
META_KEYS = ("title", "source", "licence", "curated_by", "date")
REQUIRED = ("id", "name", "type", "inter", "country", "source")
ID_RE = re.compile(r"^(?:int|[a-z]{2})-[a-z0-9]+(?:-[a-z0-9]+)*$")
DATE_RE = re.compile(r"^\d{4}(?:-\d{2}(?:-\d{2})?)?$")


def as_date_text(value) -> str | None:
    if value is None:
        return None
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()[:10]
    return str(value)


def check_rows(tables: dict[str, dict], errors: list[str], warnings: list[str]) -> list[tuple[str, dict]]:
    rows: list[tuple[str, dict]] = []
    for name, data in tables.items():
        meta = data.get("meta") or {}
        for key in META_KEYS:
            if not meta.get(key):
                errors.append(f"{name}: meta.{key} is missing")
        actors = data.get("actors")
        if not isinstance(actors, list) or not actors:
            errors.append(f"{name}: no actors list")
            continue
        rows.extend((name, row) for row in actors)

    seen: dict[str, str] = {}
    for name, row in rows:
        where = f"{name}:{row.get('id', '?')}"
        missing = [k for k in REQUIRED if row.get(k) in (None, "")]
        if missing:
            errors.append(f"{where}: missing {', '.join(missing)}")
            continue
        rid = str(row["id"])
        if rid in seen:
            errors.append(f"{where}: id already defined in {seen[rid]}")
        seen[rid] = name
        if not ID_RE.match(rid):
            errors.append(f"{where}: id is not a <iso2>-<slug> / int-<slug> slug")
        if not isinstance(row["inter"], int) or not 1 <= row["inter"] <= 8:
            errors.append(f"{where}: inter {row['inter']!r} is not an ACLED inter code 1-8")
        elif row["type"] not in INTER_OF_TYPE:
            warnings.append(f"{where}: type {row['type']!r} is not one of the README's types")
        elif row["inter"] != INTER_OF_TYPE[row["type"]]:
            errors.append(f"{where}: inter {row['inter']!r} does not match type {row['type']!r}")
        country = str(row["country"])
        if not (len(country) == 2 and country.isalpha() and country.isupper()):
            errors.append(f"{where}: country {country!r} is not an ISO 3166-1 alpha-2 code")
        if not str(row["source"]).strip():
            errors.append(f"{where}: empty source")
        start, end = as_date_text(row.get("from")), as_date_text(row.get("to"))
        for label, value in (("from", start), ("to", end)):
            if value is not None and not DATE_RE.match(value):
                errors.append(f"{where}: {label} {value!r} is not YYYY, YYYY-MM or YYYY-MM-DD")
        if start and end and DATE_RE.match(start) and DATE_RE.match(end) and end < start[: len(end)]:
            errors.append(f"{where}: to {end} is before from {start}")
        aliases = row.get("aliases") or []
        if not isinstance(aliases, list):
            errors.append(f"{where}: aliases is not a list")
            continue
        for alias in aliases:
            if not isinstance(alias, str) or not alias.strip():
                errors.append(f"{where}: empty or non-string alias {alias!r}")
            elif "(" in alias or ")" in alias:
                warnings.append(f"{where}: parenthesised alias {alias!r} cannot occur in running text")
        for alias, n in Counter(map(str, aliases)).items():
            if n > 1:
                warnings.append(f"{where}: alias {alias!r} listed {n} times")

    for name, row in rows:
        for link in ("parent", "successor"):
            target = row.get(link)
            if target is None:
                continue
            if target == row.get("id"):
                errors.append(f"{name}:{row['id']}: {link} points at itself")
            elif target not in seen:
                errors.append(f"{name}:{row.get('id')}: {link} -> {target!r} is not a known id")
    parent_of = {str(r["id"]): r.get("parent") for _, r in rows if r.get("id")}
    for rid in parent_of:
        chain, node = {rid}, parent_of.get(rid)
        while node:
            if node in chain:
                errors.append(f"{seen[rid]}:{rid}: parent chain loops through {node}")
                break
            chain.add(node)
            node = parent_of.get(node)
    return rows


def check_matching(directory: Path, errors: list[str]) -> None:
    """Run the shipped loader over the same files: its own problems, shared spelling keys, label aliases."""
    sys.path.insert(0, str(ROOT / "src"))
    from frontwire.understand.kb import LABEL_TERMS, build_kb, tokenize

    kb = build_kb(directory.glob("*.yaml"))
    errors.extend(f"loader: {p}" for p in kb.problems)
    for key, ids in sorted(kb.ambiguous.items()):
        errors.append(f"spelling key {key!r} names several actors: {', '.join(ids)}")
    label_keys = {" ".join(t.key for t in tokenize(term)) for term in LABEL_TERMS}
    for actor in kb.actors:
        for alias in actor.aliases:
            if " ".join(t.key for t in tokenize(alias)) in label_keys:
                errors.append(f"{actor.file}:{actor.id}: alias {alias!r} is a generic label")


def print_counts(rows: list[tuple[str, dict]], top: int) -> None:
    by_file = Counter(name for name, _ in rows)
    by_country = Counter(str(r.get("country")) for _, r in rows)
    by_type = Counter(str(r.get("type")) for _, r in rows)
    n_alias = sum(len(r.get("aliases") or []) for _, r in rows)
    print(f"actors: {len(rows)} in {len(by_file)} files, {n_alias} aliases")
    print("\nper file:")
    for name, n in sorted(by_file.items()):
        print(f"  {name:32s} {n:4d}")
    print(f"\nper country ({len(by_country)} countries; top {top}):")
    for country, n in by_country.most_common(top):
        print(f"  {country}  {n:4d}")
    print("\nper type:")
    for typ, n in by_type.most_common():
        print(f"  {typ:28s} {n:4d}  (inter {INTER_OF_TYPE.get(typ, '?')})")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dir", type=Path, default=DEFAULT_DIR, help="folder of actor tables")
    parser.add_argument("--top", type=int, default=40, help="how many countries to list")
    parser.add_argument("--strict", action="store_true", help="fail on warnings too")
    args = parser.parse_args(argv)

    errors: list[str] = []
    warnings: list[str] = []
    tables: dict[str, dict] = {}
    for path in sorted(args.dir.glob("*.yaml")):
        try:
            tables[path.name] = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        except yaml.YAMLError as exc:
            errors.append(f"{path.name}: YAML does not parse: {exc}")
    if not tables:
        errors.append(f"no *.yaml tables in {args.dir}")
    rows = check_rows(tables, errors, warnings)
    check_matching(args.dir, errors)
    print_counts(rows, args.top)
    if warnings:
        print(f"\n{len(warnings)} warning(s):")
        for w in warnings:
            print(f"  {w}")
    if errors:
        print(f"\n{len(errors)} error(s):")
        for e in errors:
            print(f"  {e}")
    if errors or (args.strict and warnings):
        return 1
    print("\nall checks passed" + (f" ({len(warnings)} warning(s))" if warnings else ""))
    return 0


if __name__ == "__main__":
    sys.exit(main())
