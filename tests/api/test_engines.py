"""The payments and tracing engines over HTTP: held messages become alerts; taint answers its JSON."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from interdict.core.store import connect
from interdict.tracing.sources.recognise import load_path
from tests.api.servers import Server


def test_payment_messages_are_decided_and_held_ones_alert(server: Server, test_data: Path) -> None:
    data = (test_data / "api/mt103_listed_beneficiary.fin").read_bytes()
    with server.client("alice") as c:
        r = c.post(
            "/v1/payments/screen",
            content=data,
            params={"source": "mt103_listed_beneficiary.fin"},
            headers={"Content-Type": "application/octet-stream"},
        )
        empty = c.post("/v1/payments/screen", content=b"  ")
        holds = c.get("/v1/payments/holds").json()["holds"]
    assert r.status_code == 200, r.text
    decision = r.json()["decisions"][0]
    assert decision["decision"] in ("hold", "reject")
    assert any("FOREIGN TRADE BANK" in str(reason) for reason in decision["reasons"])
    assert r.json()["cases"] and holds[0]["message_id"] == decision["message_id"]
    assert Decimal(holds[0]["amount"]) == 700 and holds[0]["currency"] == "USD"
    assert empty.status_code == 422 and empty.headers["content-type"] == "application/problem+json"


def test_trace_over_http(server: Server, test_data: Path, lists_home: Path) -> None:
    conn = connect(lists_home / "interdict.duckdb")
    try:
        load_path(conn, test_data / "api/transfers.csv")
    finally:
        conn.close()
    with server.client("alice") as c:
        r = c.post("/v1/trace", json={"from": ["0xtheft"], "policy": "haircut", "max_hops": 5})
        unknown = c.post("/v1/trace", json={"from": ["0xnobody"]})
        addr = c.get("/v1/addresses/0xmule2")
    assert r.status_code == 200, r.text
    tainted = {a["address"]: a["tainted_value"] for a in r.json()["addresses"]}
    assert tainted["0xmule2"] == 600000 and tainted["0xmule3"] == 400000
    assert unknown.status_code == 404 and "not in the loaded ledgers" in unknown.json()["detail"]
    assert addr.status_code == 200 and addr.json()["listed"] is False


def test_exposure_and_patterns_over_http_answer_what_the_cli_answers(
    server: Server, test_data: Path, lists_home: Path
) -> None:
    import json

    from typer.testing import CliRunner

    from interdict.cli import app

    conn = connect(lists_home / "interdict.duckdb")
    try:
        load_path(conn, test_data / "api/transfers.csv")
    finally:
        conn.close()
    with server.client("alice") as c:
        reach = c.get("/v1/trace/exposure/0xtheft", params={"max_hops": 3})
        back = c.get("/v1/trace/exposure/0xmule2", params={"back": True})
        patterns = c.get("/v1/trace/patterns")
    cli = CliRunner().invoke(app, ["trace", "exposure", "0xtheft", "--max-hops", "3", "--json"])
    assert reach.status_code == 200, reach.text
    assert reach.json() == json.loads(cli.output)
    assert reach.json()["reached"] >= 2 and reach.json()["direction"] == "forward"
    assert back.status_code == 200 and back.json()["direction"] == "back" and back.json()["reached"] >= 1
    # transfers.csv is account-based: no UTXO data to find peel chains in, as the CLI also says
    assert patterns.status_code == 404 and "no UTXO data loaded" in patterns.json()["detail"]
