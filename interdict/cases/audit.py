"""The audit trail: append-only, each entry chained to the one before it by an HMAC.

`hash(n) = HMAC(key, hash(n-1) || canonical JSON of entry n)`, starting from 64 zeros; the key lives
outside the database (`audit_keys`), so whoever can only write the database cannot rewrite the chain.
Entries written before the chain was keyed (`key_id` NULL) are plain SHA-256 and stay verifiable. A
key rotation entry is signed by the old key, then by the new one. `verify` walks the chain, names the
first entry altered, removed, inserted or moved, and compares the current case rows, held payments
and allow-list entries with their last state in the chain (`audit_state`).
"""

from __future__ import annotations

import hashlib
import json
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from interdict.cases import audit_keys, audit_state
from interdict.cases.audit_keys import KeyRing
from interdict.cases.tables import AuditEntry, AuditHead
from interdict.core.errors import ConfigError

GENESIS = "0" * 64
ROTATE = "audit.rotate_key"
KEY_FILE = "interdict_audit_key_file"
_rings: dict[Path, KeyRing] = {}
_rings_lock = threading.Lock()


def canonical(value: Any) -> str:
    """Stable JSON (sorted keys, no spaces, UTF-8) that the hash is computed over."""
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False, default=str)


def _body(seq: int, at: str, actor: str, action: str, obj: str, detail: str, kid: str | None) -> str:
    fields: dict[str, Any] = {"seq": seq, "at": at, "actor": actor, "action": action, "object": obj}
    fields["detail"] = detail
    if kid is not None:
        fields["key"] = kid
    return canonical(fields)


def entry_hash(prev_hash: str, seq: int, at: str, actor: str, action: str, obj: str, detail: str) -> str:
    """The hash of one unkeyed (legacy) entry, given the hash of the entry before it."""
    body = _body(seq, at, actor, action, obj, detail, None)
    return hashlib.sha256((prev_hash + body).encode("utf-8")).hexdigest()


def keyed_hash(prev_hash: str, body: str, key: bytes, old_key: bytes | None = None) -> str:
    """HMAC of one entry; a rotation entry is signed by the old key first, then by the new one."""
    text = prev_hash + body
    if old_key is not None:
        text = audit_keys.mac(old_key, text)
    return audit_keys.mac(key, text)


def key_file(session: Session) -> Path:
    """The audit key file of the store this session belongs to."""
    configured = session.info.get(KEY_FILE)
    return Path(configured) if configured else audit_keys.default_path()


def _ring(
    session: Session, head_seq: int, head_key: str | None, *, reload: bool = False
) -> tuple[KeyRing, bool]:
    """(the key ring, whether it was just created), cached per file."""
    path = key_file(session)
    with _rings_lock:
        if head_key is not None and not path.exists():
            # Fail closed: a keyed chain whose key went missing must not get a fresh key quietly.
            raise ConfigError(f"audit key file {path} is missing, but the audit chain is keyed: restore it")
        ring = None if reload else _rings.get(path)
        created = False
        if ring is None:
            existed = path.exists()
            ring = audit_keys.load_or_create(path, head_seq)
            created = not existed and ring.legacy_until == head_seq
            _rings[path] = ring
        return ring, created


def forget_keys() -> None:
    """Drop cached key rings (after a rotation by this process, or in tests)."""
    with _rings_lock:
        _rings.clear()


def record(
    session: Session,
    actor: str,
    action: str,
    object_type: str,
    object_id: str | int,
    detail: dict[str, Any] | None = None,
) -> AuditEntry:
    """Append one entry in the caller's transaction (the change and its record commit together).

    The entry also carries the state of every case row, held payment and allow-list entry the
    transaction changed so far (`row_state`).
    """
    rows = audit_state.take_pending(session)
    head = session.execute(select(AuditHead).where(AuditHead.id == 1).with_for_update()).scalar_one()
    ring, created = _ring(session, head.seq, head.key_id)
    if head.key_id is not None and head.key_id not in ring.keys:
        ring, _ = _ring(session, head.seq, head.key_id, reload=True)  # another process rotated the key
        if head.key_id not in ring.keys:
            raise ConfigError(f"audit key file {ring.path} lacks key {head.key_id} of the last audit entry")
    if head.key_id is not None and head.key_id != ring.current:
        # The ring moved on without its rotation entry (a rotation whose commit failed): add it now.
        _append(session, head, ring, actor, ROTATE, "audit", "key", {"from": head.key_id, "to": ring.current})
    if created and head.seq > 0:
        _adopt(session, head, ring)
    payload = dict(detail or {})
    if rows:
        payload["row_state"] = {**payload.get("row_state", {}), **rows}
    session.info["interdict_audit_actor"] = actor
    return _append(session, head, ring, actor, action, object_type, str(object_id), payload)


