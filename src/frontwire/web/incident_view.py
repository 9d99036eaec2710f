"""An incident's record (``frontwire.incidents.record``) laid out for its page: one column per
outlet, one row per thing outlets may disagree on, each row marked where they do."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..model import SourceProfile

TIME_PRECISION = {1: "day", 2: "week", 3: "month"}
GEO_PRECISION = {1: "the place itself", 2: "near the place", 3: "the region"}


@dataclass
class OutletColumn:
    name: str
    report: dict[str, Any]
    profile: dict[str, Any]
    evidence: list[dict[str, Any]]  # the outlet's member events: their evidence sentence, article, toll
    articles: list[dict[str, Any]]  # id, title
    chosen: bool  # the incident's own toll comes from this outlet


@dataclass
class DisagreementRow:
    label: str
    disagree: bool
    note: str = ""


def _profile(given: dict[str, Any] | None) -> dict[str, Any]:
    """Every profile field, None where the outlet has no profile or the field no value."""
    return {name: (given or {}).get(name) for name in SourceProfile.model_fields}


def columns(record: dict[str, Any], titles: dict[str, str | None]) -> list[OutletColumn]:
    """The outlets of ``record`` in its order; ``titles``: article id -> title."""
    chosen = (record["disagreements"]["fatalities"].get("chosen") or {}).get("outlet")
    events = record.get("events") or []
    out = []
    for report in record.get("outlets") or []:
        own = set(report.get("articles") or [])
        out.append(OutletColumn(
            name=report["outlet"], report=report, profile=_profile(report.get("profile")),
            evidence=[event for event in events if event.get("article") in own],
            articles=[{"id": article_id, "title": titles.get(article_id)}
                      for article_id in report.get("articles") or []],
            chosen=report["outlet"] == chosen))
    return out


def disagreement_rows(record: dict[str, Any]) -> list[DisagreementRow]:
    """What the outlets disagree on, as the record's ``disagreements`` says, in reading order."""
    found = record["disagreements"]
    fatalities, blame, framing = found["fatalities"], found["blame"], found["framing"]
    toll_note = (f"from {fatalities['min']} to {fatalities['max']} (range {fatalities['range']})"
                 if fatalities.get("min") is not None else "no figure given")
    only_some = "; ".join(f"{technique.replace('_', ' ')}: {', '.join(users)}"
                          for technique, users in (framing.get("only_some") or {}).items())
    return [
        DisagreementRow("Toll", fatalities["disagree"], toll_note),
        DisagreementRow("Culprit (actor 1)", blame["actor1_differs"]),
        DisagreementRow("Claim source", blame["claimed_by_differs"]),
        DisagreementRow("Event type", found["type"]["disagree"]),
        DisagreementRow("Framing", framing["disagree"], only_some),
    ]


def measures(record: dict[str, Any]) -> list[tuple[str, dict[str, Any]]]:
    """eventreport's measures per variable, for the variables some outlet gives a value for."""
    return [(variable.replace("_", " "), values) for variable, values in
            (record["disagreements"].get("measures") or {}).items() if values.get("reports")]
