"""The "clean" component: from a scraped body to the clean text every later layer indexes.

It repairs the text (mojibake, whitespace), takes out the debris of scraping
(a title line and its repeat, dateline lines, leaked debug dumps, credit lines,
share/follow/copyright/read-more furniture), keeps what the debris says
(title, published, related items, credits), and records everything it took
out in ``removed``. Paragraphs come out separated by exactly one blank line.

In verbatim mode the text is left byte for byte as it came, so offsets index
the input; title, published, related items and credits are still found.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..model import Article, Credit, Removed, Span
from ..understand.casing import caseless
from ..registry import ComponentConfig, component
from .credits import AGENCIES, credit_line, find_credits
from .datelines import parse_dateline, parse_leading_dateline
from .debris import find_dumps
from .language import guess_language, primary_subtag
from .tails import is_link_title, is_section_header, line_kind

# Lines before the body proper where titles, datelines and bylines live.
_HEAD_LINES = 8
_TITLE_MAX_CHARS = 250
_TITLE_MAX_WORDS = 30
_TITLE_SIMILARITY = 90
# A block whose lines are all about this long is one hard-wrapped paragraph.
_WRAP_MIN, _WRAP_MAX = 40, 100
_SPACES = re.compile(r"[ \t\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]+")
_INVISIBLE = re.compile(r"[\u200b\u2060\ufeff\u00ad]")
_BLOCK_SPLIT = re.compile(r"\n[ \t]*\n")


@dataclass
class _Line:
    text: str
    block: int
    start: int = 0  # offsets into the text as it was when the line was read (verbatim mode)
    end: int = 0


# What ftfy can act on: a UTF-8 lead byte read as Latin-1/cp1252 followed by a
# continuation byte (mojibake), HTML entities, control characters, ligatures,
# fullwidth forms. Clean text has none of these, and skipping ftfy there saves
# most of cleaning's time.
_FTFY_WORK = re.compile(
    "[\u00c2-\u00f4][\u0080-\u00bf\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc"
    "\u2013\u2014\u2018-\u201e\u2020-\u2022\u2026\u2030\u2039\u203a\u20ac\u2122]"
    r"|&(?:#\d{1,7}|#x[0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});"
    "|[\u0000-\u0008\u000b\u000e-\u001f\u007f\u0080-\u009f\ufb00-\ufb06\uff01-\uff5e]"
)


def repair(text: str) -> str:
    """Mojibake and whitespace; curly quotes and apostrophes stay as written."""
    if _FTFY_WORK.search(text):
        import ftfy

        text = ftfy.fix_text(text, uncurl_quotes=False)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return _INVISIBLE.sub("", text)


def _similar(a: str, b: str) -> bool:
    from rapidfuzz import fuzz

    a, b = a.casefold(), b.casefold()
    if a == b:
        return True
    if fuzz.ratio(a, b) >= _TITLE_SIMILARITY:
        return True
    # "Title - Outlet" / "Title | Outlet" against the bare title
    shorter, longer = sorted((a, b), key=len)
    return len(shorter) >= 20 and longer.startswith(shorter) and len(longer) - len(shorter) <= 40 \
        and bool(re.match(r"\s*[-|–—:]", longer[len(shorter):]))


def looks_like_title(line: str, without_case: bool = False) -> bool:
    """A headline line; ``without_case``: the article is all lower case or all capitals, so a
    headline need not open with a capital."""
    stripped = line.strip()
    words = stripped.split()
    if not (2 <= len(words) <= _TITLE_MAX_WORDS) or len(stripped) > _TITLE_MAX_CHARS:
        return False
    if stripped.endswith((".", ",", ";", ":")) and not stripped.endswith("..."):
        return False
    if not (stripped[0].isupper() or stripped[0].isdigit() or stripped[0] in "\"'‘“«" or without_case):
        return False
    return parse_dateline(stripped) is None and credit_line(stripped) is None and line_kind(stripped) is None


def _title_line(lines: list[_Line], without_case: bool = False) -> bool:
    """The first line is a headline: title-like, with text after it, and not
    the first line of a hard-wrapped paragraph."""
    if len(lines) < 2 or not looks_like_title(lines[0].text, without_case):
        return False
    following = lines[1]
    if following.block == lines[0].block:
        if parse_dateline(following.text) or _similar(following.text, lines[0].text):
            return True
        if following.text[:1].islower() and not without_case:
            return False
        block = [line.text for line in lines if line.block == lines[0].block]
        if len(_block_paragraphs(block)) == 1:
            return False
    return True


def _plain_text(article: Article) -> bool:
    """A body that came as plain text, where the headline is the first line
    (an HTML extractor has already taken the headline out)."""
    extraction = article.extraction
    return extraction is None or (extraction.method in (None, "plain", "verbatim") and extraction.reader not in ("html", "warc"))


def _is_body_line(line: str) -> bool:
    return len(line.split()) >= 15 or (line.endswith((".", "”", '"')) and len(line.split()) >= 8)


class CleanConfig(ComponentConfig):
    verbatim: bool = False  # keep the text as given: offsets index the input (`--verbatim`)


@component(
    "clean",
    requires=["text"],
    assigns=["text", "title", "published", "published_source", "language", "paragraphs", "credits",
             "related", "removed"],
    config=CleanConfig,
)
class Cleaner:
    """The clean article: title, date, body, credits; scraping debris recognised and kept aside."""

    def __init__(self, config: CleanConfig = CleanConfig()):
        self.verbatim = config.verbatim

    def __call__(self, work) -> None:
        article: Article = work.article
        if self.verbatim or getattr(work, "verbatim", False):
            annotate(article)
        else:
            clean(article)


# --- cleaning -----------------------------------------------------------------


def clean(article: Article) -> Article:
    text = original = repair(article.text)
    if article.title:  # a reader's headline carries the page's mojibake as much as its body
        article.title = repair(article.title)
    removed: list[Removed] = []
    line_credits: list[Credit] = []

    pieces, pos = [], 0
    for dump in find_dumps(text):
        pieces.append(text[pos:dump.start])
        removed.append(Removed(kind="debug_dump", text=text[dump.start:dump.end].strip()))
        article.related.extend(dump.related)
        if dump.note:
            article.warnings.append(dump.note)
        pos = dump.end
    if pos:
        pieces.append(text[pos:])
        text = "\n".join(pieces)

    text = _SPACES.sub(" ", text)
    lines = [
        _Line(raw.strip(), block)
        for block, chunk in enumerate(_BLOCK_SPLIT.split(text))
        for raw in chunk.split("\n")
    ]
    lines = [line for line in lines if line.text]
    keep = [True] * len(lines)

    def drop(i: int, kind: str) -> None:
        keep[i] = False
        removed.append(Removed(kind=kind, text=lines[i].text))

    # an archive that kept the text all in lower case (or capitals): case is no sign of a headline
    without_case = caseless(text)
    if article.title is None and _plain_text(article) and _title_line(lines, without_case):
        article.title = lines[0].text
        drop(0, "title")

    body_lines_seen = 0
    links_to_end: list[bool] | None = None
    for i, line in enumerate(lines):
        if not keep[i]:
            continue
        in_head = body_lines_seen < 2 and i < _HEAD_LINES
        if in_head and article.title and _similar(line.text, article.title):
            drop(i, "repeated_title")
            continue
        when = parse_dateline(line.text)
        if when:
            if article.published is None or article.published_source == "url":
                article.published, article.published_source = when, "dateline"
            drop(i, "dateline")
            continue
        agencies = credit_line(line.text)
        if agencies:
            line_credits.extend(Credit(name=name) for name in agencies)
            drop(i, "credit_line")
            continue
        kind = line_kind(line.text)
        if kind and (kind != "byline" or in_head or i >= len(lines) - 2):
            drop(i, kind)
            continue
        if is_section_header(line.text) and i >= len(lines) // 2:
            if links_to_end is None:
                links_to_end = _links_to_end(lines, len(lines) // 2)
            if links_to_end[i + 1]:
                drop(i, "related_links")
                for j in range(i + 1, len(lines)):
                    drop(j, "related_links")
                break
        if _is_body_line(line.text):
            body_lines_seen += 1

    first = next((i for i, k in enumerate(keep) if k), None)
    if first is not None:
        lines[first].text = _strip_lead(article, lines[first].text, removed, without_case)
        if not lines[first].text:
            keep[first] = False

    paragraphs: list[str] = []
    current_block, block_lines = None, []
    for i, line in enumerate(lines):
        if not keep[i]:
            continue
        if line.block != current_block and block_lines:
            paragraphs.extend(_block_paragraphs(block_lines))
            block_lines = []
        current_block = line.block
        block_lines.append(line.text)
    if block_lines:
        paragraphs.extend(_block_paragraphs(block_lines))

    article.text = "\n\n".join(paragraphs)
    article.credits.extend(Credit(name=c.name, start=c.start, end=c.end) for c in find_credits(article.text))
    article.credits.extend(line_credits)
    # In reading order, whichever rule found them, so `removed` reads like the page.
    positions = _first_positions(original, {r.text[:_POSITION_KEY] for r in removed})
    removed.sort(key=lambda r: positions.get(r.text[:_POSITION_KEY], len(original)))
    article.removed.extend(removed)
    _set_language(article)
    article.set_paragraphs()
    return article


_WIDGET = re.compile(r"^get\s+short\s+url(?:\s+\d+)*\s*", re.IGNORECASE)
_AFTER_TITLE = re.compile(r"^[\s.:|–—-]*")
_TITLE_SUFFIX = re.compile(r"\s+[|–—-]\s+[^|–—-]{2,40}$")


def _strip_lead(article: Article, text: str, removed: list[Removed], without_case: bool = False) -> str:
    """Debris run into the first paragraph, as one-line scrapes have it:
    "Wed 05 Apr 2017 <title>. <story>", "Posted on July 12 2016 by <author> <title> <story>"."""
    for _ in range(4):
        before = text
        lead = parse_leading_dateline(text)
        if lead:
            when, end = lead
            if article.published is None or article.published_source == "url":
                article.published, article.published_source = when, "dateline"
            removed.append(Removed(kind="dateline", text=text[:end].strip()))
            text = text[end:]
        widget = _WIDGET.match(text)
        if widget and widget.end():
            removed.append(Removed(kind="share", text=text[:widget.end()].strip()))
            text = text[widget.end():]
        if article.title:
            span = _title_at_start(text, article.title, without_case)
            if span:
                start, end = span
                if start:
                    removed.append(Removed(kind="byline", text=text[:start].strip()))
                removed.append(Removed(kind="repeated_title", text=text[start:end].strip()))
                text = text[end:]
                text = text[_AFTER_TITLE.match(text).end():]
        if text == before:
            break
    return text.strip()


def _title_at_start(text: str, title: str, without_case: bool = False) -> tuple[int, int] | None:
    """Where the title is repeated at the start of ``text`` (or right after a
    "by <author>" byline), exactly or nearly, and a new sentence follows (in text
    without case, a new sentence need not open with a capital)."""
    from rapidfuzz import fuzz

    folded = text.casefold()
    for candidate in {title.strip(), _TITLE_SUFFIX.sub("", title.strip())}:
        wanted = " ".join(candidate.casefold().split())
        if len(wanted) < 15:
            continue
        span = None
        if folded.startswith(wanted):
            span = (0, len(wanted))
        elif folded.startswith("by "):
            at = folded.find(wanted, 0, len(wanted) + 120)
            if at > 0 and len(text[:at].split()) <= 10:
                span = (at, at + len(wanted))
        else:
            window = folded[: len(wanted) + 5]
            match = fuzz.partial_ratio_alignment(wanted, window, score_cutoff=_TITLE_SIMILARITY)
            if match and match.dest_start == 0 and match.dest_end >= len(wanted) - 3:
                span = (0, match.dest_end)
        if span is None:
            continue
        rest = text[span[1]:]
        if not rest.strip():
            return span
        if rest[:1] in " .:|–—-" or rest[:1].isupper():
            following = rest[_AFTER_TITLE.match(rest).end():]
            if following[:1].isupper() or following[:1].isdigit() or following[:1] in "\"“‘'«(" \
                    or (without_case and following[:1].isalpha()):
                return span
    return None


def _links_to_end(lines: list[_Line], first: int) -> list[bool]:
    """For each line index from ``first``, whether it and every line after it are link
    titles (index ``len(lines)`` is True): one backward pass, where asking afresh at every
    section header was quadratic in a page of alternating headers and links."""
    out = [False] * (len(lines) + 1)
    out[len(lines)] = True
    for j in range(len(lines) - 1, first - 1, -1):
        out[j] = out[j + 1] and is_link_title(lines[j].text)
    return out


# A removed piece is placed by where its opening characters first occur in the text.
_POSITION_KEY = 60


def _first_positions(text: str, fragments: set[str]) -> dict[str, int]:
    """Where each fragment first occurs in ``text`` (absent ones are left out), in one
    pass for all of them: a search per fragment is quadratic on a page of many removed lines."""
    import ahocorasick

    found = {"": 0} if "" in fragments else {}
    wanted = fragments - {""}
    if not wanted:
        return found
    automaton = ahocorasick.Automaton()
    for fragment in wanted:
        automaton.add_word(fragment, fragment)
    automaton.make_automaton()
    for last, fragment in automaton.iter(text):
        # Reported by end position, so a fragment's first report is its first occurrence.
        if fragment not in found:
            found[fragment] = last - len(fragment) + 1
            if len(found) == len(fragments):
                break
    return found


def _block_paragraphs(lines: list[str]) -> list[str]:
    """One paragraph for a hard-wrapped block, else one per line (the shape
    extractors and copy-paste give: a paragraph per line)."""
    if len(lines) > 1 and all(_WRAP_MIN <= len(line) <= _WRAP_MAX for line in lines[:-1]) \
            and len(lines[-1]) <= _WRAP_MAX:
        return [" ".join(lines)]
    return lines


def _set_language(article: Article) -> None:
    article.language = primary_subtag(article.language) or guess_language(article.text)


# --- verbatim: find, never change ------------------------------------------------


def _lines_with_offsets(text: str) -> list[_Line]:
    out, block = [], 0
    for match in re.finditer(r"[^\r\n]*", text):
        raw = match.group()
        if not raw.strip():
            if out and match.start() > 0:
                block += 1
            continue
        lead = len(raw) - len(raw.lstrip())
        out.append(_Line(raw.strip(), block, match.start() + lead, match.start() + lead + len(raw.strip())))
    return out


def annotate(article: Article) -> Article:
    text = article.text
    lines = _lines_with_offsets(text)
    if article.title is None and _plain_text(article) and _title_line(lines):
        article.title = lines[0].text
    for line in lines[: _HEAD_LINES * 2]:
        when = parse_dateline(line.text)
        if when:
            if article.published is None or article.published_source == "url":
                article.published, article.published_source = when, "dateline"
            break
    if article.published is None or article.published_source == "url":
        opening = [line for line in lines[:3] if line.text != article.title]
        lead = parse_leading_dateline(opening[0].text) if opening else None
        if lead:
            article.published, article.published_source = lead[0], "dateline"
    for dump in find_dumps(text):
        article.related.extend(dump.related)
        if dump.note:
            article.warnings.append(dump.note)
    credits = [Credit(name=c.name, start=c.start, end=c.end) for c in find_credits(text)]
    taken = {c.start for c in credits}
    for line in lines:
        agencies = credit_line(line.text)
        for name in agencies or ():
            span = _surface_span(text, line, name)
            if span and span[0] not in taken:
                credits.append(Credit(name=name, start=span[0], end=span[1]))
                taken.add(span[0])
    article.credits.extend(sorted(credits, key=lambda c: c.start))
    _set_language(article)
    article.paragraphs = _verbatim_paragraphs(text)
    return article


_VERBATIM_BREAK = re.compile(r"(?>\r\n|\n|\r)[ \t]*(?>\r\n|\n|\r)\s*")


def _verbatim_paragraphs(text: str) -> list[Span]:
    """Blocks between blank lines, whatever the input's line endings."""
    spans, pos = [], 0
    for match in [*_VERBATIM_BREAK.finditer(text), None]:
        end = match.start() if match else len(text)
        block = text[pos:end]
        if block.strip():
            start = pos + len(block) - len(block.lstrip())
            spans.append(Span(start=start, end=pos + len(block.rstrip())))
        if match:
            pos = match.end()
    return spans


def _surface_span(text: str, line: _Line, name: str) -> tuple[int, int] | None:
    for form in sorted(AGENCIES.get(name, (name,)), key=len, reverse=True):
        found = re.search(rf"\b{re.escape(form)}\b", text[line.start:line.end], re.IGNORECASE)
        if found:
            return line.start + found.start(), line.start + found.end()
    return None
