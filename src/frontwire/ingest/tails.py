"""Page furniture that scrapers leave in bodies: share and follow prompts,
copyright notices, "read more" links, tag lists and related-links sections.

Rules work on whole lines and only on short ones, so a sentence that merely
mentions Twitter or copyright is never touched.
"""

from __future__ import annotations

import re

_NETWORKS = r"(?:facebook|twitter|x|whatsapp|telegram|linkedin|reddit|email|e-mail|print|pinterest|vk|instagram|youtube|tiktok|copy\s+link|messenger|viber|flipboard|threads|bluesky)"
_SHARE_ITEM = (
    rf"(?:share(?:\s+(?:this|on|via|the))?(?:\s+(?:article|story|post|page|{_NETWORKS}))?"
    rf"|tweet|{_NETWORKS}|comments?\s*\(\d+\))"
)
_RULES: list[tuple[str, re.Pattern]] = [
    ("share", re.compile(rf"^{_SHARE_ITEM}(?:\s*[:|,/•·]?\s*{_SHARE_ITEM})*\s*:?$", re.IGNORECASE)),
    ("follow", re.compile(
        r"^(?:follow|join|subscribe|sign\s+up|like|download)\b.{0,90}"
        r"\b(?:us|twitter|facebook|telegram|instagram|youtube|newsletter|channel|whatsapp|google\s+news|app|podcast|x)\b.{0,40}$",
        re.IGNORECASE)),
    ("copyright", re.compile(r"^(?:©|\(c\)|copyright\b|all\s+rights\s+reserved)|\ball\s+rights\s+reserved\b", re.IGNORECASE)),
    ("read_more", re.compile(
        r"^(?:read\s+more|read\s+also|also\s+read|see\s+also|more\s*:|related\s*:|recommended\s*:|watch\s*:|listen\s*:"
        r"|click\s+here|continue\s+reading|read\s+the\s+full\s+(?:story|article))\b.*$", re.IGNORECASE)),
    ("tags", re.compile(r"^(?:tags|keywords|topics|filed\s+under|categories)\s*:.*$", re.IGNORECASE)),
    ("photo_credit", re.compile(r"^(?:photo|image|picture|file\s+photo|photograph)(?:\s+credit)?\s*:.{0,120}$", re.IGNORECASE)),
    ("staff_credit", re.compile(
        r"^(?:(?:additional\s+)?(?:reporting|writing|editing|compiled|translated|produced)\s+by\b.{1,120}"
        r"|[A-Z]\.\s?[A-Z][\w'’-]+(?:\s*/\s*[A-Z]\.\s?[A-Z][\w'’-]+)+)$", re.IGNORECASE)),
    ("byline", re.compile(r"^[Bb]y\s+[A-Z][\w.'’-]+(?:\s+[A-Z][\w.'’-]+){0,3}(?:\s*(?:,|and|&)\s*[A-Z][\w.'’-]+(?:\s+[A-Z][\w.'’-]+){0,3})*\s*$")),
]
# A header that opens a list of links to other stories; the short lines after it go with it.
_SECTION = re.compile(
    r"^(?:related(?:\s+(?:articles?|stories|news|posts|content|coverage|topics|links))?|read\s+more|more\s+(?:stories|news|from\s+.{1,40})"
    r"|you\s+(?:may|might)\s+also\s+(?:like|be\s+interested\s+in)|recommended(?:\s+for\s+you)?|most\s+(?:read|popular|viewed|shared)"
    r"|trending(?:\s+now)?|latest\s+news|top\s+stories|see\s+also|also\s+on\s+.{1,30})\s*:?$",
    re.IGNORECASE,
)
_MAX_WORDS = 25
# Lines after a related-links header that are link titles, not story text.
_LINK_TITLE_WORDS = 20


def _alternation(rules: list[tuple[str, re.Pattern]]) -> re.Pattern:
    """One pattern matching where the first of ``rules`` that matches would, named by its
    kind: a line is tried once per group of rules instead of once per rule."""
    return re.compile("|".join(
        f"(?P<{kind}>{'(?i:' if pattern.flags & re.IGNORECASE else '(?:'}{pattern.pattern}))" for kind, pattern in rules))


# Copyright is looked for anywhere in the line, the other rules at its start, in this order.
_COPYRIGHT_AT = next(i for i, (kind, _) in enumerate(_RULES) if kind == "copyright")
_BEFORE_COPYRIGHT = _alternation(_RULES[:_COPYRIGHT_AT])
_COPYRIGHT = _RULES[_COPYRIGHT_AT][1]
_AFTER_COPYRIGHT = _alternation(_RULES[_COPYRIGHT_AT + 1:])


def line_kind(line: str) -> str | None:
    """The kind of furniture a single line is, or None for story text."""
    stripped = line.strip()
    if not stripped or len(stripped.split()) > _MAX_WORDS:
        return None
    match = _BEFORE_COPYRIGHT.match(stripped)
    if match:
        return match.lastgroup
    if _COPYRIGHT.search(stripped):
        return "copyright"
    match = _AFTER_COPYRIGHT.match(stripped)
    return match.lastgroup if match else None


def is_section_header(line: str) -> bool:
    return bool(_SECTION.match(line.strip()))


def is_link_title(line: str) -> bool:
    words = line.split()
    return 0 < len(words) <= _LINK_TITLE_WORDS and not line.rstrip().endswith((".", "”", '"')) or line_kind(line) is not None
