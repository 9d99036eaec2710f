"""Shared test fixtures.

Tests that read ../shared skip with a clear reason when it is absent, except in
CI (CI=true), where a missing folder is a failure.
"""

from __future__ import annotations

import glob
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import uuid
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("FRONTWIRE_SHARED", ROOT.parent / "shared"))
SAMPLES = ROOT / "src" / "frontwire" / "data" / "samples"
EXAMPLE = SHARED / "examples" / "fna-aleppo-2016-09-25.txt"


def require_shared(*parts: str) -> Path:
    """Path under ../shared, or skip (fail in CI) when it is not there."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        reason = f"{path} is absent: the shared evaluation data is not laid beside this checkout"
        if os.environ.get("CI") == "true":
            pytest.fail(reason)
        pytest.skip(reason)
    return path


def warc_response(url: str, body: str) -> bytes:
    """One WARC response record holding a small HTML page whose article is ``body`` twice."""
    import io

    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    out = io.BytesIO()
    writer = WARCWriter(out, gzip=False)
    headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
    page = f"<html><body><article><p>{body}</p><p>{body}</p></article></body></html>".encode()
    writer.write_record(writer.create_warc_record(url, "response", payload=io.BytesIO(page), http_headers=headers))
    return out.getvalue()


@pytest.fixture(scope="session")
def example_path() -> Path:
    return require_shared("examples", "fna-aleppo-2016-09-25.txt")


@pytest.fixture(scope="session")
def full_pipeline():
    from frontwire.pipeline import Pipeline

    return Pipeline(strict=True)


@pytest.fixture(scope="session")
def example_article(example_path, full_pipeline):
    """The canonical FNA example, read and analysed by the full pipeline once per session."""
    from frontwire.ingest.readers import iter_articles

    items = list(iter_articles([str(example_path)]))
    assert len(items) == 1, items
    return full_pipeline(items[0])


# -- PostgreSQL server ---------------------------------------------------------------------------

class PostgresUnavailable(Exception):
    pass


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _start_cluster() -> tuple[str, callable]:
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"))
    initdb = found[-1] if found else shutil.which("initdb")
    if not initdb:
        raise PostgresUnavailable("no PostgreSQL server binaries (/usr/lib/postgresql/*/bin/initdb): "
                                  "install the postgresql package or set FRONTWIRE_TEST_PG_URL")
    bindir = Path(initdb).parent
    # Not under pytest's tmp_path: that lies in a root-only directory the server's user cannot enter.
    base = Path(tempfile.mkdtemp(prefix="frontwire-pg-"))
    as_server_user: list[str] = []
    if os.geteuid() == 0:  # initdb refuses to run as root
        try:
            pwd.getpwnam("postgres")
        except KeyError:
            shutil.rmtree(base)
            raise PostgresUnavailable("running as root and there is no `postgres` user to run the server as") from None
        shutil.chown(base, "postgres")
        as_server_user = ["runuser", "-u", "postgres", "--"]
    data, port = base / "data", _free_port()

    def server(*command: str) -> subprocess.CompletedProcess:
        return subprocess.run(as_server_user + list(command), capture_output=True, text=True, timeout=120)

    steps = [
        (str(bindir / "initdb"), "-D", str(data), "-U", "postgres", "--auth=trust", "-E", "UTF8", "--locale=C",
         "--no-sync"),
        (str(bindir / "pg_ctl"), "-D", str(data), "-l", str(base / "log"), "-w", "start",
         "-o", f"-k {base} -h 127.0.0.1 -p {port} -F"),
    ]
    for step in steps:
        result = server(*step)
        if result.returncode != 0:
            log = (base / "log").read_text() if (base / "log").exists() else ""
            shutil.rmtree(base, ignore_errors=True)
            raise PostgresUnavailable(f"{Path(step[0]).name} failed: {result.stderr.strip() or result.stdout.strip()} {log}")

    def stop() -> None:
        server(str(bindir / "pg_ctl"), "-D", str(data), "-m", "immediate", "stop")
        shutil.rmtree(base, ignore_errors=True)

    return f"postgresql+psycopg://postgres@127.0.0.1:{port}/postgres", stop


@pytest.fixture(scope="session")
def postgresql_server():
    given = os.environ.get("FRONTWIRE_TEST_PG_URL")
    if given:
        yield _resolve_url(given)
        return
    try:
        url, stop = _start_cluster()
    except PostgresUnavailable as exc:
        if os.environ.get("CI") == "true":
            pytest.fail(f"PostgreSQL is required in CI: {exc}")
        pytest.skip(f"no PostgreSQL to test against: {exc}")
    try:
        yield url
    finally:
        stop()


def _resolve_url(url: str) -> str:
    from frontwire.store.database import resolve_url

    return resolve_url(url)


def _fresh_postgresql_database(server_url: str) -> str:
    import psycopg
    from psycopg import sql
    from sqlalchemy.engine import make_url

    server = make_url(server_url)
    name = f"frontwire_test_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(server.set(drivername="postgresql").render_as_string(hide_password=False),
                         autocommit=True) as connection:
        connection.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    return server.set(database=name).render_as_string(hide_password=False)


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request, tmp_path) -> str:
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'store.db'}"
    return _fresh_postgresql_database(request.getfixturevalue("postgresql_server"))
