"""OFAC lists in the classic XML schema (root <sdnList>): the non-SDN consolidated list and sdn.xml."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import replace
from pathlib import Path
from typing import TypeVar

from lxml import etree

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
from interdict.lists.formats.ofac_common import LIST_CONS, LIST_SDN, make_identifier, un_references
from interdict.lists.formats.ofac_remarks import birth_dates
from interdict.lists.formats.xmlstream import iter_elements, line_of, open_binary, release, root_start
from interdict.lists.normalize import clean, country_code_cached, file_sha256, iso_date
from interdict.lists.parsed import ParsedList
from interdict.lists.script import detect_script

_T = TypeVar("_T")
FORMAT = "ofac_xml"
ROOT = "sdnList"
# Programmes that exist only on OFAC's non-SDN lists (NS-PLC, SSI via 13662 directives, CMIC, MBS, ISA, FSE).
NON_SDN_PROGRAMS = frozenset(
    {
        "NS-PLC",
        "CMIC-EO13959",
        "NS-MBS",
        "NS-ISA",
        "FSE-IR",
        "FSE-SY",
        "FSE-WMD",
        "FSE-SDGT",
        "UKRAINE-EO13662",
        "561-LIST",
    }
)
_KINDS = {
    "individual": EntityKind.PERSON,
    "entity": EntityKind.ORGANIZATION,
    "vessel": EntityKind.VESSEL,
    "aircraft": EntityKind.AIRCRAFT,
}
_ALIAS_TYPES = {"a.k.a.": NameType.ALIAS, "f.k.a.": NameType.FORMER, "n.k.a.": NameType.NEW}
_XMLNS = re.compile(rb"<sdnList\b[^>]*?\sxmlns=\"([^\"]*)\"", re.S)
_VESSEL = (
    ("vesselType", "VESSEL TYPE"),
    ("vesselFlag", "Vessel Flag"),
    ("vesselOwner", "Vessel Owner"),
    ("tonnage", "Vessel Tonnage"),
    ("grossRegisteredTonnage", "Vessel Gross Registered Tonnage"),
)


def sniff(path: Path, head: bytes) -> bool:
    """True for a classic OFAC XML file (an XML document whose root element is <sdnList>)."""
    root = root_start(head)
    return root is not None and root[0] == "sdnList"


def parse(path: Path) -> ParsedList:
    """Read the whole list; ListFormatError if malformed, truncated, miscounted or not an sdnList."""
    path = Path(path)
    with open_binary(path) as stream:
        found = _XMLNS.search(stream.read(8192))
    ns = found.group(1).decode() if found else ""
    q = f"{{{ns}}}" if ns else ""
    entities: list[Entity] = []
    published: str | None = None
    declared: int | None = None
    for el in iter_elements(path, ("publshInformation", "publishInformation", "sdnEntry"), ROOT, ns or None):
        if el.tag == f"{q}sdnEntry":
            entities.append(_entry(str(path), el, q))
        else:
            published = iso_date(el.findtext(f"{q}Publish_Date"))
            count = (el.findtext(f"{q}Record_Count") or "").strip()
            declared = int(count) if count.isdigit() else None
        release(el)
    if declared is not None and declared != len(entities):
        raise ListFormatError(
            str(path),
            f"/{ROOT}/publshInformation/Record_Count",
            f"header declares {declared} records, file holds {len(entities)}",
        )
    programs = {p for e in entities for p in e.programs}
    name = _list_name(path, programs)
    if name != LIST_SDN:
        entities = [replace(e, list=name) for e in entities]
    return ParsedList(
        list=name,
        format=FORMAT,
        published=published,
        entities=tuple(entities),
        source=str(path),
        sha256=file_sha256(path),
    )


def _list_name(path: Path, programs: set[str]) -> str:
    """The classic schema does not name its list: decide by file name, else by non-SDN programmes."""
    stem = path.name.lower()
    if "cons" in stem or "non_sdn" in stem or "nonsdn" in stem:
        return LIST_CONS
    if stem.startswith("sdn"):
        return LIST_SDN
    return LIST_CONS if programs & NON_SDN_PROGRAMS else LIST_SDN


def _text(el: etree._Element, q: str, tag: str) -> str | None:
    return clean(el.findtext(f"{q}{tag}"))


def _entry(source: str, el: etree._Element, q: str) -> Entity:
    uid, last = _text(el, q, "uid"), _text(el, q, "lastName")
    if uid is None or last is None:
        raise ListFormatError(source, line_of(el), "expected <sdnEntry> with <uid> and <lastName>")
    identifiers, facts = _ids(el, q)
    title = _text(el, q, "title")
    extra = ([("title", title)] if title else []) + [(k, v) for k, v in facts if k != "Gender"]
    gender = next((v for k, v in facts if k == "Gender"), None)
    remarks = _text(el, q, "remarks")
    return Entity(
        list=LIST_SDN,
        list_id=uid,
        kind=_KINDS.get((_text(el, q, "sdnType") or "").lower(), EntityKind.UNKNOWN),
        names=_names(el, q, last),
        birth_dates=_uniq(
            d
            for i in el.iterfind(f"{q}dateOfBirthList/{q}dateOfBirthItem")
            for d in birth_dates(_text(i, q, "dateOfBirth") or "")
        ),
        birth_places=_uniq(
            p
            for i in el.iterfind(f"{q}placeOfBirthList/{q}placeOfBirthItem")
            if (p := _text(i, q, "placeOfBirth"))
        ),
        nationalities=_uniq(
            c
            for path in ("nationalityList/{q}nationality", "citizenshipList/{q}citizenship")
            for i in el.iterfind(q + path.format(q=q))
            if (c := country_code_cached(_text(i, q, "country")))
        ),
        addresses=_uniq(a for a in (_address(x, q) for x in el.iterfind(f"{q}addressList/{q}address")) if a),
        identifiers=_uniq(identifiers),
        programs=_uniq(p for x in el.iterfind(f"{q}programList/{q}program") if (p := clean(x.text))),
        remarks=remarks,
        references=un_references(remarks, *(v for _, v in facts)),
        gender=gender.lower() if gender else None,
        extra=_uniq(extra),
    )


def _uniq(items: Iterable[_T]) -> tuple[_T, ...]:
    return tuple(dict.fromkeys(items))


def _names(el: etree._Element, q: str, last: str) -> tuple[Name, ...]:
    first = _text(el, q, "firstName")
    primary = f"{last}, {first}" if first else last  # OFAC's own "LAST, First" order, as in the CSV
    names = [Name(primary, script=detect_script(primary))]
    for aka in el.iterfind(f"{q}akaList/{q}aka"):
        a_last, a_first = _text(aka, q, "lastName"), _text(aka, q, "firstName")
        full = f"{a_last}, {a_first}" if a_last and a_first else (a_last or a_first)
        if full:
            weak = (_text(aka, q, "category") or "").lower() == "weak"
            names.append(
                Name(
                    full,
                    type=_ALIAS_TYPES.get((_text(aka, q, "type") or "").lower(), NameType.ALIAS),
                    quality=NameQuality.WEAK if weak else NameQuality.STRONG,
                    script=detect_script(full),
                )
            )
    return _uniq(names)


def _ids(el: etree._Element, q: str) -> tuple[list[Identifier], list[tuple[str, str]]]:
    identifiers: list[Identifier] = []
    extra: list[tuple[str, str]] = []
    for item in el.iterfind(f"{q}idList/{q}id"):
        label, number = _text(item, q, "idType") or "", _text(item, q, "idNumber")
        if not number:
            continue
        ident = make_identifier(label, number, _text(item, q, "idCountry"))
        if ident is not None:
            identifiers.append(ident)
        else:
            extra.append((label.rstrip(":- ").strip() or "id", number))
    vessel = el.find(f"{q}vesselInfo")
    if vessel is not None:
        if sign := _text(vessel, q, "callSign"):
            identifiers.append(Identifier(IdentifierType.CALL_SIGN, sign, note="Vessel Call Sign"))
        extra += [(label, v) for tag, label in _VESSEL if (v := _text(vessel, q, tag))]
    return identifiers, extra


def _address(el: etree._Element, q: str) -> Address | None:
    street = ", ".join(p for t in ("address1", "address2", "address3") if (p := _text(el, q, t))) or None
    city, region = _text(el, q, "city"), _text(el, q, "stateOrProvince")
    postal, country = _text(el, q, "postalCode"), _text(el, q, "country")
    full = ", ".join(p for p in (street, city, region, postal, country) if p)
    if not full:
        return None
    return Address(
        full=full,
        street=street,
        city=city,
        region=region,
        postal_code=postal,
        country=country_code_cached(country),
    )
