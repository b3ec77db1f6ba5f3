"""Alerts from the three engines, and how they group into cases.

An alert keeps a link to its source (`list:entry`, `payment:MESSAGE`, `trace:ADDRESS`) and the
engine's explanation verbatim. Alerts about the same subject (the listed subject across lists, the
held message, the exit address) join the subject's open case; a closed case is never reopened by a
new alert, a new case starts instead.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import select, text
from sqlalchemy.orm import Session

from interdict.cases import audit
from interdict.cases.tables import Alert, AllowEntry, Case, PaymentHold
from interdict.cases.users import Actor, require
from interdict.core.match import Candidate, Query
from interdict.screening.normalize import query_key

OPEN_STATES = ("open", "in_review", "escalated")


@dataclass(frozen=True)
class AlertInput:
    """Everything an alert needs, whichever engine produced it."""

    source: str  # "screening" | "payment" | "trace"
    source_ref: str
    subject_key: str
    subject_name: str
    summary: str
    query: dict[str, Any]
    payload: dict[str, Any]
    explanation: dict[str, Any]
    score: float | None = None
    query_form: str | None = None
    hold: dict[str, Any] | None = field(default=None)  # {"message_id", "amount", "currency"}

    def dedup_key(self) -> str:
        """Same source, same reference and same query: the same alert (screening twice adds nothing)."""
        text = audit.canonical([self.source, self.source_ref, self.query])
        return hashlib.sha256(text.encode("utf-8")).hexdigest()


def query_to_dict(query: Query) -> dict[str, Any]:
    """The screened query as JSON (what the reviewer sees on the left of the case page)."""
    return {
        "name": query.name,
        "kind": str(query.kind) if query.kind else None,
        "dob": query.dob,
        "country": query.country,
        "identifiers": [{"type": str(i.type), "value": i.value} for i in query.identifiers],
    }


def from_candidate(candidate: Candidate, query: Query, entity: Mapping[str, Any] | None = None) -> AlertInput:
    """An alert from a screening hit; `entity` (Entity.to_dict()) fills the listed side of the page."""
    return AlertInput(
        source="screening",
        source_ref=f"{candidate.list}:{candidate.list_id}",
        subject_key=f"subject:{candidate.subject_id}",
        subject_name=candidate.name,
        summary=f"{query.name!s} ~ {candidate.name} ({candidate.list}) score {candidate.score:.2f}",
        query=query_to_dict(query),
        payload={"candidate": candidate.to_dict(), "entity": dict(entity) if entity else None},
        explanation=candidate.explanation.to_dict(),
        score=candidate.score,
        query_form=query.name,  # the allow-list scope: this query, as the screening engine keys it
    )


def from_payment_decision(decision: Mapping[str, Any]) -> AlertInput:
    """An alert from a held payment (the JSON shape of `payments screen --out`)."""
    message_id = str(decision.get("message_id") or decision.get("uetr") or "")
    if not message_id:
        raise ValueError("payment decision without message_id or uetr")
    reasons = list(decision.get("reasons") or [])
    parties = list(decision.get("parties") or [])
    first = _reason_text(reasons[0]) if reasons else "held"
    scores = [s for r in reasons if (s := _reason_score(r)) is not None]
    return AlertInput(
        source="payment",
        source_ref=f"payment:{message_id}",
        subject_key=f"payment:{message_id}",
        subject_name=_party_name(parties) or message_id,
        summary=f"{decision.get('type', 'payment')} {message_id} {decision.get('decision', 'hold')}: {first}",
        query={"message_id": message_id, "uetr": decision.get("uetr"), "type": decision.get("type")},
        payload=dict(decision),
        explanation={"reasons": reasons},
        score=max(scores) if scores else None,
        hold={
            "message_id": message_id,
            "amount": _str_or_none(decision.get("amount")),
            "currency": _str_or_none(decision.get("currency")),
        },
    )


def from_trace_exit(
    result: Mapping[str, Any], exit_: Mapping[str, Any], picture: str | None = None
) -> AlertInput:
    """An alert for tainted funds reaching an exit (the JSON of `trace taint --json`), with its picture."""
    address = str(exit_["address"])
    tags = list(exit_.get("tags") or [])
    share = 0.0
    total = int(result.get("total_source_value") or 0)
    if total:
        share = int(exit_.get("tainted_value") or 0) / total
    return AlertInput(
        source="trace",
        source_ref=f"trace:{address}",
        subject_key=f"address:{address}",
        subject_name=_tag_label(tags) or address,
        summary=f"{exit_.get('tainted_value')} tainted ({result.get('policy')}) reached {address}",
        query={"sources": list(result.get("sources") or []), "policy": result.get("policy")},
        payload={"exit": dict(exit_), "result": dict(result), "picture": picture},
        explanation={
            "policy": result.get("policy"),
            "tainted_value": exit_.get("tainted_value"),
            "share_of_source": round(share, 6),
            "tags": tags,
        },
        score=round(share, 6),
    )


def ingest(session: Session, actor: Actor, item: AlertInput) -> tuple[Alert | None, Case | None, str]:
    """Store an alert in its subject's open case; answers (alert, case, "created"|"duplicate"|"allowed")."""
    require(actor, "ingest")
    if session.get_bind().dialect.name == "postgresql":
        # Two requests alerting on one subject at once must find each other's case, not open two:
        # there is no row to lock yet, so lock the subject's name for this transaction.
        session.execute(text("SELECT pg_advisory_xact_lock(hashtext(:k))"), {"k": item.subject_key})
    if item.source == "screening" and allowed(session, item.query_form or "", item.source_ref):
        return None, None, "allowed"
    existing = session.execute(select(Alert).where(Alert.dedup_key == item.dedup_key())).scalar_one_or_none()
    if existing is not None:
        return existing, session.get(Case, existing.case_id), "duplicate"
    now = datetime.now(UTC)
    case = _subject_case(session, actor, item, now)
    alert = Alert(
        case_id=case.id,
        source=item.source,
        source_ref=item.source_ref[:500],
        dedup_key=item.dedup_key(),
        subject_key=item.subject_key,
        subject_name=item.subject_name[:500],
        query_form=item.query_form,
        score=item.score,
        summary=item.summary,
        query_json=json.dumps(item.query, default=str),
        payload_json=json.dumps(item.payload, default=str),
        explanation_json=json.dumps(item.explanation, default=str),
        created_at=now,
    )
    session.add(alert)
    session.flush()
    if item.hold is not None:
        _add_hold(session, case, item, now)
    detail = {"alert": alert.id, "source": item.source, "ref": item.source_ref}
    audit.record(session, actor.name, "alert.create", "case", case.id, detail)
    return alert, case, "created"


