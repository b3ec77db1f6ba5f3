"""Issue 11 §3: records outside the case store (payment decisions, list loads in DuckDB) can be bound
into the audit chain, and a later edit of one of them is named."""

from __future__ import annotations

from interdict.cases import audit_external
from interdict.cases.store import CaseStore
from tests.cases import conftest as cases_conftest

store = cases_conftest.store  # the case store on SQLite and PostgreSQL


def _decisions() -> dict[str, dict[str, object]]:
    return {
        f"MSG-{n:04d}": {"decision": "hold" if n % 3 == 0 else "release", "lists": {"un": "2025-11-20"}}
        for n in range(1200)
    }


def test_a_decision_flipped_after_it_was_recorded_is_named(store: CaseStore) -> None:
    decisions = _decisions()
    assert audit_external.record_in(store, "payments", "decision", decisions) == 3  # 500 per entry
    with store.read() as s:
        assert audit_external.check_states(s, "decision", decisions) == []
    decisions["MSG-0003"] = {**decisions["MSG-0003"], "decision": "release"}
    decisions["MSG-9999"] = {"decision": "release", "lists": {}}
    del decisions["MSG-0006"]
    with store.read() as s:
        problems = audit_external.check_states(s, "decision", decisions)
    assert any(p.startswith("decision:MSG-0003 differs") for p in problems), problems
    assert any(p.startswith("decision:MSG-9999 is not in the audit chain") for p in problems), problems
    assert any(p.startswith("decision:MSG-0006 ") and "deleted" in p for p in problems), problems
    assert len(problems) == 3


def test_a_new_list_load_supersedes_the_old_state(store: CaseStore) -> None:
    with store.write() as s:
        audit_external.record_states(s, "lists", "listload", {"un": {"version": "v1", "entries": 1003}})
    with store.write() as s:
        audit_external.record_states(s, "lists", "listload", {"un": {"version": "v2", "entries": 1004}})
    with store.read() as s:
        assert audit_external.check_states(s, "listload", {"un": {"version": "v2", "entries": 1004}}) == []
        assert audit_external.check_states(s, "listload", {"un": {"version": "v1", "entries": 1003}})
