"""Print actor counts of the shipped knowledge base: per file, country, type, inter code and Syria side.

    python scripts/actor_counts.py          # the counts
    python scripts/actor_counts.py --ids    # also every id with its name, per file
"""

from __future__ import annotations

import argparse
from collections import Counter

from frontwire.resources import knowledge_base


def _table(title: str, counts: Counter, limit: int | None = None) -> None:
    print(f"\n{title}")
    for key, n in counts.most_common(limit):
        print(f"  {n:5d}  {key}")
    if limit and len(counts) > limit:
        print(f"  ... {len(counts) - limit} more")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--ids", action="store_true", help="list every id and name")
    args = parser.parse_args()
    kb = knowledge_base()
    aliases = sum(len(a.aliases) for a in kb.actors)
    print(f"actors: {len(kb.actors)}  names+aliases: {len(kb.actors) + aliases}  files: {len(kb.meta)}")
    _table("per file", Counter(a.file for a in kb.actors))
    _table("per country (ISO2; XX = transnational)", Counter(a.country for a in kb.actors))
    _table("per type", Counter(a.type for a in kb.actors))
    _table("per ACLED inter code", Counter(str(a.inter) for a in kb.actors))
    _table("per Syria side", Counter(a.side or "-" for a in kb.actors))
    linked = sum(bool(a.parent) for a in kb.actors), sum(bool(a.successor) for a in kb.actors)
    print(f"\nwith parent: {linked[0]}  with successor: {linked[1]}  with CAMEO code: {sum(bool(a.cameo) for a in kb.actors)}")
    print(f"load problems: {len(kb.problems)}  ambiguous alias keys: {len(kb.ambiguous)}")
    for problem in kb.problems:
        print(f"  problem: {problem}")
    for key, ids in sorted(kb.ambiguous.items()):
        print(f"  ambiguous: {key!r} -> {', '.join(ids)}")
    if args.ids:
        for name in sorted(kb.meta):
            print(f"\n{name}")
            for a in kb.actors:
                if a.file == name:
                    print(f"  {a.id:40s} {a.name}")


if __name__ == "__main__":
    main()
