"""An article's layers as flat, non-overlapping segments of its text, for highlighting.

Every span of every layer (entities, place mentions, quotes and their speakers, event evidence,
framing) is a ``Mark`` over ``[start, end)`` of ``Article.text``. The text is cut at every mark
boundary, so each ``Segment`` lies wholly inside or wholly outside each mark and carries the set
of marks covering it: overlapping spans never need nested markup, and a page renders each segment
as one escaped ``<span>`` with a class per layer. Offsets outside the text (a damaged or hostile
record) are clipped, and a mark left empty is dropped.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable

from ..model import Article

LAYERS = ("entity", "place", "quote", "event", "framing")


@dataclass(frozen=True)
class Mark:
    """One highlighted span. ``layer``: which legend toggle hides it; ``kind``: a CSS modifier
    (the entity kind, "speaker" for a quote's speaker); ``ref``: what it links to (a quote's
    number, shared by its words and its speaker; an event's id); ``label``: the tooltip line."""

    layer: str
    start: int
    end: int
    kind: str = ""
    ref: str = ""
    label: str = ""


@dataclass(frozen=True)
class Segment:
    text: str
    marks: tuple[Mark, ...] = ()

    @property
    def css(self) -> str:
        classes = dict.fromkeys(f"l-{m.layer}" + (f" k-{m.kind}" if m.kind else "") for m in self.marks)
        return " ".join(classes)

    @property
    def title(self) -> str:
        return "\n".join(dict.fromkeys(m.label for m in self.marks if m.label))

    def _refs(self, keep) -> str:
        """The space-separated refs of the marks ``keep`` accepts (for ``[data-x~=ref]`` selectors)."""
        return " ".join(dict.fromkeys(m.ref for m in self.marks if m.ref and keep(m)))

    @property
    def quote_refs(self) -> str:
        return self._refs(lambda m: m.layer == "quote" and m.kind != "speaker")

    @property
    def speaker_refs(self) -> str:
        return self._refs(lambda m: m.layer == "quote" and m.kind == "speaker")

    @property
    def event_refs(self) -> str:
        return self._refs(lambda m: m.layer == "event")


def quote_ref(index: int) -> str:
    return f"q{index}"


def marks_of(article: Article) -> list[Mark]:
    """Every span of the article's layers as a mark."""
    marks: list[Mark] = []
    for entity in article.entities:
        name = entity.canonical or entity.text
        detail = ", ".join(x for x in (entity.actor_type, entity.actor_id) if x)
        marks.append(Mark("entity", entity.start, entity.end, kind=entity.kind,
                          label=f"{entity.kind}: {name}" + (f" ({detail})" if detail else "")))
    for place in article.places:
        where = ", ".join(x for x in (place.admin1, place.country_name or place.country) if x and x != place.name)
        label = f"place: {place.name}" + (f", {where}" if where else "") + \
            (f" · precision {place.geo_precision}" if place.geo_precision else "")
        marks.extend(Mark("place", mention.start, mention.end, label=label) for mention in place.mentions)
    for index, quote in enumerate(article.quotes):
        ref = quote_ref(index)
        speaker = quote.speaker_canonical or quote.speaker or "unattributed"
        marks.append(Mark("quote", quote.start, quote.end, kind=quote.kind, ref=ref,
                          label=f"{quote.kind} quote · {speaker}" + (f" ({quote.cue})" if quote.cue else "")))
        if quote.speaker_start is not None and quote.speaker_end is not None:
            marks.append(Mark("quote", quote.speaker_start, quote.speaker_end, kind="speaker", ref=ref,
                              label=f"speaker: {speaker}"))
    for event in article.events:
        marks.append(Mark("event", event.evidence.start, event.evidence.end, ref=event.id,
                          label=f"event: {event.sub_event_type}"))
    for span in article.framing:
        marks.append(Mark("framing", span.start, span.end,
                          label=f"framing: {span.technique.replace('_', ' ')} ({span.score:.2f})"))
    return marks


def segments(text: str, marks: Iterable[Mark], start: int = 0, end: int | None = None) -> list[Segment]:
    """``text[start:end]`` cut at every boundary of ``marks``, each piece with the marks covering it."""
    end = len(text) if end is None else min(end, len(text))
    inside = sorted((m for m in marks if max(m.start, start) < min(m.end, end)), key=lambda m: m.start)
    cuts = sorted({start, end, *(max(m.start, start) for m in inside), *(min(m.end, end) for m in inside)})
    out, active, next_mark = [], [], 0
    for left, right in zip(cuts, cuts[1:]):
        # Every mark boundary is a cut, so a mark open at ``left`` covers the whole piece.
        while next_mark < len(inside) and inside[next_mark].start <= left:
            active.append(inside[next_mark])
            next_mark += 1
        active = [m for m in active if m.end > left]
        out.append(Segment(text[left:right], tuple(active)))
    return out


def paragraphs(article: Article) -> list[list[Segment]]:
    """The article's paragraphs (its paragraph spans, else the whole text), each as segments."""
    marks = marks_of(article)
    spans = [(p.start, p.end) for p in article.paragraphs if p.start < p.end] or [(0, len(article.text))]
    return [pieces for start, end in spans if (pieces := segments(article.text, marks, start, end))]
