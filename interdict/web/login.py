"""Logging in and out of the web page: throttled, audited, with server-side sessions.

A login with a wrong key, user or password is counted and audited; too many failures for a user name
or from an address answer 429 without checking anything (`interdict.cases.logins`). An unknown user
costs the same scrypt work as a known one, so timing does not tell which names exist.
"""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import RedirectResponse, Response

from interdict.services.cases import Actor, CaseStore, audit, logins, sessions, users
from interdict.web.auth import render
from interdict.web.session import COOKIE, LIFETIME

router = APIRouter(prefix="/web", include_in_schema=False)
FAILED = "unknown key, user or password"
THROTTLED = "too many failed logins: wait 15 minutes and try again"


def _attempt(store: CaseStore, key: str, name: str, password: str, address: str) -> Actor | str:
    """The actor, or why not (FAILED, THROTTLED); every outcome lands in the store."""
    who = ("key:" + key[:10]) if key else name
    method = "key" if key else "password"
    with store.read() as s:
        if logins.blocked(s, who, address):
            return THROTTLED
        actor = users.actor_for_key(s, key) if key else users.actor_for_password(s, name, password)
    with store.write() as s:
        if actor is None:
            logins.failed(s, who, address, method)
            return FAILED
        logins.succeeded(s, who)
        return actor


@router.post("/login")
async def login(request: Request) -> Response:
    """Log in with an API key, or a user name and password."""
    form = await request.form()
    key, name, password = (str(form.get(k) or "")[:300] for k in ("key", "user", "password"))
    address = request.client.host if request.client else "unknown"
    store: CaseStore = request.app.state.store
    outcome = await run_in_threadpool(_attempt, store, key.strip(), name.strip(), password, address)
    if isinstance(outcome, str):
        status = 429 if outcome == THROTTLED else 401
        response = render(request, "login.html", None, status_code=status, login_error=outcome)
        if status == 429:
            response.headers["Retry-After"] = str(int(logins.WINDOW.total_seconds()))
        return response
    with store.write() as s:
        token = sessions.start(s, outcome, key_prefix=key.strip()[:10] if key else None)
        audit.record(
            s, outcome.name, "web.login", "user", outcome.name, {"with": "key" if key else "password"}
        )
    response = RedirectResponse("/web/queue", status_code=303)
    response.set_cookie(COOKIE, token, max_age=LIFETIME, httponly=True, samesite="strict", path="/web")
    return response


@router.post("/logout")
async def logout(request: Request) -> Response:
    """End the session on the server (the cookie is then worthless) and forget the cookie."""
    token = request.cookies.get(COOKIE)
    if token:
        with request.app.state.store.write() as s:
            actor = sessions.actor_for(s, token)
            if sessions.end(s, token) and actor is not None:
                audit.record(s, actor.name, "web.logout", "user", actor.name, {})
    response = RedirectResponse("/web/login", status_code=303)
    response.delete_cookie(COOKIE, path="/web")
    return response
