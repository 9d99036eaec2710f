"""Human-readable summary of an analysed Article (`--format text`)."""

from __future__ import annotations

import textwrap
from typing import TextIO

from ..model import Article
from ..registry import Writer, writer
from .json import LONE_SURROGATE


def _short(text: str, width: int = 100) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


def summary(article: Article) -> str:
    out: list[str] = []
    add = out.append
    add(f"# {article.title or '(no title)'}")
    meta = [
        ("source", article.source),
        ("outlet", article.outlet),
        ("url", article.url),
        ("published", f"{article.published} ({article.published_source})" if article.published else None),
        ("extraction", f"{article.extraction.reader}/{article.extraction.method}" if article.extraction else None),
        ("credits", ", ".join(c.name for c in article.credits) or None),
        ("id", article.id),
    ]
    for key, value in meta:
        if value:
            add(f"{key:>11}: {value}")
    if article.source_profile:
        p = article.source_profile
        parts = [x for x in (p.name, p.country, f"bias {p.bias}" if p.bias else None,
                             f"factual {p.factual_reporting}" if p.factual_reporting else None,
                             f"rated by {p.rated_by}" if p.rated_by else None) if x]
        add(f"{'profile':>11}: {'; '.join(parts)}")
    add("")
    body = article.text
    paras = [body[p.start:p.end] for p in article.paragraphs] or ([body] if body else [])
    for para in paras[:3]:
        add(textwrap.fill(para, 100))
        add("")
    if len(paras) > 3:
        add(f"[... {len(paras) - 3} more paragraph(s), {len(body)} characters in all]")
        add("")

    if article.events:
        add("## Events")
        for e in article.events:
            who = " vs ".join(x for x in (e.actor1, e.actor2) if x) or "unknown actors"
            where = e.location or "unknown place"
            extra = []
            if e.fatalities is not None:
                extra.append(f"fatalities {e.fatalities}")
            if e.claimed_by:
                extra.append(f"claimed by {e.claimed_by}")
            if e.certainty:
                extra.append(e.certainty)
            add(f"- {e.sub_event_type} ({e.event_type}): {who}; {where}; {e.date or 'undated'}"
                + (f"; {', '.join(extra)}" if extra else ""))
            add(f"    evidence [{e.evidence.start}:{e.evidence.end}] {_short(e.evidence.sentence)}")
        add("")
    if article.entities:
        add("## Who is named")
        seen: dict[tuple, int] = {}
        for ent in article.entities:
            key = (ent.kind, ent.canonical or ent.text)
            seen[key] = seen.get(key, 0) + 1
        for (kind, name), n in seen.items():
            add(f"- {name} [{kind}]" + (f" x{n}" if n > 1 else ""))
        add("")
    if article.places:
        add("## Places")
        for p in article.places:
            coords = f"{p.lat:.2f}, {p.lon:.2f}" if p.lat is not None and p.lon is not None else "no coordinates"
            add(f"- {p.name} ({p.feature or 'place'}, {p.country or '?'}; {coords}; precision {p.geo_precision})")
        add("")
    if article.dates:
        add("## Dates")
        for d in article.dates:
            add(f"- \"{d.text}\" -> {d.value} ({d.precision})")
        add("")
    if article.quotes:
        add("## Quotes and claims")
        for q in article.quotes:
            add(f"- {q.kind} by {q.speaker or 'unknown'}" + (f" ({q.cue})" if q.cue else "") + f": \"{_short(q.text, 90)}\"")
        add("")
    if article.framing:
        add("## Framing (evidence, not verdicts)")
        for f in article.framing:
            add(f"- {f.technique}: \"{_short(f.text, 80)}\" ({f.score:.2f})")
        add("")
    if article.related:
        add("## Related items recovered from scraping debris")
        for r in article.related:
            add(f"- [{r.media_type or '?'}] {r.title} ({r.id}, {r.date or 'undated'})")
        add("")
    if article.removed:
        add("## Removed by cleaning")
        for r in article.removed:
            add(f"- {r.kind}: {_short(r.text, 80)}")
        add("")
    if article.warnings:
        add("## Warnings")
        for w in article.warnings:
            add(f"- {w}")
        add("")
    return "\n".join(out) + "\n"


class TextWriter(Writer):
    def __init__(self, stream: TextIO):
        self.stream = stream
        self.first = True

    def write(self, article: Article) -> None:
        if not self.first:
            self.stream.write("\n" + "=" * 78 + "\n\n")
        self.stream.write(LONE_SURROGATE.sub("\ufffd", summary(article)))
        self.stream.flush()
        self.first = False


@writer("text", "a human-readable summary of each article")
def text_writer(stream: TextIO) -> Writer:
    return TextWriter(stream)
