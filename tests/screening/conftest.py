"""Hand-made entities for the screening unit tests, and their index (built once per session)."""

from __future__ import annotations

import pytest

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
from interdict.screening import ScreeningIndex, build_index


def person(list_id: str, *names: str, dob: tuple[str, ...] = (), nat: tuple[str, ...] = (),
           weak: tuple[str, ...] = (), idents: tuple[Identifier, ...] = ()) -> Entity:
    """A listed person with a primary name, aliases and weak aliases."""
    all_names = [Name(names[0])] + [Name(n, NameType.ALIAS) for n in names[1:]]
    all_names += [Name(n, NameType.ALIAS, NameQuality.WEAK) for n in weak]
    return Entity(list="test", list_id=list_id, kind=EntityKind.PERSON, names=tuple(all_names),
                  birth_dates=dob, nationalities=nat, identifiers=idents, programs=("TEST",))


def org(list_id: str, *names: str, kind: EntityKind = EntityKind.ORGANIZATION,
        idents: tuple[Identifier, ...] = (), country: str | None = None) -> Entity:
    """A listed organisation (or vessel) with aliases."""
    all_names = [Name(names[0])] + [Name(n, NameType.ALIAS) for n in names[1:]]
    addresses = (Address(full=country, country=country),) if country else ()
    return Entity(list="test", list_id=list_id, kind=kind, names=tuple(all_names), identifiers=idents,
                  addresses=addresses)


ENTITIES = (
    person("P1", "PARK Jin Hyok", "Pak Jin Hyok", dob=("1984-08-15",), nat=("kp",)),
    person("P2", "KIM Jong Un", dob=("1984-01-08",), nat=("kp",)),
    person("P3", "RI Won Ho", "Ri Won-ho", dob=("1964-07-17",), nat=("kp",)),
    person("P4", "KIM Yong Su", dob=("1969-02-09",), nat=("kp",)),
    person("P5", "Muhammad Abd al-Rahman AL-HAMIDI", weak=("Abu Karim",)),
    person("P6", "SHEVCHENKO Yuliya Aleksandrovna", "Шевченко Юлия Александровна"),
    person("P7", "JOHN Michael SMITHSON", idents=(Identifier(IdentifierType.PASSPORT, "AB 123456"),)),
    person("P8", "CHOE Ryong Hae", "최룡해"),
    person("P9", "CHEN Wei", "陳偉"),
    org("O1", "KOREA MINING DEVELOPMENT TRADING CORPORATION", "KOMID", country="kp"),
    org("O2", "KOREA DAESONG BANK", idents=(Identifier(IdentifierType.BIC, "KDBKKPPY"),), country="kp"),
    org("O3", "FOREIGN TRADE BANK OF THE DEMOCRATIC PEOPLE'S REPUBLIC OF KOREA", "Foreign Trade Bank (FTB)"),
    org("O4", "KOREA UNITED DEVELOPMENT BANK"),
    org("O5", "MOKRAN LLC", "OOO MOKRAN", "Общество С Ограниченной Ответственностью Мокран"),
    org("O6", "GOLDEN STAR TRADING COMPANY LIMITED"),
    org("V1", "JUPITER", kind=EntityKind.VESSEL, idents=(Identifier(IdentifierType.IMO, "IMO 9163180"),)),
    org("C1", "LAZARUS GROUP", idents=(
        Identifier(IdentifierType.CRYPTO, "bc1qxy2kgdygjrsqtzq2n0yrf2493p83kkfjhx0wlh", currency="XBT"),
        Identifier(IdentifierType.CRYPTO, "1BoatSLRHtKNngkdXEeobR76b53LETtpyT", currency="XBT"),
        Identifier(IdentifierType.CRYPTO, "0x098B716B8Aaf21512996dC57EB0615e2383E2f96", currency="ETH"),
    )),
)


@pytest.fixture(scope="session")
def small_index() -> ScreeningIndex:
    """The index over the hand-made entities, with two entries joined into one subject."""
    return build_index(ENTITIES, {"test:O1": "subject-komid"})
