"""Issue 11 §3: the audit chain is keyed (HMAC, key outside the database), checkpointed and rotatable,
and the current case rows, held payments and allow-list entries are checked against it."""

from __future__ import annotations

import hashlib
import json
import os
import stat
from pathlib import Path

import pytest
from sqlalchemy import text

from interdict.cases import alerts, audit, holds, workflow
from interdict.cases.store import CaseStore
from tests.cases import conftest as cases_conftest
from tests.cases.conftest import ANALYST, ANALYST2
from tests.cases.samples import QUERY, candidate, payment_decision
from tests.cases.test_audit import _unguard

store = cases_conftest.store  # the case store on SQLite and PostgreSQL


def _case(store: CaseStore, subject: str = "subject:kim") -> int:
    with store.write() as s:
        hit = candidate(subject=subject, list_id=subject.upper())
        _, case, _ = alerts.ingest(s, ANALYST, alerts.from_candidate(hit, QUERY))
        assert case is not None
        workflow.comment(s, ANALYST, case.id, "first")
        workflow.decide(s, ANALYST, case.id, "false_positive", "different DOB")
        return case.id


def _problems(store: CaseStore, checkpoint: Path | None = None) -> list[str]:
    with store.read() as s:
        result = audit.verify(s, checkpoint=checkpoint) if checkpoint else audit.verify(s)
    return result.problems


def _rewrite_without(store: CaseStore, drop_seq: int) -> None:
    """An intruder with database rights deletes one entry and recomputes the unkeyed SHA-256 chain."""
    with store.engine.connect() as conn:
        rows = conn.execute(
            text("SELECT seq, at, actor, action, object_type, object_id, detail FROM audit_log ORDER BY seq")
        ).all()
    run = _unguard(store)
    run(f"DELETE FROM audit_log WHERE seq = {drop_seq}")
    prev = "0" * 64
    kept = [r for r in rows if r.seq != drop_seq]
    for new_seq, row in enumerate(kept, 1):
        body = json.dumps(
            {
                "seq": new_seq,
                "at": row.at,
                "actor": row.actor,
                "action": row.action,
                "object": f"{row.object_type}:{row.object_id}",
                "detail": row.detail,
            },
            sort_keys=True,
            separators=(",", ":"),
            ensure_ascii=False,
        )
        digest = hashlib.sha256((prev + body).encode()).hexdigest()
        run(
            f"UPDATE audit_log SET seq = {new_seq}, prev_hash = '{prev}', hash = '{digest}' "
            f"WHERE seq = {row.seq}"
        )
        prev = digest
    run(f"UPDATE audit_head SET seq = {len(kept)}, hash = '{prev}' WHERE id = 1")


def test_a_recomputed_chain_is_detected(store: CaseStore) -> None:
    _case(store)
    assert _problems(store) == []
    _rewrite_without(store, 2)
    problems = _problems(store)
    assert problems, "an entry was deleted and the chain recomputed, yet verify says intact"
    assert any("entry 2" in p for p in problems), problems


def test_the_key_lives_outside_the_database_owner_only(store: CaseStore) -> None:
    _case(store)
    path = store.audit_key_file
    assert path.exists() and path.parent == store.data_dir
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600
    ring = json.loads(path.read_text())
    with store.engine.connect() as conn:
        dumped = " ".join(str(v) for row in conn.execute(text("SELECT * FROM audit_log")) for v in row)
    assert ring["keys"][ring["current"]] not in dumped


def test_editing_a_case_row_in_sql_is_reported(store: CaseStore) -> None:
    case_id = _case(store)
    with store.engine.begin() as conn:
        conn.execute(text(f"UPDATE cases SET outcome = 'true_match' WHERE id = {case_id}"))
    assert any(f"case:{case_id} differs" in p for p in _problems(store)), _problems(store)


def test_a_hold_flipped_to_released_in_sql_is_reported(store: CaseStore) -> None:
    with store.write() as s:
        alerts.ingest(s, ANALYST, alerts.from_payment_decision(payment_decision("MSG-9")))
    with store.write() as s:
        holds.approve_release(s, ANALYST, "MSG-9", "looks fine")
    assert _problems(store) == []
    with store.engine.begin() as conn:
        conn.execute(text("UPDATE payment_holds SET state = 'released', decided_by = 'bob'"))
    assert any(p.startswith("hold:") and "differs" in p for p in _problems(store)), _problems(store)


def test_an_allow_entry_inserted_or_extended_in_sql_is_reported(store: CaseStore) -> None:
    from interdict.cases import allow

    case_id = _case(store)
    with store.read() as s:
        alert_id = s.execute(text(f"SELECT id FROM alerts WHERE case_id = {case_id}")).scalar_one()
    with store.write() as s:
        entry = allow.allow_from_alert(s, ANALYST2, alert_id, "different person", days=30)
    assert _problems(store) == []
    with store.engine.begin() as conn:
        conn.execute(
            text(f"UPDATE allow_entries SET expires_at = '2099-01-01 00:00:00' WHERE id = {entry.id}")
        )
    assert any(f"allow:{entry.id} differs" in p for p in _problems(store)), _problems(store)


