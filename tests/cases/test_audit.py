"""The audit trail is hash-chained: any altered, removed or reordered entry is found and named."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError

from interdict.cases import alerts, audit, workflow
from interdict.cases.store import CaseStore
from tests.cases.conftest import ANALYST
from tests.cases.samples import QUERY, candidate


def _history(store: CaseStore) -> int:
    with store.write() as s:
        _, case, _ = alerts.ingest(s, ANALYST, alerts.from_candidate(candidate(), QUERY))
        assert case is not None
        workflow.comment(s, ANALYST, case.id, "first")
        workflow.comment(s, ANALYST, case.id, "second")
        workflow.decide(s, ANALYST, case.id, "false_positive", "different DOB")
    with store.read() as s:
        result = audit.verify(s)
    assert result.ok, result.problems
    return result.entries


def _unguard(store: CaseStore) -> Callable[[str], None]:
    """Drop the append-only triggers as an intruder with owner rights would, then run raw SQL."""

    def run(sql: str) -> None:
        with store.engine.begin() as conn:
            if store.dialect == "postgresql":
                conn.execute(text("ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_change"))
            else:
                conn.execute(text("DROP TRIGGER IF EXISTS audit_log_no_update"))
                conn.execute(text("DROP TRIGGER IF EXISTS audit_log_no_delete"))
            conn.execute(text(sql))

    return run


def test_every_change_is_recorded(store: CaseStore) -> None:
    n = _history(store)
    with store.read() as s:
        rows = audit.entries(s, limit=100)
    actions = [r["action"] for r in reversed(rows)]
    assert actions[-4:] == ["alert.create", "case.comment", "case.comment", "case.decide"]
    assert rows[0]["actor"] == "alice" and rows[0]["detail"]["outcome"] == "false_positive"
    assert len(rows) == n


def test_the_database_refuses_changes(store: CaseStore) -> None:
    _history(store)
    with pytest.raises(DBAPIError, match="append-only"), store.engine.begin() as conn:
        conn.execute(text("UPDATE audit_log SET actor = 'mallory' WHERE seq = 3"))


@pytest.mark.parametrize(
    ("sql", "expect"),
    [
        (
            'UPDATE audit_log SET detail = \'{"outcome":"true_match"}\' WHERE seq = {last}',
            "entry {last} was altered",
        ),
        ("UPDATE audit_log SET actor = 'mallory' WHERE seq = 4", "entry 4 was altered"),
        ("DELETE FROM audit_log WHERE seq = 5", "entry 5 is missing"),
        ("DELETE FROM audit_log WHERE seq = {last}", "should end at entry {last}"),
        (
            "UPDATE audit_log SET seq = CASE seq WHEN 4 THEN 5 ELSE 4 END WHERE seq IN (4, 5)",
            "entry 4 does not follow",
        ),
    ],
)
def test_tampering_is_detected(store: CaseStore, sql: str, expect: str) -> None:
    last = _history(store)
    if "CASE seq" in sql:
        # swap two entries' positions: move one aside first (primary key)
        run = _unguard(store)
        run("UPDATE audit_log SET seq = 1000 WHERE seq = 4")
        run("UPDATE audit_log SET seq = 4 WHERE seq = 5")
        run("UPDATE audit_log SET seq = 5 WHERE seq = 1000")
    else:
        _unguard(store)(sql.replace("{last}", str(last)))
    with store.read() as s:
        result = audit.verify(s)
    assert not result.ok
    assert any(expect.replace("{last}", str(last)) in p for p in result.problems), result.problems
