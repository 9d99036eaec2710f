"""Plain-text input: the body is the input itself; cleaning finds title and dateline."""

from __future__ import annotations

from ..model import Article, Extraction


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
