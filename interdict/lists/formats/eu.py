"""EU Financial Sanctions Files (FSF): the consolidated list XML ("xmlFullSanctionsList_1_1").

Root `<export generationDate=…>` in the namespace `http://eu.europa.ec/fpi/fsd/export`, one
`<sanctionEntity euReferenceNumber logicalId unitedNationId designationDate>` per listed subject with
`regulation` (programme, publicationDate), `subjectType` (code person/enterprise), `nameAlias`
(wholeName, firstName/middleName/lastName, nameLanguage, strong, function, gender), `citizenship`,
`birthdate`, `identification`, `address` and `remark` children; every fact is an attribute.

`list_id` is the `euReferenceNumber` ("EU.27.28"): it is what the EU prints in its notices and what
other lists and analysts cite. An entry without one falls back to `logical:<logicalId>`; the
`logicalId` is always kept in `extra`. `unitedNationId` becomes a reference "un:<id>".
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

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
from interdict.lists.formats._stream import findall, iter_records, script_of, unique
from interdict.lists.formats._unique import UniqueIds
from interdict.lists.formats.xmlstream import root_start
from interdict.lists.normalize import clean, country_code, file_sha256, iso_date
from interdict.lists.parsed import ParsedList

FORMAT = "eu_xml"
LIST = "eu"
NAMESPACE = "http://eu.europa.ec/fpi/fsd/export"

_KINDS = {"person": EntityKind.PERSON, "enterprise": EntityKind.ORGANIZATION, "vessel": EntityKind.VESSEL}
_ID_TYPES = {
    "passport": IdentifierType.PASSPORT,
    "id": IdentifierType.NATIONAL_ID,
    "ssn": IdentifierType.NATIONAL_ID,
    "nationcert": IdentifierType.NATIONAL_ID,
    "swiftbic": IdentifierType.BIC,
    "imo": IdentifierType.IMO,
    "regnumber": IdentifierType.REGISTRATION,
    "tradelic": IdentifierType.REGISTRATION,
    "fiscalcode": IdentifierType.TAX_ID,
}
_GENDERS = {"M": "male", "F": "female"}


def sniff(path: Path, head: bytes) -> bool:
    """An FSF export: an `<export>` root in the FSF namespace (or with `sanctionEntity` records)."""
    root = root_start(head)
    if root is None or root[0] != "export":
        return False
    return b"fpi/fsd/export" in root[1] or b"<sanctionEntity" in head


def parse(path: Path) -> ParsedList:
    """Read the whole EU consolidated list, or raise ListFormatError (never a partial list)."""
    entities: list[Entity] = []
    published: str | None = None
    ids = UniqueIds(str(path), "a unique euReferenceNumber; {list_id} is also at {first}")
    for root, record in iter_records(path, "sanctionEntity", "export"):
        if published is None:
            published = iso_date(root.get("generationDate"))
        entity = _entity(str(path), record)
        ids.add(entity.list_id, f"line {record.sourceline}")
        entities.append(entity)
    if published is None and not entities:
        raise ListFormatError(str(path), "/export", "at least one <sanctionEntity> and a generationDate")
    return ParsedList(
        list=LIST, format=FORMAT, published=published, entities=tuple(entities),
        source=str(path), sha256=file_sha256(path),
    )


def _where(record: Any) -> str:
    ident = record.get("euReferenceNumber") or record.get("logicalId") or "?"
    return f"line {record.sourceline} (/export/sanctionEntity[{ident}])"


def _entity(source: str, record: Any) -> Entity:
    ref = clean(record.get("euReferenceNumber"))
    logical = clean(record.get("logicalId"))
    if ref is None and logical is None:
        raise ListFormatError(source, _where(record), "an euReferenceNumber or logicalId attribute")
    subject = findall(record, "subjectType")
    code = (subject[0].get("code") or "").strip().lower() if subject else ""
    names, gender, functions = _names(record)
    if not names:
        raise ListFormatError(source, _where(record), "a <nameAlias> with a wholeName or name parts")
    regulations = findall(record, "regulation")
    listing_dates = [iso_date(record.get("designationDate"))]
    listing_dates += [iso_date(r.get("publicationDate")) for r in regulations]
    un_id = clean(record.get("unitedNationId"))
    remarks = [" ".join((r.text or "").split()) for r in findall(record, "remark")]
    extra = [("logicalId", logical)] if logical else []
    extra += [("function", f) for f in functions]
    return Entity(
        list=LIST,
        list_id=ref or f"logical:{logical}",
        kind=_KINDS.get(code, EntityKind.UNKNOWN),
        names=names,
        birth_dates=unique(_birth_date(b) for b in findall(record, "birthdate")),
        birth_places=unique(_birth_place(b) for b in findall(record, "birthdate")),
        nationalities=unique(_country(c) for c in findall(record, "citizenship")),
        addresses=unique(_address(a) for a in findall(record, "address")),
        identifiers=unique(_identifier(i) for i in findall(record, "identification")),
        programs=unique(clean(r.get("programme")) for r in regulations),
        listed_on=min((d for d in listing_dates if d), default=None),
        remarks="\n".join(r for r in remarks if r) or None,
        gender=gender,
        references=(f"un:{un_id}",) if un_id else (),
        extra=tuple(extra),
    )


def _names(record: Any) -> tuple[tuple[Name, ...], str | None, list[str]]:
    names: list[Name] = []
    gender: str | None = None
    functions: list[str] = []
    for alias in findall(record, "nameAlias"):
        full = clean(alias.get("wholeName")) or clean(
            " ".join(alias.get(k) or "" for k in ("firstName", "middleName", "lastName"))
        )
        gender = gender or _GENDERS.get((alias.get("gender") or "").strip().upper())
        if function := clean(alias.get("function")):
            functions.append(function)
        if full is None:
            continue
        remark = " ".join(r.text or "" for r in findall(alias, "remark")).lower()
        weak = (alias.get("strong") or "true").strip().lower() == "false" or "low quality" in remark
        lang = clean(alias.get("nameLanguage"))
        name = Name(
            full=full,
            type=NameType.PRIMARY if not names else NameType.ALIAS,
            quality=NameQuality.WEAK if weak else NameQuality.STRONG,
            script=script_of(full),
            lang=lang.lower() if lang else None,
        )
        if all(n.full != name.full for n in names):
            names.append(name)
    return tuple(names), gender, list(unique(functions))


def _country(node: Any) -> str | None:
    code = clean(node.get("countryIso2Code"))
    if code and code != "00":
        return code.lower()
    description = clean(node.get("countryDescription"))
    return country_code(description) if description and description != "UNKNOWN" else None


def _birth_date(node: Any) -> str | None:
    if date := iso_date(node.get("birthdate")):
        return date
    year = clean(node.get("year"))
    if not year:
        return None
    parts = [year]
    month = clean(node.get("monthOfYear"))
    if month:
        parts.append(f"{int(month):02d}")
        day = clean(node.get("dayOfMonth"))
        if day:
            parts.append(f"{int(day):02d}")
    return iso_date("-".join(parts))


def _birth_place(node: Any) -> str | None:
    country = clean(node.get("countryDescription"))
    parts = [clean(node.get(k)) for k in ("place", "city", "region")]
    parts.append(country if country and country != "UNKNOWN" else None)
    return ", ".join(p for p in parts if p) or None


def _address(node: Any) -> Address | None:
    street = clean(node.get("street"))
    city = clean(node.get("city"))
    region = clean(node.get("region"))
    postal = clean(node.get("zipCode"))
    po_box = clean(node.get("poBox"))
    description = clean(node.get("countryDescription"))
    description = description if description != "UNKNOWN" else None
    full = ", ".join(p for p in (street, po_box, city, postal, region, description) if p)
    if not full:
        return None
    return Address(
        full=full, street=street, city=city, region=region, postal_code=postal, country=_country(node)
    )


def _identifier(node: Any) -> Identifier | None:
    number = clean(node.get("number")) or clean(node.get("latinNumber"))
    if number is None:
        return None
    code = (node.get("identificationTypeCode") or "").strip().lower()
    kind = _ID_TYPES.get(code, IdentifierType.OTHER)
    if kind in (IdentifierType.BIC, IdentifierType.IMO):
        number = number.replace(" ", "").upper().removeprefix("IMO")
    return Identifier(
        type=kind,
        value=number,
        country=_country(node),
        note=clean(node.get("identificationTypeDescription")) or code or None,
    )
