"""The one split of every dev set: a part we may read and a part nobody here opens.

A record goes to the read part when the first hex digit of the SHA-1 of its id (UTF-8) is
below 8, so about half of each set; the rule never changes, so a record never changes part.
Errors and examples come from the read part only; the untouched figure is the headline,
since rules written while reading errors fit the articles they were read on.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable
from typing import TypeVar

READ, UNTOUCHED = "read", "untouched"
PARTS = (UNTOUCHED, READ)

T = TypeVar("T")


def part_of(record_id: str) -> str:
    return READ if hashlib.sha1(str(record_id).encode("utf-8")).hexdigest()[0] < "8" else UNTOUCHED


def is_read(record_id: str) -> bool:
    return part_of(record_id) == READ


def by_part(records: Iterable[T], key: Callable[[T], str]) -> dict[str, list[T]]:
    """``records`` in the two parts, each in its given order, untouched first (the headline)."""
    parts: dict[str, list[T]] = {UNTOUCHED: [], READ: []}
    for record in records:
        parts[part_of(key(record))].append(record)
    return parts
