"""Element readers for the OFAC advanced XML (see `ofac_advanced`): code tables, locations,
documents, parties with their names and features, relationships and sanctions entries."""

from __future__ import annotations

import calendar
from dataclasses import dataclass, field
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
from interdict.lists.formats.ofac_common import LIST_SDN, make_identifier, un_references
from interdict.lists.formats.xmlstream import line_of, local
from interdict.lists.normalize import clean, country_code_cached
from interdict.lists.script import detect_script

_T = TypeVar("_T")
MAX_YEAR_SPAN = 20  # a birth-date range wider than this keeps only its two end years
_ALIAS_TYPES = {"A.K.A.": NameType.ALIAS, "F.K.A.": NameType.FORMER, "N.K.A.": NameType.NEW}
_KINDS = {
    "Vessel": EntityKind.VESSEL,
    "Aircraft": EntityKind.AIRCRAFT,
    "Individual": EntityKind.PERSON,
    "Entity": EntityKind.ORGANIZATION,
}
_COUNTRY_FEATURES = ("Nationality Country", "Citizenship Country")
_STREET_PARTS = ("ADDRESS1", "ADDRESS2", "ADDRESS3")


@dataclass(slots=True)
class Refs:
    """The ReferenceValueSets code tables: values[item tag][ID] → text."""

    values: dict[str, dict[str, str]]
    country_iso: dict[str, str]
    party_type_of_subtype: dict[str, str]
    iso_of_country_name: dict[str, str] = field(default_factory=dict)

    def get(self, table: str, key: str | None, source: str, where: etree._Element) -> str:
        """The text of code `key` in `table`; a dangling reference means a broken file."""
        value = self.values.get(table, {}).get(key or "")
        if value is None:
            raise ListFormatError(source, line_of(where), f"{table} ID {key!r} is not in ReferenceValueSets")
        return value


@dataclass(slots=True)
class Draft:
    """One DistinctParty while the rest of the file is still being read."""

    list_id: str
    kind: EntityKind
    names: list[Name] = field(default_factory=list)
    birth_dates: list[str] = field(default_factory=list)
    birth_places: list[str] = field(default_factory=list)
    nationalities: list[str] = field(default_factory=list)
    addresses: list[Address] = field(default_factory=list)
    identifiers: list[Identifier] = field(default_factory=list)
    programs: list[str] = field(default_factory=list)
    listed_on: str | None = None
    remarks: str | None = None
    gender: str | None = None
    extra: list[tuple[str, str]] = field(default_factory=list)

    def build(self) -> Entity:
        """The finished, immutable Entity."""
        return Entity(
            list=LIST_SDN,
            list_id=self.list_id,
            kind=self.kind,
            names=_uniq(self.names),
            birth_dates=_uniq(self.birth_dates),
            birth_places=_uniq(self.birth_places),
            nationalities=_uniq(self.nationalities),
            addresses=_uniq(self.addresses),
            identifiers=_uniq(self.identifiers),
            programs=_uniq(self.programs),
            listed_on=self.listed_on,
            remarks=self.remarks,
            gender=self.gender,
            # Remarks and free-text features (e.g. "Additional Sanctions Information -") may cite the UN.
            references=un_references(self.remarks, *(value for _, value in self.extra)),
            extra=_uniq(self.extra),
        )


@dataclass(slots=True)
class State:
    """Everything read so far from one file."""

    source: str
    ns: str
    refs: Refs | None = None
    published: str | None = None
    locations: dict[str, tuple[Address | None, str | None, str | None]] = field(default_factory=dict)
    documents: dict[str, list[Identifier]] = field(default_factory=dict)
    parties: dict[str, Draft] = field(default_factory=dict)
    relations: dict[str, list[tuple[str, str]]] = field(default_factory=dict)

    @property
    def codes(self) -> Refs:
        """The code tables (read before anything that refers to them)."""
        assert self.refs is not None  # guaranteed by the dispatcher
        return self.refs


