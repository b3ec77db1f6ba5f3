"""What people do to a case: assign, comment, escalate, decide, correct. Nothing is ever overwritten.

States: open → in_review → escalated → closed (true_match / false_positive / not_relevant). Every
change locks the case row (`SELECT ... FOR UPDATE`; on SQLite the writer lock) and bumps `version`,
so of two concurrent decisions exactly one wins and the other gets a ConflictError. Every change
writes a case event and an audit entry in the same transaction.
"""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy.orm import Session

from interdict.cases import audit
from interdict.cases.locking import compare_and_set, lock_row
from interdict.cases.tables import Case, CaseEvent
from interdict.cases.users import Actor, Role, require
from interdict.core.errors import ConflictError, InputError, NotFoundError, PermissionDenied

STATES = ("open", "in_review", "escalated", "closed")
OUTCOMES = ("true_match", "false_positive", "not_relevant")
MAX_TEXT = 20_000


def lock_case(session: Session, case_id: int, expected_version: int | None = None) -> Case:
    """Load a case for change, locked; ConflictError if someone changed it since `expected_version`."""
    return lock_row(
        session, Case, Case.id == case_id, f"no case {case_id}", expected_version,
        lambda now: f"case {case_id} changed since you loaded it (version {expected_version}, now {now})",
    )


def _bump(session: Session, case: Case, **values: object) -> None:
    compare_and_set(session, case, f"case {case.id} was changed by someone else at the same time", **values)


def _event(
    session: Session,
    case: Case,
    actor: Actor,
    kind: str,
    text: str = "",
    value: str | None = None,
    corrects: int | None = None,
) -> CaseEvent:
    if len(text) > MAX_TEXT:
        raise InputError(f"case {case.id}", kind, f"text longer than {MAX_TEXT} characters")
    event = CaseEvent(
        case_id=case.id,
        kind=kind,
        actor=actor.name,
        at=datetime.now(UTC),
        text=text,
        value=value,
        corrects=corrects,
    )
    session.add(event)
    session.flush()
    return event


def comment(session: Session, actor: Actor, case_id: int, text: str) -> CaseEvent:
    """Add a comment (any worker, any state)."""
    require(actor, "work")
    if not text.strip():
        raise InputError(f"case {case_id}", "comment", "expected a non-empty comment")
    case = lock_case(session, case_id)
    event = _event(session, case, actor, "comment", text)
    _bump(session, case)
    audit.record(session, actor.name, "case.comment", "case", case_id, {"event": event.id, "text": text})
    return event


def assign(
    session: Session, actor: Actor, case_id: int, assignee: str, expected_version: int | None = None
) -> Case:
    """Give the case to a person; an open case goes into review."""
    require(actor, "work")
    case = lock_case(session, case_id, expected_version)
    _require_open(case)
    state = "in_review" if case.state == "open" else case.state
    _event(session, case, actor, "assign", value=assignee)
    _bump(session, case, assignee=assignee, state=state)
    audit.record(session, actor.name, "case.assign", "case", case_id, {"assignee": assignee, "state": state})
    return case


def escalate(
    session: Session, actor: Actor, case_id: int, reason: str, expected_version: int | None = None
) -> Case:
    """Send the case to a supervisor, with the reason."""
    require(actor, "work")
    case = lock_case(session, case_id, expected_version)
    _require_open(case)
    if case.state == "escalated":
        raise ConflictError(f"case {case_id} is already escalated")
    _event(session, case, actor, "escalate", reason)
    _bump(session, case, state="escalated")
    audit.record(session, actor.name, "case.escalate", "case", case_id, {"reason": reason})
    return case


def decide(
    session: Session,
    actor: Actor,
    case_id: int,
    outcome: str,
    reason: str,
    expected_version: int | None = None,
) -> CaseEvent:
    """Close the case with an outcome; an escalated case needs a supervisor."""
    require(actor, "work")
    if outcome not in OUTCOMES:
        raise InputError(
            f"case {case_id}", "outcome", f"expected one of {', '.join(OUTCOMES)}, got {outcome!r}"
        )
    case = lock_case(session, case_id, expected_version)
    _require_open(case)
    if case.state == "escalated" and actor.role != Role.SUPERVISOR:
        raise PermissionDenied(f"case {case_id} is escalated: only a supervisor may decide it")
    event = _event(session, case, actor, "decision", reason, value=outcome)
    _bump(session, case, state="closed", outcome=outcome)
    audit.record(
        session,
        actor.name,
        "case.decide",
        "case",
        case_id,
        {"event": event.id, "outcome": outcome, "reason": reason},
    )
    return event


def correct(
    session: Session, actor: Actor, case_id: int, event_id: int, outcome: str, reason: str
) -> CaseEvent:
    """A supervisor corrects a decision: a new entry that points at the old one (which stays)."""
    require(actor, "correct")
    if outcome not in (*OUTCOMES, "reopen"):
        raise InputError(f"case {case_id}", "outcome", f"expected one of {', '.join(OUTCOMES)} or reopen")
    case = lock_case(session, case_id)
    old = session.get(CaseEvent, event_id)
    if old is None or old.case_id != case_id or old.kind not in ("decision", "correction"):
        raise NotFoundError(f"case {case_id} has no decision {event_id}")
    event = _event(session, case, actor, "correction", reason, value=outcome, corrects=event_id)
    if outcome == "reopen":
        _bump(session, case, state="in_review", outcome=None)
    else:
        _bump(session, case, state="closed", outcome=outcome)
    audit.record(
        session,
        actor.name,
        "case.correct",
        "case",
        case_id,
        {"event": event.id, "corrects": event_id, "outcome": outcome, "reason": reason},
    )
    return event


def _require_open(case: Case) -> None:
    if case.state == "closed":
        raise ConflictError(f"case {case.id} is already closed ({case.outcome}); a supervisor may correct it")
