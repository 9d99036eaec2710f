"""A batch's output directory: two Parquet datasets and the manifest that says what is finished.

``DIR/events/part-ID.parquet`` holds a partition's events in the export schema
(``frontwire.exports.parquet``, the columns of ``frontwire export --format
parquet``), ``DIR/articles/part-ID.parquet`` one row per article (the events
schema has no row for an article without events, and the store needs the whole
Article and its raw input to load it). Each directory reads as one dataset
(``pandas.read_parquet(DIR / "events")``, duckdb's ``read_parquet('DIR/events/*.parquet')``).

Every file is written to a temporary name in its directory, synced, and renamed
over its final name; only then is the partition appended to
``DIR/manifest.jsonl`` (one JSON object a line, flushed and synced). A crash
before the manifest line leaves at most a complete file that the rerun replaces
with the same content under the same name, so every article is in the output
exactly once. A line torn by a crash mid-write is ignored when the manifest is
read.
"""

from __future__ import annotations

import io
import json
import os
from pathlib import Path
from typing import Iterable, Iterator

import pyarrow as pa
import pyarrow.parquet as pq

from .. import __version__
from ..exports.json import dumps
from ..exports.records import writable

MANIFEST = "manifest.jsonl"
ARTICLES = "articles"
EVENTS = "events"
_TEMPORARY_PREFIX = ".tmp-"


def articles_schema() -> pa.Schema:
    fields = [
        ("article_id", pa.string()), ("source", pa.string()), ("url", pa.string()), ("outlet", pa.string()),
        ("title", pa.string()), ("published", pa.string()), ("language", pa.string()),
        ("events", pa.int32()), ("failed_components", pa.string()), ("partition", pa.string()),
        # The Article exactly as ``analyze --format jsonl`` prints it, and what the reader read.
        ("record", pa.string()), ("raw_kind", pa.string()), ("raw_options", pa.string()), ("raw_data", pa.binary()),
    ]
    return pa.schema([pa.field(name, kind, nullable=True) for name, kind in fields],
                     metadata={"created_by": f"frontwire {__version__}"})


def article_rows_parquet(analysed: Iterable[tuple], partition_id: str) -> bytes:
    """Parquet bytes of (Article, RawInput) pairs, one row each."""
    rows = []
    for article, raw in analysed:
        failed = [f.component for f in (article.analysis.failed if article.analysis else [])]
        rows.append({
            "article_id": article.id, "source": writable(article.source), "url": writable(article.url),
            "outlet": writable(article.outlet), "title": writable(article.title), "published": article.published,
            "language": article.language, "events": len(article.events),
            "failed_components": ",".join(failed) or None, "partition": partition_id,
            "record": dumps(article.to_json()), "raw_kind": raw.kind if raw else None,
            "raw_options": dumps(raw.options) if raw else None, "raw_data": raw.data if raw else None,
        })
    buffer = io.BytesIO()
    pq.write_table(pa.Table.from_pylist(rows, schema=articles_schema()), buffer)
    return buffer.getvalue()


def events_parquet(articles: Iterable) -> bytes:
    """Parquet bytes of the articles' events, written by the export's own writer."""
    from ..exports.parquet import ParquetWriter

    buffer = io.BytesIO()
    writer = ParquetWriter(buffer)
    for article in articles:
        writer.write(article)
    writer.finish()
    return buffer.getvalue()


def read_articles(path: Path) -> Iterator[tuple]:
    """(Article, RawInput) of each row of an articles file, as the store saves them."""
    from ..model import Article, RawInput

    table = pq.read_table(path, columns=["record", "raw_kind", "raw_options", "raw_data"])
    for row in table.to_pylist():
        article = Article.model_validate_json(row["record"])
        raw = RawInput(row["raw_data"], row["raw_kind"], json.loads(row["raw_options"])) if row["raw_kind"] else None
        yield article, raw


def _sync_directory(directory: Path) -> None:
    descriptor = os.open(directory, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


def write_atomically(target: Path, data: bytes) -> None:
    temporary = target.with_name(f"{_TEMPORARY_PREFIX}{target.name}.{os.getpid()}")
    try:
        with open(temporary, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(temporary, target)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
    _sync_directory(target.parent)


class OutputDirectory:
    def __init__(self, root: str | os.PathLike):
        self.root = Path(root)
        self.manifest_path = self.root / MANIFEST

    def lock(self) -> None:
        """Hold the directory for this process until it exits (the kernel lets go of the lock even
        after kill -9), so two runs never write one output at once. Raises BlockingIOError when
        another holds it."""
        import fcntl

        self.root.mkdir(parents=True, exist_ok=True)
        self._lock = open(self.root / ".lock", "w")
        try:
            fcntl.flock(self._lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            self._lock.close()
            raise

    def unlock(self) -> None:
        lock = getattr(self, "_lock", None)
        if lock is not None:
            lock.close()  # closing the file lets go of the lock
            self._lock = None

    def prepare(self) -> None:
        """Make the directories; remove what a crashed run left half-written."""
        self.root.mkdir(parents=True, exist_ok=True)
        for name in (ARTICLES, EVENTS):
            (self.root / name).mkdir(parents=True, exist_ok=True)
            for leftover in (self.root / name).glob(f"{_TEMPORARY_PREFIX}*"):
                leftover.unlink(missing_ok=True)

    def articles_file(self, partition_id: str) -> Path:
        return self.root / ARTICLES / f"part-{partition_id}.parquet"

    def events_file(self, partition_id: str) -> Path:
        return self.root / EVENTS / f"part-{partition_id}.parquet"

    def write_partition(self, result) -> None:
        write_atomically(self.events_file(result.partition_id), result.events_parquet)
        write_atomically(self.articles_file(result.partition_id), result.articles_parquet)

    def entries(self) -> list[dict]:
        """The manifest's entries in order; a line a crash cut short is left out."""
        if not self.manifest_path.exists():
            return []
        entries = []
        for line in self.manifest_path.read_text(encoding="utf-8", errors="replace").splitlines():
            try:
                entry = json.loads(line)
            except ValueError:
                continue
            if isinstance(entry, dict) and "entry" in entry:
                entries.append(entry)
        return entries

    def append(self, entry: dict) -> None:
        with open(self.manifest_path, "ab") as stream:
            # A crash mid-line left a fragment without its newline: start this entry on a line of its own.
            if stream.tell() and not _ends_with_newline(self.manifest_path):
                stream.write(b"\n")
            stream.write((dumps(entry) + "\n").encode("utf-8"))
            stream.flush()
            os.fsync(stream.fileno())


def _ends_with_newline(path: Path) -> bool:
    with open(path, "rb") as stream:
        stream.seek(-1, os.SEEK_END)
        return stream.read(1) == b"\n"
