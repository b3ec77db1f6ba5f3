"""Signed heads of the audit chain, kept outside the database (a file, a ticket, a printout).

A checkpoint names an entry's sequence number and hash and is signed with the audit key. Checked
later, it proves the chain still holds that entry unchanged: a truncated or rewritten chain fails.
"""

from __future__ import annotations

import hmac
import json
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from interdict.cases import audit, audit_keys
from interdict.cases.audit_keys import KeyRing
from interdict.cases.tables import AuditHead
from interdict.core.errors import ConfigError, InputError


def _signed_text(data: dict[str, Any]) -> str:
    return audit.canonical({k: data[k] for k in ("seq", "hash", "at", "key_id")})


def make(session: Session) -> dict[str, Any]:
    """A signed checkpoint of the chain's current head."""
    head = session.execute(select(AuditHead).where(AuditHead.id == 1)).scalar_one()
    ring = audit_keys.load(audit.key_file(session))
    if ring is None:
        raise ConfigError(f"no audit key file at {audit.key_file(session)}: nothing has been audited yet")
    data: dict[str, Any] = {
        "seq": head.seq,
        "hash": head.hash,
        "at": audit_keys.now_text(),
        "key_id": ring.current,
    }
    data["mac"] = audit_keys.mac(ring.key, _signed_text(data))
    return data


def check(path: Path, ring: KeyRing | None, hashes: dict[int, str]) -> list[str]:
    """Problems between a checkpoint file and the chain's stored hashes (none: the chain holds it)."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        seq, digest, kid, mac = int(data["seq"]), str(data["hash"]), str(data["key_id"]), str(data["mac"])
        signed = _signed_text(data)
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise InputError(str(path), None, f"not an audit checkpoint: {exc}") from exc
    key = ring.get(kid) if ring else None
    if key is None:
        return [f"checkpoint {path.name}: signed with key {kid}, which the audit key file lacks"]
    if not hmac.compare_digest(audit_keys.mac(key, signed), mac):
        return [f"checkpoint {path.name}: its signature is wrong (the file was altered)"]
    if seq == 0:
        return []
    if seq not in hashes:
        return [f"checkpoint {path.name}: entry {seq} is gone (the chain was truncated)"]
    if hashes[seq] != digest:
        return [f"checkpoint {path.name}: entry {seq} differs from the checkpoint (the chain was rewritten)"]
    return []
