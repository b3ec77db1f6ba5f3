"""The current state of cases, their events and alerts, held payments and allow-list entries, bound
into the audit chain.

Every flush notes which of these rows changed; the next audit entry of the transaction carries the
SHA-256 of each such row as stored (`row_state`), and a transaction that changed a row after its last
entry gets one more entry (`state`) before it commits. `verify` then recomputes every current row and
compares it with its last hash in the chain: a status flipped in SQL, a row inserted or deleted
outside Interdict is named.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Iterator
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import event, select
from sqlalchemy.orm import Session

from interdict.cases.tables import Alert, AllowEntry, Base, Case, CaseEvent, PaymentHold

Row = Case | CaseEvent | Alert | PaymentHold | AllowEntry
TRACKED: dict[str, type[Row]] = {
    "case": Case,
    "event": CaseEvent,  # decisions, corrections, comments
    "alert": Alert,  # with the payment decision or screening hit it was raised from
    "hold": PaymentHold,
    "allow": AllowEntry,
}
_KIND = {cls: kind for kind, cls in TRACKED.items()}
PENDING = "interdict_rows"


def _plain(value: Any) -> Any:
    """One stored value in a form both databases read back identically (UTC datetimes)."""
    if isinstance(value, datetime):
        aware = value if value.tzinfo else value.replace(tzinfo=UTC)
        return aware.astimezone(UTC).isoformat(timespec="microseconds")
    if isinstance(value, float):
        return repr(value)
    return value


def row_values(obj: Base) -> dict[str, Any]:
    """Every column of a row, as plain values."""
    return {col.key: _plain(getattr(obj, col.key)) for col in obj.__mapper__.column_attrs}


def state_hash(values: dict[str, Any]) -> str:
    """The SHA-256 of a row's (or any record's) state, over canonical JSON."""
    from interdict.cases.audit import canonical

    return hashlib.sha256(canonical(values).encode("utf-8")).hexdigest()


def row_key(obj: Row) -> str:
    """`case:12`, `hold:3`, `allow:7`."""
    return f"{_KIND[type(obj)]}:{obj.id}"


def touch(session: Session, obj: Row) -> None:
    """Note a row changed by a bulk UPDATE (which the flush does not see)."""
    session.info.setdefault(PENDING, {})[row_key(obj)] = obj


@event.listens_for(Session, "after_flush")
def _noted(session: Session, _context: Any) -> None:
    pending: dict[str, Row | None] = session.info.setdefault(PENDING, {})
    for obj in list(session.new) + list(session.dirty):
        if type(obj) in _KIND:
            pending[row_key(obj)] = obj
    for obj in session.deleted:
        if type(obj) in _KIND:
            pending[row_key(obj)] = None


def take_pending(session: Session) -> dict[str, str | None]:
    """The hashes of the rows changed since the last entry (None: deleted), as stored; forgets them."""
    session.flush()
    pending: dict[str, Row | None] = session.info.get(PENDING) or {}
    if not pending:
        return {}
    out: dict[str, str | None] = {}
    for key, obj in sorted(pending.items()):
        if obj is None:
            out[key] = None
            continue
        session.refresh(obj)
        out[key] = state_hash(row_values(obj))
    pending.clear()
    return out


def current_rows(session: Session) -> Iterator[tuple[str, str]]:
    """(`kind:id`, state hash) of every tracked row now in the store.

    Read as plain rows (no ORM objects: several times faster on a large store); column names equal
    attribute names in these tables, so the hash is the same as `row_values` of the object.
    """
    for kind, cls in TRACKED.items():
        for row in session.execute(select(cls.__table__)):
            values = {key: _plain(value) for key, value in row._mapping.items()}
            yield f"{kind}:{values['id']}", state_hash(values)


def compare(
    last: dict[str, tuple[int, str | None]],
    current: Iterable[tuple[str, str]],
    kinds: Iterable[str] = tuple(TRACKED),
) -> list[str]:
    """Problems between the chain's last state of each record of `kinds` and the records now."""
    wanted = set(kinds)
    problems: list[str] = []
    seen: set[str] = set()
    for key, digest in current:
        seen.add(key)
        known = last.get(key)
        if known is None:
            problems.append(f"{key} is not in the audit chain: written outside Interdict")
        elif known[1] != digest:
            problems.append(
                f"{key} differs from its state in audit entry {known[0]}: changed outside Interdict"
            )
    for key, (seq, last_digest) in sorted(last.items()):
        if key not in seen and last_digest is not None and key.split(":")[0] in wanted:
            problems.append(f"{key} (audit entry {seq}) was deleted outside Interdict")
    return problems
