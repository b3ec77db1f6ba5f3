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
    creator = {
        "type": "identity",
        "id": _id("identity", producer),
        "name": producer,
        "identity_class": "organization",
        **common,
    }
    objects: list[dict[str, Any]] = [creator]
    actors: dict[str, str] = {}
    for entity in listed_entities(case):
        actor_id = _id("threat-actor", entity.key)
        actors[entity.key] = actor_id
        objects.append(
            {
                "type": "threat-actor",
                "id": actor_id,
                "name": entity.primary_name,
                "aliases": [n.full for n in entity.names[1:]],
                "threat_actor_types": ["criminal"],
                "description": f"Listed on {entity.list} ({entity.list_id}); programmes: "
                + ", ".join(entity.programs),
                "created_by_ref": creator["id"],
                **common,
            }
        )
    for wallet in crypto_addresses(case):
        ind_id = _id("indicator", wallet["address"])
        objects.append(
            {
                "type": "indicator",
                "id": ind_id,
                "name": f"{wallet['role']} crypto address {wallet['address']}",
                "indicator_types": ["attribution" if wallet["role"] == "listed" else "compromised"],
                "pattern": f"[x-crypto-wallet:address = '{_quote(wallet['address'])}']",
                "pattern_type": "stix",
                "valid_from": now,
                "description": f"{wallet['label']} ({wallet['source']})",
                "created_by_ref": creator["id"],
                **common,
            }
        )
        target = actors.get(wallet["source"])
        if target:
            objects.append(
                {
                    "type": "relationship",
                    "id": _id("relationship", ind_id, target),
                    "relationship_type": "indicates",
                    "source_ref": ind_id,
                    "target_ref": target,
                    "created_by_ref": creator["id"],
                    **common,
                }
            )
    refs = [o["id"] for o in objects[1:]] or [creator["id"]]
    objects.append(
        {
            "type": "report",
            "id": _id("report", str(case["id"])),
            "name": f"Interdict case {case['id']}: {case['title']}",
            "published": now,
            "report_types": ["threat-actor" if actors else "indicator"],
            "object_refs": refs,
            "description": f"state {case['state']}, outcome {case['outcome'] or 'none'}",
            "created_by_ref": creator["id"],
            **common,
        }
    )
    return {"type": "bundle", "id": f"bundle--{uuid.uuid4()}", "objects": objects}
