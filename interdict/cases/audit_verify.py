"""Walking the audit chain entry by entry: sequence, links, keys, rotations, HMACs, row states."""

from __future__ import annotations

import json
from pathlib import Path

from interdict.cases import audit
from interdict.cases.audit_keys import KeyRing
from interdict.cases.tables import AuditEntry


class Walker:
    """Checks each entry against the one before it; collects problems and each row's last state."""

    def __init__(self, ring: KeyRing | None, path: Path) -> None:
        self.ring = ring
        self.path = path
        self.problems: list[str] = []
        self.bad: list[int] = []
        self.last_state: dict[str, tuple[int, str | None]] = {}
        self.prev_hash = audit.GENESIS
        self.expected_seq = 1
        self.prev_key: str | None = None
        self._told_no_ring = False

    def _problem(self, seq: int, text: str) -> None:
        self.problems.append(text)
        self.bad.append(seq)

    def step(self, row: AuditEntry) -> None:
        """Check one entry (in storage order)."""
        if row.seq != self.expected_seq:
            self._problem(
                self.expected_seq, f"entry {self.expected_seq} is missing (next stored entry is {row.seq})"
            )
        if row.prev_hash != self.prev_hash:
            self._problem(
                row.seq, f"entry {row.seq} does not follow entry {row.seq - 1}: removed or reordered"
            )
        digest = self._digest(row)
        if digest is not None and digest != row.hash:
            self._problem(row.seq, f"entry {row.seq} was altered ({row.action} by {row.actor} at {row.at})")
        self._note_state(row)
        self.prev_hash, self.expected_seq = row.hash, row.seq + 1
        self.prev_key = row.key_id

    def _digest(self, row: AuditEntry) -> str | None:
        obj = f"{row.object_type}:{row.object_id}"
        if row.key_id is None:
            if self.prev_key is not None or (self.ring is not None and row.seq > self.ring.legacy_until):
                self._problem(row.seq, f"entry {row.seq} is not keyed, but the chain was keyed before it")
            return audit.entry_hash(row.prev_hash, row.seq, row.at, row.actor, row.action, obj, row.detail)
        if self.ring is None:
            if not self._told_no_ring:
                self._problem(row.seq, f"no audit key file at {self.path}: keyed entries cannot be checked")
                self._told_no_ring = True
            return None
        key = self.ring.get(row.key_id)
        if key is None:
            self._problem(
                row.seq, f"entry {row.seq} is signed with key {row.key_id}, which is not in {self.path}"
            )
            return None
        body = audit._body(row.seq, row.at, row.actor, row.action, obj, row.detail, row.key_id)
        old_key = None
        if row.action == audit.ROTATE:
            old_id = str(json.loads(row.detail).get("from"))
            old_key = self.ring.get(old_id)
            # The first keyed entry may be a rotation (a chain rotated before anything else was keyed).
            if old_key is None or self.prev_key not in (None, old_id):
                self._problem(row.seq, f"entry {row.seq} rotates from key {old_id}, not the chain's key")
                return None
        elif self.prev_key is not None and self.prev_key != row.key_id:
            self._problem(row.seq, f"entry {row.seq} changes the key without a rotation entry")
        return audit.keyed_hash(row.prev_hash, body, key, old_key)

    def _note_state(self, row: AuditEntry) -> None:
        try:
            states = json.loads(row.detail).get("row_state") or {}
        except (ValueError, AttributeError):
            return
        for key, digest in states.items():
            self.last_state[str(key)] = (row.seq, digest)

    def finish(self, head_seq: int, head_hash: str, last_seq: int) -> None:
        """Compare the end of the walk with the stored head (a cut-off tail)."""
        if head_seq != last_seq or head_hash != self.prev_hash:
            self._problem(
                min(head_seq, last_seq) + 1,
                f"the chain should end at entry {head_seq} but ends at {last_seq}: entries removed",
            )
