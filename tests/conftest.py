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


# -- the newsroom: a real server on 127.0.0.1, a real headless Chromium -------------------------

CHROMIUM = Path(os.environ.get("FRONTWIRE_CHROMIUM", "/usr/bin/chromium"))
OUT = ROOT / "out"


def ingest_samples(url: str, paths: list[Path] | None = None) -> int:
    """Analyse and store the bundled sample articles (or ``paths``) in the store at ``url``,
    as ``frontwire ingest`` does; the number stored."""
    from frontwire.ingest.errors import InputError
    from frontwire.ingest.raw import raw_input_of
    from frontwire.ingest.readers import iter_articles
    from frontwire.pipeline import Pipeline
    from frontwire.store import Store

    pipeline, stored = Pipeline(strict=True), 0
    with Store(url) as store:
        for item in iter_articles([str(p) for p in (paths or [SAMPLES])]):
            assert not isinstance(item, InputError), item
            raw_input = raw_input_of(item)
            store.save(pipeline(item), raw_input=raw_input)
            stored += 1
    return stored


@pytest.fixture(scope="session")
def samples_db(tmp_path_factory) -> str:
    """A SQLite store holding the bundled sample corpus, built once per session: read it, never
    write to it (tests that write make their own)."""
    url = f"sqlite:///{tmp_path_factory.mktemp('samples') / 'samples.db'}"
    ingest_samples(url)
    return url


class LiveServer:
    """The newsroom app served by uvicorn on 127.0.0.1 in a thread, on a free port."""

    def __init__(self, app) -> None:
        import threading

        import uvicorn

        self.app = app
        self.port = _free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=self.port, log_level="warning",
                                                    lifespan="on"))
        self.thread = threading.Thread(target=self.server.run, daemon=True)

    def __enter__(self) -> "LiveServer":
        import time

        self.thread.start()
        deadline = time.monotonic() + 30
        while not self.server.started:
            if not self.thread.is_alive() or time.monotonic() > deadline:
                raise RuntimeError("the test server did not start")
            time.sleep(0.02)
        return self

    def __exit__(self, *exc) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=30)


@pytest.fixture
def live_server():
    """``with live_server(WebSettings(...)) as server:`` serves a new app at ``server.url``."""
    from frontwire.web.app import create_app

    def serve(settings) -> LiveServer:
        return LiveServer(create_app(settings))

    return serve


@pytest.fixture(scope="session")
def samples_server(samples_db):
    """The sample store served read-only at ``samples_server.url`` for the whole session."""
    from frontwire.web.app import create_app
    from frontwire.web.settings import WebSettings

    with LiveServer(create_app(WebSettings(db=samples_db))) as server:
        yield server


@pytest.fixture(scope="session")
def chromium():
    """Debian's headless Chromium driven by Playwright (its own browser download cannot work here)."""
    if not CHROMIUM.exists():
        reason = f"{CHROMIUM} is absent: install Debian's chromium (.ci/run does)"
        if os.environ.get("CI") == "true":
            pytest.fail(reason)
        pytest.skip(reason)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=["--no-sandbox"])
        try:
            yield browser
        finally:
            browser.close()


@pytest.fixture
def page(chromium):
    """A fresh browser page that fails the test on any script error or CSP violation it reports;
    screenshots go to out/ (``page.screenshot(path=screenshot_path("name"))``)."""
    context = chromium.new_context(viewport={"width": 1366, "height": 900}, service_workers="block")
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(f"page error: {exc}"))
    page.on("console", lambda message: errors.append(f"console {message.type}: {message.text}")
            if message.type == "error" else None)
    page.errors = errors
    try:
        yield page
    finally:
        context.close()


def screenshot_path(name: str) -> str:
    OUT.mkdir(exist_ok=True)
    return str(OUT / f"{name}.png")
