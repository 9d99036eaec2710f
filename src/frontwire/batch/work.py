"""What a Dask worker does with one partition: read its records, analyse them, return its Parquet.

The pipeline is built once per worker process (``worker_pipeline``: a process-wide cache keyed by
the pipeline's settings) and reused by every partition the process analyses; a worker that dies is
restarted by its nanny and builds it again. Results go back to the driver as Parquet bytes, so the
workers need no file system in common with the driver: the driver alone writes the output and the
manifest.

Nothing a record holds may stop the partition: a record the readers refuse (a broken WARC record, a
truncated gzip stream, a payload that is not HTML, bytes in no encoding) is returned as a failure
with its reason, and an article whose analysis raised is one too.
"""

from __future__ import annotations

import json
import os
import resource
import threading
import time
from dataclasses import dataclass, field
from typing import Iterator

from ..ingest.errors import InputError
from ..ingest.gz import gunzip
from ..ingest.readers import DEFAULT_MAX_BYTES
from ..model import Article
from ..pipeline import DEFAULT_TIME_BUDGET, PipelineError
from .plan import Partition, container_bytes


@dataclass(frozen=True)
class Settings:
    """How to read and analyse: what the command line gave, the same for every partition (and the
    key of the worker's pipeline cache)."""

    disable: tuple[str, ...] = ()
    config: tuple[tuple[str, str], ...] = ()
    time_budget: float | None = DEFAULT_TIME_BUDGET
    verbatim: bool = False
    outlet: str | None = None
    max_bytes: int = DEFAULT_MAX_BYTES  # a loose file read whole; archives are read record by record


@dataclass
class PartitionResult:
    partition_id: str
    articles: int = 0
    events: int = 0
    skipped: int = 0
    # (source, reason) of every record that gave no article
    failures: list[tuple[str, str]] = field(default_factory=list)
    # (source, component, error) of every layer that failed on an article that was kept
    component_failures: list[tuple[str, str, str]] = field(default_factory=list)
    articles_parquet: bytes = b""
    events_parquet: bytes = b""
    seconds: float = 0.0
    worker_pid: int = 0
    pipeline_token: str = ""  # which pipeline object analysed it (one per worker process)
    peak_rss_mb: float = 0.0
    # Set when the pipeline could not be built here (a bad --config value, a model file missing on
    # this worker): nothing was read, and the driver stops the batch with this message.
    refused: str | None = None


_pipelines: dict[Settings, object] = {}
_pipeline_tokens: dict[Settings, str] = {}
_pipelines_lock = threading.Lock()


def worker_pipeline(settings: Settings):
    """The pipeline of ``settings`` for this process, built on first use and kept for the process' life."""
    with _pipelines_lock:
        pipeline = _pipelines.get(settings)
        if pipeline is None:
            from ..pipeline import Pipeline

            pipeline = Pipeline(disable=settings.disable, verbatim=settings.verbatim, config=dict(settings.config),
                                time_budget=settings.time_budget)
            _pipelines[settings] = pipeline
            _pipeline_tokens[settings] = f"{os.getpid()}:{time.time_ns()}"
        return pipeline


def analyse_partition(partition: Partition, settings: Settings) -> PartitionResult:
    from ..ingest.raw import raw_input_of
    from .output import article_rows_parquet, events_parquet

    started = time.perf_counter()
    try:
        pipeline = worker_pipeline(settings)
    except PipelineError as exc:
        return PartitionResult(partition.id, worker_pid=os.getpid(), refused=str(exc))
    result = PartitionResult(partition.id, worker_pid=os.getpid(), pipeline_token=_pipeline_tokens[settings])
    analysed: list[tuple[Article, object]] = []
    for item in read_partition(partition, settings):
        if item is None:
            result.skipped += 1
            continue
        if isinstance(item, InputError):
            result.failures.append((item.source, item.reason))
            continue
        raw = raw_input_of(item)  # before the pipeline runs, as the store wants it
        try:
            article = pipeline(item)
        except Exception as exc:  # noqa: BLE001 - one article must not lose its partition
            result.failures.append((item.source or "-", f"analysis failed: {type(exc).__name__}: {exc}"))
            continue
        for failure in article.analysis.failed:
            result.component_failures.append((article.source or "-", failure.component, failure.error))
        analysed.append((article, raw))
    result.articles = len(analysed)
    result.events = sum(len(article.events) for article, _ in analysed)
    result.articles_parquet = article_rows_parquet(analysed, partition.id)
    result.events_parquet = events_parquet(article for article, _ in analysed)
    result.seconds = time.perf_counter() - started
    result.peak_rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return result


