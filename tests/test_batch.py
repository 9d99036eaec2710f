"""``frontwire batch`` on a real Dask LocalCluster of two worker processes, over WARCs built here.

Planning, reading and the manifest are checked without a cluster (fast). The cluster tests share
one LocalCluster (the pipeline loads once per worker process, for the whole module): a driver
killed with SIGKILL mid-run and run again, a worker killed mid-task, and the command's own local
cluster with ``--db``. Each checks that every article is in the output exactly once.
"""

from __future__ import annotations

import gzip
import html
import io
import json
import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from frontwire.batch.output import OutputDirectory
from frontwire.batch.plan import plan
from frontwire.ingest.gz import gunzip
from frontwire.batch.work import Settings, read_partition

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "src" / "frontwire" / "data" / "samples"
PAGE_SAMPLES = sorted(SAMPLES.glob("*.txt"))
# The propaganda-technique models add seconds to every worker's start and nothing batch-specific.
DISABLED = ("framing",)
PIPELINE_ARGS = ["--disable", ",".join(DISABLED)] if DISABLED else []
# Where the test is about the cluster, not the analysis: the reader and cleaning only, so a worker
# (re)starts in a second or two instead of loading spaCy and the knowledge base.
CLEAN_ONLY = ("entities", "places", "dates", "quotes", "events", "framing", "source")


def _page(sample: Path) -> bytes:
    title, *paragraphs = sample.read_text(encoding="utf-8").split("\n\n")
    body = "".join(f"<p>{html.escape(p)}</p>" for p in paragraphs if p.strip())
    return (f"<html><head><title>{html.escape(title[:120])}</title></head>"
            f"<body><article>{body}</article></body></html>").encode()


def build_warc(path: Path, pages: int, gzip_records: bool = False, bad: bool = True) -> list[str]:
    """A WARC of ``pages`` HTML responses made from the bundled samples, with (``bad``) a PNG response,
    a binary payload labelled text/html and a request record among them. Returns the pages' URLs."""
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    urls = []
    with open(path, "wb") as stream:
        writer = WARCWriter(stream, gzip=gzip_records)

        def response(url: str, payload: bytes, content_type: str) -> None:
            headers = StatusAndHeaders("200 OK", [("Content-Type", content_type)], protocol="HTTP/1.1")
            writer.write_record(writer.create_warc_record(url, "response", payload=io.BytesIO(payload),
                                                          http_headers=headers))

        for number in range(pages):
            sample = PAGE_SAMPLES[number % len(PAGE_SAMPLES)]
            url = f"https://news.example.org/{number}/{sample.stem}"
            response(url, _page(sample), "text/html; charset=utf-8")
            urls.append(url)
            if bad and number == 1:
                response("https://news.example.org/map.png", b"\x89PNG\r\n\x1a\n" + bytes(200), "image/png")
                response("https://news.example.org/junk", bytes(range(256)) * 16, "text/html")
                writer.write_record(writer.create_warc_record("https://news.example.org/0", "request",
                                                              payload=io.BytesIO(b"GET / HTTP/1.1\r\n\r\n")))
    return urls


def output_urls(out: Path) -> list[str]:
    files = sorted((out / "articles").glob("*.parquet"))
    return [url for f in files for url in pq.read_table(f, columns=["url"]).column("url").to_pylist()]


def output_event_ids(out: Path) -> list[str]:
    files = sorted((out / "events").glob("*.parquet"))
    return [i for f in files for i in pq.read_table(f, columns=["id"]).column("id").to_pylist()]


def partition_entries(out: Path) -> list[dict]:
    return [e for e in OutputDirectory(out).entries() if e["entry"] == "partition"]


def assert_exactly_once(out: Path, urls: list[str], planned: int, with_events: bool = True) -> None:
    found = output_urls(out)
    assert sorted(found) == sorted(urls), "every article exactly once"
    events = output_event_ids(out)
    assert len(events) == len(set(events)) and bool(events) == with_events
    entries = partition_entries(out)
    assert len({e["partition"] for e in entries}) == len(entries) == planned
    assert not list(out.rglob(".tmp-*"))


def assert_one_pipeline_per_worker(out: Path) -> None:
    tokens: dict[int, set[str]] = {}
    for entry in partition_entries(out):
        tokens.setdefault(entry["worker_pid"], set()).add(entry["pipeline"])
    assert tokens and all(len(t) == 1 for t in tokens.values()), tokens


def frontwire(*args, **kwargs) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "frontwire", *map(str, args)], cwd=ROOT,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, **kwargs)


# -- without a cluster -------------------------------------------------------------------------------

