"""What every export reads from a case: listed entries, crypto addresses, payments and trace exits."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from interdict.core.entity import Entity, entity_from_dict


def listed_entities(case: dict[str, Any]) -> Iterator[Entity]:
    """The listed entries of the case's screening alerts (once each)."""
    seen: set[str] = set()
    for alert in case["alerts"]:
        data = (alert.get("payload") or {}).get("entity")
        if alert["source"] == "screening" and data:
            entity = entity_from_dict(data)
            if entity.key not in seen:
                seen.add(entity.key)
                yield entity


def crypto_addresses(case: dict[str, Any]) -> list[dict[str, str]]:
    """Every crypto address in the case: listed entries' wallets, trace sources and exits."""
    out: dict[str, dict[str, str]] = {}
    for entity in listed_entities(case):
        for ident in entity.identifiers:
            if str(ident.type) == "crypto":
                out.setdefault(
                    ident.value,
                    {
                        "address": ident.value,
                        "currency": ident.currency or "",
                        "role": "listed",
                        "label": entity.primary_name,
                        "source": entity.key,
                    },
                )
    for alert in case["alerts"]:
        if alert["source"] != "trace":
            continue
        payload = alert.get("payload") or {}
        exit_ = payload.get("exit") or {}
        if exit_.get("address"):
            out.setdefault(
                exit_["address"],
                {
                    "address": exit_["address"],
                    "currency": "",
                    "role": "exit",
                    "label": alert["subject_name"],
                    "source": alert["source_ref"],
                },
            )
        for src in (payload.get("result") or {}).get("sources") or []:
            out.setdefault(
                str(src),
                {
                    "address": str(src),
                    "currency": "",
                    "role": "source",
                    "label": "theft source",
                    "source": alert["source_ref"],
                },
            )
    return list(out.values())


def payments(case: dict[str, Any]) -> list[dict[str, Any]]:
    """The payment decisions behind the case's payment alerts."""
    return [a["payload"] for a in case["alerts"] if a["source"] == "payment" and a.get("payload")]


def final_decision(case: dict[str, Any]) -> dict[str, Any] | None:
    """The latest decision or correction on the case."""
    decisions = [e for e in case["events"] if e["kind"] in ("decision", "correction")]
    return decisions[-1] if decisions else None
