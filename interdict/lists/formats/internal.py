"""A bank's own internal watchlist: a simple CSV or JSON-lines file (specification in docs/lists.md).

CSV: UTF-8, a header row with the columns `id,name,kind,aliases,dob,country,identifiers,programs,
remarks` (only `id` and `name` are required; an optional `list` column names the list). Multi-valued
cells are separated by `|`; identifiers are `type:value` or `type(qualifier):value`, where the
qualifier is the issuing country of a document or the currency of a crypto address
(`passport(kp):472310082|bic:KDBKKPPY|crypto(XBT):1Abc…`). JSON lines: one object per line with the
same fields, where multi-valued fields may also be JSON arrays (identifiers as strings or objects).

The list is called "internal" unless the file has a `list` column/field (every row the same value).
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from interdict.core.entity import Entity, EntityKind, Identifier, IdentifierType, Name, NameType
from interdict.core.errors import ListFormatError
from interdict.lists.formats._stream import open_binary, script_of, unique
from interdict.lists.formats._unique import UniqueIds
from interdict.lists.normalize import clean, country_code, file_sha256, iso_date
from interdict.lists.parsed import ParsedList

FORMAT = "internal_csv"  # JSON lines are read by the same module; `ParsedList.format` says which
FORMAT_JSONL = "internal_jsonl"
DEFAULT_LIST = "internal"
COLUMNS = ("id", "name", "kind", "aliases", "dob", "country", "identifiers", "programs", "remarks", "list")

_KINDS = {
    "person": EntityKind.PERSON, "individual": EntityKind.PERSON,
    "organization": EntityKind.ORGANIZATION, "organisation": EntityKind.ORGANIZATION,
    "entity": EntityKind.ORGANIZATION, "company": EntityKind.ORGANIZATION,
    "vessel": EntityKind.VESSEL, "ship": EntityKind.VESSEL,
    "aircraft": EntityKind.AIRCRAFT, "": EntityKind.UNKNOWN, "unknown": EntityKind.UNKNOWN,
}
_ID_ALIASES = {"swift": "bic", "swift/bic": "bic", "id": "national_id", "tax": "tax_id", "imo_number": "imo"}
_IDENT = re.compile(r"^\s*([A-Za-z_/]+)\s*(?:\(\s*([^)]*?)\s*\))?\s*:\s*(.+?)\s*$")


def sniff(path: Path, head: bytes) -> bool:
    """A CSV whose header starts `id,name`, or JSON lines whose first object has `id` and `name`."""
    first = head.lstrip(b"\xef\xbb\xbf").lstrip().split(b"\n", 1)[0].strip()
    if first.lower().replace(b'"', b"").startswith(b"id,name"):
        return True
    if first.startswith(b"{"):
        try:
            obj = json.loads(first)
        except ValueError:
            return False
        return isinstance(obj, dict) and "id" in obj and "name" in obj and "schema" not in obj
    return False


def parse(path: Path) -> ParsedList:
    """Read a whole internal watchlist (CSV or JSON lines), or raise ListFormatError."""
    with open_binary(path) as fh:
        raw = fh.read()
    try:
        data = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ListFormatError(str(path), f"byte {exc.start}", "UTF-8 text") from exc
    is_json = data.lstrip().startswith("{")
    records = _json_records(str(path), data) if is_json else _csv_records(str(path), data)
    entities: list[Entity] = []
    names: set[str] = set()
    ids = UniqueIds(str(path), "a unique id; {list_id} repeats")
    for where, record in records:
        entity = _entity(str(path), where, record)
        ids.add(entity.list_id, _at(where, "id"))
        names.add(entity.list)
        entities.append(entity)
    if not entities:
        raise ListFormatError(str(path), None, "at least one watchlist entry")
    if len(names) > 1:
        raise ListFormatError(str(path), "column list", f"one list name per file, found {sorted(names)}")
    return ParsedList(
        list=names.pop(), format=FORMAT_JSONL if is_json else FORMAT, published=None,
        entities=tuple(entities), source=str(path), sha256=file_sha256(path),
    )


def _csv_records(source: str, data: str) -> Iterator[tuple[str, dict[str, Any]]]:
    reader = csv.reader(io.StringIO(data, newline=""))
    header = [h.strip().lower() for h in next(reader, [])]
    unknown = [h for h in header if h not in COLUMNS]
    if unknown or "id" not in header or "name" not in header:
        allowed = ",".join(COLUMNS)
        raise ListFormatError(source, "row 1", f"a header with id,name and only the columns {allowed}")
    for row in reader:
        if not any(cell.strip() for cell in row):
            continue
        if len(row) != len(header):
            found = f"{len(header)} columns, found {len(row)}"
            raise ListFormatError(source, f"row {reader.line_num}", found)
        yield f"row {reader.line_num}", dict(zip(header, row, strict=True))


def _json_records(source: str, data: str) -> Iterator[tuple[str, dict[str, Any]]]:
    for number, line in enumerate(data.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
        except ValueError as exc:
            raise ListFormatError(source, f"line {number}", f"one JSON object per line ({exc})") from exc
        if not isinstance(obj, dict):
            raise ListFormatError(source, f"line {number}", "a JSON object")
        unknown = [k for k in obj if k not in COLUMNS]
        if unknown:
            raise ListFormatError(source, _at(f"line {number}", unknown[0]), f"only the fields {COLUMNS}")
        yield f"line {number}", obj


def _at(where: str, field: str) -> str:
    """A location: "row 3, column kind" in CSV, "line 3, field kind" in JSON lines."""
    return f"{where}, {'column' if where.startswith('row') else 'field'} {field}"


def _many(value: Any) -> list[str]:
    """A multi-valued field: a JSON array, or text separated by `|`."""
    if value is None:
        return []
    items = value if isinstance(value, list) else str(value).split("|")
    return [v for item in items if (v := clean(item if isinstance(item, str) else json.dumps(item)))]


def _entity(source: str, where: str, record: dict[str, Any]) -> Entity:
    list_id = clean(str(record.get("id") or ""))
    name = clean(str(record.get("name") or ""))
    if list_id is None or name is None:
        raise ListFormatError(source, _at(where, "id" if list_id is None else "name"), "a value")
    kind = str(record.get("kind") or "").strip().lower()
    if kind not in _KINDS:
        raise ListFormatError(source, _at(where, "kind"), "person, organization, vessel or aircraft")
    countries = _many(record.get("country"))
    names = [Name(name, NameType.PRIMARY, script=script_of(name))]
    names += [Name(a, NameType.ALIAS, script=script_of(a)) for a in _many(record.get("aliases")) if a != name]
    return Entity(
        list=clean(str(record.get("list") or "")) or DEFAULT_LIST,
        list_id=list_id,
        kind=_KINDS[kind],
        names=tuple(names),
        birth_dates=unique(_date(source, where, d) for d in _many(record.get("dob"))),
        nationalities=unique(_country(source, _at(where, "country"), c) for c in countries),
        identifiers=unique(_identifiers(source, where, record.get("identifiers"))),
        programs=unique(_many(record.get("programs"))),
        remarks=clean(str(record.get("remarks") or "")),
    )


def _date(source: str, where: str, text: str) -> str:
    date = iso_date(text)
    if date is None or not re.match(r"^\d{4}(-\d{2}){0,2}$", text.strip()):
        raise ListFormatError(source, _at(where, "dob"), f"an ISO date YYYY[-MM[-DD]], found {text!r}")
    return date


def _country(source: str, where: str, text: str) -> str:
    code = country_code(text)
    if code is None:
        raise ListFormatError(source, where, f"an ISO 3166 country code or name, found {text!r}")
    return code


def _identifiers(source: str, where: str, value: Any) -> Iterator[Identifier]:
    items = value if isinstance(value, list) else _many(value)
    for item in items:
        if isinstance(item, dict):
            qualifier = item.get("country") or item.get("currency")
            kind, number = item.get("type"), item.get("value")
        else:
            m = _IDENT.match(str(item))
            if not m:
                raise ListFormatError(source, _at(where, "identifiers"), f"type:value, found {item!r}")
            kind, qualifier, number = m.groups()
        yield _identifier(source, _at(where, "identifiers"), str(kind or ""), qualifier, str(number or ""))


def _identifier(source: str, where: str, kind: str, qualifier: str | None, number: str) -> Identifier:
    name = _ID_ALIASES.get(kind.strip().lower(), kind.strip().lower())
    try:
        id_type = IdentifierType(name)
    except ValueError:
        known = ", ".join(t.value for t in IdentifierType)
        raise ListFormatError(source, where, f"an identifier type ({known}), found {kind!r}") from None
    value = number.strip()
    if not value:
        raise ListFormatError(source, where, f"a value for the {name} identifier")
    if id_type is IdentifierType.CRYPTO:
        if not qualifier:
            raise ListFormatError(source, where, "the currency of a crypto address: crypto(XBT):address")
        return Identifier(id_type, value, currency=qualifier.upper())
    if id_type in (IdentifierType.BIC, IdentifierType.IMO):
        value = re.sub(r"^IMO", "", value.replace(" ", "").upper())
    country = _country(source, where, qualifier) if qualifier else None
    return Identifier(id_type, value, country=country)
