"""The listed entity: what every list parser produces and every engine reads.

Immutable, slotted dataclasses: cheap to hold by the hundred thousand, hashable, and turned into
plain dicts (`to_dict` / `entity_from_dict`) for storage and JSON output. FollowTheMoney is the
interchange format at the edges (`interdict.lists.formats.ftm`); inside, these are the types.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from enum import StrEnum
from typing import Any


class EntityKind(StrEnum):
    """What kind of thing a listed entry is."""

    PERSON = "person"
    ORGANIZATION = "organization"
    VESSEL = "vessel"
    AIRCRAFT = "aircraft"
    UNKNOWN = "unknown"
    ADDRESS = "address"  # a query kind only (screen a street address); no entry is of this kind


class NameType(StrEnum):
    """The role of a name on its entry."""

    PRIMARY = "primary"
    ALIAS = "alias"  # a.k.a.
    FORMER = "former"  # f.k.a.
    NEW = "new"  # n.k.a.


class NameQuality(StrEnum):
    """How much a list trusts a name: OFAC strong/weak a.k.a., UN Good/Low quality."""

    STRONG = "strong"
    WEAK = "weak"


class IdentifierType(StrEnum):
    """Kinds of identifier, normalised across lists."""

    PASSPORT = "passport"
    NATIONAL_ID = "national_id"
    TAX_ID = "tax_id"
    REGISTRATION = "registration"
    IMO = "imo"  # vessel IMO number
    MMSI = "mmsi"
    CALL_SIGN = "call_sign"
    BIC = "bic"  # SWIFT/BIC
    LEI = "lei"
    CRYPTO = "crypto"  # digital currency address; `currency` holds the asset code (XBT, ETH, ...)
    EMAIL = "email"
    WEBSITE = "website"
    PHONE = "phone"
    AIRCRAFT = "aircraft"  # serial / tail number
    OTHER = "other"


@dataclass(frozen=True, slots=True)
class Name:
    """One name of an entry, as the list writes it."""

    full: str
    type: NameType = NameType.PRIMARY
    quality: NameQuality = NameQuality.STRONG
    script: str | None = None  # None for Latin; else "Hangul", "Arabic", "Cyrillic", "Han", ...
    lang: str | None = None  # ISO 639 code where the list gives one


@dataclass(frozen=True, slots=True)
class Identifier:
    """A document or registry number attached to an entry."""

    type: IdentifierType
    value: str
    country: str | None = None  # ISO 3166-1 alpha-2, lower case (FollowTheMoney convention)
    currency: str | None = None  # for CRYPTO: the list's asset code, e.g. "XBT", "ETH", "USDT"
    note: str | None = None  # the list's own label, e.g. "Digital Currency Address - XBT"


@dataclass(frozen=True, slots=True)
class Address:
    """A postal address; `full` is always set, the parts where the list gives them."""

    full: str
    street: str | None = None
    city: str | None = None
    region: str | None = None
    postal_code: str | None = None
    country: str | None = None  # ISO 3166-1 alpha-2, lower case


@dataclass(frozen=True, slots=True)
class Entity:
    """One entry of one sanctions list (or internal watchlist)."""

    list: str  # short list name: "un", "ofac_sdn", "ofac_cons", "eu", "uk", "opensanctions", ...
    list_id: str  # the list's own id as published ("KPi.033", "24918", "EU.123.45")
    kind: EntityKind
    names: tuple[Name, ...]  # names[0] is the primary name
    birth_dates: tuple[str, ...] = ()  # ISO 8601, possibly partial: "1984-08-15", "1984-08", "1984"
    birth_places: tuple[str, ...] = ()
    nationalities: tuple[str, ...] = ()  # ISO alpha-2 lower case
    addresses: tuple[Address, ...] = ()
    identifiers: tuple[Identifier, ...] = ()
    programs: tuple[str, ...] = ()  # the list's own programme / regime codes ("DPRK3", "KP")
    listed_on: str | None = None  # ISO date of listing
    remarks: str | None = None
    gender: str | None = None
    references: tuple[str, ...] = ()  # ids this entry cites on other lists, as "un:KPi.033"
    extra: tuple[tuple[str, str], ...] = field(default=())  # list-specific facts worth showing

    @property
    def key(self) -> str:
        """Globally unique key of the entry: `list:list_id`."""
        return f"{self.list}:{self.list_id}"

    @property
    def primary_name(self) -> str:
        """The list's primary name for the entry."""
        return self.names[0].full if self.names else ""

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict (enums as strings)."""
        return asdict(self)


def entity_from_dict(data: dict[str, Any]) -> Entity:
    """Rebuild an Entity from `Entity.to_dict()` output (or its JSON round trip)."""
    return Entity(
        list=data["list"],
        list_id=data["list_id"],
        kind=EntityKind(data["kind"]),
        names=tuple(
            Name(
                full=n["full"],
                type=NameType(n.get("type", "primary")),
                quality=NameQuality(n.get("quality", "strong")),
                script=n.get("script"),
                lang=n.get("lang"),
            )
            for n in data.get("names", ())
        ),
        birth_dates=tuple(data.get("birth_dates", ())),
        birth_places=tuple(data.get("birth_places", ())),
        nationalities=tuple(data.get("nationalities", ())),
        addresses=tuple(Address(**a) for a in data.get("addresses", ())),
        identifiers=tuple(
            Identifier(
                type=IdentifierType(i["type"]),
                value=i["value"],
                country=i.get("country"),
                currency=i.get("currency"),
                note=i.get("note"),
            )
            for i in data.get("identifiers", ())
        ),
        programs=tuple(data.get("programs", ())),
        listed_on=data.get("listed_on"),
        remarks=data.get("remarks"),
        gender=data.get("gender"),
        references=tuple(data.get("references", ())),
        extra=tuple((str(k), str(v)) for k, v in data.get("extra", ())),
    )
