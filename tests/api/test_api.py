"""The HTTP API on a real server: screening, the case flow, exports, four eyes, concurrent decisions."""

from __future__ import annotations

import json
import threading

import httpx
from lxml import etree

from interdict.core.match import Query
from interdict.screening import ScreeningIndex, screen
from tests.api.servers import Server
from tests.cases.samples import payment_decision, taint_result


def test_screen_answers_the_engines_candidates(server: Server, index: ScreeningIndex) -> None:
    with server.client("alice") as c:
        r = c.post("/v1/screen", json={"name": "Ri Won-ho", "kind": "person"})
        batch = c.post(
            "/v1/screen/batch", json={"queries": [{"name": "Ri Won Ho"}, {"name": "Nobody Atall"}]}
        )
    assert r.status_code == 200, r.text
    expected = [cand.to_dict() for cand in screen(index, Query("Ri Won-ho", kind="person"))]  # type: ignore[arg-type]
    assert r.json()["candidates"] == json.loads(json.dumps(expected))
    assert r.json()["candidates"][0]["list_id"] == "KPi.033"
    assert r.json()["query"] == "Ri Won-ho" and r.json()["context"]["kind"] == "person"
    results = batch.json()["results"]
    assert [len(x["candidates"]) > 0 for x in results] == [True, False]


def _open_case(c: httpx.Client) -> int:
    r = c.post("/v1/screen", json={"name": "Ri Won Ho", "dob": "1964", "alert": True})
    assert r.status_code == 200, r.text
    return int(r.json()["cases"][0])


def test_case_flow_and_exports(server: Server) -> None:
    with server.client("alice") as alice, server.client("sue") as sue, server.client("audrey") as audrey:
        case_id = _open_case(alice)
        case = alice.get(f"/v1/cases/{case_id}").json()
        assert case["alerts"][0]["payload"]["entity"]["list_id"] == "KPi.033"
        assert case["alerts"][0]["explanation"]
        r = alice.post(f"/v1/cases/{case_id}/assign", json={"assignee": "alice", "version": case["version"]})
        assert r.json()["state"] == "in_review"
        stale = alice.post(
            f"/v1/cases/{case_id}/decision",
            json={"outcome": "true_match", "reason": "x", "version": case["version"]},
        )
        assert stale.status_code == 409 and stale.headers["content-type"] == "application/problem+json"
        r = alice.post(f"/v1/cases/{case_id}/decision", json={"outcome": "true_match", "reason": "same DOB"})
        assert r.json()["outcome"] == "true_match"
        decision_id = r.json()["events"][-1]["id"]
        r = sue.post(
            f"/v1/cases/{case_id}/corrections",
            json={"event_id": decision_id, "outcome": "not_relevant", "reason": "duplicate case"},
        )
        assert r.status_code == 201
        queue = alice.get("/v1/cases", params={"state": "closed"}).json()["cases"]
        decisions = audrey.get("/v1/decisions").json()["decisions"]
        assert [(d["kind"], d["outcome"], d["actor"]) for d in decisions] == [
            ("correction", "not_relevant", "sue"),
            ("decision", "true_match", "alice"),
        ]
        assert [q["id"] for q in queue] == [case_id] and queue[0]["outcome"] == "not_relevant"
        goaml = audrey.get(f"/v1/cases/{case_id}/export/goaml")
        stix = audrey.get(f"/v1/cases/{case_id}/export/stix").json()
        ftm = audrey.get(f"/v1/cases/{case_id}/export/ftm").text.splitlines()
    root = etree.fromstring(goaml.content)
    assert root.tag == "report" and root.findtext("report_code") == "STR"
    assert root.findtext("activity/report_parties/report_party/person/last_name") == "HO"
    assert stix["type"] == "bundle" and {o["spec_version"] for o in stix["objects"]} == {"2.1"}
    assert any(o["type"] == "threat-actor" and o["name"] == "RI WON HO" for o in stix["objects"])
    assert json.loads(ftm[0])["schema"] == "Person"


def test_payment_four_eyes_over_http(server: Server) -> None:
    with server.client("alice") as alice, server.client("bob") as bob, server.client("sue") as sue:
        r = alice.post("/v1/alerts", json={"source": "payment", "decision": payment_decision("MT-1")})
        assert r.status_code == 201, r.text
        r2 = alice.post("/v1/alerts", json={"source": "payment", "decision": payment_decision("MT-2")})
        assert r2.status_code == 201
        assert (
            alice.post("/v1/payments/holds/MT-1/release", json={"reason": "street"}).json()["state"]
            == "release_pending"
        )
        again = alice.post("/v1/payments/holds/MT-1/release", json={"reason": "me again"})
        assert again.status_code == 409 and "four eyes" in again.json()["detail"]
        assert (
            bob.post("/v1/payments/holds/MT-1/release", json={"reason": "ok"}).json()["state"] == "released"
        )
        assert bob.post("/v1/payments/holds/MT-2/reject", json={"reason": "no"}).status_code == 403
        assert (
            sue.post("/v1/payments/holds/MT-2/reject", json={"reason": "listed"}).json()["state"]
            == "rejected"
        )
        holds = alice.get("/v1/payments/holds").json()["holds"]
        result = taint_result()
        t = alice.post("/v1/alerts", json={"source": "trace", "result": result, "exit": result["exits"][0]})
    assert [(h["message_id"], h["state"], h["decided_by"]) for h in holds] == [
        ("MT-1", "released", "bob"),
        ("MT-2", "rejected", "sue"),
    ]
    assert t.status_code == 201


def test_allow_list_round_trip(server: Server) -> None:
    with server.client("alice") as alice:
        case_id = _open_case(alice)
        alert_id = alice.get(f"/v1/cases/{case_id}").json()["alerts"][0]["id"]
        alice.post(f"/v1/cases/{case_id}/decision", json={"outcome": "false_positive", "reason": "other man"})
        r = alice.post(f"/v1/alerts/{alert_id}/allow", json={"reason": "our customer since 1999", "days": 90})
        assert r.status_code == 201, r.text
        after = alice.post("/v1/screen", json={"name": "Ri Won Ho", "dob": "1964"}).json()
    assert all(c["list_id"] != "KPi.033" for c in after["candidates"])
    assert after["suppressed"][0]["allow"]["reason"] == "our customer since 1999"


def test_parallel_http_decisions_one_wins(server: Server) -> None:
    with server.client("alice") as alice:
        case_id = _open_case(alice)
    codes: list[int] = []
    barrier = threading.Barrier(8)

    def decide(n: int) -> None:
        user = "alice" if n % 2 else "bob"
        with server.client(user) as c:
            barrier.wait()
            r = c.post(
                f"/v1/cases/{case_id}/decision",
                json={"outcome": "false_positive" if n % 2 else "true_match", "reason": f"race {n}"},
            )
            codes.append(r.status_code)

    threads = [threading.Thread(target=decide, args=(n,)) for n in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(30)
    assert sorted(codes) == [200] + [409] * 7
    with server.client("sue") as sue:
        events = sue.get(f"/v1/cases/{case_id}").json()["events"]
        assert sue.get("/v1/audit/verify").json()["ok"] is True
    assert [e["kind"] for e in events] == ["decision"]
