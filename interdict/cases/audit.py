"""The audit trail: append-only, each entry hash-chained to the one before it.

`hash(n) = sha256(hash(n-1) || canonical JSON of entry n)`, starting from 64 zeros. `verify` walks the
chain and names the first entry that was altered, removed, inserted or moved; the one-row `audit_head`
also holds the last sequence number and hash, so a cut-off tail is found too.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from interdict.cases.tables import AuditEntry, AuditHead

GENESIS = "0" * 64


def canonical(value: Any) -> str:
    """Stable JSON (sorted keys, no spaces, UTF-8) that the hash is computed over."""
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False, default=str)


def entry_hash(prev_hash: str, seq: int, at: str, actor: str, action: str, obj: str, detail: str) -> str:
    """The hash of one entry, given the hash of the entry before it."""
    body = canonical(
        {"seq": seq, "at": at, "actor": actor, "action": action, "object": obj, "detail": detail}
    )
    return hashlib.sha256((prev_hash + body).encode("utf-8")).hexdigest()


def record(
    session: Session,
    actor: str,
    action: str,
    object_type: str,
    object_id: str | int,
    detail: dict[str, Any] | None = None,
) -> AuditEntry:
    """Append one entry in the caller's transaction (the change and its record commit together)."""
    head = session.execute(select(AuditHead).where(AuditHead.id == 1).with_for_update()).scalar_one()
    seq = head.seq + 1
    at = datetime.now(UTC).isoformat(timespec="microseconds")
    detail_text = canonical(detail or {})
    obj = f"{object_type}:{object_id}"
    digest = entry_hash(head.hash, seq, at, actor, action, obj, detail_text)
    entry = AuditEntry(
        seq=seq,
        at=at,
        actor=actor,
        action=action,
        object_type=object_type,
        object_id=str(object_id),
        detail=detail_text,
        prev_hash=head.hash,
        hash=digest,
    )
    session.add(entry)
    head.seq = seq
    head.hash = digest
    session.flush()
    return entry


@dataclass
class VerifyResult:
    """What `verify` found: `ok`, how many entries were checked, and each problem in words."""

    ok: bool
    entries: int
    problems: list[str] = field(default_factory=list)
    first_bad_seq: int | None = None

    def to_dict(self) -> dict[str, Any]:
        """JSON shape of the API's `/v1/audit/verify` and the CLI's `--json`."""
        return {
            "ok": self.ok,
            "entries": self.entries,
            "problems": self.problems,
            "first_bad_seq": self.first_bad_seq,
        }


def verify(session: Session) -> VerifyResult:
    """Walk the chain in storage order and report every altered, removed or reordered entry."""
    rows = session.execute(select(AuditEntry).order_by(AuditEntry.seq)).scalars().all()
    head = session.execute(select(AuditHead).where(AuditHead.id == 1)).scalar_one()
    problems: list[str] = []
    bad: list[int] = []
    prev_hash, expected_seq = GENESIS, 1
    for row in rows:
        if row.seq != expected_seq:
            problems.append(f"entry {expected_seq} is missing (next stored entry is {row.seq})")
            bad.append(expected_seq)
        if row.prev_hash != prev_hash:
            problems.append(f"entry {row.seq} does not follow entry {row.seq - 1}: removed or reordered")
            bad.append(row.seq)
        obj = f"{row.object_type}:{row.object_id}"
        digest = entry_hash(row.prev_hash, row.seq, row.at, row.actor, row.action, obj, row.detail)
        if digest != row.hash:
            problems.append(f"entry {row.seq} was altered ({row.action} by {row.actor} at {row.at})")
            bad.append(row.seq)
        prev_hash, expected_seq = row.hash, row.seq + 1
    last_seq = rows[-1].seq if rows else 0
    if head.seq != last_seq or head.hash != prev_hash:
        problems.append(f"the chain should end at entry {head.seq} but ends at {last_seq}: entries removed")
        bad.append(min(head.seq, last_seq) + 1)
    return VerifyResult(not problems, len(rows), problems, min(bad) if bad else None)


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
