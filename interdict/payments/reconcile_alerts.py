"""Reconciliation findings as alerts in the case store (so each becomes, or joins, a case).

A finding about a sent message joins that message's case (subject `payment:<message id>`, the
subject a held payment's alert uses); a record with no sent message gets its own subject. The
payload has the shape of a payment decision so that the case page shows message, amount and parties.
"""

from __future__ import annotations

from typing import Any

from interdict.cases import alerts
from interdict.cases.store import CaseStore
from interdict.cases.users import Actor
from interdict.payments.reconcile import Reconciliation, SentMessage
from interdict.payments.records import LocalRecord


def alert_inputs(result: Reconciliation) -> list[alerts.AlertInput]:
    """One alert per finding."""
    out = [_sent(m, "sent but missing from the local records", []) for m in result.missing_locally]
    out += [_sent(m, f"differs from local record line {r.line}", d) for m, r, d in result.mismatched]
    out += [_record(r) for r in result.missing_sent]
    return out


def raise_alerts(store: CaseStore, actor: Actor, result: Reconciliation) -> list[int]:
    """Store every finding's alert; the ids of the cases they are in (new or joined), in order."""
    cases: list[int] = []
    with store.write() as session:
        for item in alert_inputs(result):
            _, case, _ = alerts.ingest(session, actor, item)
            if case is not None and case.id not in cases:
                cases.append(case.id)
    return cases


def _sent(m: SentMessage, what: str, diffs: list[dict[str, Any]]) -> alerts.AlertInput:
    row = m.to_dict()
    fields = ", ".join(f"{d['field']} sent {d['sent']} recorded {d['local']}" for d in diffs)
    message = f"reconciliation: {m.type} {what}" + (f" ({fields})" if fields else "")
    reason = {"kind": "reconciliation", "action": "alert", "message": message, "detail": {"fields": diffs}}
    payload = {
        **row,
        "decision": "reconciliation",
        "reasons": [reason],
        "parties": [{"role": "beneficiary", "name": m.beneficiary_text}] if m.beneficiary_text else [],
    }
    return alerts.AlertInput(
        source="payment",
        source_ref=f"reconcile:{m.message_id}",
        subject_key=f"payment:{m.message_id}",
        subject_name=m.beneficiary_text or m.message_id,
        summary=f"{m.type} {row['reference'] or m.message_id} {row['amount']} {m.currency}: {message}",
        query={"message_id": m.message_id, "uetr": m.uetr, "finding": what, "fields": diffs},
        payload=payload,
        explanation={"reasons": [reason]},
    )


def _record(r: LocalRecord) -> alerts.AlertInput:
    key = r.uetr or r.reference or f"line {r.line}"
    message = f"reconciliation: local record line {r.line} has no sent message"
    reason = {"kind": "reconciliation", "action": "alert", "message": message}
    row = r.to_dict()
    payload = {**row, "message_id": key, "decision": "reconciliation", "reasons": [reason], "parties": []}
    return alerts.AlertInput(
        source="payment",
        source_ref=f"reconcile:record:{key}",
        subject_key=f"record:{key}",
        subject_name=r.beneficiary or key,
        summary=f"{r.type} {key} {row['amount']} {r.currency or ''}: {message}",
        query={"record": row},
        payload=payload,
        explanation={"reasons": [reason]},
    )
