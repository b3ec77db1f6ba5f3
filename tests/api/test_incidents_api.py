"""The incident ledger over HTTP (/v1/incidents...): the same answers as the CLI's --json."""

from __future__ import annotations

import json
from pathlib import Path

from interdict.core.store import connect
from interdict.tracing.sources.recognise import load_path
from tests.api.servers import Server


def test_incidents_over_http(server: Server, test_data: Path, lists_home: Path) -> None:
    conn = connect(lists_home / "interdict.duckdb")
    try:
        for path in ("tracing/hand_transfers.csv", "tracing/hand_tags.yaml"):
            load_path(conn, test_data / path, lambda _: None)
    finally:
        conn.close()
    body = (test_data / "incidents" / "hand_account.json").read_bytes()
    with server.client("alice") as alice, server.client("audrey") as audrey:
        loaded = alice.post("/v1/incidents", content=body, params={"source": "hand_account.json"})
        bad = alice.post("/v1/incidents", content=b'[{"id": "x"}]', params={"source": "bad.json"})
        latin = alice.post("/v1/incidents", content=b"id,name\nx1,Caf\xe9\n", params={"source": "latin.csv"})
        refused = audrey.post("/v1/incidents", content=body)
        listed = alice.get("/v1/incidents").json()["incidents"]
        relinked = alice.post("/v1/incidents/relink")
        relink_refused = audrey.post("/v1/incidents/relink")
        traced = alice.post("/v1/incidents/acct1/trace", json={"policy": "poison"})
        shown = alice.get("/v1/incidents/acct1").json()
        tally = alice.get("/v1/incidents/tally", params={"by": "exit"}).json()
        page = alice.get("/v1/incidents/report")
        stix = audrey.get("/v1/incidents/export/stix")
        missing = alice.get("/v1/incidents/nope")
        screened = alice.get("/v1/addresses/M").json()
    assert loaded.status_code == 200, loaded.text
    assert loaded.json()["incidents"][0]["id"] == "acct1"
    assert bad.status_code == 422 and "bad.json at [0].name" in bad.text
    assert latin.status_code == 422, latin.text
    assert "latin.csv at line 2" in latin.text and "0xe9 at column 7" in latin.text
    assert refused.status_code == 403
    assert [r["id"] for r in listed] == ["acct1"]
    assert relinked.status_code == 200, relinked.text
    assert [(i["id"], i["action"]) for i in relinked.json()["incidents"]] == [("acct1", "unchanged")]
    assert relink_refused.status_code == 403
    assert traced.status_code == 200, traced.text
    assert traced.json()["assets"][0]["exits"] == {"exchange": "120"}
    assert shown["trace"]["policy"] == "poison" and shown["events"][0]["actor"] == "api:alice"
    assert {r["key"]: r["traced"] for r in tally["rows"]}["exchange"] == {"EUR": "120"}
    assert page.status_code == 200 and page.text.count("<svg") == 2
    objects = json.loads(stix.text)["objects"]
    assert any(o["type"] == "campaign" and o["name"] == "Hand bank theft" for o in objects)
    assert missing.status_code == 404
    # M received T's 100 (stolen, poison) and C's 100 (clean): half of what it received
    (hit,) = screened["incidents"]
    assert (hit["incident"], hit["tainted_value"], hit["share"], hit["hops"]) == ("acct1", "100", 0.5, 1)
