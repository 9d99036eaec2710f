"""The driver of a batch: plan, skip what the manifest says is finished, analyse the rest on Dask.

The driver reads no article and builds no pipeline: workers do (``frontwire.batch.work``). It
submits one task per unfinished partition to a ``LocalCluster`` it starts (worker processes, one
thread each) or to the scheduler at ``--scheduler``, and, as each task completes, writes its two
Parquet files, appends it to the manifest and, with ``--db``, loads its articles into the store
and records that too. A worker killed mid-task is replaced by its nanny and the scheduler runs
the task again elsewhere; a driver killed mid-run loses only the partitions not yet in the
manifest, which the same command, run again, computes.
"""

from __future__ import annotations

import logging
import sys
import time
import uuid
from collections import Counter
from dataclasses import dataclass, field
from typing import Callable

from ..progress import say
from .output import OutputDirectory, read_articles
from . import DEFAULT_PARTITION_SIZE, DEFAULT_WORKERS
from .plan import Partition, plan
from .work import Settings, analyse_partition, settings_json


class BatchRefused(Exception):
    """The batch cannot run as asked (an output directory made from other inputs or settings)."""


@dataclass
class BatchOptions:
    inputs: list[str]
    out: str
    db: str | None = None
    scheduler: str | None = None
    workers: int = DEFAULT_WORKERS
    partition_size: int = DEFAULT_PARTITION_SIZE
    settings: Settings = field(default_factory=Settings)


@dataclass
class Summary:
    partitions: int = 0
    finished_before: int = 0
    analysed_now: int = 0
    unfinished: int = 0  # partitions this run could not complete (a run again retries them)
    records: int = 0
    articles: int = 0
    events: int = 0
    skipped: int = 0
    failures: Counter = field(default_factory=Counter)  # reason class -> records
    unreadable_inputs: Counter = field(default_factory=Counter)  # reason -> inputs that gave no record at all
    component_failures: Counter = field(default_factory=Counter)  # component -> articles
    stored: Counter = field(default_factory=Counter)  # new / updated / unchanged / failed (this run)
    seconds: float = 0.0
    articles_now: int = 0
    peak_rss_mb: dict[str, float] = field(default_factory=dict)  # worker pid -> MB, this run

    @property
    def failed(self) -> int:
        return sum(self.failures.values()) + sum(self.unreadable_inputs.values())

    def line(self, out: str) -> str:
        rate = self.articles_now / self.seconds if self.seconds else 0.0
        parts = [f"{self.articles} articles, {self.events} events from {self.records} records in "
                 f"{self.partitions} partitions ({self.analysed_now} analysed now, {self.finished_before} "
                 f"finished before)"]
        if self.failures:
            reasons = ", ".join(f"{n} {reason}" for reason, n in self.failures.most_common())
            parts.append(f"{_plural(self.failed, 'record')} failed ({reasons})")
        else:
            parts.append("no record failed")
        if self.unreadable_inputs:
            reasons = ", ".join(f"{n} {reason}" for reason, n in self.unreadable_inputs.most_common())
            parts.append(f"{_plural(sum(self.unreadable_inputs.values()), 'input')} unreadable ({reasons})")
        if self.skipped:
            parts.append(f"{_plural(self.skipped, 'record')} without an HTML page skipped")
        if self.component_failures:
            parts.append("component failures: " + ", ".join(
                f"{component} {n}" for component, n in self.component_failures.most_common()))
        if self.unfinished:
            parts.append(f"{self.unfinished} partitions unfinished (run the same command again)")
        if self.stored:
            parts.append("store: " + ", ".join(f"{n} {what}" for what, n in sorted(self.stored.items())))
        parts.append(f"{self.seconds:.1f} s, {rate:.1f} articles/s; output in {out}")
        return "frontwire: batch: " + "; ".join(parts)


def _plural(count: int, noun: str) -> str:
    return f"{count} {noun}{'' if count == 1 else 's'}"


