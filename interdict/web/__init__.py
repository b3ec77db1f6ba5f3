"""The web page under `/web`: server-rendered Jinja2 templates, a little vanilla JS, no CDN."""

from __future__ import annotations

from pathlib import Path

from fastapi import FastAPI
from fastapi.responses import RedirectResponse
from fastapi.staticfiles import StaticFiles
from starlette.middleware.base import BaseHTTPMiddleware, RequestResponseEndpoint
from starlette.requests import Request
from starlette.responses import Response

from interdict.web.session import load_secret

STATIC = Path(__file__).resolve().parent / "static"
SECURITY_HEADERS = {
    "Content-Security-Policy": "default-src 'self'; img-src 'self' data:; style-src 'self'; "
    "script-src 'self'; frame-ancestors 'none'; form-action 'self'; base-uri 'none'",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "X-Frame-Options": "DENY",
}


class WebSession(BaseHTTPMiddleware):
    """Resolves the session cookie to an actor for `/web` paths and adds security headers there."""

    async def dispatch(self, request: Request, call_next: RequestResponseEndpoint) -> Response:
        if request.url.path.startswith("/web"):
            from interdict.web.auth import session_actor

            request.state.web_actor = session_actor(request)
        response = await call_next(request)
        if request.url.path.startswith("/web"):
            for name, value in SECURITY_HEADERS.items():
                response.headers.setdefault(name, value)
        return response


def install(app: FastAPI) -> None:
    """Mount the web page, its static files and its session handling on the app."""
    from interdict.web import actions, pages
    from interdict.web.auth import LoginRequired

    app.state.web_secret = load_secret(app.state.store.data_dir)
    app.mount("/web/static", StaticFiles(directory=STATIC), name="static")
    app.include_router(pages.router)
    app.include_router(actions.router)
    app.add_middleware(WebSession)

    async def to_login(request: Request, exc: Exception) -> Response:
        return RedirectResponse("/web/login", status_code=303)

    app.add_exception_handler(LoginRequired, to_login)

    @app.get("/", include_in_schema=False)
    def root() -> RedirectResponse:
        return RedirectResponse("/web/", status_code=303)
