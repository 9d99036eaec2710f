"""What must hold for any input, however hostile: the checks the fuzz suite applies.

- ``assert_offsets_valid``: every span anywhere in an Article indexes its ``text``;
- ``reader_crash``: an InputError that is an unforeseen exception caught by a reader's last
  line of defence (a crash in disguise), not a reason a person can act on;
- ``assert_article_sound``: what every writer and the store need of an article.
"""

from __future__ import annotations

import json
import re
from typing import Iterator

from pydantic import BaseModel

from frontwire.ingest.errors import InputError
from frontwire.model import Article

# The field a span's offsets select, where the span has one: an Evidence's sentence, a
# quote's speaker (``speaker_start``/``speaker_end``), else ``text``. A field of another
# name (a Credit's normalised ``name``, a Place's canonical ``name``) is no copy of the text.
_SPAN_TEXT_FIELDS = ("text", "sentence")


def spans_of(model: BaseModel, path: str = "") -> Iterator[tuple[str, int, int, str | None]]:
    """(where, start, end, the span's own text or None) for every offset pair in ``model`` and the
    models it holds, found by field name (``start``/``end``, ``X_start``/``X_end``), not by type:
    a layer added to the schema is checked without changing this walk."""
    fields = type(model).model_fields
    for name in fields:
        if not (name == "start" or name.endswith("_start")):
            continue
        prefix = name[: -len("start")]
        end_name = prefix + "end"
        if end_name not in fields:
            continue
        start, end = getattr(model, name), getattr(model, end_name)
        if start is None and end is None:
            continue  # "no offsets": a Credit that stood on a removed line
        if prefix:
            own = getattr(model, prefix.rstrip("_"), None)
        else:
            own = next((getattr(model, f) for f in _SPAN_TEXT_FIELDS if f in fields), None)
        yield f"{path}{type(model).__name__}.{name}", start, end, own if isinstance(own, str) else None
    for name in fields:
        value = getattr(model, name)
        items = value if isinstance(value, list) else [value]
        for index, item in enumerate(items):
            if isinstance(item, BaseModel):
                where = f"{path}{name}[{index}]." if isinstance(value, list) else f"{path}{name}."
                yield from spans_of(item, where)


def assert_offsets_valid(article: Article) -> int:
    """Every span in ``article`` (entities, places' mentions, dates, quotes and their speakers,
    events' evidence, framing, paragraphs, credits) has ``0 <= start <= end <= len(text)``, both
    set or both unset, and ``text[start:end]`` equal to the span's own text where it has one.
    Returns how many spans it checked."""
    text = article.text
    problems = []
    checked = 0
    for where, start, end, own in spans_of(article):
        checked += 1
        if start is None or end is None:
            problems.append(f"{where}: one offset set, the other not ({start}, {end})")
        elif not (isinstance(start, int) and isinstance(end, int) and 0 <= start <= end <= len(text)):
            problems.append(f"{where}: ({start}, {end}) outside 0..{len(text)}")
        elif own is not None and text[start:end] != own:
            problems.append(f"{where}: text[{start}:{end}] is {text[start:end]!r}, the span says {own!r}")
    assert not problems, f"{article.source}: {len(problems)} bad span(s):\n  " + "\n  ".join(problems[:20])
    return checked


# What a reader's catch-all turns an unexpected exception into (readers._guarded,
# jsonl._guarded_article): "unreadable: KeyError: 'x'", "unreadable record: TypeError: ...".
_DISGUISED_CRASH = re.compile(r"^unreadable(?: record)?: (?:[A-Za-z_][\w.]*\.)?[A-Z]\w*(?:Error|Exception|Warning)\b")


def reader_crash(error: InputError) -> bool:
    return bool(_DISGUISED_CRASH.match(error.reason))


def assert_error_clear(error: InputError, path: str) -> None:
    """An error names its input (the path, or path:LINE / path#N) and gives a reason; an
    unforeseen exception caught by a catch-all is a crash, whatever it is dressed as."""
    assert isinstance(error.source, str) and error.source.startswith(path), (error.source, path)
    assert isinstance(error.reason, str) and error.reason.strip(), error
    assert not reader_crash(error), f"reader crashed: {error}"
    assert "\n" not in error.reason, f"an error is one line: {error.reason!r}"


def assert_article_sound(article: Article) -> None:
    """Writable by every writer (strict UTF-8 JSON) and valid against its own schema."""
    document = article.to_json()
    json.dumps(document, ensure_ascii=False).encode("utf-8")  # no lone surrogate anywhere
    Article.model_validate(document)
    assert article.input_digest