def _append(
    session: Session,
    head: AuditHead,
    ring: KeyRing,
    actor: str,
    action: str,
    object_type: str,
    object_id: str,
    detail: dict[str, Any],
) -> AuditEntry:
    seq = head.seq + 1
    at = audit_keys.now_text()
    detail_text = canonical(detail)
    body = _body(seq, at, actor, action, f"{object_type}:{object_id}", detail_text, ring.current)
    old = ring.get(str(detail.get("from"))) if action == ROTATE else None
    digest = keyed_hash(head.hash, body, ring.key, old)
    entry = AuditEntry(
        seq=seq,
        at=at,
        actor=actor,
        action=action,
        object_type=object_type,
        object_id=object_id,
        detail=detail_text,
        prev_hash=head.hash,
        hash=digest,
        key_id=ring.current,
    )
    session.add(entry)
    head.seq, head.hash, head.key_id = seq, digest, ring.current
    session.flush()
    return entry


def _adopt(session: Session, head: AuditHead, ring: KeyRing) -> None:
    """When an unkeyed chain gets its key: bind the rows already stored into the keyed chain."""
    rows = list(audit_state.current_rows(session))
    for start in range(0, len(rows), 500):
        chunk = dict(rows[start : start + 500])
        _append(session, head, ring, "system", "audit.adopt", "audit", "rows", {"row_state": chunk})


def seal(session: Session) -> None:
    """Before commit: one more entry for rows changed after the transaction's last entry."""
    if not session.info.get(audit_state.PENDING):
        return
    session.flush()
    if not session.info.get(audit_state.PENDING):
        return
    actor = str(session.info.get("interdict_audit_actor") or "system")
    record(session, actor, "state", "audit", "rows", {})


def rotate_key(session: Session, actor: str) -> tuple[str, str]:
    """Make a new current key, signed into the chain by the old key and the new; returns (old, new)."""
    head = session.execute(select(AuditHead).where(AuditHead.id == 1).with_for_update()).scalar_one()
    ring, created = _ring(session, head.seq, head.key_id, reload=True)
    if created and head.seq > 0:
        _adopt(session, head, ring)
    old = ring.current
    new = audit_keys.add_key(ring)
    # The file is written before the entry commits: should the commit fail, the next entry adds the
    # rotation entry itself (see `record`), so the new key is never lost.
    ring.save()
    _append(session, head, ring, actor, ROTATE, "audit", "key", {"from": old, "to": new})
    return old, new


@dataclass(frozen=True, slots=True)
class StoreCheck:
    """One store's part of a verification: the case store, or the DuckDB store's decisions and loads."""

    store: str
    ok: bool
    problems: list[str]

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready dict."""
        return {"store": self.store, "ok": self.ok, "problems": self.problems}


@dataclass
class VerifyResult:
    """What `verify` found: `ok`, how many entries were checked, and each problem in words."""

    ok: bool
    entries: int
    problems: list[str] = field(default_factory=list)
    first_bad_seq: int | None = None
    checks: list[StoreCheck] = field(default_factory=list)  # per store, when more than one was checked

    def to_dict(self) -> dict[str, Any]:
        """JSON shape of the API's `/v1/audit/verify` and the CLI's `--json`."""
        return {
            "ok": self.ok,
            "entries": self.entries,
            "problems": self.problems,
            "first_bad_seq": self.first_bad_seq,
            "checks": [c.to_dict() for c in self.checks],
        }


def entries(session: Session, *, object_id: str | None = None, limit: int = 200) -> list[dict[str, Any]]:
    """The latest entries (optionally about one object such as `case:12`), newest first."""
    query = select(AuditEntry).order_by(AuditEntry.seq.desc()).limit(limit)
    if object_id:
        kind, _, oid = object_id.partition(":")
        query = query.where(AuditEntry.object_type == kind, AuditEntry.object_id == oid)
    return [
        {
            "seq": e.seq,
            "at": e.at,
            "actor": e.actor,
            "action": e.action,
            "object": f"{e.object_type}:{e.object_id}",
            "detail": json.loads(e.detail),
            "hash": e.hash,
        }
        for e in session.execute(query).scalars()
    ]


def verify(session: Session, *, checkpoint: Path | None = None) -> VerifyResult:
    """Walk the chain, check a signed checkpoint if given, and compare the current rows with it."""
    from interdict.cases.audit_verify import Walker

    path = key_file(session)
    walker = Walker(audit_keys.load(path), path)
    table = AuditEntry.__table__
    rows: list[Any] = list(session.execute(select(table).order_by(table.c.seq)))  # plain rows: faster
    for row in rows:
        walker.step(row)
    head = session.execute(select(AuditHead).where(AuditHead.id == 1)).scalar_one()
    walker.finish(head.seq, head.hash, rows[-1].seq if rows else 0)
    if walker.ring is not None or any(r.key_id for r in rows):
        # A chain from before keys (no key file yet, no keyed entry) never recorded row states: its
        # rows get bound by the first write after the upgrade (`_adopt`).
        walker.problems += audit_state.compare(walker.last_state, audit_state.current_rows(session))
    if checkpoint is not None:
        from interdict.cases.audit_checkpoint import check

        walker.problems += check(checkpoint, walker.ring, {r.seq: r.hash for r in rows})
    bad = walker.bad
    return VerifyResult(not walker.problems, len(rows), walker.problems, min(bad) if bad else None)
