"""Reading a batch of queries: CSV (with a header) or JSON lines with `id`, `name` and optional
`kind`, `dob`, `country`. A bad row becomes a `BadRow` naming its line, never an exception, so one
bad line does not stop the others.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass
from typing import Any

import orjson

from interdict.core.entity import EntityKind
from interdict.core.match import Query

_DOB = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
KINDS = {"person": EntityKind.PERSON, "organization": EntityKind.ORGANIZATION,
         "organisation": EntityKind.ORGANIZATION, "vessel": EntityKind.VESSEL,
         "aircraft": EntityKind.AIRCRAFT,
         "address": EntityKind.ADDRESS, "any": None, "": None}


@dataclass(frozen=True, slots=True)
class Row:
    """One valid input row."""

    line: int
    id: str
    query: Query


@dataclass(frozen=True, slots=True)
class BadRow:
    """One input row that could not be read, with its line number and what was expected."""

    line: int
    id: str | None
    error: str


def parse_kind(text: str | None) -> EntityKind | None:
    """`person`, `organization`, `vessel`, `aircraft`, `address` or `any`/empty (None); else ValueError."""
    key = (text or "").strip().lower()
    if key not in KINDS:
        raise ValueError(f"kind {text!r} is not one of person, organization, vessel, aircraft, address, any")
    return KINDS[key]


def parse_dob(text: str | None) -> str | None:
    """A date of birth as YYYY, YYYY-MM or YYYY-MM-DD; ValueError otherwise."""
    value = (text or "").strip()
    if not value:
        return None
    if not _DOB.match(value):
        raise ValueError(f"dob {text!r} is not YYYY, YYYY-MM or YYYY-MM-DD")
    return value


def row_query(line: int, record: dict[str, Any]) -> Row | BadRow:
    """Validate one record (from CSV or JSON) into a Row, or a BadRow saying what is wrong."""
    raw_id = record.get("id")
    ident = None if raw_id is None or str(raw_id).strip() == "" else str(raw_id)
    name = record.get("name")
    if ident is None:
        return BadRow(line, None, "missing `id`")
    if not isinstance(name, str) or not name.strip():
        return BadRow(line, ident, "missing or empty `name`")
    try:
        kind = parse_kind(_text(record.get("kind")))
        dob = parse_dob(_text(record.get("dob")))
    except ValueError as exc:
        return BadRow(line, ident, str(exc))
    country = _text(record.get("country"))
    return Row(line, ident, Query(name=name, kind=kind, dob=dob, country=country or None))


def _text(value: Any) -> str | None:
    return None if value is None else str(value)


def read_batch(data: str, *, json_lines: bool | None = None) -> list[Row | BadRow]:
    """Rows of a batch file's text; JSON lines when the first non-blank character is `{`."""
    if json_lines is None:
        json_lines = data.lstrip().startswith("{")
    return _read_jsonl(data) if json_lines else _read_csv(data)


def _read_jsonl(data: str) -> list[Row | BadRow]:
    rows: list[Row | BadRow] = []
    for line_no, line in enumerate(data.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            record = orjson.loads(line)
        except orjson.JSONDecodeError as exc:
            rows.append(BadRow(line_no, None, f"not valid JSON ({exc})"))
            continue
        if not isinstance(record, dict):
            rows.append(BadRow(line_no, None, "expected a JSON object"))
            continue
        rows.append(row_query(line_no, record))
    return rows


def _read_csv(data: str) -> list[Row | BadRow]:
    reader = csv.DictReader(io.StringIO(data))
    fields = {f.strip().lower() for f in reader.fieldnames or []}
    if not {"id", "name"} <= fields:
        return [BadRow(1, None, f"CSV header must contain `id` and `name`, found {sorted(fields)}")]
    rows: list[Row | BadRow] = []
    for record in reader:
        clean = {(k or "").strip().lower(): v for k, v in record.items()}
        if None in record:
            rows.append(BadRow(reader.line_num, clean.get("id"), "more fields than the header"))
            continue
        rows.append(row_query(reader.line_num, clean))
    return rows
