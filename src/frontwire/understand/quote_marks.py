"""Quoted stretches of text: where double quotation marks open and close.

Handles straight and curly marks and guillemets, quotes that run over several
paragraphs (English convention: a paragraph that continues a quote opens with a
mark and the previous one is left open), and unbalanced marks (the quote is
closed at the end of its paragraph, never allowed to swallow the article).
Single quotes are apostrophes far more often than quotation marks, so they are
only treated as quotes by ``single_quoted_after`` for the "adding, '...'" form.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Optional

from ..lexicons import alternation, load

OPENERS = "“«„"
CLOSERS = "”»"
STRAIGHT = '"'
DOUBLE_MARKS = OPENERS + CLOSERS + STRAIGHT
_ANY_MARK = re.compile("[" + re.escape(DOUBLE_MARKS) + "]")
_PARAGRAPH_OPENS_QUOTE = re.compile(r"\s*[" + re.escape(OPENERS + STRAIGHT) + "]")


@dataclass
class Quoted:
    open_mark: int  # offset of the opening mark
    close_mark: Optional[int]  # offset of the closing mark; None when the text never closed it
    start: int  # content, trimmed of spaces and a trailing comma
    end: int


def paragraph_bounds(text: str) -> list[tuple[int, int]]:
    bounds, pos = [], 0
    for block in re.split(r"(\n\s*\n)", text):
        if block.strip() and not re.fullmatch(r"\n\s*\n", block):
            lead = len(block) - len(block.lstrip())
            bounds.append((pos + lead, pos + len(block.rstrip())))
        pos += len(block)
    return bounds


def _straight_role(text: str, pos: int, is_open: bool) -> str:
    before = text[pos - 1] if pos > 0 else " "
    after = text[pos + 1] if pos + 1 < len(text) else " "
    opens = (before.isspace() or before in "([—–-:") and not after.isspace()
    closes = (after.isspace() or after in ".,;:!?)—–-") and not before.isspace()
    if opens and not closes:
        return "open"
    if closes and not opens:
        return "close"
    return "close" if is_open else "open"


def _content(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in ",;:"):
        end -= 1
    return start, end


def find_quoted(text: str, paragraphs: Optional[list[tuple[int, int]]] = None) -> list[Quoted]:
    """Every double-quoted stretch, in text order."""
    if not _ANY_MARK.search(text):
        return []
    paragraphs = paragraphs or paragraph_bounds(text)
    found: list[Quoted] = []
    open_at: Optional[int] = None
    for index, (p_start, p_end) in enumerate(paragraphs):
        skip_first_opener = open_at is not None
        for match in _ANY_MARK.finditer(text, p_start, p_end):
            pos, mark = match.start(), match.group()
            if mark in OPENERS:
                role = "open"
            elif mark in CLOSERS:
                role = "close"
            else:
                role = _straight_role(text, pos, open_at is not None)
            if skip_first_opener:
                skip_first_opener = False
                if role == "open":
                    continue
            if role == "open":
                if open_at is not None:
                    # A new opener inside an open quote: the earlier one was never closed.
                    found.append(Quoted(open_at, None, *_content(text, open_at + 1, pos)))
                open_at = pos
            elif open_at is not None:
                found.append(Quoted(open_at, pos, *_content(text, open_at + 1, pos)))
                open_at = None
        if open_at is not None:
            following = paragraphs[index + 1] if index + 1 < len(paragraphs) else None
            if following and _PARAGRAPH_OPENS_QUOTE.match(text, following[0]):
                continue
            found.append(Quoted(open_at, None, *_content(text, open_at + 1, p_end)))
            open_at = None
    return [q for q in found if q.end > q.start]


_SINGLE_AFTER_CUE = re.compile(r"[,:]\s*([‘'])(?=[A-Za-z])")
_SINGLE_CLOSE = re.compile(
    r"(?<=[.!?,])[’']|[’'](?=\s*,\s*\w+\s+" + alternation(load("speech")["single_quote_closing_verbs"]) + r"\b)")


def single_quoted_after(text: str, pos: int, limit: int) -> Optional[Quoted]:
    """A single-quoted quote opening right after a comma or colon at ``pos`` ("adding, 'the siege is over.'")."""
    opener = _SINGLE_AFTER_CUE.match(text, pos, limit)
    if not opener:
        return None
    closer = _SINGLE_CLOSE.search(text, opener.end(), limit)
    if not closer:
        return None
    start, end = _content(text, opener.end(), closer.start())
    return Quoted(opener.start(1), closer.start(), start, end) if end > start else None