def reason_class(reason: str) -> str:
    """What kind of failure a reader's reason names: its words before the first colon
    ("broken WARC record: declared Content-Length ..." -> "broken WARC record")."""
    head = reason.split(":", 1)[0].strip()
    return head[:80] or "unknown"


def _normalised(value):
    """A fingerprint as JSON gives it back (tuples as lists), to compare with the manifest's."""
    import json

    return json.loads(json.dumps(value))


def run_batch(options: BatchOptions, report: Callable[[str], None] = say) -> Summary:
    started = time.perf_counter()
    out = OutputDirectory(options.out)
    try:
        out.lock()
    except BlockingIOError:
        raise BatchRefused(f"another batch is writing {options.out} now") from None
    try:
        return _run_locked(options, out, started, report)
    finally:
        out.unlock()


def _run_locked(options: BatchOptions, out: OutputDirectory, started: float, report) -> Summary:
    out.prepare()
    the_plan = plan(options.inputs, options.partition_size)
    summary = Summary(partitions=len(the_plan.partitions), records=the_plan.records)
    for error in the_plan.errors:
        report(f"frontwire: error: {error.source}: {error.reason}")
        summary.unreadable_inputs[reason_class(error.reason)] += 1
    settings = settings_json(options.settings)
    entries = out.entries()
    done = {e["partition"]: e for e in entries if e["entry"] == "partition"}
    _check_resumable(the_plan.partitions, done, settings)
    for partition in the_plan.partitions:
        if partition.id in done:
            summary.finished_before += 1
            _count(summary, done[partition.id])
    pending = [p for p in the_plan.partitions if p.id not in done]
    store = _open_store(options.db) if options.db else None
    try:
        if store is not None:
            loaded = {e["partition"] for e in entries if e["entry"] == "loaded" and e.get("db") == store.display}
            for partition in the_plan.partitions:
                if partition.id in done and partition.id not in loaded:
                    _load(store, out, partition.id, summary, report)
        if pending:
            _analyse(pending, options, out, settings, store, summary, report)
    finally:
        if store is not None:
            store.close()
    summary.seconds = time.perf_counter() - started
    return summary


def _check_resumable(partitions: list[Partition], done: dict[str, dict], settings: str) -> None:
    for partition in partitions:
        entry = done.get(partition.id)
        if entry is None:
            continue
        if entry.get("settings") != settings:
            raise BatchRefused(f"the output directory holds partitions analysed with other settings "
                               f"({entry.get('settings')}); use a new --out, or the same settings")
        if _normalised(list(partition.fingerprint)) != entry.get("fingerprint"):
            raise BatchRefused(f"{partition.path} changed since partition {partition.key} was written "
                               f"(size or modification time); use a new --out for the new input")


def _count(summary: Summary, entry: dict) -> None:
    summary.articles += entry["articles"]
    summary.events += entry["events"]
    summary.skipped += entry["skipped"]
    for _, reason in entry["failures"]:
        summary.failures[reason_class(reason)] += 1
    for _, component, _ in entry["component_failures"]:
        summary.component_failures[component] += 1


class _OpenStore:
    def __init__(self, url: str):
        from ..store import Store
        from ..store.database import display_url

        self.store = Store(url)
        self.display = display_url(self.store.engine)

    def close(self) -> None:
        self.store.close()


def _open_store(url: str) -> _OpenStore:
    from sqlalchemy.exc import OperationalError

    from ..store import SchemaError

    try:
        return _OpenStore(url)
    except (SchemaError, OperationalError) as exc:
        raise BatchRefused(f"cannot open the store {url}: {str(exc).splitlines()[0]}") from None


def _load(store: _OpenStore, out: OutputDirectory, partition_id: str, summary: Summary, report) -> None:
    """Save a finished partition's articles in the store, then record it as loaded. Saving is
    idempotent (the same input by the same analysis is "unchanged"), so a crash between the two
    costs a second, harmless pass over the partition."""
    complete = True
    for article, raw in read_articles(out.articles_file(partition_id)):
        try:
            summary.stored[store.store.save(article, raw_input=raw)] += 1
        except Exception as exc:  # noqa: BLE001 - one refused article must not stop the batch
            complete = False
            summary.stored["failed"] += 1
            report(f"frontwire: error: {article.source}: not stored: {type(exc).__name__}: {str(exc).splitlines()[0]}")
    if complete:
        out.append({"entry": "loaded", "partition": partition_id, "db": store.display})