def _uniq(items: list[_T]) -> tuple[_T, ...]:
    return tuple(dict.fromkeys(items))


def read_refs(element: etree._Element, ns: str) -> Refs:
    """Index every code table of ReferenceValueSets by its item tag and ID."""
    values: dict[str, dict[str, str]] = {}
    country_iso: dict[str, str] = {}
    subtypes: dict[str, str] = {}
    for table in element:
        for item in table:
            tag, key = local(item.tag), item.get("ID")
            if key is None:
                continue
            values.setdefault(tag, {})[key] = " ".join((item.text or "").split())
            if tag == "Country" and item.get("ISO2"):
                country_iso[key] = str(item.get("ISO2")).lower()
            elif tag == "PartySubType":
                subtypes[key] = item.get("PartyTypeID") or ""
    names = {
        text.casefold(): country_iso[key]
        for key, text in values.get("Country", {}).items()
        if key in country_iso
    }
    return Refs(values, country_iso, subtypes, names)


def _int(element: etree._Element | None, path: str) -> int | None:
    found = element.find(path) if element is not None else None
    text = found.text if found is not None else None
    return int(text) if text and text.strip().isdigit() else None


def _date(element: etree._Element | None, ns: str) -> tuple[int, int | None, int | None] | None:
    year = _int(element, f"{ns}Year")
    if year is None:
        return None
    return year, _int(element, f"{ns}Month"), _int(element, f"{ns}Day")


def _iso(parts: tuple[int, int | None, int | None]) -> str:
    year, month, day = parts
    if month is None:
        return f"{year:04d}"
    return f"{year:04d}-{month:02d}" + (f"-{day:02d}" if day else "")


def ymd(element: etree._Element, ns: str) -> str | None:
    """ISO date of an element holding Year/Month/Day children."""
    parts = _date(element, ns)
    return _iso(parts) if parts else None


def period_dates(period: etree._Element, ns: str) -> list[str]:
    """A DatePeriod as ISO dates: one exact day, one month, one year, or each year of a range."""
    low = _date(period.find(f"{ns}Start/{ns}From"), ns)
    high = _date(period.find(f"{ns}End/{ns}To"), ns) or _date(period.find(f"{ns}End/{ns}From"), ns) or low
    if low is None or high is None:
        return []
    if low == high:
        return [_iso(low)]
    (y1, m1, d1), (y2, m2, d2) = low, high
    if y1 == y2 and m1 is not None and m1 == m2 and d1 == 1 and d2 == calendar.monthrange(y2, m1)[1]:
        return [f"{y1:04d}-{m1:02d}"]
    if y2 - y1 > MAX_YEAR_SPAN:
        return [str(y1), str(y2)]
    return [str(year) for year in range(y1, y2 + 1)]


def read_location(state: State, element: etree._Element) -> None:
    """A Location → (Address or None when it only names a country, ISO country)."""
    ns, refs = state.ns, state.codes
    parts: dict[str, list[str]] = {}
    for part in element.iterfind(f"{ns}LocationPart"):
        kind = refs.get("LocPartType", part.get("LocPartTypeID"), state.source, part)
        for value in part.iterfind(f"{ns}LocationPartValue/{ns}Value"):
            if text := clean(value.text):
                parts.setdefault(kind, []).append(text)
    country_el = element.find(f"{ns}LocationCountry")
    country_id = country_el.get("CountryID") if country_el is not None else None
    # Nationality locations name the country only as an untyped part ("Unknown": "Egypt").
    untyped = ", ".join(parts.get("Unknown", ())) or None
    iso = refs.country_iso.get(country_id or "")
    country_name = refs.values.get("Country", {}).get(country_id or "")
    street = ", ".join(p for k in _STREET_PARTS for p in parts.get(k, ())) or None
    city = ", ".join(parts.get("CITY", ())) or None
    region = ", ".join([*parts.get("STATE/PROVINCE", ()), *parts.get("REGION", ())]) or None
    postal = ", ".join(parts.get("POSTAL CODE", ())) or None
    pieces = [p for p in (street, city, region, postal, untyped, country_name) if p]
    address = (
        Address(
            full=", ".join(pieces), street=street, city=city, region=region, postal_code=postal, country=iso
        )
        if pieces
        else None
    )
    state.locations[element.get("ID") or ""] = (address, iso, untyped)


