"""Progress for long runs: a bar on a terminal, nothing extra in a log or a pipe.

A bar shows only when stderr is a terminal and there is more than a handful to do: more than
``FEW`` items where the count is known beforehand, else once the run has lasted a second; while it shows, every other stderr line goes through ``say`` so the
bar is redrawn below it instead of being torn.
"""

from __future__ import annotations

import sys
from typing import Iterable, Iterator, TypeVar

T = TypeVar("T")

FEW = 20
# Where the count is not known beforehand, a run shorter than this draws no bar at all.
_DELAY_S = 1.0
_bars: list = []


def progress(items: Iterable[T], unit: str, total: int | None = None) -> Iterator[T]:
    if not sys.stderr.isatty() or (total is not None and total <= FEW):
        yield from items
        return
    from tqdm import tqdm

    bar = tqdm(items, unit=f" {unit}", total=total, file=sys.stderr, delay=_DELAY_S if total is None else 0,
               mininterval=0.5, dynamic_ncols=True, leave=False)
    _bars.append(bar)
    try:
        yield from bar
    finally:
        _bars.remove(bar)
        bar.close()


def say(line: str) -> None:
    """One line on stderr, clear of any bar."""
    if _bars:
        _bars[-1].write(line, file=sys.stderr)
    else:
        print(line, file=sys.stderr)
