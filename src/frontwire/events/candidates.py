"""One window's telling of a happening, with what merging and salience need to know of it."""

from __future__ import annotations

from dataclasses import dataclass, field

from ..model import Event


@dataclass(frozen=True)
class FatalityReport:
    """The toll one mention gives, and on whose word."""

    source: str | None
    total: int | None
    civilians: int | None
    rival_estimate: bool  # told as another source's competing figure ("SANA put the toll at 12")


@dataclass
class Candidate:
    event: Event
    score: float
    start: int
    place_key: str | None
    place_inferred: bool
    date_inferred: bool
    source: str | None
    fatality_reports: list[FatalityReport] = field(default_factory=list)  # one per merged mention
    mentions: int = 1
    in_lead: bool = False
    rank: int = 0  # index of the first sentence that tells it
    party_named: bool = False  # the text names a party in the acting role (before any inference)
