"""The store, on SQLite and on a real PostgreSQL: every test runs on both backends.

PostgreSQL: the `postgresql_server` and `db_url` fixtures of conftest.py ($FRONTWIRE_TEST_PG_URL,
else a throwaway cluster from /usr/lib/postgresql/*/bin; skipped with the reason where neither
can be had, failed in CI).
"""

from __future__ import annotations

import gzip
import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
import zlib
from pathlib import Path

import pytest
from sqlalchemy import func, select, text

from conftest import warc_response
from frontwire.ingest.raw import raw_input_of
from frontwire.model import Article
from frontwire.store import database, tables
from frontwire.store.repository import Store

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "src" / "frontwire" / "data" / "samples"
BODY = ("Government forces shelled rebel positions near the town of Maarat al-Numan on Saturday, "
        "killing six fighters, the Syrian Observatory for Human Rights said.")


def frontwire(*args, timeout: float = 300) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "frontwire", *map(str, args)], capture_output=True, text=True,
                          timeout=timeout, cwd=ROOT)


@pytest.fixture(scope="session")
def analyzed_samples() -> list[dict]:
    """`frontwire analyze`'s own output for every bundled sample."""
    result = frontwire("analyze", "--format", "jsonl", SAMPLES)
    assert result.returncode == 0, result.stderr
    return [json.loads(line) for line in result.stdout.splitlines() if line.strip()]


@pytest.fixture(scope="session")
def pipeline():
    from frontwire.pipeline import Pipeline

    return Pipeline()


def analysed(pipeline, text_: str, url: str | None = "https://example.test/news/1", **fields) -> Article:
    return pipeline(Article(text=text_, url=url, source="test", **fields))


def summary(result: subprocess.CompletedProcess) -> dict[str, int]:
    line = [l for l in result.stdout.splitlines() if l.startswith("frontwire: ")][-1]
    counts = line.split(": ", 2)[2].split("; ")[0]
    return {label: int(n) for n, label in (part.split(" ", 1) for part in counts.split(", "))}


def layer_counts(store: Store) -> dict[str, int]:
    with store.engine.connect() as connection:
        return {table.name: connection.execute(select(func.count()).select_from(table)).scalar_one()
                for table in tables.LAYER_TABLES}


def assert_layers_match_records(store: Store) -> None:
    """Every stored article has exactly the layer rows its JSON record lists, in its order."""
    with store.engine.connect() as connection:
        records = connection.execute(select(tables.articles.c.id, tables.articles.c.record)).all()
        for article_id, record in records:
            events = connection.execute(select(tables.events.c.id).where(tables.events.c.article_id == article_id)
                                        .order_by(tables.events.c.position)).scalars().all()
            assert events == [e["id"] for e in record["events"]], article_id
            for table, key in ((tables.entities, "entities"), (tables.places, "places"), (tables.quotes, "quotes"),
                               (tables.framing_spans, "framing")):
                n = connection.execute(select(func.count()).select_from(table)
                                       .where(table.c.article_id == article_id)).scalar_one()
                assert n == len(record[key]), (article_id, key)


# -- tests ---------------------------------------------------------------------------------------

def test_every_sample_reads_back_as_analyze_prints_it(db_url, analyzed_samples):
    result = frontwire("ingest", "--db", db_url, SAMPLES)
    assert result.returncode == 0, result.stderr
    assert summary(result) == {"new": len(analyzed_samples), "updated": 0, "unchanged": 0, "duplicates": 0,
                               "failed": 0}
    with Store(db_url) as store:
        assert store.count() == len(analyzed_samples)
        for expected in analyzed_samples:
            assert store.get(expected["id"]).to_json() == expected, expected["source"]
        assert_layers_match_records(store)
        with store.engine.connect() as connection:
            assert connection.execute(select(func.count()).select_from(tables.outlets)).scalar_one() > 0
            assert connection.execute(select(func.count()).select_from(tables.raw_inputs)).scalar_one() \
                == len(analyzed_samples)

        # The same batch again is stored once; a file named twice is a duplicate of itself.
        again = frontwire("ingest", "--db", db_url, SAMPLES, SAMPLES / "afp-menaka-2022-09-07.txt")
        assert again.returncode == 0, again.stderr
        assert summary(again) == {"new": 0, "updated": 0, "unchanged": len(analyzed_samples), "duplicates": 1,
                                  "failed": 0}
        assert store.count() == len(analyzed_samples)
        assert layer_counts(store)["events"] == sum(len(a["events"]) for a in analyzed_samples)


