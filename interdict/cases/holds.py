"""Held payments: release needs two different people (four eyes), rejection needs a supervisor.

Every step is locked on the hold's row and recorded on its case and in the audit trail; the hold's
`version` makes a stale second click fail instead of releasing twice.
"""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from interdict.cases import audit
from interdict.cases.locking import compare_and_set, lock_row
from interdict.cases.tables import Case, CaseEvent, PaymentHold
from interdict.cases.users import Actor, require
from interdict.core.errors import ConflictError, InputError

HOLD_STATES = ("held", "release_pending", "released", "rejected")


def lock_hold(session: Session, message_id: str, expected_version: int | None = None) -> PaymentHold:
    """Load a hold for change, locked."""
    return lock_row(
        session, PaymentHold, PaymentHold.message_id == message_id, f"no held payment {message_id!r}",
        expected_version, lambda _now: f"held payment {message_id} changed since you loaded it",
    )


def approve_release(
    session: Session, actor: Actor, message_id: str, reason: str, expected_version: int | None = None
) -> PaymentHold:
    """First approval marks the payment release-pending; a second, different person releases it."""
    require(actor, "work")
    hold = lock_hold(session, message_id, expected_version)
    if hold.state == "held":
        _move(session, hold, state="release_pending", first_approver=actor.name)
        action = "payment.release.first"
    elif hold.state == "release_pending":
        if hold.first_approver == actor.name:
            raise ConflictError(
                f"four eyes: {actor.name} already approved {message_id}; "
                "a second, different person must release it"
            )
        _move(session, hold, state="released", decided_by=actor.name)
        action = "payment.release"
        _close_case(session, hold.case_id, actor, "false_positive", f"payment released: {reason}")
    else:
        raise ConflictError(f"held payment {message_id} is already {hold.state}")
    _case_event(session, hold.case_id, actor, action, reason)
    audit.record(
        session,
        actor.name,
        action,
        "payment",
        message_id,
        {"reason": reason, "case": hold.case_id, "state": hold.state},
    )
    return hold


def reject(
    session: Session, actor: Actor, message_id: str, reason: str, expected_version: int | None = None
) -> PaymentHold:
    """Reject the payment (supervisor only); it is then never released."""
    require(actor, "reject_payment")
    if not reason.strip():
        raise InputError(f"payment {message_id}", "reason", "a rejection needs a reason")
    hold = lock_hold(session, message_id, expected_version)
    if hold.state not in ("held", "release_pending"):
        raise ConflictError(f"held payment {message_id} is already {hold.state}")
    _move(session, hold, state="rejected", decided_by=actor.name)
    _case_event(session, hold.case_id, actor, "payment.reject", reason)
    _close_case(session, hold.case_id, actor, "true_match", f"payment rejected: {reason}")
    audit.record(
        session, actor.name, "payment.reject", "payment", message_id, {"reason": reason, "case": hold.case_id}
    )
    return hold


def _move(session: Session, hold: PaymentHold, **values: object) -> None:
    conflict = f"held payment {hold.message_id} was changed by someone else at the same time"
    compare_and_set(session, hold, conflict, **values)


def _case_event(session: Session, case_id: int, actor: Actor, kind: str, text: str) -> None:
    session.add(
        CaseEvent(
            case_id=case_id,
            kind=kind.replace("payment.", "payment_")[:20],
            actor=actor.name,
            at=datetime.now(UTC),
            text=text,
        )
    )
    session.flush()


def _close_case(session: Session, case_id: int, actor: Actor, outcome: str, reason: str) -> None:
    case = session.execute(select(Case).where(Case.id == case_id).with_for_update()).scalar_one()
    if case.state == "closed":
        return
    session.add(
        CaseEvent(
            case_id=case_id,
            kind="decision",
            actor=actor.name,
            at=datetime.now(UTC),
            text=reason,
            value=outcome,
        )
    )
    case.state, case.outcome = "closed", outcome
    case.version += 1
    case.updated_at = datetime.now(UTC)
    session.flush()
    audit.record(session, actor.name, "case.decide", "case", case_id, {"outcome": outcome, "reason": reason})