def read_partition(partition: Partition, settings: Settings) -> Iterator[Article | InputError | None]:
    """The partition's records through the project's readers: an Article, an InputError, or None for
    a WARC record that holds no page."""
    if partition.kind == "files":
        from ..ingest.readers import iter_articles

        yield from iter_articles(list(partition.files), max_bytes=settings.max_bytes, outlet=settings.outlet,
                                 verbatim=settings.verbatim)
        return
    if partition.byte_range is not None:
        yield from _warc_members(partition, settings)
        return
    try:
        data, gzip_problem = container_bytes(partition.path)
    except OSError as exc:
        yield InputError(partition.path, f"unreadable: {exc.strerror or exc}")
        return
    if gzip_problem and partition.start == 1:  # said once, by the file's first partition
        yield InputError(partition.path, gzip_problem)
    if partition.kind == "warc":
        yield from _warc_records(data, partition, settings)
    elif partition.kind == "jsonl":
        yield from _json_lines(data, partition, settings)
    else:
        raise ValueError(f"unknown partition kind {partition.kind!r}")


def _warc_members(partition: Partition, settings: Settings):
    """The records of a WARC.gz partition from its own bytes only (one gzip member a record)."""
    start, end = partition.byte_range
    try:
        with open(partition.path, "rb") as stream:
            stream.seek(start)
            compressed = stream.read(end - start)
    except OSError as exc:
        yield InputError(partition.path, f"unreadable: {exc.strerror or exc}")
        return
    data, gzip_problem = gunzip(compressed)
    if gzip_problem:
        yield InputError(partition.path, gzip_problem)
    yield from _warc_records(data, partition, settings, first_number=partition.start)


def _warc_records(data: bytes, partition: Partition, settings: Settings, first_number: int = 1):
    """The records ``partition.start`` to ``stop - 1`` of ``data``, whose first record is number
    ``first_number`` of the file."""
    from ..ingest.warc import read_warc_record, split_records

    for record in split_records(data):
        number = record.number + first_number - 1
        if number >= partition.stop:
            break
        if number < partition.start:
            continue
        source = f"{partition.path}#{number}"
        if record.problem:
            yield InputError(source, f"broken WARC record: {record.problem}")
            continue
        try:
            yield read_warc_record(record.data, {"source": source, "outlet": settings.outlet})
        except Exception as exc:  # noqa: BLE001 - a parser choking on hostile bytes costs this record
            yield InputError(source, f"unreadable: {type(exc).__name__}: {exc}")


def _json_lines(data: bytes, partition: Partition, settings: Settings):
    from ..ingest.jsonl import iter_jsonl
    from ..ingest.sniff import Undecodable, decode, json_lines

    try:
        decoded = decode(data, html=True)
    except Undecodable as exc:
        if partition.start == 1:
            yield InputError(partition.path, str(exc))
        return
    lines = json_lines(decoded.text)[partition.start - 1:partition.stop - 1]
    # The JSON Lines reader numbers lines from the top and skips blank ones: the lines before the
    # partition, left blank, keep every record's number (its source, path:LINE) as analyze gives it.
    text = "\n" * (partition.start - 1) + "\n".join(lines)
    for item in iter_jsonl(text, partition.path, verbatim=settings.verbatim, outlet=settings.outlet):
        if isinstance(item, Article) and decoded.note:
            item.warnings.append(decoded.note)
        yield item


def settings_json(settings: Settings) -> str:
    """The settings as the manifest records them (a rerun with other settings is told so)."""
    return json.dumps({"disable": list(settings.disable), "config": dict(settings.config),
                       "time_budget": settings.time_budget, "verbatim": settings.verbatim,
                       "outlet": settings.outlet, "max_bytes": settings.max_bytes}, sort_keys=True)
