"""How deeply JSON nests, counted without parsing it.

``json`` and every walk over a parsed value recurse once per level, so a hostile
value nested a thousand deep raises RecursionError somewhere far from the input.
Readers ask first and turn such a value into an error of its own.
"""

from __future__ import annotations

import re

#: Deeper than any article record or leaked debug dump; far below Python's recursion limit.
MAX_NESTING = 100

_JSON_TOKEN = re.compile(r'"(?:[^"\\]++|\\.)*+"|[\[\]{}]')


def json_too_deep(text: str, limit: int = MAX_NESTING) -> bool:
    """Whether brackets outside strings nest deeper than ``limit`` anywhere in ``text``."""
    if text.count("[") + text.count("{") <= limit:
        return False  # the common case, decided at C speed
    depth = 0
    for token in _JSON_TOKEN.finditer(text):
        char = token.group()
        if char == "[" or char == "{":
            depth += 1
            if depth > limit:
                return True
        elif char == "]" or char == "}":
            depth = max(0, depth - 1)
    return False
