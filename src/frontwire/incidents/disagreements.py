"""Where the outlets reporting one incident disagree, as structured fields, and the incident's own toll.

Only independent reports count (``outlets.Report.independent``): one value per outlet. Fields:

- ``fatalities``: every outlet's figure (``by_outlet``), ``min``, ``max``, ``range`` (max - min),
  ``sd`` (sample standard deviation), ``disagree`` when two outlets give different figures, and
  ``chosen``: the incident's own figure by ACLED's rule, the most conservative credible report,
  with the outlet and article it comes from. Credible: not a figure its own event marks as denied,
  and not from an outlet rated ``NOT_CREDIBLE`` for factual reporting or credibility in the shipped
  outlet table, unless no other outlet gives a figure (then the lowest of all, said in ``rule``).
- ``civilian_fatalities``: the same without ``chosen``.
- ``blame``: who each outlet says did it (actor1) and on whose word (``claimed_by``);
  ``actor1_differs`` when two outlets name different parties (``actors.same_party``: one
  knowledge-base party, or a label that fits the group named; allies are different parties),
  ``claimed_by_differs`` when they cite different sources, ``disagree`` when either does.
- ``type``: each outlet's sub-event types; ``disagree`` when they are not the same.
- ``framing``: each outlet's propaganda techniques (the framing layer of its articles), and
  ``only_some``: each technique some outlets use and others do not, with the outlets using it.

``measures`` offers, per incident, the report-level measures of van Baalen & Höglund's R package
``eventreport`` (the MAVERICK event-report data), reports being outlets:

- ``disagreement`` (eventreport's ``event_level_disagreement``): 1 minus the share of reports
  that give the modal value (of the reports that give one): 0 full agreement;
- ``dscore`` (eventreport's ``dscore``): the number of distinct values minus one;
- for tolls, ``range`` (max - min; eventreport's ``mean_range`` averages it over events) and ``sd``
  (its ``mean_sd`` likewise);
- for location and date, ``min_precision`` and ``max_precision`` (eventreport's
  ``calc_min_precision``/``calc_max_precision``): the modal value among the reports at the least
  and at the most precise level (ACLED precision codes: 1 the most precise), a tie going to the
  first report.

``corpus_measures`` gives the set-level ones over many incidents: eventreport's
``share_disagreement`` (the share of incidents with two or more distinct values), ``mean_dscore``
and ``mean_range``.
"""

from __future__ import annotations

import statistics
from collections import Counter
from typing import Any, Callable, Iterable, Optional, Sequence

from .compatibility.actors import party_key, same_party
from .outlets import Report

NOT_CREDIBLE = frozenset({"low", "very low", "generally unreliable or deprecated"})
MEASURED = ("fatalities", "civilian_fatalities", "actor1", "sub_event_type", "location", "date")


def _credible(report: Report) -> bool:
    profile = report.profile or {}
    return not any((profile.get(field) or "").casefold() in NOT_CREDIBLE
                   for field in ("factual_reporting", "credibility"))


def _numbers(values: list[int]) -> dict[str, Any]:
    return {"min": min(values) if values else None, "max": max(values) if values else None,
            "range": max(values) - min(values) if values else None,
            "sd": round(statistics.stdev(values), 3) if len(values) > 1 else None}


def _figures(reports: Sequence[Report], field: str) -> dict[str, Any]:
    by_outlet = {r.name: getattr(r, field) for r in reports}
    values = [v for v in by_outlet.values() if v is not None]
    return {"disagree": len(set(values)) > 1, **_numbers(values), "by_outlet": by_outlet}


def conservative_figure(reports: Sequence[Report]) -> Optional[dict[str, Any]]:
    """ACLED's rule: the lowest figure of a credible report, with where it comes from."""
    offers = []
    for report in reports:
        for member in report.members:
            figure = member.event["fatalities"]
            if figure is None or member.event["certainty"] == "denied":
                continue
            offers.append((figure, member.arrival, report, member))
    if not offers:
        return None
    credible = [offer for offer in offers if _credible(offer[2])]
    rule = "most conservative credible report (ACLED)"
    if not credible:
        credible, rule = offers, "most conservative report (ACLED); no credibly rated outlet gives a figure"
    # Per outlet its own highest (latest) figure competes, so an outlet's early partial count is not taken.
    best_per_outlet: dict[str, tuple] = {}
    for offer in credible:
        key = offer[2].key
        if key not in best_per_outlet or offer[0] > best_per_outlet[key][0]:
            best_per_outlet[key] = offer
    figure, _, report, member = min(best_per_outlet.values(), key=lambda o: (o[0], o[1]))
    return {"figure": figure, "outlet": report.name, "article": member.article.id, "event": member.event_id,
            "rule": rule}


def fatalities(reports: Sequence[Report]) -> dict[str, Any]:
    return {**_figures(reports, "fatalities"), "chosen": conservative_figure(reports)}


