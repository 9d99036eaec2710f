"""A batch's inputs cut into partitions, the same way on every run.

A partition is identified by its input and a record range: records ``start``
to ``stop - 1`` of one WARC file (its records numbered from 1, as the WARC
reader numbers them, ``path#N``), lines ``start`` to ``stop - 1`` of one JSON
Lines file (``path:LINE``), or files ``start`` to ``stop - 1`` of one input
argument's loose files (text, HTML, JSON documents, in the order the readers
expand a directory). Planning only delimits records (a regex pass over a WARC,
a split of JSON Lines at "\\n"); what a record holds is read by the worker that
analyses it, through the same readers ``analyze`` uses.

The identity does not depend on the run (no time, no cluster, no absolute
position in the list of partitions), so a run started again computes the same
partitions and skips those its manifest says are finished. Each partition also
carries a fingerprint of its files (size, modification time): a finished
partition whose input has changed since is refused rather than silently mixed
with new results.
"""

from __future__ import annotations

import hashlib
import mmap
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator

from ..ingest.errors import InputError
from ..ingest.gz import gunzip, gzip_members
from ..ingest.readers import expand_input
from ..ingest.sniff import GZIP_MAGIC, Undecodable, container_kind, decode, json_lines, kind_of
from ..ingest.warc import split_records
from . import DEFAULT_PARTITION_SIZE

_WARC_OPENING = re.compile(rb"WARC/1\.[01]\r?\n")


@dataclass(frozen=True)
class Partition:
    kind: str  # "warc", "jsonl" or "files"
    path: str  # the WARC or JSON Lines file; for "files", the input argument they were expanded from
    start: int
    stop: int  # exclusive
    files: tuple[str, ...] = ()  # "files" only: the files of the range, in order
    fingerprint: tuple = field(default=(), compare=False)
    # A WARC.gz written one gzip member per record (the usual layout): the bytes of the file that
    # hold exactly the partition's records, so a worker reads and decompresses only those. None:
    # the worker decompresses the whole file and counts records from its start.
    byte_range: tuple[int, int] | None = field(default=None, compare=False)

    @property
    def key(self) -> str:
        return f"{self.kind}:{self.path}:{self.start}-{self.stop}"

    @property
    def id(self) -> str:
        return hashlib.sha1(self.key.encode("utf-8", "surrogateescape")).hexdigest()[:16]

    @property
    def records(self) -> int:
        """How many records (WARC records, JSON lines, files) it spans: the unit of the progress bar."""
        return self.stop - self.start


@dataclass
class Plan:
    partitions: list[Partition]
    # Inputs that could not be planned at all (no such file, an unreadable directory).
    errors: list[InputError]

    @property
    def records(self) -> int:
        return sum(p.records for p in self.partitions)


def fingerprint(path: str) -> tuple:
    stat = os.stat(path)
    return (path, stat.st_size, stat.st_mtime_ns)


def container_bytes(path: str) -> tuple[bytes, str | None]:
    """A file's bytes, decompressed when it is gzip, and the gzip problem if any."""
    data = Path(path).read_bytes()
    if container_kind(data) == "gzip":
        return gunzip(data)
    return data, None


def plan(specs: list[str], partition_size: int = DEFAULT_PARTITION_SIZE) -> Plan:
    if partition_size < 1:
        raise ValueError("partition size must be at least 1")
    partitions: list[Partition] = []
    errors: list[InputError] = []
    seen: set[str] = set()
    for spec in specs:
        try:
            paths, error = expand_input(spec)
        except OSError as exc:
            paths, error = [], InputError(spec, f"unreadable: {exc.strerror or exc}")
        if error:
            errors.append(error)
            continue
        loose: list[str] = []
        for path in paths:
            name = os.path.abspath(os.fsdecode(path))
            if name in seen:  # one file named twice (a directory and a file in it): read once
                continue
            seen.add(name)
            container = _container_plan(name, partition_size)
            if container is None:
                loose.append(name)
            else:
                partitions.extend(container)
        where = os.path.abspath(spec)
        for start in range(0, len(loose), partition_size):
            files = tuple(loose[start:start + partition_size])
            partitions.append(Partition("files", where, start, start + len(files), files,
                                        tuple(_fingerprint_or_none(f) for f in files)))
    return Plan(partitions, errors)


def _fingerprint_or_none(path: str) -> tuple | None:
    try:
        return fingerprint(path)
    except OSError:
        return None


def _container_plan(path: str, partition_size: int) -> list[Partition] | None:
    """Partitions of a WARC or JSON Lines file (gzip or not); None for a file read whole."""
    try:
        stamp = (fingerprint(path),)
        with open(path, "rb") as stream:
            head = stream.read(2)
            if head == GZIP_MAGIC:
                with mmap.mmap(stream.fileno(), 0, access=mmap.ACCESS_READ) as mapped:
                    members = _record_members(mapped)
                    if members is not None:
                        return _member_partitions(path, members, len(mapped), partition_size, stamp)
        data, _ = container_bytes(path)
    except (OSError, ValueError):
        return None  # the reader says why, in the partition of loose files
    kind = kind_of(data)
    if kind == "warc":
        count = sum(1 for _ in split_records(data))
    elif kind == "jsonl":
        try:
            text = decode(data, html=True).text
        except Undecodable:
            return None
        count = len(json_lines(text))
    else:
        return None
    return [Partition(kind, path, start, min(start + partition_size, 1 + count), (), stamp)
            for start in range(1, 1 + count, partition_size)]


def _record_members(data) -> list[int] | None:
    """The offsets of the members of a WARC.gz written one record a member, or None for any other
    gzip file (one member for the whole archive, JSON Lines, a page): those are read whole."""
    offsets = []
    for offset, content, problem in gzip_members(data):
        if not _WARC_OPENING.match(content) and not (problem and offsets):
            return None
        offsets.append(offset)
    return offsets if len(offsets) > 1 else None


def _member_partitions(path: str, members: list[int], size: int, partition_size: int, stamp) -> list[Partition]:
    partitions = []
    for first in range(0, len(members), partition_size):
        last = min(first + partition_size, len(members))
        end = members[last] if last < len(members) else size
        partitions.append(Partition("warc", path, first + 1, last + 1, (), stamp, byte_range=(members[first], end)))
    return partitions
