"""UN Security Council Consolidated List (XML, root <CONSOLIDATED_LIST>), streamed with lxml."""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path

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
from interdict.lists.formats.xmlstream import child_text, iter_elements, line_of, release, root_start
from interdict.lists.normalize import clean, country_code_cached, file_sha256, iso_date
from interdict.lists.parsed import ParsedList
from interdict.lists.script import detect_script

FORMAT = "un_xml"
LIST = "un"
ROOT = "CONSOLIDATED_LIST"
MAX_YEAR_SPAN = 20  # a BETWEEN range wider than this is kept as its two end years only

_QUALITY = {
    "good": (NameType.ALIAS, NameQuality.STRONG),
    "a.k.a.": (NameType.ALIAS, NameQuality.STRONG),
    "low": (NameType.ALIAS, NameQuality.WEAK),
    "f.k.a.": (NameType.FORMER, NameQuality.STRONG),
    "n.k.a.": (NameType.NEW, NameQuality.STRONG),
}
# Document type text (English, French, Spanish, with typos and line breaks) → identifier type.
_DOC_PATTERNS: tuple[tuple[re.Pattern[str], IdentifierType], ...] = (
    (re.compile(r"passport|passeport|pasaporte", re.I), IdentifierType.PASSPORT),
    (re.compile(r"social security|tax|fiscal", re.I), IdentifierType.TAX_ID),
    (
        re.compile(r"identi|id card|\bid\b|tazkira|civil|national number|personal", re.I),
        IdentifierType.NATIONAL_ID,
    ),
)
# Some documents have no NUMBER but say it in the text: "...number 545167 issued in 1974",
# "Italian Fiscal Code: DAOMMD74T11Z352Z", "SSN 156-92-9858", "card DE- 473900".
_NUMBER_IN_TEXT = re.compile(
    r"(?:number|no\.|code:|SSN|card)\s*[:;]?\s*((?:[A-Z]{1,2}-?\s)?[A-Z0-9][A-Z0-9-]*\d[A-Z0-9-]*)", re.I
)

# Identifiers the UN writes only in COMMENTS1: "SWIFT/BIC: KDBKKPPY", "SWIFT: DCBKKPPY",
# "IMO number: 5988369", "International Maritime Organization (IMO) Number: 1790183", "IMO 5434358".
_REMARK_BIC = re.compile(r"\bSWIFT(?:/BIC)?\s*(?:code)?\s*[:#]?\s*([A-Z]{6}[A-Z0-9]{2}(?:[A-Z0-9]{3})?)\b")
_REMARK_IMO = re.compile(r"\bIMO\)?\s*(?:number|no\.?)?\s*[:#]?\s*(\d{7})\b", re.I)


def remark_identifiers(remarks: str | None) -> tuple[Identifier, ...]:
    """SWIFT/BIC codes and IMO numbers (ships' and companies') stated in a COMMENTS1 text."""
    if not remarks:
        return ()
    found = [Identifier(IdentifierType.BIC, m.group(1), note="SWIFT/BIC in comments")
             for m in _REMARK_BIC.finditer(remarks)]
    found += [Identifier(IdentifierType.IMO, m.group(1), note="IMO number in comments")
              for m in _REMARK_IMO.finditer(remarks)]
    return tuple(dict.fromkeys(found))


def sniff(path: Path, head: bytes) -> bool:
    """True for an XML document whose root element is <CONSOLIDATED_LIST>."""
    root = root_start(head)
    return root is not None and root[0] == ROOT


def parse(path: Path) -> ParsedList:
    """Read the whole UN list; ListFormatError if it is malformed, truncated or not a UN list."""
    path = Path(path)
    entities: list[Entity] = []
    published: str | None = None
    for element in iter_elements(path, ("INDIVIDUAL", "ENTITY"), ROOT):
        if published is None:
            published = iso_date(element.getroottree().getroot().get("dateGenerated"))
        entities.append(_entry(path, element))
        release(element)
    if not entities:
        raise ListFormatError(
            str(path), f"/{ROOT}", "expected INDIVIDUALS/INDIVIDUAL or ENTITIES/ENTITY records"
        )
    return ParsedList(
        list=LIST,
        format=FORMAT,
        published=published,
        entities=tuple(entities),
        source=str(path),
        sha256=file_sha256(path),
    )


def _entry(path: Path, el: etree._Element) -> Entity:
    person = el.tag == "INDIVIDUAL"
    ref = child_text(el, "REFERENCE_NUMBER")
    if ref is None:
        raise ListFormatError(str(path), line_of(el), f"<{el.tag}> without a REFERENCE_NUMBER")
    primary = " ".join(
        t
        for t in (child_text(el, tag) for tag in ("FIRST_NAME", "SECOND_NAME", "THIRD_NAME", "FOURTH_NAME"))
        if t
    )
    if not primary:
        raise ListFormatError(str(path), line_of(el), f"{ref}: expected a FIRST_NAME")
    prefix = "INDIVIDUAL" if person else "ENTITY"
    remarks = child_text(el, "COMMENTS1")
    extra = [("dataid", v) for v in [child_text(el, "DATAID")] if v]
    extra += [("title", v) for v in _values(el, "TITLE")]
    extra += [("designation", v) for v in _values(el, "DESIGNATION")]
    gender = child_text(el, "GENDER")
    return Entity(
        list=LIST,
        list_id=ref,
        kind=EntityKind.PERSON if person else EntityKind.ORGANIZATION,
        names=_names(el, primary, prefix),
        birth_dates=_birth_dates(el) if person else (),
        birth_places=_birth_places(el) if person else (),
        nationalities=_dedupe(c for c in (country_code_cached(v) for v in _values(el, "NATIONALITY")) if c),
        addresses=_addresses(el, prefix),
        identifiers=(*(_documents(el) if person else ()), *remark_identifiers(remarks)),
        programs=_dedupe(p for p in [child_text(el, "UN_LIST_TYPE")] if p),
        listed_on=iso_date(child_text(el, "LISTED_ON")),
        remarks=remarks,
        gender=gender.lower() if gender else None,
        extra=tuple(extra),
    )


