"""Read-only views of the case store as JSON-ready dicts (the API answers them, the web page shows them)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from interdict.cases.tables import Alert, Attachment, Case, CaseEvent, PaymentHold
from interdict.core.errors import NotFoundError


@dataclass(frozen=True)
class CaseFilter:
    """Filters of the alert queue."""

    state: str | None = None  # a state, or "active" for every state but closed
    source: str | None = None
    assignee: str | None = None
    min_score: float | None = None
    text: str | None = None
    limit: int = 100
    offset: int = 0


def _iso(value: datetime | None) -> str | None:
    return value.isoformat() if value else None


def case_summary(case: Case, alerts: int = 0) -> dict[str, Any]:
    """The queue row of a case."""
    return {
        "id": case.id,
        "title": case.title,
        "subject_key": case.subject_key,
        "state": case.state,
        "outcome": case.outcome,
        "assignee": case.assignee,
        "source": case.source,
        "max_score": case.max_score,
        "version": case.version,
        "alerts": alerts,
        "created_at": _iso(case.created_at),
        "updated_at": _iso(case.updated_at),
    }


def list_cases(session: Session, flt: CaseFilter) -> list[dict[str, Any]]:
    """The queue: cases matching the filter, highest score first, then oldest."""
    counts = select(Alert.case_id, func.count(Alert.id).label("n")).group_by(Alert.case_id).subquery()
    query = select(Case, counts.c.n).join(counts, counts.c.case_id == Case.id, isouter=True)
    if flt.state == "active":
        query = query.where(Case.state != "closed")
    elif flt.state:
        query = query.where(Case.state == flt.state)
    if flt.source:
        query = query.where(Case.source == flt.source)
    if flt.assignee:
        query = query.where(Case.assignee == flt.assignee)
    if flt.min_score is not None:
        query = query.where(Case.max_score >= flt.min_score)
    if flt.text:
        # Bound parameter: the text is data, never SQL.
        query = query.where(Case.title.ilike(f"%{flt.text}%"))
    query = query.order_by(Case.max_score.desc().nulls_last(), Case.id).limit(flt.limit).offset(flt.offset)
    return [case_summary(case, n or 0) for case, n in session.execute(query).all()]


def alert_dict(alert: Alert) -> dict[str, Any]:
    """An alert with its query, payload and explanation decoded."""
    return {
        "id": alert.id,
        "case_id": alert.case_id,
        "source": alert.source,
        "source_ref": alert.source_ref,
        "subject_key": alert.subject_key,
        "subject_name": alert.subject_name,
        "query_form": alert.query_form,
        "score": alert.score,
        "summary": alert.summary,
        "query": json.loads(alert.query_json),
        "payload": json.loads(alert.payload_json),
        "explanation": json.loads(alert.explanation_json),
        "created_at": _iso(alert.created_at),
    }


def list_alerts(
    session: Session,
    *,
    source: str | None = None,
    case_id: int | None = None,
    limit: int = 100,
    offset: int = 0,
) -> list[dict[str, Any]]:
    """Alerts, newest first, without their (possibly large) payloads."""
    query = select(Alert).order_by(Alert.id.desc()).limit(limit).offset(offset)
    if source:
        query = query.where(Alert.source == source)
    if case_id is not None:
        query = query.where(Alert.case_id == case_id)
    out = []
    for alert in session.execute(query).scalars():
        row = alert_dict(alert)
        row.pop("payload")
        out.append(row)
    return out


def case_detail(session: Session, case_id: int) -> dict[str, Any]:
    """A case with its alerts, events (decisions, comments, corrections), attachments and held payment."""
    case = session.get(Case, case_id)
    if case is None:
        raise NotFoundError(f"no case {case_id}")
    alerts = session.execute(select(Alert).where(Alert.case_id == case_id).order_by(Alert.id)).scalars()
    events = session.execute(
        select(CaseEvent).where(CaseEvent.case_id == case_id).order_by(CaseEvent.id)
    ).scalars()
    files = session.execute(select(Attachment).where(Attachment.case_id == case_id)).scalars()
    hold = session.execute(select(PaymentHold).where(PaymentHold.case_id == case_id)).scalar_one_or_none()
    alert_rows = [alert_dict(a) for a in alerts]
    detail = case_summary(case, len(alert_rows))
    detail["alerts"] = alert_rows
    detail["events"] = [
        {
            "id": e.id,
            "kind": e.kind,
            "actor": e.actor,
            "at": _iso(e.at),
            "text": e.text,
            "value": e.value,
            "corrects": e.corrects,
        }
        for e in events
    ]
    detail["attachments"] = [
        {
            "id": f.id,
            "filename": f.filename,
            "sha256": f.sha256,
            "size": f.size,
            "content_type": f.content_type,
            "actor": f.actor,
            "at": _iso(f.at),
        }
        for f in files
    ]
    detail["hold"] = hold_dict(hold) if hold else None
    return detail


def hold_dict(hold: PaymentHold) -> dict[str, Any]:
    """A held payment's queue row."""
    return {
        "message_id": hold.message_id,
        "case_id": hold.case_id,
        "state": hold.state,
        "first_approver": hold.first_approver,
        "decided_by": hold.decided_by,
        "amount": hold.amount,
        "currency": hold.currency,
        "summary": hold.summary,
        "version": hold.version,
        "created_at": _iso(hold.created_at),
        "updated_at": _iso(hold.updated_at),
    }


def list_holds(session: Session, state: str | None = None) -> list[dict[str, Any]]:
    """Held payments (all, or in one state), oldest first: the release queue."""
    query = select(PaymentHold).order_by(PaymentHold.id)
    if state == "pending":
        query = query.where(PaymentHold.state.in_(("held", "release_pending")))
    elif state:
        query = query.where(PaymentHold.state == state)
    return [hold_dict(h) for h in session.execute(query).scalars()]


def list_decisions(session: Session, *, actor: str | None = None, limit: int = 200) -> list[dict[str, Any]]:
    """Decisions and corrections, newest first: who decided what about which case, and when."""
    query = (
        select(CaseEvent, Case.title)
        .join(Case, Case.id == CaseEvent.case_id)
        .where(CaseEvent.kind.in_(("decision", "correction")))
        .order_by(CaseEvent.id.desc())
        .limit(limit)
    )
    if actor:
        query = query.where(CaseEvent.actor == actor)
    return [
        {
            "id": e.id,
            "case_id": e.case_id,
            "case_title": title,
            "kind": e.kind,
            "outcome": e.value,
            "reason": e.text,
            "actor": e.actor,
            "at": _iso(e.at),
            "corrects": e.corrects,
        }
        for e, title in session.execute(query).all()
    ]