def read_document(state: State, element: etree._Element) -> None:
    """An IDRegDocument → an Identifier on the identity it belongs to."""
    ns, refs = state.ns, state.codes
    label = refs.get("IDRegDocType", element.get("IDRegDocTypeID"), state.source, element)
    number = element.findtext(f"{ns}IDRegistrationNo") or ""
    country = refs.country_iso.get(element.get("IssuedBy-CountryID") or "")
    ident = make_identifier(label, number, country, default=IdentifierType.OTHER)
    if ident is None:
        return
    if refs.values.get("Validity", {}).get(element.get("ValidityID") or "") == "Fraudulent":
        ident = Identifier(
            ident.type, ident.value, ident.country, ident.currency, f"{ident.note} (fraudulent)"
        )
    state.documents.setdefault(element.get("IdentityID") or "", []).append(ident)


def read_party(state: State, element: etree._Element) -> None:
    """A DistinctParty → a Draft with its names, documents and features."""
    ns, refs = state.ns, state.codes
    profile = element.find(f"{ns}Profile")
    fixed_ref = element.get("FixedRef")
    if profile is None or not fixed_ref:
        raise ListFormatError(
            state.source, line_of(element), "expected a DistinctParty with a FixedRef and a Profile"
        )
    subtype = profile.get("PartySubTypeID")
    kind_text = refs.get("PartySubType", subtype, state.source, profile)
    if kind_text == "Unknown":
        kind_text = refs.get(
            "PartyType", refs.party_type_of_subtype.get(subtype or ""), state.source, profile
        )
    draft = Draft(list_id=fixed_ref, kind=_KINDS.get(kind_text, EntityKind.UNKNOWN))
    draft.remarks = clean(element.findtext(f"{ns}Comment"))
    for identity in profile.iterfind(f"{ns}Identity"):
        _read_names(state, identity, draft)
        draft.identifiers.extend(state.documents.pop(identity.get("ID") or "", ()))
    if not draft.names:
        raise ListFormatError(
            state.source, line_of(element), f"DistinctParty {fixed_ref}: expected a named Alias"
        )
    for feature in profile.iterfind(f"{ns}Feature"):
        _read_feature(state, feature, draft)
    state.parties[profile.get("ID") or fixed_ref] = draft


def _read_names(state: State, identity: etree._Element, draft: Draft) -> None:
    ns, refs = state.ns, state.codes
    for alias in identity.iterfind(f"{ns}Alias"):
        alias_type = refs.get("AliasType", alias.get("AliasTypeID"), state.source, alias)
        primary = alias.get("Primary") == "true"
        quality = NameQuality.WEAK if alias.get("LowQuality") == "true" else NameQuality.STRONG
        for documented in alias.iterfind(f"{ns}DocumentedName"):
            text = " ".join(
                " ".join((v.text or "").split())
                for v in documented.iterfind(f"{ns}DocumentedNamePart/{ns}NamePartValue")
            ).strip()
            if not text:
                continue
            script = detect_script(text)
            # The primary alias may come after the a.k.a.s; its Latin form becomes names[0].
            first = (
                primary and script is None and not (draft.names and draft.names[0].type is NameType.PRIMARY)
            )
            name_type = NameType.PRIMARY if first else _ALIAS_TYPES.get(alias_type, NameType.ALIAS)
            name = Name(text, type=name_type, quality=quality, script=script)
            if first:
                draft.names.insert(0, name)
            else:
                draft.names.append(name)


