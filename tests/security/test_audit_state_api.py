"""Issue 11 §3 over HTTP: `/v1/payments/screen` records each decision in the server's keyed audit
chain, and a hold flipped to release in SQL is screened again, not served as a repeat.

A real server on 127.0.0.1 over a real list store."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import duckdb
import pytest

from interdict.cases.audit_external import check_all
from interdict.cases.store import CaseStore
from interdict.payments import store as payments_store
from tests.api.servers import Server, load_lists, running
from tests.cases.dbs import make_store
from tests.security.messages import pacs008
from tests.security.test_api_stale_lists import LISTED_IN_V2, pay


@pytest.fixture()
def server(tmp_path: Path, test_data: Path, monkeypatch: pytest.MonkeyPatch) -> Any:
    home = tmp_path / "home"
    monkeypatch.setenv("INTERDICT_HOME", str(home))
    load_lists(home, [test_data / "lists/un_v2.xml"])
    with make_store("sqlite", tmp_path) as store, running(store, None) as srv:  # type: ignore[arg-type]
        yield srv, store, home


def _decision_problems(store: CaseStore, home: Path) -> list[str]:
    conn = duckdb.connect(str(home / "interdict.duckdb"), read_only=True)
    try:
        states = {payments_store.DECISION_KIND: payments_store.decision_states(conn)}
    finally:
        conn.close()
    with store.read() as session:
        return check_all(session, states)


def test_http_decisions_are_in_the_chain_and_a_flipped_hold_is_decided_again(
    server: tuple[Server, CaseStore, Path],
) -> None:
    srv, store, home = server
    data = pacs008("API-CHAIN-1", LISTED_IN_V2)
    held = pay(srv, data)
    assert held["decision"] == "hold" and held["repeat"] is False
    assert pay(srv, data)["repeat"] is True
    assert _decision_problems(store, home) == []

    conn = duckdb.connect(str(home / "interdict.duckdb"))
    try:
        conn.execute("UPDATE payment_decisions SET decision = 'release' WHERE message_id = ?",
                     [held["message_id"]])
    finally:
        conn.close()
    [problem] = _decision_problems(store, home)
    assert problem.startswith(f"decision:{held['message_id']} differs")

    again = pay(srv, data)
    assert again["decision"] == "hold" and again["repeat"] is False
    assert _decision_problems(store, home) == []
