"""``frontwire analyze`` on every core: worker processes forked from the loaded pipeline, the output
in input order and the same as one process's; a worker that dies loses no article."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

from conftest import ROOT, SAMPLES
from frontwire.ingest.errors import InputError
from frontwire.model import Article
from frontwire.parallel import HANDFUL, analysed
from frontwire.pipeline import Pipeline

SAMPLE_FILES = sorted(SAMPLES.glob("*.txt"))

def light() -> Pipeline:
    # without framing: the layer that costs the most here is not what this file is about
    return Pipeline(disable=["framing"], time_budget=None)


def analyze(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "frontwire", "analyze", *args], capture_output=True, text=True,
                          cwd=ROOT, timeout=300)


def test_two_workers_write_what_one_process_writes_in_input_order(tmp_path):
    assert len(SAMPLE_FILES) > HANDFUL
    binary = tmp_path / "broken.txt"
    binary.write_bytes(b"\x00\x01\x02" * 100)
    inputs = [str(p) for p in SAMPLE_FILES[:6]] + [str(binary)] + [str(p) for p in SAMPLE_FILES[6:]]
    alone = analyze("--format", "jsonl", "--workers", "1", "--disable", "framing", *inputs)
    shared = analyze("--format", "jsonl", "--workers", "2", "--disable", "framing", *inputs)
    assert alone.returncode == shared.returncode == 1  # the binary input is an error either way
    assert shared.stdout == alone.stdout and shared.stdout.count("\n") >= len(SAMPLE_FILES)
    assert f"frontwire: error: {binary}:" in shared.stderr


def test_a_worker_killed_midway_loses_no_article():
    texts = [p.read_text(encoding="utf-8") for p in SAMPLE_FILES]
    items = [Article(text=text, source=f"sample-{k}") for k, text in enumerate(texts)]
    items.insert(HANDFUL + 2, InputError("bad-input", "empty input"))
    said: list[str] = []
    results = analysed(iter(items), light(), 2, on_broken=said.append)
    first = next(results)  # the pool is running now
    import multiprocessing

    workers = multiprocessing.active_children()
    assert workers, "no worker process was started"
    os.kill(workers[0].pid, signal.SIGKILL)
    got = [first, *results]
    assert [item.source for item in got] == [item.source for item in items]
    assert isinstance(got[HANDFUL + 2], InputError)
    analysed_ones = [item for item in got if isinstance(item, Article)]
    assert all(article.analysis is not None for article in analysed_ones)
    assert sum(bool(article.events) for article in analysed_ones) >= len(analysed_ones) // 2
    assert said == ["a worker process died; the rest is analysed in this process"]


def test_a_handful_of_articles_is_analysed_in_this_process():
    import multiprocessing

    items = [Article(text=p.read_text(encoding="utf-8"), source=p.name) for p in SAMPLE_FILES[:HANDFUL - 1]]
    results = analysed(iter(items), light(), 2)
    got = [next(results)]
    assert multiprocessing.active_children() == []
    got += list(results)
    assert [a.source for a in got] == [a.source for a in items]


def test_ingest_with_two_workers_stores_what_one_process_stores(tmp_path):
    inputs = [str(p) for p in SAMPLE_FILES]

    def ingest(db: str, workers: str) -> subprocess.CompletedProcess:
        return subprocess.run([sys.executable, "-m", "frontwire", "ingest", "--db", db, "--workers", workers,
                               "--disable", "framing", *inputs, inputs[0]], capture_output=True, text=True,
                              cwd=ROOT, timeout=300)

    alone, shared = ingest(str(tmp_path / "one.db"), "1"), ingest(str(tmp_path / "two.db"), "2")
    assert alone.returncode == shared.returncode == 0, shared.stderr
    summary = lambda done: done.stdout.strip().splitlines()[-1].split(": ", 2)[2]  # noqa: E731
    assert summary(shared) == summary(alone) == f"{len(inputs)} new, 0 updated, 0 unchanged, 1 duplicates, 0 failed"
    from frontwire.store import Store

    with Store(str(tmp_path / "one.db")) as one, Store(str(tmp_path / "two.db")) as two:
        assert one.count() == two.count() == len(inputs) and sorted(one.ids()) == sorted(two.ids())
        for article_id in one.ids():
            assert two.get(article_id).to_json() == one.get(article_id).to_json()
    again = ingest(str(tmp_path / "two.db"), "2")
    assert summary(again) == f"0 new, 0 updated, {len(inputs)} unchanged, 1 duplicates, 0 failed"


def test_workers_of_a_killed_run_do_not_outlive_it(tmp_path):
    # The run is killed outright (as the OOM killer would): its workers must not wait for work forever.
    pids = tmp_path / "workers.txt"
    script = (
        "import multiprocessing, sys, time\n"
        "from pathlib import Path\n"
        "from frontwire.model import Article\n"
        "from frontwire.parallel import analysed\n"
        "slow = lambda article: (time.sleep(0.2), article)[1]\n"
        "results = analysed((Article(text='x', source=str(k)) for k in range(10_000)), slow, 2)\n"
        "next(results)\n"
        f"Path({str(pids)!r}).write_text(' '.join(str(p.pid) for p in multiprocessing.active_children()))\n"
        "for _ in results: pass\n"
    )
    run = subprocess.Popen([sys.executable, "-c", script], cwd=ROOT)
    workers: list[int] = []
    try:
        deadline = time.monotonic() + 120
        while not (pids.exists() and pids.read_text().strip()) and time.monotonic() < deadline:
            time.sleep(0.05)
        workers = [int(p) for p in pids.read_text().split()]
        assert len(workers) == 2
        run.send_signal(signal.SIGKILL)
        run.wait(timeout=30)
        deadline = time.monotonic() + 15
        while any(_alive(p) for p in workers) and time.monotonic() < deadline:
            time.sleep(0.1)
        assert not any(_alive(p) for p in workers), "a worker outlived the run that forked it"
    finally:
        if run.poll() is None:
            run.kill()
        for pid in workers:  # a failed run must not leave them behind either
            if _alive(pid):
                os.kill(pid, signal.SIGKILL)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    # a zombie is dead; only its parent (gone) could reap it
    try:
        with open(f"/proc/{pid}/stat") as stat:
            return stat.read().split(") ")[-1][0] != "Z"
    except FileNotFoundError:  # gone between the two looks
        return False
