"""Plain-text input: the body is the input itself; cleaning finds title and dateline."""

from __future__ import annotations

import html
import re

from ..model import Article, Extraction

# Characters that print nothing: whitespace, zero-width and formatting marks, the soft hyphen.
_VISIBLE = re.compile(r"[^\s\u00ad\u034f\u061c\u115f\u1160\u180e\u200b-\u200f\u202a-\u202e\u2060-\u206f\u3164\ufeff\uffa0]")


def has_visible_text(text: str) -> bool:
    """Whether anything would show once entities are read: "&nbsp;" and U+200B show nothing."""
    first = _VISIBLE.search(text)
    if first is None:
        return False
    if text[first.start()] != "&":
        return True
    return _VISIBLE.search(html.unescape(text)) is not None


def article_from_text(text: str, source: str, verbatim: bool = False, **fields) -> Article:
    if not verbatim:
        # Offsets in verbatim mode must index the input exactly, so only a
        # cleaned article gets its line endings unified.
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return Article(
        source=source,
        text=text,
        extraction=Extraction(reader=fields.pop("reader", "text"), method="verbatim" if verbatim else "plain"),
        **fields,
    )
