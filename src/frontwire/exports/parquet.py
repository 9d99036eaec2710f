"""Events as Parquet (pyarrow), with an explicit schema: the same columns as the csv format.

Dates are ``date32``, the timestamp a UTC ``timestamp[s]``, codes and counts
nullable integers (frontwire's null fatalities stay null), coordinates and
confidence ``float64``, text UTF-8 strings unchanged (no spreadsheet guard:
Parquet is read by programs, not run by spreadsheets). With ``inter_labels``
the inter and interaction columns hold ACLED's text labels instead of codes.
Rows are written in row groups as they come, so memory does not grow with the
export.
"""

from __future__ import annotations

from typing import BinaryIO

import pyarrow as pa
import pyarrow.parquet as pq

from .. import __version__
from .acled import event_row
from .records import EventRecord, EventWriter

ROW_GROUP = 10_000


def schema(inter_labels: bool = False) -> pa.Schema:
    code = pa.string() if inter_labels else pa.int8()
    interaction = pa.string() if inter_labels else pa.int16()
    types = {
        "event_id_cnty": pa.string(), "event_date": pa.date32(), "year": pa.int16(), "time_precision": pa.int8(),
        "disorder_type": pa.string(), "event_type": pa.string(), "sub_event_type": pa.string(),
        "actor1": pa.string(), "assoc_actor_1": pa.string(), "inter1": code, "actor2": pa.string(),
        "assoc_actor_2": pa.string(), "inter2": code, "interaction": interaction,
        "civilian_targeting": pa.string(), "iso": pa.int16(), "region": pa.string(), "country": pa.string(),
        "admin1": pa.string(), "admin2": pa.string(), "admin3": pa.string(), "location": pa.string(),
        "latitude": pa.float64(), "longitude": pa.float64(), "geo_precision": pa.int8(), "source": pa.string(),
        "source_scale": pa.string(), "notes": pa.string(), "fatalities": pa.int32(), "tags": pa.string(),
        "timestamp": pa.timestamp("s", tz="UTC"),
        "id": pa.string(), "certainty": pa.string(), "claimed_by": pa.string(), "confidence": pa.float64(),
        "evidence_start": pa.int32(), "evidence_end": pa.int32(), "article_id": pa.string(),
        "article_url": pa.string(), "actor1_id": pa.string(), "actor2_id": pa.string(),
        "civilian_fatalities": pa.int32(), "means": pa.string(),
    }
    return pa.schema([pa.field(name, kind, nullable=True) for name, kind in types.items()],
                     metadata={"created_by": f"frontwire {__version__}"})


class ParquetWriter(EventWriter):
    def __init__(self, stream: BinaryIO, inter_labels: bool = False):
        super().__init__()
        self.inter_labels = inter_labels
        self.schema = schema(inter_labels)
        self.parquet = pq.ParquetWriter(stream, self.schema)
        self.pending: list[dict] = []

    def add(self, record: EventRecord) -> None:
        self.pending.append(event_row(record, inter_labels=self.inter_labels))
        self.written += 1
        if len(self.pending) >= ROW_GROUP:
            self._flush()

    def _flush(self) -> None:
        # Even an empty export writes one (empty) table, so the file always carries its schema.
        self.parquet.write_table(pa.Table.from_pylist(self.pending, schema=self.schema))
        self.pending = []

    def finish(self) -> None:
        if self.pending or self.written == 0:
            self._flush()
        self.parquet.close()