def test_partitions_are_the_same_on_every_run(tmp_path):
    archive = tmp_path / "crawl.warc"
    build_warc(archive, pages=5)  # 5 pages + 3 other records = 8 records
    feed = tmp_path / "feed.jsonl.gz"
    feed.write_bytes(gzip.compress((SAMPLES / "feed-2022-2024.jsonl").read_bytes()))
    loose = tmp_path / "loose"
    loose.mkdir()
    for sample in PAGE_SAMPLES[:3]:
        (loose / sample.name).write_bytes(sample.read_bytes())
    specs = [str(archive), str(feed), str(loose), str(loose / PAGE_SAMPLES[0].name)]
    first, again = plan(specs, partition_size=3), plan(specs, partition_size=3)
    assert [p.id for p in first.partitions] == [p.id for p in again.partitions]
    warc = [p for p in first.partitions if p.kind == "warc"]
    assert [(p.start, p.stop) for p in warc] == [(1, 4), (4, 7), (7, 9)]
    lines = len((SAMPLES / "feed-2022-2024.jsonl").read_text(encoding="utf-8").split("\n"))
    assert sum(p.records for p in first.partitions if p.kind == "jsonl") == lines
    files = [p for p in first.partitions if p.kind == "files"]
    # the file named again after its directory is read once
    assert [len(p.files) for p in files] == [3]
    assert len({p.id for p in first.partitions}) == len(first.partitions)
    assert plan([str(tmp_path / "absent.warc")]).errors[0].reason == "no such file or directory"


def test_a_warc_gz_partition_reads_only_its_own_members_as_the_reader_would(tmp_path):
    from frontwire.ingest.readers import iter_articles

    archive = tmp_path / "crawl.warc.gz"
    build_warc(archive, pages=5, gzip_records=True)  # 8 records, one gzip member each
    partitions = plan([str(archive)], partition_size=3).partitions
    assert [(p.start, p.stop) for p in partitions] == [(1, 4), (4, 7), (7, 9)]
    assert partitions[0].byte_range[0] == 0 and partitions[-1].byte_range[1] == archive.stat().st_size
    assert all(a.byte_range[1] == b.byte_range[0] for a, b in zip(partitions, partitions[1:]))
    ours = [item for p in partitions for item in read_partition(p, Settings()) if item is not None]
    theirs = list(iter_articles([str(archive)]))
    assert [(i.source, getattr(i, "url", None), getattr(i, "text", None)) for i in ours] == \
        [(i.source, getattr(i, "url", None), getattr(i, "text", None)) for i in theirs]


def test_bad_records_are_counted_never_fatal(tmp_path):
    archive = tmp_path / "crawl.warc.gz"
    build_warc(archive, pages=4, gzip_records=True)
    data = archive.read_bytes()
    archive.write_bytes(data[:-40])  # the last record's gzip member cut short
    salvaged, problem = gunzip(archive.read_bytes())
    assert problem and problem.startswith("broken gzip data") and salvaged.startswith(b"WARC/1")
    (partition,) = plan([str(archive)], partition_size=50).partitions
    items = list(read_partition(partition, Settings()))
    failures = [i.reason for i in items if i is not None and not hasattr(i, "text")]
    articles = [i for i in items if i is not None and hasattr(i, "text")]
    assert any(r.startswith("broken gzip data") for r in failures)
    assert any(r.startswith("broken WARC record") for r in failures)  # the cut record
    assert any(r.startswith("undecodable") for r in failures)  # binary payload labelled text/html
    assert items.count(None) == 2  # the PNG and the request: no page, not a failure
    assert len(articles) == 3 and all(a.text and a.url for a in articles)


def test_manifest_ignores_a_torn_line_and_appends_after_it(tmp_path):
    out = OutputDirectory(tmp_path)
    out.prepare()
    out.append({"entry": "partition", "partition": "a"})
    with open(out.manifest_path, "ab") as stream:
        stream.write(b'{"entry": "partition", "parti')  # a crash mid-write
    out.append({"entry": "partition", "partition": "b"})
    assert [e["partition"] for e in out.entries()] == ["a", "b"]


def test_a_changed_input_or_a_second_writer_is_refused_before_any_work(tmp_path):
    from frontwire.batch.run import BatchOptions, BatchRefused, run_batch
    from frontwire.batch.work import settings_json

    archive = tmp_path / "crawl.warc"
    build_warc(archive, pages=3)
    out = OutputDirectory(tmp_path / "out")
    out.prepare()
    (first, *_) = plan([str(archive)], partition_size=2).partitions
    out.append({"entry": "partition", "partition": first.id, "settings": settings_json(Settings()),
                "fingerprint": [[str(archive), 1, 1]]})  # the archive as it was when that partition was written
    options = BatchOptions(inputs=[str(archive)], out=str(out.root), partition_size=2)
    with pytest.raises(BatchRefused, match="changed since"):
        run_batch(options, report=lambda line: None)
    other = OutputDirectory(out.root)
    other.lock()
    try:
        with pytest.raises(BatchRefused, match="another batch is writing"):
            run_batch(options, report=lambda line: None)
    finally:
        other.unlock()


# -- on a LocalCluster of two workers -----------------------------------------------------------------

