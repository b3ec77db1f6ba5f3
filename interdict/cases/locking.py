"""Changing a case or a held payment: lock its row, check its version, compare-and-set, note it for audit.

Both tables carry `version` and `updated_at`. The row lock (`SELECT ... FOR UPDATE`; on SQLite the
writer lock) serialises writers; the compare-and-set on `version` is a belt to the lock's braces, so
of two concurrent changes exactly one wins and the other gets a ConflictError.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from typing import TypeVar

from sqlalchemy import ColumnElement, select, update
from sqlalchemy.orm import Session

from interdict.cases import audit_state
from interdict.cases.tables import Case, PaymentHold
from interdict.core.errors import ConflictError, NotFoundError

_Row = TypeVar("_Row", Case, PaymentHold)


def lock_row(
    session: Session,
    table: type[_Row],
    where: ColumnElement[bool],
    missing: str,
    expected_version: int | None,
    changed: Callable[[int], str],
) -> _Row:
    """The row `where` selects, locked; NotFoundError(`missing`) if there is none, and
    ConflictError(`changed(current version)`) if its version is not `expected_version`."""
    row = session.execute(select(table).where(where).with_for_update()).scalar_one_or_none()
    if row is None:
        raise NotFoundError(missing)
    if expected_version is not None and row.version != expected_version:
        raise ConflictError(changed(row.version))
    return row


def compare_and_set(session: Session, row: _Row, conflict: str, **values: object) -> None:
    """Write `values` and bump `version` only if the row still has the version read; else ConflictError.

    The bulk UPDATE is invisible to the flush, so the row is noted for the audit state by hand.
    """
    table = type(row)
    result = session.execute(
        update(table)
        .where(table.id == row.id, table.version == row.version)
        .values(version=row.version + 1, updated_at=datetime.now(UTC), **values)
        .execution_options(synchronize_session=False)
    )
    if result.rowcount != 1:  # type: ignore[attr-defined]
        raise ConflictError(conflict)
    session.refresh(row)
    audit_state.touch(session, row)