def _read_feature(state: State, feature: etree._Element, draft: Draft) -> None:
    ns, refs = state.ns, state.codes
    label = refs.get("FeatureType", feature.get("FeatureTypeID"), state.source, feature)
    for version in feature.iterfind(f"{ns}FeatureVersion"):
        period = version.find(f"{ns}DatePeriod")
        if label == "Birthdate" and period is not None:
            draft.birth_dates.extend(period_dates(period, ns))
            continue
        detail = version.find(f"{ns}VersionDetail")
        text = clean(detail.text) if detail is not None else None
        if detail is not None and detail.get("DetailReferenceID"):
            text = refs.get("DetailReference", detail.get("DetailReferenceID"), state.source, detail)
        address, iso, untyped = None, None, None
        loc = version.find(f"{ns}VersionLocation")
        if loc is not None:
            if loc.get("LocationID") not in state.locations:
                raise ListFormatError(
                    state.source, line_of(loc), f"LocationID {loc.get('LocationID')!r} is not in Locations"
                )
            address, iso, untyped = state.locations[loc.get("LocationID") or ""]
        if iso is None and untyped and label in _COUNTRY_FEATURES:
            # OFAC's own country names first; the general (slower, fuzzy) lookup only as a fallback.
            iso = refs.iso_of_country_name.get(untyped.casefold()) or country_code_cached(untyped)
        if text is None and period is not None:
            text = "/".join(period_dates(period, ns)) or None
        _apply_feature(draft, label, text, address, iso)


def _apply_feature(
    draft: Draft, label: str, text: str | None, address: Address | None, iso: str | None
) -> None:
    if label in _COUNTRY_FEATURES:
        if iso:
            draft.nationalities.append(iso)
        return
    if label == "Location":
        if address is not None:
            draft.addresses.append(address)
        return
    if label == "Place of Birth":
        place = text or (address.full if address else None)
        if place:
            draft.birth_places.append(place)
        return
    if label == "Gender" and text:
        draft.gender = text.lower()
        return
    value = text or (address.full if address else None)
    if value is None:
        return
    ident = make_identifier(label, value, None)
    if ident is not None:
        draft.identifiers.append(ident)
    else:
        draft.extra.append((label, value))


def read_relationship(state: State, element: etree._Element) -> None:
    """A ProfileRelationship → (relation, target profile) on its source profile."""
    relation = state.codes.get("RelationType", element.get("RelationTypeID"), state.source, element)
    source, target = element.get("From-ProfileID"), element.get("To-ProfileID")
    if source and target:
        state.relations.setdefault(source, []).append((relation, target))


def read_sanctions_entry(state: State, element: etree._Element) -> None:
    """A SanctionsEntry → programmes, listing date and list membership of its profile."""
    ns, refs = state.ns, state.codes
    draft = state.parties.get(element.get("ProfileID") or "")
    if draft is None:
        raise ListFormatError(
            state.source,
            line_of(element),
            f"SanctionsEntry for ProfileID {element.get('ProfileID')!r}: no such DistinctParty",
        )
    list_name = refs.get("List", element.get("ListID"), state.source, element)
    if list_name != "SDN List":
        draft.extra.append(("list", list_name))
    for event in element.iterfind(f"{ns}EntryEvent/{ns}Date"):
        date = ymd(event, ns)
        if date and (draft.listed_on is None or date < draft.listed_on):
            draft.listed_on = date
    for measure in element.iterfind(f"{ns}SanctionsMeasure"):
        measure_type = refs.get("SanctionsType", measure.get("SanctionsTypeID"), state.source, measure)
        comment = clean(measure.findtext(f"{ns}Comment"))
        if measure_type == "Program" and comment:
            draft.programs.append(comment)
        elif measure_type not in ("Block", "Program"):
            draft.extra.append(("measure", measure_type))