@pytest.fixture(scope="module")
def cluster():
    from distributed import Client, LocalCluster

    local = LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=":0")
    client = Client(local)
    yield local, client
    client.close()
    local.close()


def _wait_for_partitions(out: Path, count: int, process: subprocess.Popen | None = None, timeout: float = 240) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if len(partition_entries(out)) >= count:
            return
        if process is not None and process.poll() is not None:
            raise AssertionError(f"the run ended early: {process.stderr.read().decode()[-2000:]}")
        time.sleep(0.05)
    raise AssertionError("no partition finished in time")


def _feed(path: Path) -> list[str]:
    """A JSON Lines feed of two articles and a malformed line between them; returns their URLs."""
    urls = ["https://wire.example.org/a", "https://wire.example.org/b"]
    path.write_text("\n".join([
        json.dumps({"url": urls[0], "text": PAGE_SAMPLES[5].read_text(encoding="utf-8")}),
        "{not json",
        json.dumps({"url": urls[1], "html": _page(PAGE_SAMPLES[6]).decode()}),
    ]), encoding="utf-8")
    return urls


def _summary(stderr: bytes) -> str:
    return stderr.decode().strip().splitlines()[-1]


def test_driver_killed_midway_resumes_with_every_article_once(tmp_path, cluster):
    from frontwire.store import Store

    local, _ = cluster
    archive, feed = tmp_path / "crawl.warc", tmp_path / "feed.jsonl"
    urls = build_warc(archive, pages=10) + _feed(feed)
    out, db = tmp_path / "out", tmp_path / "store.db"
    command = ["batch", archive, feed, "--out", out, "--db", db, "--scheduler", local.scheduler_address,
               "--partition-size", "2", *PIPELINE_ARGS]
    planned = len(plan([str(archive), str(feed)], partition_size=2).partitions)
    driver = frontwire(*command)
    try:
        _wait_for_partitions(out, 1, driver)
        driver.send_signal(signal.SIGKILL)
        driver.wait(timeout=30)
    finally:
        if driver.poll() is None:
            driver.kill()
    before = len(partition_entries(out))
    assert 1 <= before < planned, "the driver died midway"

    rerun = frontwire(*command)
    _, stderr = rerun.communicate(timeout=300)
    summary = _summary(stderr)
    assert rerun.returncode == 1, stderr.decode()[-3000:]  # the bad records make the run not whole
    assert f"{before} finished before" in summary, summary
    assert "2 records failed (" in summary and "1 malformed JSON line" in summary and "1 undecodable" in summary, \
        summary
    assert "2 records without an HTML page skipped" in summary, summary
    assert_exactly_once(out, urls, planned)
    assert_one_pipeline_per_worker(out)
    with Store(f"sqlite:///{db}", create=False) as store:
        assert store.count() == len(urls)

    again = frontwire(*command)
    _, stderr = again.communicate(timeout=120)
    assert f"0 analysed now, {planned} finished before" in _summary(stderr) and "store:" not in _summary(stderr)
    assert_exactly_once(out, urls, planned)


def test_a_killed_worker_task_runs_again_elsewhere(tmp_path, cluster):
    from frontwire.batch.run import BatchOptions, run_batch

    local, client = cluster
    archive = tmp_path / "crawl.warc"
    urls = build_warc(archive, pages=40, bad=False)
    out = tmp_path / "out"
    killed: list[int] = []

    def kill_a_busy_worker() -> None:
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline and not partition_entries(out):
            busy = [address for address, keys in client.processing().items() if keys]
            if busy:
                pid = client.run(os.getpid, workers=[busy[0]])[busy[0]]
                os.kill(pid, signal.SIGKILL)
                killed.append(pid)
                return
            time.sleep(0.005)

    killer = threading.Thread(target=kill_a_busy_worker, daemon=True)
    killer.start()
    summary = run_batch(BatchOptions(inputs=[str(archive)], out=str(out), scheduler=local.scheduler_address,
                                     partition_size=10, settings=Settings(disable=CLEAN_ONLY)),
                        report=lambda line: None)
    killer.join(timeout=5)
    assert killed, "a worker was killed while it analysed a partition, before any partition was finished"
    assert summary.unfinished == 0 and summary.failed == 0
    assert summary.analysed_now == summary.partitions == 4
    assert_exactly_once(out, urls, 4, with_events=False)


def test_the_command_starts_its_own_local_cluster(tmp_path):
    archive = tmp_path / "crawl.warc.gz"
    urls = build_warc(archive, pages=3, gzip_records=True, bad=False)
    out = tmp_path / "out"
    run = frontwire("batch", archive, "--out", out, "--workers", "2", "--partition-size", "2",
                    "--disable", ",".join(CLEAN_ONLY))
    _, stderr = run.communicate(timeout=300)
    assert run.returncode == 0, stderr.decode()[-3000:]
    assert "3 articles" in _summary(stderr) and "no record failed" in _summary(stderr)
    assert_exactly_once(out, urls, 2, with_events=False)
    assert_one_pipeline_per_worker(out)
