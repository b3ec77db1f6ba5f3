"""The web page in a real browser: log in, review and decide a case, four-eyes release with two people."""

from __future__ import annotations

from typing import Any

import pytest

from tests.api.servers import Server
from tests.cases.samples import payment_decision, taint_result
from tests.web.conftest import SCREENSHOTS

pytestmark = pytest.mark.browser

HOSTILE = "<script>alert('xss')</script><img src=x onerror=alert(2)>'; DROP TABLE cases; --"
FLOW_SVG = (
    '<svg xmlns="http://www.w3.org/2000/svg" width="520" height="120" '
    'font-family="sans-serif" font-size="12">'
    '<script>alert("svg")</script>'
    '<rect x="10" y="40" width="120" height="36" rx="6" fill="#fde2e1" stroke="#b42318"/>'
    '<text x="20" y="63">1BadTheftAddr</text>'
    '<line x1="130" y1="58" x2="380" y2="58" stroke="#b42318" stroke-width="6"/>'
    '<text x="200" y="50">600 sat (haircut)</text>'
    '<rect x="380" y="40" width="130" height="36" rx="6" fill="#e0e7ff" stroke="#1d4ed8"/>'
    '<text x="388" y="63">Example Exchange</text></svg>'
)


def _seed(server: Server) -> None:
    with server.client("alice") as c:
        for name in ("Saddam Hussein Al-Tikriti", "Kim Yong Chol"):
            r = c.post("/v1/screen", json={"name": name, "kind": "person", "alert": True})
            assert r.status_code == 200 and r.json()["cases"], r.text
        for n in (1, 2):
            c.post("/v1/alerts", json={"source": "payment", "decision": payment_decision(f"MT103-{n:04d}")})
        result = taint_result()
        c.post(
            "/v1/alerts",
            json={"source": "trace", "result": result, "exit": result["exits"][0], "picture": FLOW_SVG},
        )


def _login(page: Any, server: Server, user: str | None = None, key: str | None = None) -> None:
    page.goto(f"{server.url}/web/login")
    if key:
        page.fill("input[name=key]", key)
        page.click("#login-key")
    else:
        page.fill("input[name=user]", user or "")
        page.fill("input[name=password]", f"pw-{user}-secret")
        page.click("#login-password")
    page.wait_for_url("**/web/queue")


def _shot(page: Any, name: str) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)


@pytest.mark.usefixtures("shared_data")  # screens names of the real UN list
def test_review_decide_and_four_eyes_release(web_server: Server, browser: Any) -> None:
    _seed(web_server)
    dialogs: list[str] = []
    ctx = browser.new_context(viewport={"width": 1366, "height": 768})
    page = ctx.new_page()
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.goto(f"{web_server.url}/web/queue")
    assert page.url.endswith("/web/login")  # no session, no queue
    _shot(page, "login")
    _login(page, web_server, "alice")
    assert page.locator("#queue tbody tr").count() >= 4
    _shot(page, "queue")

    # keyboard: "/" to search, filter, j + Enter to open
    page.keyboard.press("/")
    page.keyboard.type("Saddam")
    page.keyboard.press("Enter")
    page.wait_for_url("**q=Saddam*")
    page.locator("body").click(position={"x": 5, "y": 300})
    page.keyboard.press("j")
    page.keyboard.press("Enter")
    page.wait_for_url("**/web/cases/*")
    assert page.locator(".side-by-side").first.is_visible()
    assert "صدام حسين التكريتي" in page.locator(".alert").first.inner_text()
    tokens = page.locator(".alert table.tokens").first
    assert tokens.is_visible() and "saddam" in tokens.inner_text()
    raw = page.locator(".alert details.raw pre").first
    assert not raw.is_visible()  # the raw JSON stays collapsed until asked for
    _shot(page, "case")
    page.locator(".alert details.raw summary").first.focus()
    page.keyboard.press("Enter")
    assert raw.is_visible() and '"method": "name"' in raw.inner_text()
    page.keyboard.press("Enter")

    # a hostile comment is shown as text and runs nothing
    page.fill("#comment", HOSTILE)
    page.click("#btn-comment")
    page.wait_for_url("**msg=comment*")
    assert HOSTILE in page.locator(".history").inner_text()
    page.fill("#reason", "different person: born 1962 in Baghdad, our customer is Dutch, born 1988")
    page.click("#btn-false-positive")
    page.wait_for_url("**msg=decided*")
    assert page.locator("#case-state").inner_text() == "closed"
    assert page.locator("#case-outcome").inner_text() == "false positive"
    page.locator(".allow-form input[name=text]").first.fill("customer 88-1234, KYC refreshed 2026-10")
    page.locator(".allow-form button").first.click()
    page.wait_for_url("**msg=allow*")
    _shot(page, "case-decided")

    # four eyes: alice approves first, then cannot release alone
    page.goto(f"{web_server.url}/web/payments")
    row = page.locator("#holds tbody tr").first
    row.locator("input[name=text]").fill("JUPITER is the street, not the vessel")
    row.locator("button.release").click()
    page.wait_for_url("**msg=release*")
    assert "release pending" in page.locator("#holds tbody tr").first.inner_text()
    assert page.locator("#holds tbody tr").first.locator("button[disabled]").count() == 1
    _shot(page, "payments-first-approval")
    page.click("text=Log out")

    # bob logs in with his API key and releases it
    _login(page, web_server, key=web_server.keys["bob"])
    page.goto(f"{web_server.url}/web/payments")
    row = page.locator("#holds tbody tr").first
    row.locator("input[name=text]").fill("agreed: address false positive")
    row.locator("button.release").click()
    page.wait_for_url("**msg=release*")
    page.goto(f"{web_server.url}/web/payments?state=released")
    assert "by bob" in page.locator("#holds tbody tr").first.inner_text()
    _shot(page, "payments-released")
    ctx.close()
    assert dialogs == []


@pytest.mark.usefixtures("shared_data")  # screens names of the real UN list
def test_trace_lists_and_audit_pages(web_server: Server, browser: Any) -> None:
    _seed(web_server)
    dialogs: list[str] = []
    ctx = browser.new_context(viewport={"width": 1366, "height": 768})
    page = ctx.new_page()
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    _login(page, web_server, "sue")
    page.goto(f"{web_server.url}/web/queue?source=trace")
    page.locator("#queue tbody tr a").first.click()
    img = page.locator("figure.flow img")
    assert img.is_visible() and img.evaluate("i => i.naturalWidth") == 520
    _shot(page, "trace-case")
    page.goto(f"{web_server.url}/web/screen")
    page.fill("#search", "Kim Yong Chol")
    page.select_option("select[name=kind]", "person")
    page.click("#btn-open-alerts")
    page.wait_for_selector("table.rows tbody tr td.name")
    assert "KIM YONG CHOL" in page.locator("table.rows").inner_text()
    assert page.locator("main h2 a").count() >= 1  # links to the cases the hits joined
    _shot(page, "screen")
    page.goto(f"{web_server.url}/web/lists")
    assert "active" in page.locator("table.rows").inner_text()
    _shot(page, "lists")
    page.goto(f"{web_server.url}/web/lists/un/diff?old=1&new=2")
    assert "1 added" in page.locator("main").inner_text()
    _shot(page, "list-diff")
    page.goto(f"{web_server.url}/web/audit")
    assert page.locator("#audit-ok").is_visible()
    _shot(page, "audit")
    ctx.close()
    assert dialogs == []