def blame(reports: Sequence[Report]) -> dict[str, Any]:
    by_outlet = {}
    named: list[tuple[Optional[str], str]] = []
    sources: set[str] = set()
    for report in reports:
        actor1 = list(dict.fromkeys(m.event["actor1"] for m in report.members if m.event["actor1"]))
        claimed = list(dict.fromkeys(m.event["claimed_by"] for m in report.members if m.event["claimed_by"]))
        by_outlet[report.name] = {"actor1": actor1, "claimed_by": claimed}
        first = next((m.event for m in report.members if m.event["actor1"]), None)
        if first is not None:
            named.append((first["actor1_id"], first["actor1"]))
        if claimed:
            sources.add(" ".join(claimed[0].casefold().split()))
    actor1_differs = any(not same_party(*a, *b) for i, a in enumerate(named) for b in named[i + 1:])
    claimed_by_differs = len(sources) > 1
    return {"disagree": actor1_differs or claimed_by_differs, "actor1_differs": actor1_differs,
            "claimed_by_differs": claimed_by_differs, "by_outlet": by_outlet}


def event_type(reports: Sequence[Report]) -> dict[str, Any]:
    by_outlet = {r.name: r.sub_event_types for r in reports}
    return {"disagree": len({tuple(sorted(types)) for types in by_outlet.values()}) > 1, "by_outlet": by_outlet}


def framing(reports: Sequence[Report]) -> dict[str, Any]:
    by_outlet = {r.name: r.framing for r in reports}
    only_some: dict[str, list[str]] = {}
    if len(reports) > 1:
        for technique in sorted({t for techniques in by_outlet.values() for t in techniques}):
            users = [name for name, techniques in by_outlet.items() if technique in techniques]
            if len(users) < len(by_outlet):
                only_some[technique] = users
    return {"disagree": bool(only_some), "by_outlet": by_outlet, "only_some": only_some}


# -- eventreport's measures --------------------------------------------------------------------------

def _value(report: Report, variable: str) -> Any:
    if variable in ("fatalities", "civilian_fatalities"):
        return getattr(report, variable)
    event = report.first.event
    if variable == "actor1":
        return party_key(event["actor1_id"], event["actor1"])
    return event[variable]


def _modal(values: list[Any]) -> Any:
    """The most frequent value, a tie going to the one given first."""
    counts = Counter(values)
    return max(values, key=lambda v: (counts[v], -values.index(v))) if values else None


def _at_precision(reports: Sequence[Report], variable: str, precision: str, least: bool) -> Any:
    given = [(r.first.event[precision], r.first.event[variable]) for r in reports
             if r.first.event[variable] is not None and r.first.event[precision] is not None]
    if not given:
        return None
    level = (max if least else min)(p for p, _ in given)
    return _modal([v for p, v in given if p == level])


def measures(reports: Sequence[Report]) -> dict[str, dict[str, Any]]:
    out: dict[str, dict[str, Any]] = {}
    for variable in MEASURED:
        values = [v for v in (_value(r, variable) for r in reports) if v is not None]
        modal = _modal(values)
        found: dict[str, Any] = {
            "reports": len(values),
            "disagreement": round(1 - values.count(modal) / len(values), 3) if values else None,
            "dscore": len(set(values)) - 1 if values else None,
        }
        if variable in ("fatalities", "civilian_fatalities"):
            numbers = _numbers(values)
            found.update(range=numbers["range"], sd=numbers["sd"])
        if variable in ("location", "date"):
            precision = "geo_precision" if variable == "location" else "time_precision"
            found.update(min_precision=_at_precision(reports, variable, precision, least=True),
                         max_precision=_at_precision(reports, variable, precision, least=False))
        out[variable] = found
    return out


def disagreements(reports: Sequence[Report]) -> dict[str, Any]:
    independent = [r for r in reports if r.independent]
    return {
        "fatalities": fatalities(independent),
        "civilian_fatalities": _figures(independent, "civilian_fatalities"),
        "blame": blame(independent),
        "type": event_type(independent),
        "framing": framing(independent),
        "measures": measures(independent),
    }


def corpus_measures(records: Iterable[dict[str, Any]],
                    variables: Sequence[str] = MEASURED) -> dict[str, dict[str, Any]]:
    """eventreport's set-level measures over the incidents reported by two or more outlets."""
    multi = [r["disagreements"]["measures"] for r in records
             if sum(1 for o in r.get("outlets", []) if o.get("independent")) > 1]
    out = {}
    for variable in variables:
        given = [m[variable] for m in multi if m[variable]["reports"] > 1]
        mean: Callable[[list], Optional[float]] = lambda xs: round(sum(xs) / len(xs), 3) if xs else None
        out[variable] = {
            "incidents": len(given),
            "share_disagreement": mean([1.0 if m["dscore"] > 0 else 0.0 for m in given]),
            "mean_dscore": mean([m["dscore"] for m in given]),
        }
        if variable in ("fatalities", "civilian_fatalities"):
            out[variable]["mean_range"] = mean([m["range"] for m in given])
    return out