def test_saving_the_same_article_twice_stores_it_once(db_url, pipeline):
    article = analysed(pipeline, BODY)
    with Store(db_url) as store:
        assert store.save(article) == "new"
        before = layer_counts(store)
        assert store.save(article.model_copy(deep=True)) == "unchanged"
        assert store.count() == 1 and layer_counts(store) == before
        assert store.get(article.id).to_json() == article.to_json()
        assert store.history(article.id) == []


def test_characters_no_database_takes_are_stored_as_replacement_characters(db_url, pipeline):
    article = analysed(pipeline, BODY + " Broken escape: \ud83d, a NUL: \x00 here.")
    article.title = "Odd \x00 bytes"  # cleaning drops a NUL from a title; a store must take one all the same
    with Store(db_url) as store:
        assert store.save(article, raw_input=raw_input_of(article)) == "new"
        stored = store.get(article.id)
    assert stored.text == article.text.replace("\ud83d", "\ufffd").replace("\x00", "\ufffd")
    assert stored.title == "Odd \ufffd bytes" and len(stored.text) == len(article.text)


def test_a_new_version_of_an_article_replaces_it_and_keeps_the_old_one(db_url, pipeline):
    first = analysed(pipeline, BODY)
    second = analysed(pipeline, BODY.replace("six fighters", "nine fighters") + " Shelling resumed at dawn.")
    assert first.id == second.id and first.input_digest != second.input_digest
    with Store(db_url) as store:
        assert store.save(first) == "new"
        assert store.save(second) == "updated"
        assert store.count() == 1
        assert store.get(first.id).to_json() == second.to_json()
        history = store.history(first.id)
        assert [old.to_json() for old in history] == [first.to_json()]
        with store.engine.connect() as connection:
            row = connection.execute(select(tables.article_history)).one()
        assert row.version == 1 and row.content_digest == first.content_digest
        # The layer rows are the new version's, each event once.
        assert_layers_match_records(store)
        assert [hit.article_id for hit in store.search("dawn", 5)] == [first.id]


def test_full_text_search_follows_insert_update_and_delete(db_url, pipeline):
    with Store(db_url) as store:
        article = analysed(pipeline, BODY, title="Shelling near Maarat al-Numan")
        store.save(article)
        other = analysed(pipeline, "Protesters gathered in the capital on Friday.", url="https://example.test/2")
        store.save(other)
        hits = store.search("shelled", 10)
        assert [h.article_id for h in hits] == [article.id]
        assert "[shelled]" in hits[0].snippet
        assert [h.article_id for h in store.search("Maarat Numan", 10)] == [article.id]  # title and text
        assert store.search('"unbalanced', 10) == []  # what a user types is words, never query syntax

        store.save(analysed(pipeline, BODY.replace("shelled", "bombarded"), title="Bombardment"))
        assert store.search("shelled", 10) == []
        assert [h.article_id for h in store.search("bombarded", 10)] == [article.id]

        assert store.delete(article.id)
        assert store.search("bombarded", 10) == []
        assert [h.article_id for h in store.search("protesters", 10)] == [other.id]
        assert layer_counts(store)["events"] == len(other.events)  # the layers went with the article
        if database.is_sqlite(store.engine):
            with store.engine.connect() as connection:
                assert connection.execute(text("PRAGMA journal_mode")).scalar_one() == "wal"
                assert connection.execute(text("PRAGMA foreign_keys")).scalar_one() == 1
            with store.engine.begin() as connection:  # raises if the index and the table disagree
                connection.execute(text("INSERT INTO articles_fts(articles_fts, rank) VALUES ('integrity-check', 1)"))