def _client(options: BatchOptions):
    from distributed import Client, LocalCluster

    # The scheduler's and nannies' chatter (connections, worker restarts) is not the user's business;
    # their errors are.
    logging.getLogger("distributed").setLevel(logging.ERROR)
    if options.scheduler:
        return Client(options.scheduler, timeout="30s"), None
    cluster = LocalCluster(n_workers=options.workers, threads_per_worker=1, processes=True,
                           dashboard_address=":0", silence_logs=logging.ERROR)
    return Client(cluster), cluster


def _progress_bar(total: int, finished: int):
    """Records done of all planned (those finished before count from the start), articles/s, ETA."""
    from tqdm import tqdm

    return tqdm(total=total, initial=finished, unit=" records", file=sys.stderr, dynamic_ncols=True,
                mininterval=0.5, leave=False, disable=not sys.stderr.isatty())


def _manifest_entry(partition: Partition, result, settings: str) -> dict:
    return {"entry": "partition", "partition": partition.id, "key": partition.key,
            "fingerprint": _normalised(list(partition.fingerprint)), "settings": settings,
            "records": partition.records, "articles": result.articles, "events": result.events,
            "skipped": result.skipped, "failures": result.failures, "component_failures": result.component_failures,
            "seconds": round(result.seconds, 3), "worker_pid": result.worker_pid, "pipeline": result.pipeline_token,
            "peak_rss_mb": round(result.peak_rss_mb, 1)}


def _analyse(pending: list[Partition], options: BatchOptions, out: OutputDirectory, settings: str,
             store: _OpenStore | None, summary: Summary, report) -> None:
    from distributed import as_completed

    client, cluster = _client(options)
    bar = _progress_bar(summary.records, summary.records - sum(p.records for p in pending))
    # While the bar shows, lines go above it (tqdm.write), else straight to the report.
    say_line = report if bar.disable else (lambda line: bar.write(line, file=sys.stderr))
    began = time.perf_counter()
    run = uuid.uuid4().hex[:8]
    try:
        futures = {client.submit(analyse_partition, partition, options.settings,
                                 key=f"frontwire-partition-{partition.id}-{run}", pure=False): partition
                   for partition in pending}
        for future in as_completed(futures):
            partition = futures.pop(future)
            try:
                result = future.result()
            except Exception as exc:  # noqa: BLE001 - a worker lost too often: the next run retries
                summary.unfinished += 1
                say_line(f"frontwire: error: partition {partition.key}: not finished: {type(exc).__name__}: {exc}")
                continue
            finally:
                future.release()
            if result.refused:
                for other in futures:
                    other.cancel()
                raise BatchRefused(f"the pipeline cannot be built as asked: {result.refused}")
            out.write_partition(result)
            entry = _manifest_entry(partition, result, settings)
            out.append(entry)
            _count(summary, entry)
            summary.analysed_now += 1
            summary.articles_now += result.articles
            worker = str(result.worker_pid)
            summary.peak_rss_mb[worker] = max(summary.peak_rss_mb.get(worker, 0.0), result.peak_rss_mb)
            for source, reason in result.failures:
                say_line(f"frontwire: error: {source}: {reason}")
            if store is not None:
                _load(store, out, partition.id, summary, say_line)
            bar.update(partition.records)
            elapsed = time.perf_counter() - began
            bar.set_postfix_str(f"{summary.articles_now / elapsed:.1f} articles/s", refresh=False)
            if bar.disable:
                say_line(f"frontwire: batch: partition {partition.key} done: {result.articles} articles, "
                         f"{len(result.failures)} failed ({summary.finished_before + summary.analysed_now} of "
                         f"{summary.partitions})")
    finally:
        bar.close()
        client.close()
        if cluster is not None:
            cluster.close()