def _values(el: etree._Element, tag: str) -> list[str]:
    return [v for v in (clean(x.text) for x in el.iterfind(f"{tag}/VALUE")) if v]


def _dedupe(items: Iterable[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(items))


def _names(el: etree._Element, primary: str, prefix: str) -> tuple[Name, ...]:
    names = [Name(primary, script=detect_script(primary))]
    original = child_text(el, "NAME_ORIGINAL_SCRIPT")
    if original:
        names.append(Name(original, type=NameType.ALIAS, script=detect_script(original)))
    for alias in el.iterfind(f"{prefix}_ALIAS"):
        text = child_text(alias, "ALIAS_NAME")
        if not text:
            continue  # the UN publishes empty alias elements
        quality = (child_text(alias, "QUALITY") or "").lower()
        kind, strength = _QUALITY.get(quality, (NameType.ALIAS, NameQuality.STRONG))
        names.append(Name(text, type=kind, quality=strength, script=detect_script(text)))
    return tuple(dict.fromkeys(names))


def _birth_dates(el: etree._Element) -> tuple[str, ...]:
    dates: list[str] = []
    for dob in el.iterfind("INDIVIDUAL_DATE_OF_BIRTH"):
        exact = iso_date(child_text(dob, "DATE")) or iso_date(child_text(dob, "YEAR"))
        if exact:
            dates.append(exact)
            continue
        low, high = child_text(dob, "FROM_YEAR"), child_text(dob, "TO_YEAR")
        if low and high and low.isdigit() and high.isdigit():
            dates.extend(_year_span(int(low), int(high)))
        elif low or high:
            dates.extend(d for d in (iso_date(low), iso_date(high)) if d)
    return tuple(dict.fromkeys(dates))


def _year_span(low: int, high: int) -> list[str]:
    """Every year of a range, or just its ends when the range is implausibly wide."""
    low, high = min(low, high), max(low, high)
    if high - low > MAX_YEAR_SPAN:
        return [str(low), str(high)]
    return [str(year) for year in range(low, high + 1)]


def _birth_places(el: etree._Element) -> tuple[str, ...]:
    places = []
    for pob in el.iterfind("INDIVIDUAL_PLACE_OF_BIRTH"):
        parts = [child_text(pob, t) for t in ("STREET", "CITY", "STATE_PROVINCE", "COUNTRY")]
        text = ", ".join(p for p in parts if p)
        if text:
            places.append(text)
    return tuple(dict.fromkeys(places))


def _addresses(el: etree._Element, prefix: str) -> tuple[Address, ...]:
    addresses = []
    for node in el.iterfind(f"{prefix}_ADDRESS"):
        street, city = child_text(node, "STREET"), child_text(node, "CITY")
        region, postal = child_text(node, "STATE_PROVINCE"), child_text(node, "ZIP_CODE")
        country, note = child_text(node, "COUNTRY"), child_text(node, "NOTE")
        full = ", ".join(p for p in (street, city, region, postal, country, note) if p)
        if full:
            addresses.append(
                Address(
                    full=full,
                    street=street,
                    city=city,
                    region=region,
                    postal_code=postal,
                    country=country_code_cached(country),
                )
            )
    return tuple(dict.fromkeys(addresses))


def document_type(text: str | None) -> IdentifierType:
    """Normalise the UN's free-text TYPE_OF_DOCUMENT (any language) to an identifier type."""
    value = " ".join((text or "").split())
    for pattern, kind in _DOC_PATTERNS:
        if pattern.search(value):
            return kind
    return IdentifierType.OTHER


def number_in_text(text: str) -> str | None:
    """A document number the UN wrote into the type or note text (`passport number L 191609 issued ...`)."""
    found = _NUMBER_IN_TEXT.search(text)
    return found.group(1) if found else None


def _documents(el: etree._Element) -> tuple[Identifier, ...]:
    found = []
    for doc in el.iterfind("INDIVIDUAL_DOCUMENT"):
        label = " ".join(
            t for t in (child_text(doc, "TYPE_OF_DOCUMENT"), child_text(doc, "TYPE_OF_DOCUMENT2")) if t
        )
        country = child_text(doc, "ISSUING_COUNTRY") or child_text(doc, "COUNTRY_OF_ISSUE")
        note = "; ".join(t for t in (label, child_text(doc, "DATE_OF_ISSUE"), child_text(doc, "NOTE")) if t)
        number = child_text(doc, "NUMBER") or number_in_text(note)
        if not number:
            continue
        found.append(
            Identifier(
                type=document_type(label),
                value=number,
                country=country_code_cached(country),
                note=note or None,
            )
        )
    return tuple(dict.fromkeys(found))