def test_a_database_behind_the_schema_is_refused_until_upgraded(db_url):
    engine = database.make_engine(db_url)
    database.upgrade(engine, "0001")
    engine.dispose()
    article = SAMPLES / "afp-menaka-2022-09-07.txt"
    refused = frontwire("ingest", "--db", db_url, article)
    assert refused.returncode == 2
    assert "behind" in refused.stderr and "frontwire db upgrade --db " in refused.stderr
    with pytest.raises(database.SchemaError):
        Store(db_url)

    upgraded = frontwire("db", "upgrade", "--db", db_url)
    assert upgraded.returncode == 0, upgraded.stderr
    assert f"upgraded from 0001 to schema {database.head_revision()}" in upgraded.stdout
    stored = frontwire("ingest", "--db", db_url, article)
    assert stored.returncode == 0, stored.stderr
    assert summary(stored)["new"] == 1


def test_bad_inputs_are_reported_and_the_batch_goes_on(db_url, tmp_path):
    binary = tmp_path / "image.txt"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4)
    missing = tmp_path / "missing.txt"
    good = SAMPLES / "afp-menaka-2022-09-07.txt"
    result = frontwire("ingest", "--db", db_url, missing, binary, good)
    assert result.returncode == 1
    errors = [line for line in result.stderr.splitlines() if line.startswith("frontwire: error: ")]
    assert len(errors) == 2
    assert errors[0].startswith(f"frontwire: error: {missing}: ") and errors[1].startswith(f"frontwire: error: {binary}: ")
    assert summary(result) == {"new": 1, "updated": 0, "unchanged": 0, "duplicates": 0, "failed": 2}
    with Store(db_url) as store:
        assert store.count() == 1


def test_reanalyse_redoes_articles_analysed_by_another_version(db_url):
    ingested = frontwire("ingest", "--db", db_url, SAMPLES / "afp-menaka-2022-09-07.txt",
                         SAMPLES / "tass-donetsk-2022-06-03.txt")
    assert ingested.returncode == 0, ingested.stderr
    with Store(db_url) as store:
        # As if an older frontwire had analysed the second article.
        old_id = store.ids()[1]
        record = store.get(old_id).to_json()
        record["analysis"]["frontwire_version"] = "0.0.1"
        with store.engine.begin() as connection:
            connection.execute(tables.articles.update().where(tables.articles.c.id == old_id)
                               .values(frontwire_version="0.0.1", record=record))
    result = frontwire("reanalyse", "--db", db_url)
    assert result.returncode == 0, result.stderr
    assert summary(result) == {"new": 0, "updated": 1, "unchanged": 0, "duplicates": 0, "failed": 0}
    with Store(db_url) as store:
        assert len(store.history(old_id)) == 1
        assert_layers_match_records(store)