def test_a_checkpoint_detects_truncation(store: CaseStore, tmp_path: Path) -> None:
    from interdict.cases import audit_checkpoint

    _case(store)
    with store.read() as s:
        point = audit_checkpoint.make(s)
    cp = tmp_path / "head.json"
    cp.write_text(json.dumps(point))
    assert _problems(store, cp) == []
    last = point["seq"]
    run = _unguard(store)
    run(f"DELETE FROM audit_log WHERE seq = {last}")
    with store.engine.connect() as conn:
        prev = conn.execute(text(f"SELECT hash, key_id FROM audit_log WHERE seq = {last - 1}")).one()
    run(f"UPDATE audit_head SET seq = {last - 1}, hash = '{prev.hash}' WHERE id = 1")
    problems = _problems(store, cp)
    assert any("truncated" in p for p in problems), problems
    forged = dict(point, seq=last - 1)
    cp.write_text(json.dumps(forged))
    assert any("signature is wrong" in p for p in _problems(store, cp))


def test_key_rotation_keeps_old_entries_verifiable(store: CaseStore, tmp_path: Path) -> None:
    from interdict.cases import audit_checkpoint

    _case(store)
    with store.read() as s:
        before = audit_checkpoint.make(s)
    cp = tmp_path / "before.json"
    cp.write_text(json.dumps(before))
    with store.write() as s:
        old, new = audit.rotate_key(s, "adam")
    assert old != new
    audit.forget_keys()  # a fresh process reads the rotated ring from the file
    _case(store, "subject:two")
    assert _problems(store, cp) == []
    ring = json.loads(store.audit_key_file.read_text())
    assert ring["current"] == new and set(ring["keys"]) == {old, new}
    with store.read() as s:
        rotation = next(e for e in audit.entries(s, limit=50) if e["action"] == audit.ROTATE)
    assert rotation["detail"] == {"from": old, "to": new}
    # Without the old key, the entries it signed (and the rotation) can no longer be checked.
    del ring["keys"][old]
    store.audit_key_file.write_text(json.dumps(ring))
    audit.forget_keys()
    assert any(old in p for p in _problems(store))


def _legacy_store(tmp_path: Path) -> CaseStore:
    """A store with one case, audited as before keys existed: the key file gone, every entry
    re-signed with the old unkeyed formula and key_id NULL."""
    legacy = CaseStore(f"sqlite:///{tmp_path / 'c.sqlite'}", data_dir=tmp_path / "d")
    _case(legacy)
    legacy.audit_key_file.unlink()
    audit.forget_keys()
    _rewrite_without(legacy, 10_000)
    _unguard(legacy)("UPDATE audit_log SET key_id = NULL")
    with legacy.engine.begin() as conn:
        conn.execute(text("UPDATE audit_head SET key_id = NULL"))
    return legacy


def test_a_legacy_unkeyed_chain_stays_verifiable_and_is_adopted(tmp_path: Path) -> None:
    """A store audited before keys existed: old entries check as SHA-256; rows get bound on keying."""
    legacy = _legacy_store(tmp_path)
    try:
        assert _problems(legacy) == []  # just upgraded: nothing keyed yet, rows not yet bound
        _case(legacy, "subject:two")
        problems = _problems(legacy)
        assert problems == [], problems
        with legacy.read() as s:
            actions = [e["action"] for e in audit.entries(s, limit=100)]
        assert "audit.adopt" in actions
    finally:
        legacy.close()


def test_a_stored_decision_or_alert_edited_in_sql_is_reported(store: CaseStore) -> None:
    case_id = _case(store)
    with store.engine.begin() as conn:
        conn.execute(text(f"UPDATE case_events SET value = 'true_match' WHERE case_id = {case_id}"))
        conn.execute(text(f"UPDATE alerts SET score = 0.1 WHERE case_id = {case_id}"))
    problems = _problems(store)
    assert any(p.startswith("event:") and "differs" in p for p in problems), problems
    assert any(p.startswith("alert:") and "differs" in p for p in problems), problems


def test_rotating_before_anything_was_keyed(tmp_path: Path) -> None:
    """A legacy chain whose first keyed act is a rotation: still verifiable, rows still bound."""
    legacy = _legacy_store(tmp_path)
    try:
        with legacy.write() as s:
            audit.rotate_key(s, "adam")
        assert _problems(legacy) == []
    finally:
        legacy.close()


def test_a_missing_key_file_stops_writes_instead_of_starting_a_new_key(store: CaseStore) -> None:
    from interdict.core.errors import ConfigError

    _case(store)
    saved = store.audit_key_file.read_bytes()
    store.audit_key_file.unlink()
    audit.forget_keys()
    with pytest.raises(ConfigError, match="missing"):
        _case(store, "subject:after")
    assert not store.audit_key_file.exists()
    store.audit_key_file.write_bytes(saved)
    _case(store, "subject:after")
    assert _problems(store) == []
