"""Reading the rows of a tracing file safely: every failure names the file and the line it starts on.

Written here rather than left to `csv.DictReader` over a text stream because that gives neither:
a byte that is not UTF-8 raises a bare UnicodeDecodeError from deep in the reader, and its
`line_num` is the line a record *ends* on (a quoted newline, a blank line before it). Lines are read
as bytes and decoded one by one, so a binary file fails on the line that holds the bad byte.
Numbers are checked against what the store can hold (DuckDB BIGINT / HUGEINT) and what a date can
be, so a 40-digit amount is an error on its line, not an overflow deep in the database.
"""

from __future__ import annotations

import csv
import gzip
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

from interdict.core.errors import TransferFormatError

MAX_INDEX = 2**31 - 1  # positions within a transaction or block (DuckDB INTEGER)
MAX_BIGINT = 2**63 - 1  # UTXO values, heights, times (DuckDB BIGINT)
MAX_AMOUNT = 2**127 - 1  # account amounts and fees in base units (DuckDB HUGEINT)
MIN_TIME = int(datetime(1, 1, 1, tzinfo=UTC).timestamp())
MAX_TIME = int(datetime(9999, 12, 31, 23, 59, 59, tzinfo=UTC).timestamp())


def decoded_lines(path: Path, fh: Iterable[bytes]) -> Iterator[str]:
    """The lines of a binary stream as text; a line that is not UTF-8 is an error naming it."""
    for number, raw in enumerate(fh, 1):
        try:
            yield raw.decode("utf-8-sig" if number == 1 else "utf-8")
        except UnicodeDecodeError as exc:
            raise TransferFormatError(
                str(path), f"line {number}",
                f"byte {raw[exc.start]:#04x} at column {exc.start + 1} is not UTF-8 text"
                " (a binary file?)"
            ) from exc


@contextmanager
def open_lines(path: Path) -> Iterator[Iterator[str]]:
    """The decoded lines of a file (gzip-compressed when it ends in .gz)."""
    try:
        with gzip.open(path, "rb") if path.suffix == ".gz" else path.open("rb") as fh:
            try:
                yield decoded_lines(path, fh)
            except EOFError as exc:  # a truncated gzip stream
                raise TransferFormatError(str(path), None, f"cannot read ({exc})") from exc
    except OSError as exc:  # missing, unreadable, or not gzip at all
        raise TransferFormatError(str(path), None, f"cannot read ({exc.strerror or exc})") from exc


def csv_records(path: Path, lines: Iterator[str], *, strip: bool = False
                ) -> Iterator[tuple[int, dict[str, str | None]]]:
    """(line the record starts on, column -> value) for each record after the header.

    A missing column is None, as with `csv.DictReader`; blank lines are skipped. `strip` trims the
    header names and the spaces after each delimiter.
    """
    reader = csv.reader(lines, skipinitialspace=strip)
    start = 1
    try:
        header = next(reader, None)
        if header is None:
            return
        names = [h.strip() for h in header] if strip else header
        start = reader.line_num + 1
        for row in reader:
            line, start = start, reader.line_num + 1
            if row:
                yield line, {name: (row[i] if i < len(row) else None) for i, name in enumerate(names)}
    except csv.Error as exc:
        raise TransferFormatError(str(path), f"line {start}", f"not a valid CSV record ({exc})") from exc


def header_of(path: Path) -> list[str]:
    """The first CSV row of a file ([] for an empty file); a binary file is an error naming line 1."""
    with open_lines(path) as lines:
        try:
            return next(csv.reader(lines), [])
        except csv.Error as exc:
            raise TransferFormatError(str(path), "line 1", f"not a valid CSV header ({exc})") from exc


def in_range(path: Path, where: str, key: str, value: int, low: int, high: int) -> int:
    """`value`, or an error naming the column when it is outside [low, high]."""
    if not low <= value <= high:
        digits = len(str(abs(value)))
        raise TransferFormatError(
            str(path), where,
            f"column {key!r} = {value} ({digits} digits) is outside the range {low}..{high}")
    return value


def check_time(path: Path, where: str, key: str, value: int | None) -> int | None:
    """A unix time in seconds of the years 1 to 9999, what a date can be (None stays None)."""
    if value is None:
        return None
    return in_range(path, where, key, value, MIN_TIME, MAX_TIME)
