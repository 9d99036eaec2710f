"""The error a reader reports for one bad input; the batch goes on."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass
class InputError(Exception):
    source: str
    reason: str

    def __str__(self) -> str:
        return f"{self.source}: {self.reason}"
