"""Whether two events name the same parties, by the actor knowledge base.

Two knowledge-base actors are one party when one stands above the other in the parent chain (the
Syrian Arab Air Force is part of the Government of Syria's forces), when one succeeded the other
(Jabhat al-Nusra, then Jabhat Fateh al-Sham, then HTS), or when both are state forces under one
root (the Air Force and the Army of one government). Links are not followed further: the same
parent or a chain of successors must not make al-Qaeda's rival branches, or a fallen government
and the rebels who replaced it, one party. Actors of one knowledge-base side (the government
side's militias, its Russian ally) are allies. A generic label stands for the kind of actor it
names: "regime" for a state's forces (inter 1), "terrorists", "rebels", "militants" and the other
labels for armed groups (inter 2-4), so "terrorists" in one outlet is compatible with the group
another outlet names.

Who is blamed differs across outlets by design (that is what the incident's ``blame`` shows), so
parties weigh on linking, never forbid it: ``agreement`` is the closest relation between any
party of one event and any party of the other, from ``SAME`` down to ``UNRELATED`` (negative:
both name resolved parties and none of them is related).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Optional

from ...understand.actor_matcher import LABEL_TERMS
from ..linkable import Linkable

SAME = 1.0
ALLIED = 0.6
LABEL_FITS = 0.5
BOTH_LABELS = 0.3
CIVILIANS = 0.2
UNKNOWN = 0.0
UNRELATED = -0.5

CIVILIANS_ID = "xx-civilians"
STATE_LABELS = frozenset({"regime"})
STATE_INTER = frozenset({1})
ARMED_GROUP_INTER = frozenset({2, 3, 4})
_LABELS = frozenset(LABEL_TERMS)


@dataclass(frozen=True)
class _Relations:
    ancestors: dict[str, frozenset[str]]  # actor id -> every actor above it
    successors: dict[str, frozenset[str]]  # actor id -> every actor that succeeded it, in turn
    root: dict[str, str]  # actor id -> the top of its parent chain
    side: dict[str, Optional[str]]
    inter: dict[str, int]


@lru_cache(maxsize=1)
def _relations() -> _Relations:
    """The shipped knowledge base's links, followed once per process."""
    from ...resources import knowledge_base

    kb = knowledge_base()

    def chain(actor_id: str, link: str) -> list[str]:
        out, actor = [], kb.get(actor_id)
        while actor is not None and getattr(actor, link) and getattr(actor, link) not in out \
                and getattr(actor, link) != actor_id:
            out.append(getattr(actor, link))
            actor = kb.get(getattr(actor, link))
        return out

    ancestors = {a.id: frozenset(chain(a.id, "parent")) for a in kb.actors}
    roots = {a.id: (chain(a.id, "parent") or [a.id])[-1] for a in kb.actors}
    return _Relations(ancestors=ancestors, successors={a.id: frozenset(chain(a.id, "successor")) for a in kb.actors},
                      root=roots, side={a.id: a.side for a in kb.actors}, inter={a.id: a.inter for a in kb.actors})


def one_party(a_id: str, b_id: str) -> bool:
    """Whether two knowledge-base actors are one party (see the module's docstring)."""
    if a_id == b_id:
        return True
    r = _relations()
    if a_id in r.ancestors.get(b_id, ()) or b_id in r.ancestors.get(a_id, ()):
        return True
    if a_id in r.successors.get(b_id, ()) or b_id in r.successors.get(a_id, ()):
        return True
    return r.inter.get(a_id) == r.inter.get(b_id) == 1 and r.root.get(a_id, a_id) == r.root.get(b_id, b_id)


def label_of(name: Optional[str]) -> Optional[str]:
    """The generic label an unresolved actor name is ("terrorists", "armed groups"), or None."""
    if not name:
        return None
    key = " ".join(name.casefold().replace("-", " ").split())
    key = key.removeprefix("the ")
    return key if key in _LABELS else None


def relation(a_id: Optional[str], a_name: Optional[str], b_id: Optional[str], b_name: Optional[str]) -> float:
    r = _relations()
    if a_id and b_id:
        if one_party(a_id, b_id):
            return CIVILIANS if a_id == CIVILIANS_ID else SAME
        side_a, side_b = r.side.get(a_id), r.side.get(b_id)
        if side_a and side_a == side_b:
            return ALLIED
        return UNRELATED
    label_a, label_b = label_of(a_name) if not a_id else None, label_of(b_name) if not b_id else None
    if label_a and label_b:
        return BOTH_LABELS
    label, other = (label_a, b_id) if label_a else (label_b, a_id)
    if label and other:
        fitting = STATE_INTER if label in STATE_LABELS else ARMED_GROUP_INTER
        return LABEL_FITS if r.inter.get(other) in fitting else UNKNOWN
    return UNKNOWN


def _parties(event: Linkable) -> list[tuple[Optional[str], Optional[str]]]:
    return [(i, n) for i, n in ((event.actor1_id, event.actor1), (event.actor2_id, event.actor2)) if i or n]


def agreement(a: Linkable, b: Linkable) -> float:
    """The closest relation between a party of ``a`` and one of ``b``; UNKNOWN when either names none."""
    pa, pb = _parties(a), _parties(b)
    if not pa or not pb:
        return UNKNOWN
    return max(relation(ia, na, ib, nb) for ia, na in pa for ib, nb in pb)


def party_key(actor_id: Optional[str], name: Optional[str]) -> Optional[str]:
    """One key per party, for counting distinct values: a state's forces are their root (the
    government), another actor is its own id; an unresolved name is itself, case-folded."""
    if actor_id:
        r = _relations()
        return r.root.get(actor_id, actor_id) if r.inter.get(actor_id) == 1 else actor_id
    return " ".join(name.casefold().split()) if name and name.strip() else None


def same_party(a_id: Optional[str], a_name: Optional[str], b_id: Optional[str], b_name: Optional[str]) -> bool:
    """Whether two outlets blame the same party: one knowledge-base party, a label that fits the
    group named, two labels, or the same name; allies are not the same party."""
    if party_key(a_id, a_name) == party_key(b_id, b_name):
        return True
    return relation(a_id, a_name, b_id, b_name) in (SAME, LABEL_FITS, BOTH_LABELS)
