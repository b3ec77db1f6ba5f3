"""Binding records kept outside the case store (payment decisions, list loads: DuckDB) into the chain.

The owner of such records calls `record_states` in the same breath as it stores them (one audit
entry per 500 records, each carrying the SHA-256 of a record's canonical JSON), and `check_states`
with the records as they are now: any record changed, added or removed outside that path is named,
exactly like the case rows `audit verify` checks. Kinds are short names such as `decision` or
`listload`; ids are the records' own keys (a message id, `un:2025-11-20`).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from interdict.cases import audit, audit_keys, audit_state
from interdict.cases.audit_verify import Walker
from interdict.cases.store import CaseStore
from interdict.cases.tables import AuditEntry

CHUNK = 500


def record_states(
    session: Session,
    actor: str,
    kind: str,
    records: Mapping[str, Mapping[str, Any]],
    action: str = "state",
) -> int:
    """Append the state of each record (id → JSON-able fields) to the chain; returns entries written."""
    items = sorted((f"{kind}:{rid}", audit_state.state_hash(dict(rec))) for rid, rec in records.items())
    written = 0
    for start in range(0, len(items), CHUNK):
        chunk = dict(items[start : start + CHUNK])
        audit.record(session, actor, action, kind, f"{len(chunk)} records", {"row_state": chunk})
        written += 1
    return written


def check_states(session: Session, kind: str, records: Mapping[str, Mapping[str, Any]]) -> list[str]:
    """Problems between the records as they are now and their last state in the chain (none: all match)."""
    path = audit.key_file(session)
    walker = Walker(audit_keys.load(path), path)
    table = AuditEntry.__table__
    for row in session.execute(select(table).order_by(table.c.seq)):
        walker.step(row)  # type: ignore[arg-type]  # a plain row has the entry's attributes
    current = ((f"{kind}:{rid}", audit_state.state_hash(dict(rec))) for rid, rec in records.items())
    return walker.problems + audit_state.compare(walker.last_state, current, kinds=[kind])


def record_in(store: CaseStore, actor: str, kind: str, records: Mapping[str, Mapping[str, Any]]) -> int:
    """`record_states` in a transaction of its own (for callers that hold no case-store session)."""
    with store.write() as session:
        return record_states(session, actor, kind, records)
