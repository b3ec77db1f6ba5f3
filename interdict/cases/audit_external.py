"""Binding records kept outside the case store (payment decisions, list loads: DuckDB) into the chain.

The owner of such records calls `record_states` in the same breath as it stores them (one audit
entry per 500 records, each carrying the SHA-256 of a record's canonical JSON), and `check_states`
with the records as they are now: any record changed, added or removed outside that path is named,
exactly like the case rows `audit verify` checks. Kinds are short names such as `decision` or
`listactive`; ids are the records' own keys (a message id, `un:3`).

`ChainSink` is the `interdict.core.state_sink.StateSink` the payments and lists stores are handed (so
they never import the case store); `duckdb_states` reads their records back for `audit verify`.
"""

from __future__ import annotations

import hmac
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from interdict.cases import audit, audit_keys, audit_state
from interdict.cases.audit_keys import KeyRing
from interdict.cases.audit_verify import Walker
from interdict.cases.store import CaseStore
from interdict.cases.tables import AuditEntry, AuditHead
from interdict.core.store import Connection

States = dict[str, dict[str, dict[str, Any]]]  # kind → record id → fields

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


class ChainSink:
    """The case store's audit chain as a `StateSink`: records go into the chain as `actor`, seals are
    HMACs under the chain's current key (named by its id, so a rotation keeps older seals valid)."""

    def __init__(self, store: CaseStore, actor: str) -> None:
        self.store, self.actor = store, actor
        self._keys: KeyRing | None = None

    def record(self, kind: str, records: Mapping[str, Mapping[str, Any]]) -> None:
        """Bind the records' state into the chain (in a transaction of its own)."""
        if records:
            record_in(self.store, self.actor, kind, records)

    def _ring(self, reload: bool = False) -> KeyRing:
        if self._keys is None or reload:
            with self.store.read() as session:
                head = session.execute(select(AuditHead).where(AuditHead.id == 1)).scalar_one()
                self._keys, _ = audit._ring(session, head.seq, head.key_id, reload=reload)
        return self._keys

    def seal(self, text: str) -> str:
        """`key id:HMAC` of `text` under the current audit key."""
        ring = self._ring()
        return f"{ring.current}:{audit_keys.mac(ring.key, 'interdict-state:' + text)}"

    def sealed(self, text: str, seal: str | None) -> bool:
        """Whether `seal` was made by `seal(text)` with one of the audit keys."""
        kid, _, digest = (seal or "").partition(":")
        if not digest:
            return False
        key = self._ring().get(kid) or self._ring(reload=True).get(kid)  # another process rotated
        expected = audit_keys.mac(key, "interdict-state:" + text) if key else ""
        return bool(key) and hmac.compare_digest(expected, digest)


def duckdb_states(conn: Connection) -> States:
    """The payment decisions and list versions, pointers and events now in the DuckDB store, by kind."""
    from interdict.incidents import store as incidents_store
    from interdict.lists.storage import activation
    from interdict.payments import store as payments_store

    return {payments_store.DECISION_KIND: payments_store.decision_states(conn), **activation.states(conn),
            incidents_store.VERSION_KIND: incidents_store.version_states(conn)}


def check_all(session: Session, states: States) -> list[str]:
    """`check_states` of several kinds in one walk of the chain."""
    path = audit.key_file(session)
    walker = Walker(audit_keys.load(path), path)
    table = AuditEntry.__table__
    for row in session.execute(select(table).order_by(table.c.seq)):
        walker.step(row)  # type: ignore[arg-type]  # a plain row has the entry's attributes
    problems: list[str] = []
    for kind, records in states.items():
        current = ((f"{kind}:{rid}", audit_state.state_hash(dict(rec))) for rid, rec in records.items())
        problems += audit_state.compare(walker.last_state, current, kinds=[kind])
    return problems


CASE_STORE = "case store (chain, cases, holds, allow-list)"
DUCKDB_STORE = "local store (payment decisions, list loads)"


def verify(session: Session, conn: Connection,
           checkpoint: Path | None = None) -> audit.VerifyResult:
    """`audit.verify` plus the payment decisions and list records of the DuckDB store `conn` (what
    `interdict audit verify` runs; an interface holding both stores calls this)."""
    result = audit.verify(session, checkpoint=checkpoint)
    chain = list(result.problems)
    outside = check_all(session, duckdb_states(conn))
    result.problems += outside
    result.ok = not result.problems
    result.checks = [audit.StoreCheck(CASE_STORE, not chain, chain),
                     audit.StoreCheck(DUCKDB_STORE, not outside, outside)]
    return result