def test_the_raw_input_kept_is_the_bytes_read_and_reads_again_as_the_same_article(db_url, tmp_path, pipeline):
    from frontwire.ingest.raw import raw_input_of, read_again
    from frontwire.ingest.readers import iter_articles

    html = (SAMPLES / "sudan-el-fasher-2024-05-12.html").read_bytes()
    text_file = (SAMPLES / "afp-menaka-2022-09-07.txt").read_bytes()
    lines = [json.dumps({"url": "https://example.test/a", "text": BODY}),
             json.dumps({"html": f"<html><body><article><p>{BODY}</p><p>{BODY}</p></article></body></html>",
                         "title": "Shelling \u2028near Maarat"})]
    warc = [warc_response(f"https://example.test/warc/{n}", BODY + f" Report {n}.") for n in (1, 2)]
    inputs = {"page.html": html, "menaka.txt.gz": gzip.compress(text_file), "feed.jsonl": "\n".join(lines).encode(),
              "crawl.warc": b"".join(warc)}
    for name, data in inputs.items():
        (tmp_path / name).write_bytes(data)
    read = [item for item in iter_articles([str(tmp_path / name) for name in inputs], outlet="Given Outlet")]
    assert len(read) == 6 and all(isinstance(item, Article) for item in read)
    first_read = {item.identify(): item.to_json() for item in read}
    with Store(db_url) as store:
        for item in read:
            raw = raw_input_of(item)
            store.save(pipeline(item.model_copy(deep=True)), raw_input=raw)
        kept = {article_id: store.raw_input(article_id) for article_id in store.ids()}
    by_source = {first_read[i]["source"]: raw for i, raw in kept.items()}
    assert by_source[str(tmp_path / "page.html")].data == html  # the markup, not only the extracted text
    assert by_source[str(tmp_path / "menaka.txt.gz")].data == inputs["menaka.txt.gz"]  # as given, compressed
    assert [by_source[f"{tmp_path / 'feed.jsonl'}:{n}"].data for n in (1, 2)] == [line.encode() for line in lines]
    assert [by_source[f"{tmp_path / 'crawl.warc'}#{n}"].data for n in (1, 2)] == warc
    assert {raw.kind for raw in kept.values()} == {"file", "json-record", "warc-record"}
    for article_id, raw in kept.items():
        again = read_again(raw)
        assert isinstance(again, Article), again
        again.identify()
        # The reader's options come back too: the outlet given on the command line is not lost.
        assert again.to_json() == first_read[article_id], first_read[article_id]["source"]


def test_a_raw_input_kept_before_the_bytes_were_reads_again(db_url, pipeline):
    """Revision 0002 stores kept the reader's Article JSON ("zlib+article-json")."""
    from frontwire.ingest.raw import read_again

    article = Article(text=BODY, url="https://example.test/news/legacy", source="old.txt")
    legacy = json.dumps(article.to_json()).encode()
    with Store(db_url) as store:
        store.save(pipeline(article.model_copy(deep=True)))
        with store.engine.begin() as connection:
            connection.execute(tables.raw_inputs.insert().values(
                article_id=article.identify(), input_digest=None, encoding="zlib+article-json", size=len(legacy),
                data=zlib.compress(legacy)))
        again = read_again(store.raw_input(article.id))
    assert again.text == BODY and again.url == article.url


def test_a_killed_ingest_leaves_whole_articles_and_finishes_when_run_again(tmp_path, analyzed_samples):
    db = tmp_path / "killed.db"
    process = subprocess.Popen([sys.executable, "-m", "frontwire", "ingest", "--db", str(db), str(SAMPLES)],
                               cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 240
        while time.monotonic() < deadline and process.poll() is None:
            if _stored_count(db) >= 1:
                break
            time.sleep(0.02)
        assert process.poll() is None, "the ingest finished before it could be killed"
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=30)
    finally:
        if process.poll() is None:
            process.kill()
    stored_before = _stored_count(db)
    assert 1 <= stored_before < len(analyzed_samples)

    with sqlite3.connect(db) as connection:
        assert connection.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        assert connection.execute("PRAGMA foreign_key_check").fetchall() == []
        connection.execute("INSERT INTO articles_fts(articles_fts, rank) VALUES ('integrity-check', 1)")
    with Store(f"sqlite:///{db}") as store:
        assert_layers_match_records(store)

    again = frontwire("ingest", "--db", db, SAMPLES)
    assert again.returncode == 0, again.stderr
    assert summary(again) == {"new": len(analyzed_samples) - stored_before, "updated": 0,
                              "unchanged": stored_before, "duplicates": 0, "failed": 0}
    with Store(f"sqlite:///{db}") as store:
        ids = store.ids()
        assert sorted(ids) == sorted(a["id"] for a in analyzed_samples) and len(set(ids)) == len(ids)
        assert_layers_match_records(store)
        with store.engine.connect() as connection:
            events = connection.execute(select(tables.events.c.id)).scalars().all()
        assert len(events) == len(set(events)) == sum(len(a["events"]) for a in analyzed_samples)


