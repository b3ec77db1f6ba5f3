"""Reading a CSV file into columns of strings, fast, with the line number of each record kept.

Readers convert whole columns with numpy at once (so 120k rows take a fraction of a second); when a
conversion fails they call `bad_row` to find which record broke it and name its line.
"""

from __future__ import annotations

import csv
import gzip
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import numpy.typing as npt

from interdict.core.errors import TransferFormatError
from interdict.core.textfile import place_of
from interdict.tracing.sources.rows import open_lines


@dataclass(frozen=True, slots=True)
class Columns:
    """The records of a CSV file: `header`, `rows` (lists of strings) and the line each starts on."""

    path: Path
    header: list[str]
    rows: list[list[str]]
    lines: list[int]

    def __len__(self) -> int:
        return len(self.rows)

    def col(self, index: int) -> list[str]:
        """One column as strings."""
        return [r[index] for r in self.rows]

    def error(self, row: int, message: str) -> TransferFormatError:
        """An error naming the file and the line of record `row` (0-based)."""
        return TransferFormatError(str(self.path), f"line {self.lines[row]}", message)


def read_text(path: Path) -> str:
    """The whole file as text (gunzipped when `.gz`); a byte that is not UTF-8 names its line.

    Read at once rather than line by line: decoding 120k lines one at a time costs more than
    parsing them.
    """
    try:
        data = path.read_bytes()
        if path.suffix == ".gz":
            data = gzip.decompress(data)
    except (OSError, EOFError) as exc:  # missing, unreadable, not gzip or truncated
        raise TransferFormatError(str(path), None, f"cannot read ({exc})") from exc
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line, _ = place_of(data, exc.start)
        raise TransferFormatError(
            str(path), f"line {line}", f"byte {data[exc.start]:#04x} is not UTF-8 text (a binary file?)"
        ) from exc


def read_header(path: Path) -> list[str]:
    """The header names of a (possibly gzipped) CSV file, trimmed."""
    with open_lines(path) as lines:
        first = next(lines, "")
    return [h.strip() for h in next(csv.reader([first]), [])]


def read_columns(path: Path, required: Sequence[str] = (), *, name: str | None = None) -> Columns:
    """All records of a CSV (gzip when `.gz`); each must have as many fields as the header.

    `required` header names must be present (`name` says what format was expected). Blank lines are
    skipped.
    """
    reader = csv.reader(read_text(path).splitlines())
    rows: list[list[str]] = []
    lines: list[int] = []
    try:
        header = next(reader, None)
        if header is None:
            raise TransferFormatError(str(path), None, "empty file: expected a CSV header")
        header = [h.strip() for h in header]
        _check_header(path, header, required, name)
        width = len(header)
        start = reader.line_num + 1
        for rec in reader:
            if rec:
                if len(rec) != width:
                    raise TransferFormatError(
                        str(path), f"line {start}", f"{len(rec)} fields, expected {width} ({header})"
                    )
                rows.append(rec)
                lines.append(start)
            start = reader.line_num + 1
    except csv.Error as exc:
        raise TransferFormatError(str(path), f"line {reader.line_num}", f"bad CSV ({exc})") from exc
    return Columns(path, header, rows, lines)


def _check_header(path: Path, header: list[str], required: Sequence[str], name: str | None) -> None:
    missing = [c for c in required if c not in header]
    if missing:
        what = f" for {name}" if name else ""
        raise TransferFormatError(
            str(path), "header", f"missing column(s) {', '.join(missing)}{what}; found {header}"
        )


def floats(cols: Columns, values: list[str], what: str) -> npt.NDArray[np.float64]:
    """A column as finite floats; a value that is not one is an error naming its line."""
    try:
        out = np.asarray(values, dtype=np.float64)
    except ValueError:
        raise _first_bad(cols, values, what, float) from None
    if not np.all(np.isfinite(out)):
        bad = int(np.flatnonzero(~np.isfinite(out))[0])
        raise cols.error(bad, f"{what} {values[bad]!r} is not a finite number")
    return out


def integers(cols: Columns, values: list[str], what: str) -> npt.NDArray[np.int64]:
    """A column of whole numbers (`3` or `3.0`); anything else is an error naming its line."""
    out = floats(cols, values, what)
    if not np.all(out == np.round(out)):
        raise _first_bad(cols, values, what, int)
    return out.astype(np.int64)


def _first_bad(cols: Columns, values: list[str], what: str, conv: Callable[[str], object]
               ) -> TransferFormatError:
    for i, v in enumerate(values):
        try:
            conv(v)
        except ValueError:
            kind = "an integer" if conv is int else "a number"
            return cols.error(i, f"{what} {v!r} is not {kind}")
    return TransferFormatError(str(cols.path), None, f"{what}: a value is not a number")


def non_negative(cols: Columns, values: npt.NDArray[np.float64], what: str) -> None:
    """Amounts cannot be negative: name the first line that is."""
    if values.size and values.min() < 0:
        bad = int(np.flatnonzero(values < 0)[0])
        raise cols.error(bad, f"{what} {values[bad]} is negative")


def non_empty(cols: Columns, index: int, what: str) -> list[str]:
    """A column of identifiers (trimmed); an empty one is an error naming its line."""
    values = [r[index].strip() for r in cols.rows]
    if "" in values:
        raise cols.error(values.index(""), f"column {what!r} is empty")
    return values
