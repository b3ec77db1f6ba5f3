"""The ledger for others: FollowTheMoney entities and a STIX 2.1 bundle.

Both reuse the case exports' pieces: listed actors are exported as the list exporter writes them
(`export_ftm`, FtM) and as a case's threat actors (`cases.exports.stix`), with the same
deterministic ids, so an incident's actor and a case's listed subject are one object downstream.
In STIX an incident is a `campaign` attributed to its threat actors; each theft and laundering
address is an `indicator` (custom observable `x-crypto-wallet:address`, as case exports write it)
that indicates the campaign.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from datetime import UTC, datetime
from typing import Any

from followthemoney import model

from interdict.cases.exports.stix import _id, _quote, _threat_actor
from interdict.core.entity import Entity
from interdict.incidents.actors import kind_of
from interdict.incidents.model import IncidentVersion
from interdict.lists.formats._ftm_export import ftm_id
from interdict.lists.formats.ftm import export_ftm

WALLET_GROUPS = ("theft", "laundering")


def _actor_ids(v: IncidentVersion, listed: Mapping[str, Entity]) -> dict[str, list[str]]:
    """Actor name -> the list entries it links to (entity keys present in `listed`)."""
    out: dict[str, list[str]] = {a.name: [] for a in v.incident.actors}
    for link in v.links:
        if link["entity_key"] in listed and link["entity_key"] not in out.setdefault(link["actor"], []):
            out[link["actor"]].append(link["entity_key"])
    return out


def ledger_ftm(versions: Sequence[IncidentVersion], listed: Mapping[str, Entity]) -> Iterator[dict[str, Any]]:
    """FtM entity dicts: listed actors (as the list exporter writes them), other actors, one Event
    per incident involving its actors, and a CryptoWallet per theft or laundering address. An
    address the list already gives (OFAC lists Lazarus Group's wallets) is written once: the listed
    wallet, with the incident's role added to its summary, so that a reader never sees two wallets
    for one key."""
    out: list[dict[str, Any]] = []
    wallets: dict[str, dict[str, Any]] = {}
    done: set[str] = set()
    for v in versions:
        involved = _write_actors(v, listed, done, out, wallets)
        out.append(_event(v, involved))
        for ref in v.incident.addresses:
            if ref.group in WALLET_GROUPS:
                _write_wallet(v, ref.address, ref.group, ref.role, ref.chain, involved, out, wallets)
    yield from out


def _wallet_key(address: str) -> str:
    # EVM addresses are case-insensitive (the mixed case is only a checksum); others are not
    return address.lower() if address.lower().startswith("0x") else address


def _write_actors(v: IncidentVersion, listed: Mapping[str, Entity], done: set[str],
                  out: list[dict[str, Any]], wallets: dict[str, dict[str, Any]]) -> list[str]:
    involved: list[str] = []
    for name, keys in _actor_ids(v, listed).items():
        for key in keys:
            involved.append(ftm_id(listed[key]))
            if key not in done:
                done.add(key)
                for item in export_ftm([listed[key]]):
                    out.append(item)
                    if item["schema"] == "CryptoWallet":
                        for address in item["properties"].get("publicKey", []):
                            wallets.setdefault(_wallet_key(address), item)
        if not keys:
            actor = model.make_entity("Person" if kind_of(name) == "person" else "Organization")
            actor.id = f"interdict-actor-{_slug(name)}"
            actor.add("name", name)
            involved.append(actor.id)
            if actor.id not in done:
                done.add(actor.id)
                out.append(actor.to_dict())
    return involved


def _event(v: IncidentVersion, involved: list[str]) -> dict[str, Any]:
    inc = v.incident
    event = model.make_entity("Event")
    event.id = f"interdict-incident-{inc.id}"
    event.add("name", inc.name)
    event.add("date", inc.date.isoformat())
    event.add("endDate", inc.date_end.isoformat() if inc.date_end else None, quiet=True)
    event.add("summary", _summary(v))
    event.add("involved", involved)
    event.add("sourceUrl", [s for s in inc.sources if s.startswith("http")], quiet=True)
    event.add("notes", [s for s in inc.sources if not s.startswith("http")], quiet=True)
    return event.to_dict()


def _write_wallet(v: IncidentVersion, address: str, group: str, role: str, chain: str | None,
                  involved: list[str], out: list[dict[str, Any]],
                  wallets: dict[str, dict[str, Any]]) -> None:
    inc = v.incident
    summary = f"{group} address of incident {inc.id}: {role}".strip(": ")
    seen = wallets.get(_wallet_key(address))
    if seen is not None:
        summaries = seen["properties"].setdefault("summary", [])
        if summary not in summaries:
            summaries.append(summary)
        return
    wallet = model.make_entity("CryptoWallet")
    wallet.id = f"interdict-wallet-{_slug(address)}"
    wallet.add("publicKey", address)
    wallet.add("summary", summary)
    wallet.add("currencySymbol", chain or inc.chain_key, quiet=True)
    if group == "theft" and involved:
        wallet.add("holder", involved[0])
    item = wallet.to_dict()
    wallets[_wallet_key(address)] = item
    out.append(item)


def _slug(text: str) -> str:
    return "".join(c if c.isalnum() else "-" for c in text.lower()).strip("-")


def _summary(v: IncidentVersion) -> str:
    inc = v.incident
    parts = [f"incident {inc.id} version {v.version}"]
    parts += [f"{a.value} {a.unit}" for a in inc.amounts()]
    if inc.amount_usd is not None:
        parts.append(f"USD {inc.amount_usd} ({inc.amount_usd_source or 'source not given'})")
    if inc.attribution:
        parts.append(f"attribution: {inc.attribution}")
    return "; ".join(parts)


def ledger_stix(versions: Sequence[IncidentVersion], listed: Mapping[str, Entity],
                *, producer: str = "Interdict") -> dict[str, Any]:
    """A STIX 2.1 bundle: the producer, threat actors, one campaign per incident (attributed-to its
    actors), indicators for its addresses (indicates the campaign) and a report over them all."""
    now = datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%S.%f")[:-3] + "Z"
    common = {"spec_version": "2.1", "created": now, "modified": now}
    creator_id = _id("identity", producer)
    by = {**common, "created_by_ref": creator_id}
    objects: dict[str, dict[str, Any]] = {creator_id: {
        "type": "identity", "id": creator_id, "name": producer, "identity_class": "organization", **common}}
    for v in versions:
        campaign = _campaign(v, by)
        objects[campaign["id"]] = campaign
        for name, keys in _actor_ids(v, listed).items():
            actors = [_threat_actor(listed[k], by) for k in keys] or [_plain_actor(name, by)]
            for actor in actors:
                objects.setdefault(actor["id"], actor)
                rel = _relationship(campaign["id"], "attributed-to", actor["id"], by)
                objects[rel["id"]] = rel
        for ref in v.incident.addresses:
            if ref.group in WALLET_GROUPS:
                ind = _address_indicator(ref.address, ref.group, ref.role, v.incident.id, now, by)
                objects.setdefault(ind["id"], ind)
                rel = _relationship(ind["id"], "indicates", campaign["id"], by)
                objects[rel["id"]] = rel
    refs = [i for i in objects if i != creator_id]
    report_id = _id("report", "incidents", now)
    objects[report_id] = {
        "type": "report", "id": report_id, "name": "Interdict incident ledger",
        "published": now, "report_types": ["campaign", "threat-actor"], "object_refs": refs or [creator_id],
        "description": f"{len(versions)} incidents", **by}
    return {"type": "bundle", "id": _id("bundle", "incidents", now), "objects": list(objects.values())}


def _campaign(v: IncidentVersion, by: dict[str, str]) -> dict[str, Any]:
    inc = v.incident
    out: dict[str, Any] = {
        "type": "campaign", "id": _id("campaign", inc.id), "name": inc.name, "description": _summary(v),
        "first_seen": f"{inc.date.isoformat()}T00:00:00.000Z", "objective": "theft of funds",
        "external_references": [{"source_name": "url", "url": s} if s.startswith("http")
                                else {"source_name": "document", "description": s} for s in inc.sources],
        **by}
    if inc.date_end:
        out["last_seen"] = f"{inc.date_end.isoformat()}T23:59:59.000Z"
    if not out["external_references"]:
        del out["external_references"]
    return out


def _plain_actor(name: str, by: dict[str, str]) -> dict[str, Any]:
    return {"type": "threat-actor", "id": _id("threat-actor", "actor", name), "name": name,
            "threat_actor_types": ["crime-syndicate"], **by}


def _address_indicator(address: str, group: str, role: str, incident: str, now: str,
                       by: dict[str, str]) -> dict[str, Any]:
    return {"type": "indicator", "id": _id("indicator", address),
            "name": f"{group} crypto address {address}", "indicator_types": ["malicious-activity"],
            "pattern": f"[x-crypto-wallet:address = '{_quote(address)}']", "pattern_type": "stix",
            "valid_from": now, "description": f"{group} address of incident {incident}: {role}".strip(": "),
            **by}


def _relationship(source: str, kind: str, target: str, by: dict[str, str]) -> dict[str, Any]:
    return {"type": "relationship", "id": _id("relationship", source, kind, target),
            "relationship_type": kind, "source_ref": source, "target_ref": target, **by}