def _stored_count(db: Path) -> int:
    if not db.exists():
        return 0
    try:
        with sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=1) as connection:
            return connection.execute("SELECT count(*) FROM articles").fetchone()[0]
    except sqlite3.OperationalError:  # not yet built
        return 0


def test_the_migrations_ship_as_package_modules():
    from setuptools import find_packages

    packages = find_packages(str(ROOT / "src"))
    assert {"frontwire.store", "frontwire.store.migrations", "frontwire.store.migrations.versions"} <= set(packages)
    versions = {p.name for p in (ROOT / "src/frontwire/store/migrations/versions").glob("0*.py")}
    assert versions and (ROOT / "src/frontwire/store/migrations/env.py").exists()


def test_a_database_that_cannot_be_opened_is_one_error_line(tmp_path):
    result = frontwire("ingest", "--db", tmp_path / "no" / "such" / "dir.db", SAMPLES / "afp-menaka-2022-09-07.txt")
    assert result.returncode == 2
    assert result.stderr.startswith("frontwire: error: sqlite:///") and "cannot open the database" in result.stderr
    assert "Traceback" not in result.stderr


def test_database_urls(monkeypatch):
    monkeypatch.delenv(database.ENV_VAR, raising=False)
    assert database.resolve_url(None) == "sqlite:///frontwire.db"
    monkeypatch.setenv(database.ENV_VAR, "postgres://team@db/frontwire")
    assert database.resolve_url(None) == "postgresql+psycopg://team@db/frontwire"
    assert database.resolve_url("sqlite:///given.db") == "sqlite:///given.db"  # --db wins
    assert database.resolve_url("postgresql://u@h/db") == "postgresql+psycopg://u@h/db"
    assert database.resolve_url("some/file.db") == "sqlite:///some/file.db"
    assert database.resolve_url("sqlite:///x.db") == "sqlite:///x.db"


def test_the_migrations_build_exactly_the_tables_module(db_url):
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    engine = database.make_engine(db_url)
    try:
        database.upgrade(engine)
        with engine.connect() as connection:
            context = MigrationContext.configure(connection, opts={"include_object": tables.include_in_autogenerate})
            assert compare_metadata(context, tables.metadata) == []
    finally:
        engine.dispose()


def test_ingest_draws_a_progress_bar_on_a_terminal_and_none_in_a_pipe(tmp_path):
    import fcntl
    import pty
    import struct
    import termios

    # Enough articles to outlast, many times over, the second a bar waits before it shows: a fast
    # machine ingests ten samples in less.
    samples = sorted(SAMPLES.glob("*.txt"))
    inputs = []
    for n in range(40):
        copy = tmp_path / f"article-{n:02d}.txt"
        copy.write_text(samples[n % len(samples)].read_text(encoding="utf-8") + f"\n\nUpdate {n}.\n", encoding="utf-8")
        inputs.append(copy)
    leader, follower = pty.openpty()
    # A new pseudo-terminal is 0 columns wide, where a bar has no room to be drawn.
    fcntl.ioctl(follower, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 100, 0, 0))
    process = subprocess.Popen([sys.executable, "-m", "frontwire", "ingest", "--db", str(tmp_path / "tty.db"),
                                *map(str, inputs)], stdout=subprocess.PIPE, stderr=follower, cwd=ROOT)
    os.close(follower)
    drawn = b""
    while True:
        try:
            chunk = os.read(leader, 4096)
        except OSError:  # the terminal closed with the process
            break
        if not chunk:
            break
        drawn += chunk
    stdout, _ = process.communicate(timeout=300)
    os.close(leader)
    assert process.returncode == 0, drawn
    assert b"40 new" in stdout
    assert b"articles" in drawn and b"\r" in drawn, drawn  # the bar, redrawn in place
    piped = frontwire("ingest", "--db", tmp_path / "pipe.db", *inputs)
    assert piped.returncode == 0 and "\r" not in piped.stderr and "40 new" in piped.stdout
