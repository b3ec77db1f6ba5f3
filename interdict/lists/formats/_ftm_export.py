"""Interdict entities written as FollowTheMoney entities (see `interdict.lists.formats.ftm`)."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from typing import Any

from followthemoney import model

from interdict.core.entity import Entity, EntityKind, Identifier, IdentifierType, NameQuality, NameType

_SCHEMA = {
    EntityKind.PERSON: "Person", EntityKind.ORGANIZATION: "Organization", EntityKind.VESSEL: "Vessel",
    EntityKind.AIRCRAFT: "Airplane", EntityKind.UNKNOWN: "LegalEntity",
}
_PROPS = {
    IdentifierType.TAX_ID: "taxNumber", IdentifierType.REGISTRATION: "registrationNumber",
    IdentifierType.IMO: "imoNumber", IdentifierType.MMSI: "mmsi", IdentifierType.CALL_SIGN: "callSign",
    IdentifierType.BIC: "swiftBic", IdentifierType.LEI: "leiCode", IdentifierType.EMAIL: "email",
    IdentifierType.WEBSITE: "website", IdentifierType.PHONE: "phone", IdentifierType.AIRCRAFT: "serialNumber",
}
_SAFE = re.compile(r"[^0-9A-Za-z.\-]+")


def ftm_id(entity: Entity) -> str:
    """The FtM id of an entry: its own id for FtM-born entries, else `<list>-<list_id>` made id-safe."""
    if entity.list == "opensanctions" or entity.list.startswith("opensanctions_"):
        return entity.list_id
    return _SAFE.sub("-", f"{entity.list}-{entity.list_id}").strip("-")


def export_ftm(entities: Iterable[Entity]) -> Iterator[dict[str, Any]]:
    """Each entry as FtM entity dicts: the subject, then its Sanction, documents, wallets, addresses."""
    for entity in entities:
        yield from _export_one(entity)


def _export_one(entity: Entity) -> Iterator[dict[str, Any]]:
    extra = dict(entity.extra)
    schema = model.get(extra.get("ftm_schema", "")) or model.get(_SCHEMA[entity.kind])
    assert schema is not None  # the fallback schemata are part of every FtM model
    proxy = model.make_entity(schema)
    proxy.id = ftm_id(entity)
    datasets = [v for k, v in entity.extra if k == "dataset"] or [entity.list]
    for index, name in enumerate(entity.names):
        proxy.add(_name_prop(index, name.type, name.quality), name.full, quiet=True)
    proxy.add("birthDate", list(entity.birth_dates), quiet=True)
    proxy.add("birthPlace", list(entity.birth_places), quiet=True)
    proxy.add("nationality" if schema.is_a("Person") else "country", list(entity.nationalities), quiet=True)
    proxy.add("notes", entity.remarks, quiet=True)
    proxy.add("gender", entity.gender, quiet=True)
    proxy.add("topics", [v for k, v in entity.extra if k == "topic"] or ["sanction"], quiet=True)
    side: list[dict[str, Any]] = []
    for number, ident in enumerate(entity.identifiers):
        prop = schema.get(_PROPS.get(ident.type, ""))
        if prop is None or not _added(proxy, prop, ident.value):
            # A value the FtM type rejects (three phone numbers in one string, an IMO number with
            # a bad check digit) is not dropped: it travels as an Identification entity instead.
            side.append(_document(proxy.id, number, ident))
    for number, address in enumerate(entity.addresses):
        addr = model.make_entity("Address")
        addr.id = f"{proxy.id}-addr-{number}"
        addr.add("full", address.full)
        for field, value in (("street", address.street), ("city", address.city), ("region", address.region),
                            ("postalCode", address.postal_code), ("country", address.country)):
            addr.add(field, value, quiet=True)
        proxy.add("addressEntity", addr.id)
        side.append(_wrap(addr.to_dict(), datasets, target=False))
    yield _wrap(proxy.to_dict(), datasets, target=True)
    if entity.programs or entity.listed_on or entity.references:
        yield _wrap(_sanction(proxy.id, entity), datasets, target=False)
    yield from side


def _added(proxy: Any, prop: Any, value: str) -> bool:
    before = len(proxy.get(prop))
    proxy.add(prop, value, quiet=True)
    return len(proxy.get(prop)) > before or value in proxy.get(prop)


def _name_prop(index: int, kind: NameType, quality: NameQuality) -> str:
    if index == 0:
        return "name"
    if kind in (NameType.FORMER, NameType.NEW):
        return "previousName"
    return "weakAlias" if quality is NameQuality.WEAK else "alias"


def _sanction(holder: str, entity: Entity) -> dict[str, Any]:
    sanction = model.make_entity("Sanction")
    sanction.id = f"{holder}-sanction"
    sanction.add("entity", holder)
    sanction.add("authority", entity.list)
    sanction.add("authorityId", entity.list_id)
    sanction.add("program", list(entity.programs))
    sanction.add("listingDate", entity.listed_on, quiet=True)
    sanction.add("unscId", [r.removeprefix("un:") for r in entity.references if r.startswith("un:")])
    result: dict[str, Any] = sanction.to_dict()
    return result


def _document(holder: str, number: int, ident: Identifier) -> dict[str, Any]:
    if ident.type is IdentifierType.CRYPTO:
        wallet = model.make_entity("CryptoWallet")
        wallet.id = f"{holder}-wallet-{number}"
        wallet.add("publicKey", ident.value)
        wallet.add("currency", ident.currency, quiet=True)
        wallet.add("holder", holder)
        return _wrap(wallet.to_dict(), [], target=False)
    schema = "Passport" if ident.type is IdentifierType.PASSPORT else "Identification"
    doc = model.make_entity(schema)
    doc.id = f"{holder}-doc-{number}"
    doc.add("holder", holder)
    doc.add("number", ident.value)
    doc.add("country", ident.country, quiet=True)
    documents = (IdentifierType.PASSPORT, IdentifierType.NATIONAL_ID)
    # Other identifier types travel as Identification entities whose `type` names them.
    doc.add("type", ident.note if ident.type in documents else ident.type.value, quiet=True)
    return _wrap(doc.to_dict(), [], target=False)


def _wrap(data: dict[str, Any], datasets: list[str], *, target: bool) -> dict[str, Any]:
    data["target"] = target
    if datasets:
        data["datasets"] = datasets
    return data
