"""Allow-list ("good guy") entries made from a false positive: this query form × this listed entry.

Each entry has a reason, an author and an expiry, is audited, and is handed to the screening engine
(`as_screening_allowlist`), which drops the pair and says so in its explanation.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from interdict.cases import audit
from interdict.cases.alerts import normal_form
from interdict.cases.tables import Alert, AllowEntry, Case
from interdict.cases.users import Actor, require
from interdict.core.errors import ConflictError, InputError, NotFoundError

MAX_DAYS = 3 * 365


def allow_from_alert(
    session: Session, actor: Actor, alert_id: int, reason: str, days: int = 365
) -> AllowEntry:
    """Create an allow entry from a screening alert whose case was decided false positive."""
    require(actor, "work")
    if not reason.strip():
        raise InputError(f"alert {alert_id}", "reason", "an allow-list entry needs a reason")
    if not 1 <= days <= MAX_DAYS:
        raise InputError(f"alert {alert_id}", "days", f"expected 1 to {MAX_DAYS} days, got {days}")
    alert = session.get(Alert, alert_id)
    if alert is None or alert.source != "screening":
        raise NotFoundError(f"no screening alert {alert_id}")
    case = session.get(Case, alert.case_id)
    if case is None or case.outcome != "false_positive":
        raise ConflictError(f"alert {alert_id}: decide its case false_positive before allow-listing it")
    now = datetime.now(UTC)
    entry = AllowEntry(
        query_form=normal_form(alert.query_form or alert.subject_name),
        entry_key=alert.source_ref,
        reason=reason,
        author=actor.name,
        case_id=case.id,
        created_at=now,
        expires_at=now + timedelta(days=days),
        revoked=False,
    )
    session.add(entry)
    session.flush()
    audit.record(
        session,
        actor.name,
        "allow.create",
        "allow",
        entry.id,
        {
            "query_form": entry.query_form,
            "entry": entry.entry_key,
            "reason": reason,
            "expires": entry.expires_at.isoformat(),
            "case": case.id,
        },
    )
    return entry


def revoke(session: Session, actor: Actor, allow_id: int, reason: str) -> None:
    """Revoke an allow entry before its expiry (the row stays, marked revoked)."""
    require(actor, "work")
    entry = session.get(AllowEntry, allow_id)
    if entry is None:
        raise NotFoundError(f"no allow-list entry {allow_id}")
    entry.revoked = True
    audit.record(session, actor.name, "allow.revoke", "allow", allow_id, {"reason": reason})


def list_entries(session: Session, *, active_only: bool = False) -> list[dict[str, Any]]:
    """Allow entries, newest first."""
    now = datetime.now(UTC)
    out = []
    for e in session.execute(select(AllowEntry).order_by(AllowEntry.id.desc())).scalars():
        expires = e.expires_at if e.expires_at.tzinfo else e.expires_at.replace(tzinfo=UTC)
        active = not e.revoked and expires > now
        if active_only and not active:
            continue
        out.append(
            {
                "id": e.id,
                "query_form": e.query_form,
                "entry": e.entry_key,
                "reason": e.reason,
                "author": e.author,
                "case_id": e.case_id,
                "created_at": e.created_at.isoformat(),
                "expires_at": expires.isoformat(),
                "revoked": e.revoked,
                "active": active,
            }
        )
    return out
