"""UK Sanctions List XML, as published by the FCDO ("UK-Sanctions-List.xml").

Root `<Designations>` (no namespace) with `<DateGenerated>` (dd/mm/yyyy) and one `<Designation>` per
designated person, entity or ship: `UniqueID` (e.g. "DPR0075"; the `list_id`), `OFSIGroupID`,
`UNReferenceNumber`, `Names/Name` (Name1–Name5 given names, Name6 surname or whole name, `NameType`
"Primary Name" / "Primary name variation" / "Alias", optional `AliasStrength`),
`NonLatinNames/NonLatinName`, `RegimeName`, `IndividualEntityShip`, `DateDesignated`,
`OtherInformation`, `UKStatementofReasons`, `Addresses/Address`, and `IndividualDetails`,
`EntityDetails` or `ShipDetails`. Since 28 January 2026 this file replaces OFSI's ConList.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from interdict.core.entity import Address, Entity, EntityKind, Identifier, IdentifierType, Name, NameType
from interdict.core.errors import ListFormatError
from interdict.lists.formats import _uk
from interdict.lists.formats._stream import find, findall, iter_records, script_of, text, texts, unique
from interdict.lists.formats._unique import UniqueIds
from interdict.lists.formats.xmlstream import root_start
from interdict.lists.normalize import country_code, file_sha256
from interdict.lists.parsed import ParsedList

FORMAT = "uk_fcdo_xml"
LIST = _uk.LIST


def sniff(path: Path, head: bytes) -> bool:
    """The FCDO list: a `<Designations>` root with `<Designation>` records."""
    root = root_start(head)
    if root is None or root[0] != "Designations":
        return False
    return b"<Designation>" in head or b"<DateGenerated>" in head


def parse(path: Path) -> ParsedList:
    """Read the whole UK Sanctions List, or raise ListFormatError (never a partial list)."""
    entities: list[Entity] = []
    ids = UniqueIds(str(path), "a unique UniqueID; {list_id} already appears at {first}")
    published: str | None = None
    for root, record in iter_records(path, "Designation", "Designations"):
        # Read before the first record is released: releasing a record drops its earlier siblings.
        published = published or _uk.uk_date(text(root, "DateGenerated"))
        entity = _entity(str(path), record)
        ids.add(entity.list_id, f"line {record.sourceline}")
        entities.append(entity)
    if not entities:
        raise ListFormatError(str(path), "/Designations", "at least one <Designation>")
    return ParsedList(
        list=LIST, format=FORMAT, published=published, entities=tuple(entities),
        source=str(path), sha256=file_sha256(path),
    )


def _entity(source: str, record: Any) -> Entity:
    unique_id = text(record, "UniqueID")
    where = f"line {record.sourceline} (/Designations/Designation[{unique_id or '?'}])"
    if unique_id is None:
        raise ListFormatError(source, where, "a <UniqueID>")
    names = _names(record)
    if not names:
        raise ListFormatError(source, where, "at least one <Names>/<Name> with Name1–Name6 text")
    kind_text = (text(record, "IndividualEntityShip") or "").lower()
    individual = find(record, "IndividualDetails/Individual")
    un_refs = texts(record, "UNReferenceNumber")
    extra = [("OFSIGroupID", v) for v in texts(record, "OFSIGroupID")]
    extra += [("UKStatementofReasons", v) for v in texts(record, "UKStatementofReasons")]
    extra += [("SanctionsImposed", v) for v in texts(record, "SanctionsImposed")]
    if individual is not None:
        extra += [("Position", v) for v in texts(individual, "Positions/Position")]
    return Entity(
        list=LIST,
        list_id=unique_id,
        kind=_uk.KINDS.get(kind_text, EntityKind.UNKNOWN),
        names=names,
        birth_dates=unique(_uk.uk_date(d) for d in _individual(record, "DOBs/DOB")),
        birth_places=unique(_birth_places(record)),
        nationalities=unique(country_code(n) for n in _individual(record, "Nationalities/Nationality")),
        addresses=unique(_address(a) for a in findall(record, "Addresses/Address")),
        identifiers=unique(_identifiers(record)),
        programs=unique(texts(record, "RegimeName")),
        listed_on=_uk.uk_date(text(record, "DateDesignated")),
        remarks=text(record, "OtherInformation"),
        gender=next((g.lower() for g in _individual(record, "Genders/Gender")), None),
        references=tuple(f"un:{ref}" for ref in un_refs),
        extra=tuple(extra),
    )


def _names(record: Any) -> tuple[Name, ...]:
    names: list[Name] = []
    for node in findall(record, "Names/Name"):
        parts = [text(node, f"Name{i}") for i in range(1, 7)]
        full = " ".join(p for p in parts if p)
        if not full:
            continue
        role, quality = _uk.name_role(text(node, "NameType"), text(node, "AliasStrength"))
        names.append(Name(full=full, type=role, quality=quality, script=script_of(full)))
    for node in findall(record, "NonLatinNames/NonLatinName"):
        original = text(node, "NameNonLatinScript")
        if original:
            lang = _uk.LANGUAGES.get((text(node, "NonLatinScriptLanguage") or "").lower())
            names.append(Name(original, NameType.ALIAS, script=script_of(original), lang=lang))
    # The primary name goes first; later duplicates of an earlier full name are dropped.
    names.sort(key=lambda n: n.type != NameType.PRIMARY)
    out: list[Name] = []
    for name in names:
        if all(n.full != name.full for n in out):
            out.append(name if out or name.type == NameType.PRIMARY else _as_primary(name))
    return tuple(out)


def _as_primary(name: Name) -> Name:
    return Name(name.full, NameType.PRIMARY, name.quality, name.script, name.lang)


def _individual(record: Any, path: str) -> list[str]:
    return [v for person in findall(record, "IndividualDetails/Individual") for v in texts(person, path)]


def _birth_places(record: Any) -> list[str]:
    places = []
    for person in findall(record, "IndividualDetails/Individual"):
        for loc in findall(person, "BirthDetails/Location"):
            parts = [text(loc, "TownOfBirth"), text(loc, "CountryOfBirth")]
            place = ", ".join(p for p in parts if p)
            if place:
                places.append(place)
    return places


def _address(node: Any) -> Address | None:
    lines = [text(node, f"AddressLine{i}") for i in range(1, 7)]
    postal = text(node, "AddressPostalCode")
    country = text(node, "AddressCountry")
    full = ", ".join(p for p in [*lines, postal, country] if p)
    if not full:
        return None
    street = ", ".join(p for p in lines[:3] if p) or None
    return Address(
        full=full, street=street, city=lines[5] or lines[3], region=lines[4], postal_code=postal,
        country=country_code(country),
    )


def _identifiers(record: Any) -> list[Identifier]:
    out: list[Identifier] = []
    for person in findall(record, "IndividualDetails/Individual"):
        for passport in findall(person, "PassportDetails/Passport"):
            if number := text(passport, "PassportNumber"):
                note = text(passport, "PassportAdditionalInformation")
                out.append(Identifier(IdentifierType.PASSPORT, number, note=note))
        for national in findall(person, "NationalIdentifierDetails/NationalIdentifier"):
            if number := text(national, "NationalIdentifierNumber"):
                note = text(national, "NationalIdentifierAdditionalInformation")
                out.append(Identifier(IdentifierType.NATIONAL_ID, number, note=note))
    for reg in texts(record, "EntityDetails/Entity/BusinessRegistrationNumbers/BusinessRegistrationNumber"):
        out.append(Identifier(IdentifierType.REGISTRATION, reg))
    for imo in texts(record, "ShipDetails/Ship/IMONumbers/IMONumber"):
        out.append(Identifier(IdentifierType.IMO, _uk.imo_digits(imo), note="IMO"))
    for path, kind in (
        ("PhoneNumbers/PhoneNumber", IdentifierType.PHONE),
        ("EmailAddresses/EmailAddress", IdentifierType.EMAIL),
        ("Websites/Website", IdentifierType.WEBSITE),
    ):
        out += [Identifier(kind, value) for value in texts(record, path)]
    return out
