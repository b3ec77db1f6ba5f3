"""FollowTheMoney entities as JSON lines (the OpenSanctions export format): import and export.

Import: every Person, Company, Organization, LegalEntity, Vessel and Airplane marked as a `target`
becomes one Entity (`list_id` = the FtM id); entities without a `target` flag count as targets.
Linked entities enrich it: `Sanction` (via `entity`: programmes, listing dates, `unscId` as a UN
reference), `Passport` / `Identification` and `CryptoWallet` (via `holder`: identifiers) and
`Address` (via `addressEntity`). Schemata are read and checked with the followthemoney model.
The list is named after the export's dataset (`list_name`): "opensanctions_<dataset>", so that
two exports are two lists and not two versions of one (each entry's datasets are kept in `extra`).
Export (`export_ftm`) writes the same shapes back, so a round trip keeps
names, ids and identifiers.
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from followthemoney import model
from followthemoney.exc import InvalidData

from interdict.core.entity import (
    Address,
    Entity,
    EntityKind,
    Identifier,
    IdentifierType,
    Name,
    NameQuality,
    NameType,
)
from interdict.core.errors import ListFormatError
from interdict.lists.formats._ftm_export import export_ftm
from interdict.lists.formats._stream import open_binary, script_of, unique
from interdict.lists.normalize import file_sha256, iso_date
from interdict.lists.parsed import ParsedList

__all__ = ["FORMAT", "LIST", "export_ftm", "parse", "sniff"]

FORMAT = "ftm_json"
LIST = "opensanctions"  # the prefix of every FtM-born list's name
_SLUG = re.compile(r"[^a-z0-9_]+")

KINDS = {
    "Person": EntityKind.PERSON, "Company": EntityKind.ORGANIZATION, "Organization": EntityKind.ORGANIZATION,
    "LegalEntity": EntityKind.ORGANIZATION, "PublicBody": EntityKind.ORGANIZATION,
    "Vessel": EntityKind.VESSEL, "Airplane": EntityKind.AIRCRAFT,
}
# FtM properties on the entity itself that are identifiers.
ID_PROPS = {
    "passportNumber": IdentifierType.PASSPORT, "idNumber": IdentifierType.NATIONAL_ID,
    "taxNumber": IdentifierType.TAX_ID, "innCode": IdentifierType.TAX_ID, "vatCode": IdentifierType.TAX_ID,
    "registrationNumber": IdentifierType.REGISTRATION, "ogrnCode": IdentifierType.REGISTRATION,
    "imoNumber": IdentifierType.IMO, "mmsi": IdentifierType.MMSI, "callSign": IdentifierType.CALL_SIGN,
    "swiftBic": IdentifierType.BIC, "leiCode": IdentifierType.LEI, "email": IdentifierType.EMAIL,
    "website": IdentifierType.WEBSITE, "phone": IdentifierType.PHONE, "serialNumber": IdentifierType.AIRCRAFT,
}
_NAME_PROPS = (
    ("name", NameType.ALIAS, NameQuality.STRONG), ("alias", NameType.ALIAS, NameQuality.STRONG),
    ("weakAlias", NameType.ALIAS, NameQuality.WEAK), ("previousName", NameType.FORMER, NameQuality.STRONG),
)

_LINKED = frozenset({"Sanction", "Passport", "Identification", "CryptoWallet"})

Props = dict[str, list[str]]


def sniff(path: Path, head: bytes) -> bool:
    """JSON lines whose first line is an object with `id` and `schema` (an FtM entity)."""
    first, *rest = head.lstrip().split(b"\n", 1)
    if not first.startswith(b"{"):
        return False
    if not rest:  # the first line is longer than the head (keys may be sorted): look for them
        return b'"id"' in first and (b'"schema"' in first or b'"properties"' in first)
    try:
        data = json.loads(first)
    except ValueError:
        return False
    return isinstance(data, dict) and "schema" in data and "id" in data


def parse(path: Path) -> ParsedList:
    """Read a whole FtM JSON-lines file; bad JSON or unknown schemata raise ListFormatError."""
    targets: list[tuple[str, str, Props, dict[str, Any]]] = []
    by_id: dict[str, Props] = {}
    links: dict[str, list[tuple[str, Props]]] = defaultdict(list)  # holder/entity id -> linked
    published: str | None = None
    datasets: set[str] = set()
    for number, data in _lines(path):
        try:
            proxy = model.get_proxy(data)
        except InvalidData as exc:
            raise ListFormatError(str(path), f"line {number}", f"a FollowTheMoney entity ({exc})") from exc
        if not proxy.id:
            raise ListFormatError(str(path), f"line {number}", "an entity id")
        props: Props = {k: list(v) for k, v in proxy.properties.items()}
        schema = proxy.schema.name
        datasets.update(str(d) for d in data.get("datasets") or ())
        if last := iso_date(data.get("last_change")):
            published = max(published or last, last)
        # Keep only what a target can use, so a full OpenSanctions export stays within memory.
        if schema == "Address":
            by_id[proxy.id] = props
        elif schema in _LINKED:
            for ref in props.get("entity", []) + props.get("holder", []):
                links[ref].append((schema, props))
        elif schema in KINDS and data.get("target", True):
            targets.append((proxy.id, schema, props, data))
    name = list_name(path, datasets)
    entities = tuple(_entity(name, i, s, p, d, links.get(i, []), by_id) for i, s, p, d in targets)
    return ParsedList(
        list=name, format=FORMAT, published=published, entities=entities,
        source=str(path), sha256=file_sha256(path),
    )


def list_name(path: Path, datasets: set[str]) -> str:
    """"opensanctions_<dataset>": the one dataset all the file's entities share, else the export's name.

    A mixed file is a collection (OpenSanctions publishes each as `<name>/entities.ftm.json`), so
    the folder names it; any other file is named by its file name up to the first dot.
    """
    if len(datasets) == 1:
        name = next(iter(datasets))
    elif path.name.lower().startswith("entities.") and path.parent.name:
        name = path.parent.name
    else:
        name = path.name.split(".", 1)[0]
    slug = _SLUG.sub("_", name.lower()).strip("_")
    return f"{LIST}_{slug}" if slug else LIST


def _lines(path: Path) -> Iterator[tuple[int, dict[str, Any]]]:
    with open_binary(path) as fh:
        for number, raw in enumerate(fh, start=1):
            if not raw.strip():
                continue
            try:
                data = json.loads(raw)
            except ValueError as exc:
                expected = f"one JSON object per line ({exc})"
                raise ListFormatError(str(path), f"line {number}", expected) from exc
            if not isinstance(data, dict) or "schema" not in data:
                raise ListFormatError(str(path), f"line {number}", "a JSON object with a schema")
            yield number, data


def _names(props: Props) -> tuple[Name, ...]:
    names: list[Name] = []
    for prop, role, quality in _NAME_PROPS:
        for value in props.get(prop, []):
            if all(n.full != value for n in names):
                kind = NameType.PRIMARY if not names else role
                names.append(Name(value, kind, quality, script=script_of(value)))
    return tuple(names)


def _entity(
    list_name: str, ftm_id: str, schema: str, props: Props, data: dict[str, Any],
    linked: list[tuple[str, Props]], by_id: dict[str, Props],
) -> Entity:
    sanctions = [p for s, p in linked if s == "Sanction"]
    programs = [v for p in sanctions for v in (p.get("programId") or p.get("program") or [])]
    dates = [d for p in sanctions for d in p.get("listingDate", []) + p.get("startDate", [])]
    un_ids = [v for p in sanctions for v in p.get("unscId", [])]
    nationalities = props.get("nationality", []) + props.get("citizenship", [])
    extra = [("ftm_schema", schema), *(("dataset", d) for d in data.get("datasets", []))]
    extra += [("topic", t) for t in props.get("topics", [])]
    return Entity(
        list=list_name,
        list_id=ftm_id,
        kind=KINDS[schema],
        names=_names(props),
        birth_dates=unique(props.get("birthDate", [])),
        birth_places=unique(props.get("birthPlace", [])),
        nationalities=unique(nationalities or props.get("country", [])),
        addresses=unique(_addresses(props, by_id)),
        identifiers=unique(_identifiers(props, linked)),
        programs=unique(programs),
        listed_on=min((d for d in map(iso_date, dates) if d), default=None),
        remarks="\n".join(props.get("notes", [])) or None,
        gender=_first(props, "gender"),
        references=unique(f"un:{u}" for u in un_ids),
        extra=tuple(extra),
    )


def _addresses(props: Props, by_id: dict[str, Props]) -> Iterator[Address]:
    for ref in props.get("addressEntity", []):
        addr = by_id.get(ref)
        if addr is None:
            continue
        full = (addr.get("full") or [", ".join(v[0] for k, v in addr.items() if k != "country")])[0]
        if full:
            yield Address(
                full=full, street=_first(addr, "street"), city=_first(addr, "city"),
                region=_first(addr, "region"), postal_code=_first(addr, "postalCode"),
                country=_first(addr, "country"),
            )
    if not props.get("addressEntity"):
        yield from (Address(full=text) for text in props.get("address", []))


def _identifiers(props: Props, linked: list[tuple[str, Props]]) -> Iterator[Identifier]:
    for prop, kind in ID_PROPS.items():
        for value in props.get(prop, []):
            yield Identifier(kind, value)
    for schema, doc in linked:
        if schema in ("Passport", "Identification"):
            kind, note = _document_kind(schema, _first(doc, "type"))
            for number in doc.get("number", []):
                yield Identifier(kind, number, country=_first(doc, "country"), note=note)
        elif schema == "CryptoWallet":
            for key in doc.get("publicKey", []):
                yield Identifier(IdentifierType.CRYPTO, key, currency=_first(doc, "currency"))


def _document_kind(schema: str, doc_type: str | None) -> tuple[IdentifierType, str | None]:
    """Passport, national id, or (as Interdict exports them) another identifier type named in `type`."""
    if schema == "Passport":
        return IdentifierType.PASSPORT, doc_type
    known = {t.value for t in IdentifierType} - {"passport"}
    if doc_type in known:
        return IdentifierType(doc_type), None
    return IdentifierType.NATIONAL_ID, doc_type


def _first(props: Props, prop: str) -> str | None:
    values = props.get(prop)
    return values[0] if values else None


def export_lines(entities: Iterable[Entity]) -> Iterator[str]:
    """The FtM export of `entities` as JSON lines (without line breaks)."""
    for data in export_ftm(entities):
        yield json.dumps(data, ensure_ascii=False, sort_keys=True)
