"""What each outlet says of one incident: one ``Report`` per outlet, from its member events.

An outlet is known by its outlet profile (``articles.outlet_id``), else by the outlet name stored
with the article; an article of no known outlet is an outlet of its own. A report is
``independent`` unless every article in it is a near-copy (``articles.duplicate_of``) of another
article of the same incident: a syndicated copy repeats its original, it does not confirm it, so it
is listed but neither counted among the incident's outlets nor weighed in its disagreements.

An outlet's figure is the highest toll it gives (an outlet that reports a toll again raises it as
the dead are counted); its representative event, for the categorical fields, is the first member
event of its first article.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Optional

from .members import Member

# Quotes of an article this close to a member event's evidence are what the outlet says of the incident.
QUOTE_REACH = 400


@dataclass
class Report:
    key: str
    name: str
    profile: Optional[dict[str, Any]]
    members: list[Member]
    independent: bool
    copies: dict[str, str]  # article id -> the article of this incident it copies

    @property
    def articles(self) -> list[str]:
        return list(dict.fromkeys(m.article.id for m in self.members))

    @property
    def first(self) -> Member:
        return self.members[0]

    @property
    def published(self) -> Optional[str]:
        dates = [m.article.published for m in self.members if m.article.published]
        return min(dates) if dates else None

    def _max(self, field: str) -> Optional[int]:
        figures = [m.event[field] for m in self.members if m.event[field] is not None]
        return max(figures) if figures else None

    @property
    def fatalities(self) -> Optional[int]:
        return self._max("fatalities")

    @property
    def civilian_fatalities(self) -> Optional[int]:
        return self._max("civilian_fatalities")

    @property
    def sub_event_types(self) -> list[str]:
        return list(dict.fromkeys(m.event["sub_event_type"] for m in self.members))

    @property
    def framing(self) -> list[str]:
        techniques: set[str] = set()
        for article in {m.article.id: m.article for m in self.members}.values():
            techniques.update(article.framing)
        return sorted(techniques)

    def quotes(self) -> list[dict[str, Any]]:
        spans = [(m.article.id, m.evidence["start"], m.evidence["end"]) for m in self.members]
        out = []
        for article in {m.article.id: m.article for m in self.members}.values():
            for quote in article.quotes:
                if any(a == article.id and start - QUOTE_REACH <= quote["end"] and quote["start"] <= end + QUOTE_REACH
                       for a, start, end in spans):
                    out.append(quote)
        return out

    def to_json(self, first_report: bool) -> dict[str, Any]:
        blame = [{"event": m.event_id, "actor1": m.event["actor1"], "actor1_id": m.event["actor1_id"],
                  "actor1_inferred": m.event["actor1_inferred"], "claimed_by": m.event["claimed_by"],
                  "certainty": m.event["certainty"]} for m in self.members]
        actors = [name for m in self.members for name in (m.event["actor1"], m.event["actor2"]) if name]
        return {
            "outlet": self.name,
            "profile": self.profile,
            "first_report": first_report,
            "published": self.published,
            "independent": self.independent,
            "copies": self.copies,
            "articles": self.articles,
            "fatalities": self.fatalities,
            "civilian_fatalities": self.civilian_fatalities,
            "figures": [{"event": m.event_id, "article": m.article.id, "fatalities": m.event["fatalities"],
                         "civilian_fatalities": m.event["civilian_fatalities"], "certainty": m.event["certainty"]}
                        for m in self.members],
            "sub_event_types": self.sub_event_types,
            "actors": list(dict.fromkeys(actors)),
            "blame": blame,
            "certainty": list(dict.fromkeys(m.event["certainty"] for m in self.members if m.event["certainty"])),
            "quotes": self.quotes(),
            "framing": self.framing,
        }


def outlet_key(member: Member) -> str:
    article = member.article
    if article.outlet_key:
        return f"outlet:{article.outlet_key}"
    if article.outlet and article.outlet.strip():
        return "name:" + " ".join(article.outlet.casefold().split())
    return f"article:{article.id}"


def outlet_name(member: Member) -> str:
    article = member.article
    profile = article.profile or {}
    return profile.get("name") or article.outlet or profile.get("domain") or article.outlet_key or "unknown outlet"


def reports(members: list[Member]) -> list[Report]:
    """One report per outlet, in the order of each outlet's first article."""
    in_incident = {m.article.id for m in members}
    grouped: dict[str, list[Member]] = {}
    for member in members:
        grouped.setdefault(outlet_key(member), []).append(member)
    out, names = [], set()
    for key, items in grouped.items():
        copies = {m.article.id: m.article.duplicate_of for m in items
                  if m.article.duplicate_of and m.article.duplicate_of in in_incident
                  and m.article.duplicate_of != m.article.id}
        name = outlet_name(items[0])
        if name in names:  # two outlets of one name: keep them apart in every by-outlet field
            name = f"{name} ({key.split(':', 1)[1]})"
        names.add(name)
        independent = any(m.article.id not in copies for m in items)
        profile = items[0].article.profile
        out.append(Report(key=key, name=name, profile=profile, members=items, independent=independent,
                          copies=copies))
    return out


def first_report(found: list[Report]) -> Optional[Report]:
    """The outlet that published first (by publication date, then by when it was stored)."""
    if not found:
        return None
    return min(found, key=lambda r: (r.published is None, r.published or "", r.first.arrival))
