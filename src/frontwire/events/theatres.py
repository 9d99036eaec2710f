"""What the events rules assume about one country's war (``lexicons/theatres.yaml``).

An article's theatre is its home country, the one its place mentions point to
(``Locator.home``). The rules written for one war (an unattributed air strike in
Syria is an air force's; "the regime" is Assad's forces) read their assumptions
from the theatre, so another country gets them by data, not by code.
"""

from __future__ import annotations

from dataclasses import dataclass, fields

from ..lexicons import DIR, LexiconError
from ..lexicons.entries import entry, mapping

_WHERE = DIR / "theatres.yaml"


@dataclass(frozen=True)
class Theatre:
    code: str | None  # ISO 3166-1 alpha-2; None for the ``default`` and ``unknown`` entries
    name: str | None = None
    infer_unnamed_actors: bool = False
    default_air_force: str | None = None
    leading_air_powers: tuple[str, ...] = ()
    non_state_sides: frozenset[str] = frozenset()
    armed_group_sides: frozenset[str] = frozenset()
    local_actor_prefixes: tuple[str, ...] = ()
    resolves_labels: bool = False
    state_forces: str | None = None
    shared_skies: tuple[tuple[frozenset[str], str], ...] = ()  # (admin1 names, ISO date from which several air powers struck)

    def skies_shared(self, admin1: str | None, when: str | None) -> bool:
        """Whether more than one air power struck in ``admin1`` by the date ``when`` (ISO; None: any time)."""
        return admin1 is not None and any(admin1 in names and (when is None or when[:10] >= since)
                                          for names, since in self.shared_skies)


_KEYS = {f.name for f in fields(Theatre)} - {"code"}
_NEEDED_TO_INFER = ("default_air_force", "non_state_sides", "armed_group_sides")


def _theatre(code: str | None, label: str, values) -> Theatre:
    if not isinstance(values, dict):
        raise LexiconError(f"{_WHERE}: theatre {label} must be a mapping")
    unknown = sorted(set(values) - _KEYS)
    if unknown:
        raise LexiconError(f"{_WHERE}: theatre {label} has unknown keys {unknown}; known: {sorted(_KEYS)}")
    if values.get("infer_unnamed_actors") and not all(values.get(k) for k in _NEEDED_TO_INFER):
        raise LexiconError(f"{_WHERE}: theatre {label} infers unnamed actors, so it needs {', '.join(_NEEDED_TO_INFER)}")
    return Theatre(
        code=code,
        name=values.get("name"),
        infer_unnamed_actors=bool(values.get("infer_unnamed_actors", False)),
        default_air_force=values.get("default_air_force"),
        leading_air_powers=tuple(values.get("leading_air_powers", ())),
        non_state_sides=frozenset(values.get("non_state_sides", ())),
        armed_group_sides=frozenset(values.get("armed_group_sides", ())),
        local_actor_prefixes=tuple(values.get("local_actor_prefixes", ())),
        resolves_labels=bool(values.get("resolves_labels", False)),
        state_forces=values.get("state_forces"),
        shared_skies=tuple(_shared_skies(label, values.get("shared_skies", ()))),
    )


def _shared_skies(label: str, rows) -> list[tuple[frozenset[str], str]]:
    out = []
    for row in rows:
        if not isinstance(row, dict) or not isinstance(row.get("admin1"), list) or not row.get("from"):
            raise LexiconError(f"{_WHERE}: theatre {label}: every shared_skies row needs admin1 (a list) and from (a date)")
        out.append((frozenset(row["admin1"]), str(row["from"])))
    return out


THEATRES: dict[str, Theatre] = {
    code: _theatre(code, code, values) for code, values in mapping("theatres", "theatres").items()
}
DEFAULT = _theatre(None, "default", entry("theatres", "default"))
UNKNOWN_HOME = _theatre(None, "unknown", entry("theatres", "unknown"))


def theatre_of(home: str | None) -> Theatre:
    """The theatre of an article whose places point to ``home`` (None: to no country)."""
    if home is None:
        return UNKNOWN_HOME
    return THEATRES.get(home, DEFAULT)


def local_to_another_country(actor_id: str, home: str | None) -> bool:
    """Whether ``actor_id`` is one of a theatre's own actors, and the article is about another
    known country: "government shelling" outside Syria is another government's."""
    if home is None:
        return False
    return any(actor_id.startswith(prefix) for code, theatre in THEATRES.items() if code != home
               for prefix in theatre.local_actor_prefixes)


def local_to_another_theatre(actor_id: str, theatre: Theatre) -> bool:
    """Whether ``actor_id`` is another theatre's own actor while the article is about a known
    country (``theatre``): "army" read as Syria's forces is another army outside Syria. An
    article about no known country reads no theatre's copy unless ``unknown`` says it does:
    "government troops" there are no one's in particular."""
    if theatre is UNKNOWN_HOME and theatre.resolves_labels:
        return False
    return any(actor_id.startswith(prefix) for code, other in THEATRES.items() if code != theatre.code
               for prefix in other.local_actor_prefixes)
