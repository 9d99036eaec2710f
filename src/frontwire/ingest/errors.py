"""The error a reader reports for one bad input; the batch goes on."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass
class InputError(Exception):
    source: str
    reason: str

    def __str__(self) -> str:
        return f"{self.source}: {self.reason}"


# The reason a too large input gives starts with this (a gzip stream's damage may be that, too).
TOO_LARGE = "too large"


def too_large(size: int, limit: int, what: str = "") -> str:
    return f"{TOO_LARGE}: {what}{size} bytes > limit {limit}"
