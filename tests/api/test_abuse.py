"""Refusals: no key, wrong role, oversized bodies, malformed input; hostile text stored inert; tampering."""

from __future__ import annotations

import re
from typing import Any

from sqlalchemy import text

from tests.api.servers import Server

HOSTILE = [
    "'; DROP TABLE cases; --",
    '" OR 1=1 --',
    "<script>alert('x')</script>",
    "<img src=x onerror=alert(1)>",
    "Robert'); DELETE FROM audit_log WHERE ('1'='1",
]


def _endpoints(server: Server) -> list[tuple[str, str]]:
    with server.client() as c:
        spec: dict[str, Any] = c.get("/v1/openapi.json").json()
    out = []
    for path, methods in spec["paths"].items():
        for method in methods:
            # /v1/enrol is the one keyless route: its secret is the credential (tests/security).
            if path not in ("/v1/openapi.json", "/v1/docs", "/v1/enrol"):
                out.append((method.upper(), re.sub(r"\{[^}]+\}", "1", path)))
    return out


def test_every_endpoint_needs_a_key(server: Server) -> None:
    endpoints = _endpoints(server)
    assert len(endpoints) >= 25
    with server.client() as c:
        for method, path in endpoints:
            r = c.request(method, path, json={})
            assert r.status_code == 401, (method, path, r.status_code)
            assert r.headers["content-type"] == "application/problem+json"
            assert r.json()["status"] == 401
        bad = c.get("/v1/cases", headers={"Authorization": "Bearer ik_not-a-real-key"})
    assert bad.status_code == 401 and "unknown" in bad.json()["detail"]


WRONG_ROLE = [
    ("audrey", "POST", "/v1/screen", {"name": "x"}),
    ("audrey", "POST", "/v1/cases/1/decision", {"outcome": "true_match", "reason": "r"}),
    ("audrey", "POST", "/v1/cases/1/comments", {"text": "r"}),
    ("audrey", "POST", "/v1/payments/holds/X/release", {"reason": "r"}),
    ("alice", "POST", "/v1/payments/holds/X/reject", {"reason": "r"}),
    ("alice", "POST", "/v1/cases/1/corrections", {"event_id": 1, "outcome": "reopen", "reason": "r"}),
    ("alice", "GET", "/v1/users", None),
    ("alice", "POST", "/v1/keys", {"user": "alice", "name": "mine"}),
    ("alice", "GET", "/v1/audit/verify", None),
    ("bob", "GET", "/v1/audit", None),
    ("adam", "POST", "/v1/cases/1/decision", {"outcome": "true_match", "reason": "r"}),
    ("adam", "GET", "/v1/cases/1/export/goaml", None),
]


def test_wrong_role_is_refused(server: Server) -> None:
    for user, method, path, body in WRONG_ROLE:
        with server.client(user) as c:
            r = c.request(method, path, json=body)
        assert r.status_code == 403, (user, method, path, r.text)
        assert r.headers["content-type"] == "application/problem+json" and "may not" in r.json()["detail"]


def test_oversized_and_malformed_bodies(server: Server) -> None:
    with server.client("alice") as c:
        big = c.post(
            "/v1/screen",
            content=b'{"name": "' + b"A" * (2 * 1024 * 1024) + b'"}',
            headers={"Content-Type": "application/json"},
        )

        def chunks() -> Any:
            for _ in range(40):
                yield b"B" * 65536

        streamed = c.post("/v1/screen/batch", content=chunks(), headers={"Content-Type": "application/json"})
        long_name = c.post("/v1/screen", json={"name": "A" * 501})
        unknown = c.post("/v1/screen", json={"name": "x", "evil": True})
        broken = c.post("/v1/screen", content=b"{not json", headers={"Content-Type": "application/json"})
    assert big.status_code == 413 and big.json()["title"] == "Request body too large"
    assert streamed.status_code == 413
    for r in (long_name, unknown, broken):
        assert r.status_code == 422 and r.headers["content-type"] == "application/problem+json", r.text
    assert "name" in long_name.json()["detail"]


def test_hostile_text_is_stored_and_returned_verbatim(server: Server) -> None:
    with server.client("alice") as c:
        r = c.post("/v1/screen", json={"name": "Ri Won Ho", "alert": True})
        case_id = r.json()["cases"][0]
        for s in HOSTILE:
            assert c.post(f"/v1/cases/{case_id}/comments", json={"text": s}).status_code == 201
            assert c.post("/v1/screen", json={"name": s}).status_code == 200
        c.post(f"/v1/cases/{case_id}/assign", json={"assignee": HOSTILE[0]})
        c.post(f"/v1/cases/{case_id}/escalate", json={"text": HOSTILE[2]})
        search = c.get("/v1/cases", params={"q": HOSTILE[1]}).json()["cases"]
        detail = c.get(f"/v1/cases/{case_id}").json()
        all_cases = c.get("/v1/cases").json()["cases"]
    texts = [e["text"] for e in detail["events"] if e["kind"] == "comment"]
    assert texts == HOSTILE
    assert detail["assignee"] == HOSTILE[0] and detail["events"][-1]["text"] == HOSTILE[2]
    assert search == [] and len(all_cases) == 1


def test_tampered_audit_entry_is_detected(server: Server) -> None:
    with server.client("alice") as c:
        case_id = c.post("/v1/screen", json={"name": "Ri Won Ho", "alert": True}).json()["cases"][0]
        c.post(f"/v1/cases/{case_id}/decision", json={"outcome": "true_match", "reason": "confirmed"})
    with server.client("audrey") as a:
        assert a.get("/v1/audit/verify").json()["ok"] is True
        entries = a.get("/v1/audit", params={"object": f"case:{case_id}"}).json()["entries"]
        seq = next(e["seq"] for e in entries if e["action"] == "case.decide")
        store = server.store
        with store.engine.begin() as conn:
            if store.dialect == "postgresql":
                conn.execute(text("ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_change"))
            else:
                conn.execute(text("DROP TRIGGER audit_log_no_update"))
            conn.execute(
                text("UPDATE audit_log SET detail = :d WHERE seq = :s"),
                {"d": '{"outcome":"false_positive"}', "s": seq},
            )
        result = a.get("/v1/audit/verify").json()
    assert result["ok"] is False and result["first_bad_seq"] == seq
    assert f"entry {seq} was altered" in result["problems"][0]
