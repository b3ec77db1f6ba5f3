"""The web page under `/web`: server-rendered Jinja2 templates, a little vanilla JS, no CDN."""

from __future__ import annotations

from pathlib import Path

from fastapi import FastAPI
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import RedirectResponse
from fastapi.staticfiles import StaticFiles
from starlette.datastructures import MutableHeaders
from starlette.requests import Request
from starlette.responses import Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from interdict.web.session import load_secret

STATIC = Path(__file__).resolve().parent / "static"
SECURITY_HEADERS = {
    "Content-Security-Policy": "default-src 'self'; img-src 'self' data:; style-src 'self'; "
    "script-src 'self'; frame-ancestors 'none'; form-action 'self'; base-uri 'none'",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "X-Frame-Options": "DENY",
}


class WebSession:
    """Resolves the session cookie to an actor for `/web` paths and adds security headers there.

    Plain ASGI (not BaseHTTPMiddleware): API requests pass straight through at no cost.
    """

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or not scope["path"].startswith("/web"):
            await self.app(scope, receive, send)
            return
        from interdict.web.auth import session_actor

        request = Request(scope)
        actor = await run_in_threadpool(session_actor, request)
        scope.setdefault("state", {})["web_actor"] = actor

        async def with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                for name, value in SECURITY_HEADERS.items():
                    headers.setdefault(name, value)
            await send(message)

        await self.app(scope, receive, with_headers)


def install(app: FastAPI) -> None:
    """Mount the web page, its static files and its session handling on the app."""
    from interdict.web import actions, login, pages
    from interdict.web.auth import LoginRequired

    app.state.web_secret = load_secret(app.state.store.data_dir)
    app.mount("/web/static", StaticFiles(directory=STATIC), name="static")
    app.include_router(pages.router)
    app.include_router(actions.router)
    app.include_router(login.router)
    app.add_middleware(WebSession)

    async def to_login(request: Request, exc: Exception) -> Response:
        return RedirectResponse("/web/login", status_code=303)

    app.add_exception_handler(LoginRequired, to_login)

    @app.get("/", include_in_schema=False)
    def root() -> RedirectResponse:
        return RedirectResponse("/web/", status_code=303)
