"""OFAC SDN list as the legacy CSV set: sdn.csv + add.csv + alt.csv (+ sdn_comments.csv) in one folder.

Quirks handled: no header, Windows-1252, CRLF, a trailing 0x1A byte, `-0-` (or `-0- `) for empty
fields, several programmes in one field as `A] [B`, and facts packed into Remarks (continued in
sdn_comments.csv). The CSV carries no publication date.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from pathlib import Path

from interdict.core.entity import Address, Entity, EntityKind, Identifier, IdentifierType, Name, NameType
from interdict.core.errors import ListFormatError
from interdict.lists.formats.ofac_common import LIST_SDN, un_references
from interdict.lists.formats.ofac_remarks import parse_remarks
from interdict.lists.normalize import clean, country_code_cached
from interdict.lists.parsed import ParsedList
from interdict.lists.script import detect_script

FORMAT = "ofac_csv"
REQUIRED = ("sdn.csv", "add.csv", "alt.csv")
OPTIONAL = ("sdn_comments.csv",)
_WIDTHS = {"sdn.csv": 12, "add.csv": 6, "alt.csv": 5, "sdn_comments.csv": 2}
_KINDS = {"individual": EntityKind.PERSON, "vessel": EntityKind.VESSEL, "aircraft": EntityKind.AIRCRAFT}
_ALT_TYPES = {"aka": NameType.ALIAS, "fka": NameType.FORMER, "nka": NameType.NEW}
_LF = b"\n"
_VESSEL_COLUMNS = ("Vess_type", "Tonnage", "GRT", "Vess_flag", "Vess_owner")


def sniff(path: Path, head: bytes) -> bool:
    """True for a folder holding OFAC CSV files, or for sdn.csv itself."""
    path = Path(path)
    if path.is_dir():
        return any((path / name).is_file() for name in (*REQUIRED, *OPTIONAL))
    return path.name.lower() == "sdn.csv" and head[:1].isdigit()


def parse(path: Path) -> ParsedList:
    """Read the whole CSV set; ListFormatError naming the file and line if any part is missing or broken."""
    folder = Path(path) if Path(path).is_dir() else Path(path).parent
    for name in REQUIRED:
        if not (folder / name).is_file():
            raise ListFormatError(
                str(folder / name),
                None,
                f"missing {name}: the OFAC CSV set needs {', '.join(REQUIRED)} in one folder",
            )
    rows = {name: list(_rows(folder / name)) for name in (*REQUIRED, *OPTIONAL) if (folder / name).is_file()}
    _check_joins(folder, rows)
    comments: dict[str, str] = {}
    for _line, row in rows.get("sdn_comments.csv", []):
        comments[row[0]] = comments.get(row[0], "") + (row[1] or "")
    aliases = _group(rows["alt.csv"])
    addresses = _group(rows["add.csv"])
    entities = []
    for _line, row in rows["sdn.csv"]:
        key = row[0]
        entities.append(_entity(row, comments.get(key, ""), aliases.get(key, []), addresses.get(key, [])))
    if not entities:
        raise ListFormatError(str(folder / "sdn.csv"), "line 1", "expected at least one SDN row")
    sha = _set_sha256(folder, [n for n in (*REQUIRED, *OPTIONAL) if n in rows])
    return ParsedList(
        list=LIST_SDN, format=FORMAT, published=None, entities=tuple(entities), source=str(folder), sha256=sha
    )


def _rows(path: Path) -> Iterator[tuple[int, list[str]]]:
    """Rows of one file, each checked for width and an integer ent_num; text cleaned of `-0-`."""
    raw = path.read_bytes()
    if raw.endswith(b"\x1a"):
        raw = raw[:-1]
    elif raw and not raw.endswith(b"\n"):
        raise ListFormatError(
            str(path),
            f"line {raw.count(_LF) + 1}",
            "file ends in the middle of a row (truncated); expected a line end or 0x1A",
        )
    try:
        text = raw.decode("cp1252")
    except UnicodeDecodeError as exc:
        if not raw[:1].isdigit():  # not an OFAC CSV at all: say that rather than blame the encoding
            _check_row(path, 1, raw.split(_LF, 1)[0].decode("cp1252", "replace").split(","))
        raise ListFormatError(
            str(path), f"line {raw[: exc.start].count(_LF) + 1}", f"expected Windows-1252 text ({exc.reason})"
        ) from exc
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    try:
        for row in reader:
            if not row or (len(row) == 1 and not row[0].strip()):
                continue
            line = reader.line_num
            _check_row(path, line, row)
            yield line, [row[0].strip(), *(_null(v) for v in row[1:])]
    except csv.Error as exc:
        raise ListFormatError(str(path), f"line {reader.line_num}", f"malformed CSV ({exc})") from exc


def _check_row(path: Path, line: int, row: list[str]) -> None:
    width = _WIDTHS[path.name]
    if len(row) != width or not row[0].strip().isdigit():
        raise ListFormatError(
            str(path),
            f"line {line}",
            f"expected {width} comma-separated fields starting with a numeric ent_num, "
            f"found {len(row)} field(s) starting {row[0][:20]!r}",
        )


def _null(value: str) -> str:
    return "" if value.strip() == "-0-" else value


def _check_joins(folder: Path, rows: dict[str, list[tuple[int, list[str]]]]) -> None:
    """Every side-file row must belong to an sdn.csv row: otherwise the files are from different dates."""
    known = {row[0] for _line, row in rows["sdn.csv"]}
    for name, side in rows.items():
        for line, row in side:
            if row[0] not in known:
                raise ListFormatError(
                    str(folder / name),
                    f"line {line}",
                    f"ent_num {row[0]} is not in sdn.csv: expected files of one publication",
                )


def _group(rows: list[tuple[int, list[str]]]) -> dict[str, list[list[str]]]:
    grouped: dict[str, list[list[str]]] = {}
    for _line, row in rows:
        grouped.setdefault(row[0], []).append(row)
    return grouped


def _entity(
    row: list[str], continuation: str, aliases: list[list[str]], addresses: list[list[str]]
) -> Entity:
    ent_num, name, sdn_type, program, title, call_sign = row[:6]
    remarks = clean((row[11] or "") + continuation)
    facts = parse_remarks(remarks)
    names = [Name(" ".join(name.split()), script=detect_script(name))]
    for alt in aliases:
        if alt_name := clean(alt[3]):
            names.append(
                Name(
                    alt_name,
                    type=_ALT_TYPES.get((clean(alt[2]) or "").lower(), NameType.ALIAS),
                    script=detect_script(alt_name),
                )
            )
    names.extend(facts.names)
    identifiers: list[Identifier] = []
    if sign := clean(call_sign):
        identifiers.append(Identifier(IdentifierType.CALL_SIGN, sign, note="Call_Sign"))
    identifiers.extend(facts.identifiers)
    extra = [("title", t) for t in [clean(title)] if t]
    extra += [(col, v) for col, v in zip(_VESSEL_COLUMNS, (clean(x) for x in row[6:11]), strict=True) if v]
    return Entity(
        list=LIST_SDN,
        list_id=ent_num,
        kind=_KINDS.get((clean(sdn_type) or "").lower(), EntityKind.ORGANIZATION),
        names=tuple(dict.fromkeys(names)),
        birth_dates=tuple(dict.fromkeys(facts.birth_dates)),
        birth_places=tuple(dict.fromkeys(facts.birth_places)),
        nationalities=tuple(dict.fromkeys(facts.nationalities)),
        addresses=tuple(dict.fromkeys(a for a in (_address(r) for r in addresses) if a)),
        identifiers=tuple(dict.fromkeys(identifiers)),
        programs=programs(program),
        remarks=remarks,
        gender=facts.gender,
        references=un_references(remarks),
        extra=tuple(dict.fromkeys(extra + facts.extra)),
    )


def programs(field: str) -> tuple[str, ...]:
    """`CYBER2] [DPRK3` → ("CYBER2", "DPRK3")."""
    items = (p.strip(" []") for p in (field or "").split("] ["))
    return tuple(dict.fromkeys(p for p in items if p))


def _address(row: list[str]) -> Address | None:
    street, city, country, note = (clean(v) for v in row[2:6])
    full = ", ".join(p for p in (street, city, country, note) if p)
    if not full:
        return None
    return Address(full=full, street=street, city=city, country=country_code_cached(country))


def _set_sha256(folder: Path, names: list[str]) -> str:
    """One digest over the set: sha256 of the sorted `name sha256` lines of its files."""
    import hashlib

    from interdict.lists.normalize import file_sha256

    lines = "".join(f"{name} {file_sha256(folder / name)}\n" for name in sorted(names))
    return hashlib.sha256(lines.encode()).hexdigest()
