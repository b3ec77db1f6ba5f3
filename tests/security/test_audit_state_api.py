"""Issue 11 §3 over HTTP: `/v1/payments/screen` records each decision in the server's keyed audit
chain, and a hold flipped to release in SQL is screened again, not served as a repeat.

A real server on 127.0.0.1 over a real list store."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import duckdb
import httpx
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


@pytest.fixture()
def web_server(tmp_path: Path, test_data: Path, monkeypatch: pytest.MonkeyPatch) -> Any:
    home = tmp_path / "home"
    monkeypatch.setenv("INTERDICT_HOME", str(home))
    load_lists(home, [test_data / "lists/un_v2.xml"])
    with make_store("sqlite", tmp_path) as store, running(store, None, passwords=True) as srv:  # type: ignore[arg-type]
        yield srv, home


def test_api_and_web_verify_both_stores_as_the_cli_does(web_server: tuple[Server, Path]) -> None:
    """Issue 14 §5: `/v1/audit/verify` and the web audit page also check the DuckDB store."""
    srv, home = web_server
    held = pay(srv, pacs008("API-VERIFY-1", LISTED_IN_V2))
    with srv.client("audrey") as c:
        before = c.get("/v1/audit/verify").json()
    assert before["ok"] is True and [ch["ok"] for ch in before["checks"]] == [True, True]

    conn = duckdb.connect(str(home / "interdict.duckdb"))
    try:
        conn.execute("UPDATE payment_decisions SET decision = 'release' WHERE message_id = ?",
                     [held["message_id"]])
    finally:
        conn.close()
    with srv.client("audrey") as c:
        after = c.get("/v1/audit/verify").json()
    assert after["ok"] is False
    cases, local = after["checks"]
    assert cases["ok"] is True and cases["problems"] == []
    [problem] = local["problems"]
    assert problem.startswith(f"decision:{held['message_id']} differs") and after["problems"] == [problem]

    with httpx.Client(base_url=srv.url, timeout=30) as web:
        login = web.post("/web/login", data={"user": "audrey", "password": "pw-audrey-secret"})
        assert login.status_code == 303
        page = web.get("/web/audit")
    assert page.status_code == 200 and 'id="audit-bad"' in page.text
    assert f"decision:{held['message_id']} differs" in page.text and "1 problem</li>" in page.text
