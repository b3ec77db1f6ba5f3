"""OFSI Consolidated List of Financial Sanctions Targets, CSV ("2022 format" ConList.csv).

Line 1 is `Last Updated,DD/MM/YYYY`; line 2 the header (`Name 6,Name 1,…,Name 5,Title,Name Non-Latin
Script,…,DOB,…,Nationality,Passport Number,…,Country,Other Information,Group Type,Alias Type,Alias
Quality,Regime,Listed On,…,Last Updated,Group ID`); then one row per *name*, grouped by `Group ID`.
Columns are found by header name, so older and newer column sets both read.

`list_id` is the UK Sanctions List reference ("RUS0296", the `UniqueID` of the FCDO XML), taken from
a `UK Sanctions List Ref` column or from `(UK Sanctions List Ref):…` in Other Information, so both
UK publications give the same ids; without one it is the OFSI `Group ID`. The UN reference comes
from a `UN Ref` column or `(UN Ref):KPi.033` in Other Information. OFSI froze this list on
28 January 2026; the FCDO XML (`uk_fcdo`) is its successor.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from interdict.core.entity import Address, Entity, EntityKind, Identifier, IdentifierType, Name, NameType
from interdict.core.errors import ListFormatError
from interdict.lists.formats import _uk
from interdict.lists.formats._stream import open_binary, script_of, unique
from interdict.lists.formats._unique import UniqueIds
from interdict.lists.normalize import clean, country_code, file_sha256
from interdict.lists.parsed import ParsedList

FORMAT = "uk_ofsi_csv"
LIST = _uk.LIST
REQUIRED = ("Name 6", "Group Type", "Group ID")

Row = dict[str, str]
_IMO = re.compile(r"\bIMO(?:\s+number)?\s*:?\s*(\d{7})\b", re.I)


def sniff(path: Path, head: bytes) -> bool:
    """ConList.csv: a `Last Updated` banner line followed by the `Name 6,Name 1,…` header."""
    lines = head.lstrip(b"\xef\xbb\xbf").replace(b'"', b"").split(b"\n", 2)
    # Line by line, so that a note merely quoting the banner and the header is not taken for the list.
    return (len(lines) > 1 and lines[0].startswith(b"Last Updated,") and lines[1].startswith(b"Name 6,")
            and b"Group ID" in lines[1])


def parse(path: Path) -> ParsedList:
    """Read the whole OFSI list, or raise ListFormatError (never a partial list)."""
    source = str(path)
    published, groups = _read_groups(path)
    entities = [_entity(source, gid, rows) for gid, rows in groups.items()]
    ids = UniqueIds(source, "one group per UK Sanctions List Ref")
    for entity in entities:
        ids.add(entity.list_id, f"Group ID {entity.list_id}")
    if not entities:
        raise ListFormatError(source, "row 3", "at least one target row after the header")
    return ParsedList(
        list=LIST, format=FORMAT, published=published, entities=tuple(entities),
        source=source, sha256=file_sha256(path),
    )


def _decode(path: Path) -> str:
    with open_binary(path) as fh:
        data = fh.read()
    if data and not data.endswith((b"\n", b"\r")):
        raise ListFormatError(str(path), "end of file", "a last line ending with a line break (truncated?)")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1252")  # OFSI's older exports are Windows-1252


def _read_groups(path: Path) -> tuple[str | None, dict[str, list[Row]]]:
    source = str(path)
    reader = csv.reader(io.StringIO(_decode(path), newline=""))
    banner = next(reader, [])
    if not banner or not banner[0].strip().rstrip(":").lower() == "last updated":
        raise ListFormatError(source, "row 1, column 1", 'the banner "Last Updated,DD/MM/YYYY"')
    published = _uk.uk_date(banner[1] if len(banner) > 1 else None)
    header = [h.strip() for h in next(reader, [])]
    missing = [c for c in REQUIRED if c not in header]
    if missing:
        raise ListFormatError(source, "row 2", f"a header with the columns {', '.join(missing)}")
    groups: dict[str, list[Row]] = {}
    for number, row in _rows(reader):
        if len(row) != len(header):
            raise ListFormatError(source, f"row {number}", f"{len(header)} columns, found {len(row)}")
        record = {h: v.strip() for h, v in zip(header, row, strict=True)}
        gid = record["Group ID"]
        if not gid:
            raise ListFormatError(source, f"row {number}, column Group ID", "a Group ID")
        groups.setdefault(gid, []).append(record)
    return published, groups


def _rows(reader: Any) -> Iterator[tuple[int, list[str]]]:
    for row in reader:
        if any(cell.strip() for cell in row):
            yield reader.line_num, row


def _values(rows: list[Row], column: str) -> list[str]:
    return [v for r in rows if (v := clean(r.get(column)))]


def _entity(source: str, gid: str, rows: list[Row]) -> Entity:
    names = _names(rows)
    if not names:
        raise ListFormatError(source, f"Group ID {gid}", "a name in the Name 1–Name 6 columns")
    other = _values(rows, "Other Information")
    info = " ".join(other)
    uk_refs = _values(rows, "UK Sanctions List Ref") + [m.group(1) for m in _uk.UK_REF.finditer(info)]
    un_refs = _values(rows, "UN Ref") + [m.group(1) for m in _uk.UN_REF.finditer(info)]
    kind = (_values(rows, "Group Type") or [""])[0].lower()
    extra = [("OFSI Group ID", gid), *(("Position", p) for p in unique(_values(rows, "Position")))]
    return Entity(
        list=LIST,
        list_id=uk_refs[0] if uk_refs else gid,
        kind=_uk.KINDS.get(kind, EntityKind.UNKNOWN),
        names=names,
        birth_dates=unique(_uk.uk_date(d) for d in _values(rows, "DOB")),
        birth_places=unique(_birth_places(rows)),
        nationalities=unique(country_code(n) for n in _values(rows, "Nationality")),
        addresses=unique(_address(r) for r in rows),
        identifiers=unique([*_identifiers(rows), *_imo_numbers(info)]),
        programs=unique(_values(rows, "Regime")),
        listed_on=next((_uk.uk_date(d) for d in _values(rows, "Listed On")), None),
        remarks="\n".join(unique(other)) or None,
        gender=next((g.lower() for g in _values(rows, "Gender")), None),
        references=unique(f"un:{ref}" for ref in un_refs),
        extra=tuple(extra),
    )


def _names(rows: list[Row]) -> tuple[Name, ...]:
    names: list[Name] = []
    for row in rows:
        parts = [row.get(f"Name {i}", "") for i in (1, 2, 3, 4, 5, 6)]
        full = clean(" ".join(parts))
        if full:
            role, quality = _uk.name_role(row.get("Alias Type"), row.get("Alias Quality"))
            names.append(Name(full=full, type=role, quality=quality, script=script_of(full)))
        if script := clean(row.get("Name Non-Latin Script")):
            lang = _uk.LANGUAGES.get((row.get("Non-Latin Script Language") or "").strip().lower())
            names.append(Name(full=script, type=NameType.ALIAS, script=script_of(script), lang=lang))
    names.sort(key=lambda n: n.type != NameType.PRIMARY)
    out: list[Name] = []
    for name in names:
        if all(n.full != name.full for n in out):
            if not out and name.type != NameType.PRIMARY:
                name = Name(name.full, NameType.PRIMARY, name.quality, name.script, name.lang)
            out.append(name)
    return tuple(out)


def _birth_places(rows: list[Row]) -> Iterator[str]:
    for row in rows:
        parts = [clean(row.get("Town of Birth")), clean(row.get("Country of Birth"))]
        place = ", ".join(p for p in parts if p)
        if place:
            yield place


def _address(row: Row) -> Address | None:
    lines = [clean(row.get(f"Address {i}")) for i in range(1, 7)]
    postal = clean(row.get("Post/Zip Code"))
    country = clean(row.get("Country"))
    full = ", ".join(p for p in [*lines, postal, country] if p)
    if not full or (not any(lines) and not postal):
        return None  # a bare country is a fact about the group, not an address
    street = ", ".join(p for p in lines[:3] if p) or None
    return Address(full=full, street=street, city=lines[5] or lines[3], region=lines[4],
                   postal_code=postal, country=country_code(country))


def _imo_numbers(info: str) -> list[Identifier]:
    return [Identifier(IdentifierType.IMO, m.group(1), note="IMO") for m in _IMO.finditer(info)]


def _identifiers(rows: list[Row]) -> Iterator[Identifier]:
    for row in rows:
        if number := clean(row.get("Passport Number")):
            yield Identifier(IdentifierType.PASSPORT, number, note=clean(row.get("Passport Details")))
        for column in ("National Identification Number", "NI Number"):
            if number := clean(row.get(column)):
                details = clean(row.get("National Identification Details"))
                yield Identifier(IdentifierType.NATIONAL_ID, number, note=details)

