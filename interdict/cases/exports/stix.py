"""A case's crypto addresses and subjects as a STIX 2.1 bundle (hand-built JSON following the spec).

STIX 2.1 has no standard cryptocurrency-wallet object, so addresses are `indicator`s whose pattern
uses the custom observable `x-crypto-wallet:address`; each indicates the subject (a `threat-actor`
for listed or exit parties), and a `report` ties them together.
"""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from typing import Any

from interdict.cases.exports.common import crypto_addresses, listed_entities
from interdict.core.entity import Entity

NAMESPACE = uuid.UUID("6f0e4a73-3c1e-4b0c-9f53-4f3b7b0a1d2e")


def _id(kind: str, *parts: str) -> str:
    # Deterministic ids (uuid5): the same case exports the same objects every time.
    return f"{kind}--{uuid.uuid5(NAMESPACE, '|'.join(parts))}"


def _quote(value: str) -> str:
    return value.replace("\\", "\\\\").replace("'", "\\'")


def case_stix(case: dict[str, Any], *, producer: str = "Interdict") -> dict[str, Any]:
    """The bundle: identity of the producer, threat actors, indicators, relationships and a report."""
    now = datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%S.%f")[:-3] + "Z"
    common = {"spec_version": "2.1", "created": now, "modified": now}
    creator_id = _id("identity", producer)
    common_by = {**common, "created_by_ref": creator_id}
    creator = {
        "type": "identity",
        "id": creator_id,
        "name": producer,
        "identity_class": "organization",
        **common,
    }
    actors = {e.key: _threat_actor(e, common_by) for e in listed_entities(case)}
    objects: list[dict[str, Any]] = [creator, *actors.values()]
    for wallet in crypto_addresses(case):
        objects += _indicator(wallet, actors.get(wallet["source"]), now, common_by)
    objects.append(
        {
            "type": "report",
            "id": _id("report", str(case["id"])),
            "name": f"Interdict case {case['id']}: {case['title']}",
            "published": now,
            "report_types": ["threat-actor" if actors else "indicator"],
            "object_refs": [o["id"] for o in objects[1:]] or [creator_id],
            "description": f"state {case['state']}, outcome {case['outcome'] or 'none'}",
            **common_by,
        }
    )
    return {"type": "bundle", "id": f"bundle--{uuid.uuid4()}", "objects": objects}


def _threat_actor(entity: Entity, common: dict[str, str]) -> dict[str, Any]:
    return {
        "type": "threat-actor",
        "id": _id("threat-actor", entity.key),
        "name": entity.primary_name,
        "aliases": [n.full for n in entity.names[1:]],
        "threat_actor_types": ["criminal"],
        "description": f"Listed on {entity.list} ({entity.list_id}); programmes: "
        + ", ".join(entity.programs),
        **common,
    }


def _indicator(
    wallet: dict[str, str], actor: dict[str, Any] | None, now: str, common: dict[str, str]
) -> list[dict[str, Any]]:
    """The wallet's indicator, and its `indicates` relationship to the listed holder if known."""
    ind_id = _id("indicator", wallet["address"])
    out: list[dict[str, Any]] = [
        {
            "type": "indicator",
            "id": ind_id,
            "name": f"{wallet['role']} crypto address {wallet['address']}",
            "indicator_types": ["attribution" if wallet["role"] == "listed" else "compromised"],
            "pattern": f"[x-crypto-wallet:address = '{_quote(wallet['address'])}']",
            "pattern_type": "stix",
            "valid_from": now,
            "description": f"{wallet['label']} ({wallet['source']})",
            **common,
        }
    ]
    if actor is not None:
        out.append(
            {
                "type": "relationship",
                "id": _id("relationship", ind_id, actor["id"]),
                "relationship_type": "indicates",
                "source_ref": ind_id,
                "target_ref": actor["id"],
                **common,
            }
        )
    return out
