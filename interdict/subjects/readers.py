"""Reading a subject file: CSV (with a header), JSON lines, or Parquet.

Columns: `id`, `name`, and optional `kind`, `dob`, `country`, `identifiers`, `deleted`.
`identifiers` is written as in the internal list format (`type:value`, `type(qualifier):value`,
several separated by `|`; in JSON also an array of such strings or of `{"type", "value",
"country"|"currency"}` objects). A row whose `deleted` is true (`true`, `1`, `yes`) removes the
subject with that id; its name may be empty.

A file loads whole or not at all: every bad row is collected and reported with its file and line
(a Parquet row's line is its row number, the first being 1), and nothing is loaded.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import orjson

from interdict.core.entity import Identifier, IdentifierType
from interdict.core.errors import InputError
from interdict.core.textfile import read_utf8
from interdict.screening.batch_input import parse_dob, parse_kind
from interdict.subjects.model import Subject

MAX_REPORTED = 20  # bad rows named in the error message; the count says how many more
_TRUE = {"true", "1", "yes", "y"}
_FALSE = {"false", "0", "no", "n", ""}
_IDENT = re.compile(r"^\s*([A-Za-z_/]+)\s*(?:\(\s*([^)]*?)\s*\))?\s*:\s*(.+?)\s*$")
_ID_ALIASES = {"swift": "bic", "swift/bic": "bic", "id": "national_id", "tax": "tax_id"}


@dataclass(frozen=True, slots=True)
class SubjectFile:
    """A subject file's subjects to add or update, and the ids it removes, in file order."""

    subjects: list[Subject]
    removals: list[str]


def read_subject_file(path: Path) -> SubjectFile:
    """Every row of a subject file; InputError naming the file and the bad lines if any is bad."""
    suffix = path.suffix.lower()
    if suffix == ".parquet":
        from interdict.subjects.store import parquet_rows

        records: Iterator[tuple[int, dict[str, Any]]] = parquet_rows(path)
    else:
        data = read_utf8(path, "subject file")
        jsonl = suffix in (".jsonl", ".ndjson", ".json") or data.lstrip().startswith("{")
        records = _json_records(str(path), data) if jsonl else _csv_records(str(path), data)
    return _collect(str(path), records)


def _collect(source: str, records: Iterator[tuple[int, dict[str, Any]]]) -> SubjectFile:
    subjects: list[Subject] = []
    removals: list[str] = []
    errors: list[tuple[int, str]] = []
    seen: dict[str, int] = {}
    for line, record in records:
        try:
            ident, subject = row_subject(record)
        except ValueError as exc:
            errors.append((line, str(exc)))
            continue
        if ident in seen:
            errors.append((line, f"id {ident!r} again (first on line {seen[ident]})"))
            continue
        seen[ident] = line
        if subject is None:
            removals.append(ident)
        else:
            subjects.append(subject)
    if errors:
        shown = "; ".join(f"line {n}: {e}" for n, e in errors[:MAX_REPORTED])
        more = f" (and {len(errors) - MAX_REPORTED} more)" if len(errors) > MAX_REPORTED else ""
        raise InputError(source, f"line {errors[0][0]}",
                         f"{len(errors)} bad row(s), nothing loaded: {shown}{more}")
    return SubjectFile(subjects, removals)


def row_subject(record: dict[str, Any]) -> tuple[str, Subject | None]:
    """(id, subject) of one row, or (id, None) for a removal; ValueError says what is wrong."""
    if "_error" in record:  # a line that did not read as a record at all
        raise ValueError(str(record["_error"]))
    ident = _text(record.get("id"))
    if not ident:
        raise ValueError("missing `id`")
    if _flag(record.get("deleted")):
        return ident, None
    name = _text(record.get("name"))
    if not name:
        raise ValueError(f"id {ident!r}: missing or empty `name`")
    try:
        kind = parse_kind(_text(record.get("kind")))
        dob = parse_dob(_text(record.get("dob")))
        identifiers = tuple(parse_identifiers(record.get("identifiers")))
    except ValueError as exc:
        raise ValueError(f"id {ident!r}: {exc}") from None
    return ident, Subject(ident, name, kind, dob, _text(record.get("country")) or None, identifiers)


def parse_identifiers(value: Any) -> Iterator[Identifier]:
    """Identifiers from text (`type:value|type(q):value`) or a JSON array; ValueError if malformed."""
    if value is None or value == "":
        return
    items = value if isinstance(value, list) else [p for p in str(value).split("|") if p.strip()]
    for item in items:
        if isinstance(item, dict):
            kind, number = item.get("type"), item.get("value")
            qualifier = item.get("country") or item.get("currency")
        else:
            m = _IDENT.match(str(item))
            if not m:
                raise ValueError(f"identifier {item!r} is not type:value")
            kind, qualifier, number = m.groups()
        yield _identifier(str(kind or ""), qualifier, str(number or "").strip())


def _identifier(kind: str, qualifier: str | None, value: str) -> Identifier:
    name = _ID_ALIASES.get(kind.strip().lower(), kind.strip().lower())
    try:
        id_type = IdentifierType(name)
    except ValueError:
        known = ", ".join(t.value for t in IdentifierType)
        raise ValueError(f"identifier type {kind!r} is not one of {known}") from None
    if not value:
        raise ValueError(f"the {name} identifier has no value")
    if id_type is IdentifierType.CRYPTO:
        return Identifier(id_type, value, currency=(qualifier or "").upper() or None)
    return Identifier(id_type, value, country=(qualifier or "").lower() or None)


def _flag(value: Any) -> bool:
    if isinstance(value, bool):
        return value
    text = (_text(value) or "").lower()
    if text in _TRUE:
        return True
    if text in _FALSE:
        return False
    raise ValueError(f"`deleted` {value!r} is not true/false")


def _text(value: Any) -> str | None:
    return None if value is None else str(value).strip()


def _json_records(source: str, data: str) -> Iterator[tuple[int, dict[str, Any]]]:
    for line_no, line in enumerate(data.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            record = orjson.loads(line)
        except orjson.JSONDecodeError as exc:
            yield line_no, {"id": None, "_error": f"not valid JSON ({exc})"}
            continue
        yield line_no, (record if isinstance(record, dict)
                        else {"id": None, "_error": "expected a JSON object"})


def _csv_records(source: str, data: str) -> Iterator[tuple[int, dict[str, Any]]]:
    reader = csv.DictReader(io.StringIO(data))
    fields = {f.strip().lower() for f in reader.fieldnames or []}
    if not {"id", "name"} <= fields:
        raise InputError(source, "line 1",
                         f"the CSV header must name `id` and `name`, found {sorted(fields)}")
    for record in reader:
        if None in record:
            yield reader.line_num, {"id": None, "_error": "more fields than the header"}
            continue
        yield reader.line_num, {(k or "").strip().lower(): v for k, v in record.items()}
