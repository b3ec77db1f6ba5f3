"""The web page over plain HTTP: login, CSRF, security headers, escaping of hostile text, roles."""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx
import pytest

from interdict.screening import ScreeningIndex
from tests.api.servers import Server, running
from tests.cases.dbs import BACKENDS, make_store

HOSTILE = "<script>alert(1)</script>\"'><img src=x onerror=alert(2)>'; DROP TABLE cases; --"


@pytest.fixture(params=BACKENDS)
def server(
    request: pytest.FixtureRequest,
    tmp_path: Path,
    web_lists_home: Path,
    web_index: ScreeningIndex,
    monkeypatch: pytest.MonkeyPatch,
) -> Iterator[Server]:
    """A running server over each kind of case store, users with passwords."""
    monkeypatch.setenv("INTERDICT_HOME", str(web_lists_home))
    with make_store(request.param, tmp_path) as store, running(store, web_index, passwords=True) as srv:
        yield srv


@contextmanager
def _login(server: Server, user: str) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=server.url, timeout=30) as c:
        r = c.post("/web/login", data={"user": user, "password": f"pw-{user}-secret"})
        assert r.status_code == 303 and r.headers["location"] == "/web/queue"
        yield c


def _csrf(html: str) -> str:
    match = re.search(r'name="csrf" value="([0-9a-f]+)"', html)
    assert match
    return match.group(1)


def test_login_required_and_wrong_password(server: Server) -> None:
    with httpx.Client(base_url=server.url) as c:
        assert c.get("/web/queue").headers["location"] == "/web/login"
        bad = c.post("/web/login", data={"user": "alice", "password": "wrong"})
    forged_cookie = {"interdict_session": "YWxpY2UKOTk5OTk5OTk5OQo.deadbeef"}
    with httpx.Client(base_url=server.url, cookies=forged_cookie) as c:  # a session the server never made
        forged = c.get("/web/queue")
    assert bad.status_code == 401 and "unknown key, user or password" in bad.text
    assert forged.status_code == 303


def test_hostile_text_is_escaped_and_forms_need_csrf(server: Server) -> None:
    with server.client("alice") as api:
        case_id = api.post("/v1/screen", json={"name": "Ri Won Ho", "alert": True}).json()["cases"][0]
        api.post(f"/v1/cases/{case_id}/comments", json={"text": HOSTILE})
        api.post(f"/v1/cases/{case_id}/assign", json={"assignee": HOSTILE})
    with _login(server, "alice") as c:
        page = c.get(f"/web/cases/{case_id}")
        queue = c.get("/web/queue", params={"q": HOSTILE})
        no_token = c.post(f"/web/cases/{case_id}/act", data={"action": "comment", "text": "x"})
        token = _csrf(page.text)
        ok = c.post(f"/web/cases/{case_id}/act", data={"action": "comment", "text": "fine", "csrf": token})
    assert "<script>alert(1)</script>" not in page.text and "onerror=alert(2)>" not in page.text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page.text
    assert "&lt;script&gt;" in queue.text and "<script>alert(1)" not in queue.text
    csp = page.headers["content-security-policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp
    assert page.headers["x-frame-options"] == "DENY"
    assert no_token.status_code == 403
    assert ok.status_code == 303 and "msg=comment" in ok.headers["location"]


def test_web_roles(server: Server) -> None:
    with server.client("alice") as api:
        api.post(
            "/v1/alerts",
            json={
                "source": "payment",
                "decision": {
                    "message_id": "M1",
                    "type": "MT103",
                    "decision": "hold",
                    "reasons": ["listed"],
                    "parties": [],
                },
            },
        )
    with _login(server, "alice") as c:
        token = _csrf(c.get("/web/payments").text)
        rejected = c.post("/web/payments/M1/act", data={"action": "reject", "text": "no", "csrf": token})
        audit = c.get("/web/audit")
    assert "may+not+reject_payment" in rejected.headers["location"].replace("%20", "+")
    assert audit.status_code == 403
    with _login(server, "audrey") as c:
        page = c.get("/web/audit")
        case = c.get("/web/cases/1")
    assert page.status_code == 200 and "Chain intact" in page.text
    assert "Decide" not in case.text  # an auditor sees no decision form


@pytest.mark.usefixtures("shared_data")  # screens names of the real UN list
def test_case_page_explains_a_screening_alert_as_token_pairs(server: Server) -> None:
    with server.client("alice") as api:
        case_id = api.post("/v1/screen", json={"name": "Kim Yong Chol", "alert": True}).json()["cases"][0]
    with _login(server, "alice") as c:
        page = c.get(f"/web/cases/{case_id}")
    assert page.status_code == 200
    assert (
        "&#39;Kim Yong Chol&#39; read as written matched the primary name &#39;KIM YONG CHOL&#39;"
        in page.text
    )
    assert '<table class="tokens">' in page.text
    for token in ("kim", "yong", "chol"):
        assert (
            f'<td class="tok">{token}</td><td class="arrow" aria-hidden="true">→</td>'
            f'<td class="tok">{token}</td><td class="rule">exact</td>' in page.text
        )
    assert "Raw explanation (JSON)" in page.text and '<dl class="explain">' not in page.text
