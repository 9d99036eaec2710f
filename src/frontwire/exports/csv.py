"""Events as CSV: ``acled`` (ACLED's 31 columns, nothing else) and ``csv`` (those, then frontwire's own).

Written with the standard ``csv`` module (RFC 4180 quoting: a cell holding a
comma, a quote or a line break is quoted, quotes doubled), so any text
survives a round trip through pandas, R or Python's reader.

CSV injection. ``notes``, actor and place names come from scraped text; a
spreadsheet opening the file runs a cell that starts with ``=``, ``+``,
``-``, ``@``, a tab or a carriage return as a formula (OWASP, "CSV Injection").
So a *text* cell starting with one of those, or with an apostrophe, is written
with one apostrophe in front (``'=HYPERLINK(...)``), which spreadsheets show as
text. Numeric columns (coordinates, counts, codes) are never touched, so a
negative longitude stays a number. The rule is reversible: strip one leading
apostrophe from a text cell that has one and the text is back exactly
(``original_text``). JSON Lines, GeoJSON and Parquet carry text unchanged.
"""

from __future__ import annotations

import csv
from datetime import date, datetime
from typing import Any, Callable, TextIO

from .acled import ACLED_COLUMNS, ALL_COLUMNS, acled_left_out, event_row
from .records import EventRecord, EventWriter

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
GUARD = "'"


def spreadsheet_safe(text: str) -> str:
    """``text`` as a cell no spreadsheet runs as a formula (see the module's docstring)."""
    return GUARD + text if text.startswith(FORMULA_STARTS + (GUARD,)) else text


def original_text(cell: str) -> str:
    """The text a ``spreadsheet_safe`` cell was made from."""
    return cell[1:] if cell.startswith(GUARD) else cell


def cell(value: Any) -> str | int | float:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return int(value.timestamp())  # ACLED: Unix seconds
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, str):
        return spreadsheet_safe(value)
    return value


class CsvEventWriter(EventWriter):
    def __init__(self, stream: TextIO, columns: tuple[str, ...], row: Callable[[EventRecord], dict],
                 left_out: Callable[[EventRecord], str | None] | None = None, report_left_out: TextIO | None = None):
        super().__init__(report_left_out)
        self.columns = columns
        self.row = row
        self.why_left_out = left_out
        self.stream = stream
        self.csv = csv.writer(stream)  # RFC 4180: minimal quoting, CRLF between records
        self.csv.writerow(columns)

    def add(self, record: EventRecord) -> None:
        reason = self.why_left_out(record) if self.why_left_out else None
        if reason:
            self.left_out[reason] += 1
            return
        values = self.row(record)
        self.csv.writerow([cell(values[column]) for column in self.columns])
        self.written += 1

    def finish(self) -> None:
        self.stream.flush()


def acled_csv_writer(stream: TextIO, inter_labels: bool = False, report_left_out: TextIO | None = None) -> CsvEventWriter:
    return CsvEventWriter(stream, ACLED_COLUMNS,
                          lambda record: event_row(record, inter_labels=inter_labels, acled_fatalities=True),
                          left_out=acled_left_out, report_left_out=report_left_out)


def frontwire_csv_writer(stream: TextIO, inter_labels: bool = False,
                         report_left_out: TextIO | None = None) -> CsvEventWriter:
    """ACLED's columns (every event, frontwire's null fatalities kept) followed by frontwire's own."""
    return CsvEventWriter(stream, ALL_COLUMNS, lambda record: event_row(record, inter_labels=inter_labels),
                          report_left_out=report_left_out)