def _subject_case(session: Session, actor: Actor, item: AlertInput, now: datetime) -> Case:
    """The subject's open case (its score raised to the alert's), or a new one."""
    query = select(Case).where(Case.subject_key == item.subject_key, Case.state.in_(OPEN_STATES))
    case = session.execute(query.with_for_update()).scalars().first()
    if case is not None:
        if item.score is not None and (case.max_score is None or item.score > case.max_score):
            case.max_score = item.score
        return case
    case = Case(
        subject_key=item.subject_key,
        title=item.subject_name[:500],
        state="open",
        source=item.source,
        max_score=item.score,
        version=1,
        created_at=now,
        updated_at=now,
    )
    session.add(case)
    session.flush()
    audit.record(session, actor.name, "case.open", "case", case.id, {"subject": item.subject_key})
    return case


def allowed(session: Session, query_form: str, entry_key: str, at: datetime | None = None) -> bool:
    """Whether an unexpired, unrevoked allow-list entry covers this query form and listed entry."""
    at = at or datetime.now(UTC)
    rows = session.execute(
        select(AllowEntry.expires_at).where(
            AllowEntry.query_form == normal_form(query_form),
            AllowEntry.entry_key == entry_key,
            AllowEntry.revoked.is_(False),
        )
    ).scalars()
    return any(_aware(expiry) > at for expiry in rows)


def normal_form(text: str) -> str:
    """The allow-list's key for a query: the screening engine's own order-insensitive normal form."""
    return query_key(text)


def _add_hold(session: Session, case: Case, item: AlertInput, now: datetime) -> None:
    hold = item.hold or {}
    if session.execute(select(PaymentHold).where(PaymentHold.message_id == hold["message_id"])).first():
        return
    session.add(
        PaymentHold(
            case_id=case.id,
            message_id=hold["message_id"],
            state="held",
            amount=hold.get("amount"),
            currency=(hold.get("currency") or None),
            summary=item.summary,
            version=1,
            created_at=now,
            updated_at=now,
        )
    )


def _aware(value: datetime) -> datetime:
    # SQLite hands back naive datetimes; everything is stored in UTC.
    return value if value.tzinfo else value.replace(tzinfo=UTC)


def _reason_text(reason: Any) -> str:
    if isinstance(reason, Mapping):
        for key in ("message", "text", "reason", "control"):
            if reason.get(key):
                return str(reason[key])
    return str(reason)


def _reason_score(reason: Any) -> float | None:
    if not isinstance(reason, Mapping):
        return None
    detail = reason.get("detail")
    value = reason.get("score", detail.get("score") if isinstance(detail, Mapping) else None)
    try:
        return float(value) if value is not None else None
    except (TypeError, ValueError):
        return None


def _party_name(parties: list[Any]) -> str | None:
    named = [p for p in parties if isinstance(p, Mapping) and p.get("name")]
    # The case is about whom the money goes to, when the message says.
    for party in named:
        if any(k in str(party.get("role", "")).lower() for k in ("benef", "creditor")):
            return str(party["name"])
    return str(named[0]["name"]) if named else None


def _tag_label(tags: list[Any]) -> str | None:
    for tag in tags:
        if isinstance(tag, Mapping) and tag.get("label"):
            return str(tag["label"])
        if isinstance(tag, str):
            return tag
    return None


def _str_or_none(value: Any) -> str | None:
    return None if value is None else str(value)
