"""Analysis on every core: articles are read here, analysed by worker processes forked from this
one's loaded pipeline, and handed back in input order.

Reading stays in this process (the readers are cheap and their errors and warnings are said as
the inputs are read); only the pipeline runs in the workers. At most ``IN_FLIGHT_PER_WORKER`` articles per worker are out at a time, so
memory stays bounded on an input of any size. Fewer than ``HANDFUL`` articles are analysed here
alone.
"""

from __future__ import annotations

import multiprocessing
import os
from collections import deque
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from itertools import chain, islice
from typing import Callable, Iterable, Iterator

from .ingest.errors import InputError
from .model import Article

HANDFUL = 8
IN_FLIGHT_PER_WORKER = 4


def default_workers() -> int:
    """The cores this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


_worker_pipeline = None  # in a worker: the pipeline it inherited from the process that forked it


def _analyse_in_worker(article: Article) -> Article:
    return _worker_pipeline(article)


# How often a worker looks whether the process that forked it is still there.
ORPHAN_CHECK_SECONDS = 0.5


def _exit_when_orphaned(parent: int) -> None:
    """In a worker: exit once the parent is gone. A parent killed outright (SIGKILL, the OOM
    killer) cannot stop its pool, and a forked worker never sees its task pipe close (its
    siblings hold the other end), so without this it would wait for work forever."""
    import threading
    import time

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(ORPHAN_CHECK_SECONDS)
        os._exit(1)

    threading.Thread(target=watch, name="frontwire-orphan-watch", daemon=True).start()


def analysed(items: Iterable[Article | InputError], pipeline, workers: int,
             on_broken: Callable[[str], None] = lambda message: None) -> Iterator[Article | InputError]:
    """Each Article analysed by ``pipeline`` and each InputError as it was, in input order, over
    ``workers`` processes (here alone for one worker or fewer than a handful of articles)."""
    global _worker_pipeline
    items = iter(items)
    head = list(islice(items, HANDFUL))
    articles = [k for k, item in enumerate(head) if isinstance(item, Article)]
    if workers <= 1 or len(articles) < HANDFUL:
        for item in chain(head, items):
            yield item if isinstance(item, InputError) else pipeline(item)
        return
    # The first article is analysed here, so whatever the pipeline loads on first use is loaded
    # before the fork: the workers then start at once, sharing its models and tables copy-on-write.
    first = articles[0]
    head[first] = _Done(pipeline(head[first]))
    _worker_pipeline = pipeline
    try:
        with ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("fork"),
                                 initializer=_exit_when_orphaned, initargs=(os.getpid(),)) as pool:
            pending: deque = deque()
            broken = False
            for item in chain(head, items):
                if isinstance(item, Article) and not broken:
                    try:
                        item = (item, pool.submit(_analyse_in_worker, item))
                    except BrokenProcessPool:
                        broken = True
                pending.append(item)
                while len(pending) >= workers * IN_FLIGHT_PER_WORKER:
                    result, broken = _collect(pending.popleft(), pipeline, broken, on_broken)
                    yield result
            while pending:
                result, broken = _collect(pending.popleft(), pipeline, broken, on_broken)
                yield result
    finally:
        _worker_pipeline = None


@dataclass(frozen=True)
class _Done:
    article: Article


def _collect(entry, pipeline, broken: bool, on_broken):
    """The result of one pending entry (an InputError, an article analysed already, one sent to a
    worker, or one to analyse here); an article whose worker died (killed for memory, say) is
    analysed here instead, so no article is lost."""
    if isinstance(entry, InputError):
        return entry, broken
    if isinstance(entry, _Done):
        return entry.article, broken
    if isinstance(entry, tuple):
        article, future = entry
        try:
            return future.result(), broken
        except BrokenProcessPool:
            if not broken:
                on_broken("a worker process died; the rest is analysed in this process")
            broken = True
        entry = article
    return pipeline(entry), broken
