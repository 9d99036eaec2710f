"""Which database, how to connect to it, and whether its schema is current.

SQLite (the default, ``sqlite:///frontwire.db``) is opened in WAL mode with
foreign keys enforced on every connection, through one pooled connection: a
single writer, as Datasette does, so two writes of one process never contend
for SQLite's lock. PostgreSQL URLs are sent to psycopg 3.
"""

from __future__ import annotations

import os
from importlib.resources import files

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, create_engine, event, inspect
from sqlalchemy.engine import make_url

from ..exports.json import dumps

DEFAULT_URL = "sqlite:///frontwire.db"
ENV_VAR = "FRONTWIRE_DB"


class SchemaError(RuntimeError):
    """The database's schema is not the one this frontwire writes: behind, ahead, or foreign."""


def resolve_url(given: str | None = None) -> str:
    """``--db`` first, then ``$FRONTWIRE_DB``, then ./frontwire.db. A bare path means a SQLite file,
    and ``postgresql://`` means psycopg 3 (SQLAlchemy would otherwise look for psycopg2)."""
    url = given or os.environ.get(ENV_VAR) or DEFAULT_URL
    if "://" not in url:
        return f"sqlite:///{url}"
    for prefix in ("postgresql://", "postgres://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix):]
    return url


def missing_sqlite_file(url: str) -> str | None:
    """The path of a SQLite database that does not exist yet (connecting would create it), else None."""
    parsed = make_url(resolve_url(url))
    if parsed.get_backend_name() != "sqlite" or not parsed.database or parsed.database == ":memory:":
        return None
    return None if os.path.exists(parsed.database) else parsed.database


def is_sqlite(engine: Engine) -> bool:
    return engine.dialect.name == "sqlite"


def make_engine(url: str) -> Engine:
    url = resolve_url(url)
    if make_url(url).get_backend_name() == "sqlite":
        engine = create_engine(url, pool_size=1, max_overflow=0, json_serializer=dumps)
        event.listen(engine, "connect", _sqlite_pragmas)
        return engine
    return create_engine(url, pool_pre_ping=True, json_serializer=dumps)


def make_read_engine(url: str, connections: int = 8) -> Engine:
    """An engine for reading only, as many connections at once as ``connections``: in WAL mode
    SQLite's readers never wait for its one writer, nor for each other, so a web server answers
    many readers while an ingest runs. Its SQLite connections refuse to write (query_only)."""
    url = resolve_url(url)
    if make_url(url).get_backend_name() != "sqlite":
        return create_engine(url, pool_pre_ping=True, pool_size=connections, max_overflow=0, json_serializer=dumps)
    engine = create_engine(url, pool_size=connections, max_overflow=0, json_serializer=dumps)

    @event.listens_for(engine, "connect")
    def _reader_pragmas(dbapi_connection, connection_record) -> None:
        _sqlite_pragmas(dbapi_connection, connection_record)
        cursor = dbapi_connection.cursor()
        try:
            cursor.execute("PRAGMA query_only=ON")
        finally:
            cursor.close()

    return engine


def _sqlite_pragmas(dbapi_connection, connection_record) -> None:
    cursor = dbapi_connection.cursor()
    try:
        cursor.execute("PRAGMA foreign_keys=ON")
        # WAL: readers go on while an article is written, and a killed writer leaves the
        # last committed article intact.
        cursor.execute("PRAGMA journal_mode=WAL")
        # In WAL mode NORMAL still survives a killed process whole; only a power cut may lose the
        # last commits (never corrupt the file), for several times the write speed.
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.execute("PRAGMA busy_timeout=10000")
    finally:
        cursor.close()


def alembic_config() -> Config:
    """The shipped migrations, located in the package, not through an alembic.ini in the working directory."""
    config = Config()
    config.set_main_option("script_location", str(files("frontwire.store") / "migrations"))
    return config


def head_revision() -> str:
    return ScriptDirectory.from_config(alembic_config()).get_current_head()


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


def upgrade(engine: Engine, revision: str = "head") -> None:
    config = alembic_config()
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, revision)


def display_url(engine: Engine) -> str:
    return engine.url.render_as_string(hide_password=True)


def ensure_current(engine: Engine, create: bool = True) -> None:
    """Build an empty database at head; refuse one whose schema is behind, ahead of, or not from frontwire."""
    current, head = current_revision(engine), head_revision()
    if current == head:
        return
    url = display_url(engine)
    if current is None:
        tables = inspect(engine).get_table_names()
        if not tables and create:
            upgrade(engine)
            return
        if tables:
            raise SchemaError(f"{url} holds tables but no frontwire schema version: not a frontwire store")
        raise SchemaError(f"{url} has no frontwire schema: run `frontwire db upgrade --db {url}`")
    known = {script.revision for script in ScriptDirectory.from_config(alembic_config()).walk_revisions()}
    if current not in known:
        raise SchemaError(f"{url} is at schema revision {current}, which this frontwire does not know "
                          f"(written by a newer frontwire?): upgrade frontwire")
    raise SchemaError(f"{url} is at schema revision {current}, behind this frontwire's {head}: "
                      f"run `frontwire db upgrade --db {url}`")
