"""What the app's handlers share: the store to write to, an engine to read with, the pipeline.

One ``Newsroom`` per app. Reads go through ``read_engine`` (many connections; query-only on
SQLite), writes through the ``Store`` (SQLite's single writer). The pipeline loads on the first
write only, so a server that only reads starts in a second, and it analyses one article at a
time (its models are not shared across threads).
"""

from __future__ import annotations

import threading
from contextlib import contextmanager
from typing import Iterator

from fastapi import Request
from sqlalchemy import Connection, Engine

from ..store.database import make_read_engine
from ..store.repository import Store
from .settings import WebSettings


# Handlers run in anyio's thread pool, each holding a read connection for its request, and a
# request's dependency teardown (which returns the connection) needs a thread of that same pool:
# with fewer connections than threads, threads waiting for a connection can hold every thread a
# teardown needs, and nothing moves until the pool's timeout. So the two are the same size.
WORKER_THREADS = 32


class Newsroom:
    def __init__(self, settings: WebSettings) -> None:
        self.settings = settings
        self.store = Store(settings.db)
        self.read_engine: Engine = make_read_engine(self.store.url, connections=WORKER_THREADS)
        self._pipeline = None
        self.pipeline_lock = threading.Lock()

    @property
    def pipeline(self):
        """The full default pipeline, loaded on first use; hold ``pipeline_lock`` while calling it."""
        if self._pipeline is None:
            from ..pipeline import Pipeline

            self._pipeline = Pipeline()
        return self._pipeline

    @contextmanager
    def reading(self) -> Iterator[Connection]:
        with self.read_engine.connect() as connection:
            yield connection

    def close(self) -> None:
        self.read_engine.dispose()
        self.store.close()


def newsroom(request: Request) -> Newsroom:
    """FastAPI dependency: the app's Newsroom."""
    return request.app.state.newsroom


def read_connection(request: Request) -> Iterator[Connection]:
    """FastAPI dependency: a read connection for the length of one request."""
    with request.app.state.newsroom.reading() as connection:
        yield connection
