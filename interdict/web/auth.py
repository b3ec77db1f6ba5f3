"""Who is looking at the web page, and what the templates share (user, CSRF token, flash message)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

from fastapi import Depends, Request
from fastapi.templating import Jinja2Templates
from starlette.exceptions import HTTPException
from starlette.responses import Response

from interdict.services.cases import Actor, sessions
from interdict.web.explain import explanation_view, pretty_json
from interdict.web.session import COOKIE, csrf_token

TEMPLATES = Jinja2Templates(directory=str(Path(__file__).resolve().parent / "templates"))
TEMPLATES.env.globals["explanation_view"] = explanation_view
TEMPLATES.env.filters["pretty_json"] = pretty_json


def session_actor(request: Request) -> Actor | None:
    """The actor of a live server-side session (not logged out, revoked, expired or re-roled)."""
    token = request.cookies.get(COOKIE)
    if not token:
        return None
    with request.app.state.store.read() as s:
        return sessions.actor_for(s, token)


class LoginRequired(Exception):
    """No session: the page redirects to the login form."""


def web_actor(request: Request) -> Actor:
    """The logged-in actor (a dependency of every page)."""
    actor = getattr(request.state, "web_actor", None)
    if not isinstance(actor, Actor):
        raise LoginRequired
    return actor


def check_csrf(request: Request, token: str | None) -> None:
    """Refuse a form post whose CSRF token does not belong to this session."""
    cookie = request.cookies.get(COOKIE, "")
    if not cookie or not token or token != csrf_token(request.app.state.web_secret, cookie):
        raise HTTPException(403, "form token missing or stale: reload the page and try again")


def render(
    request: Request, template: str, actor: Actor | None, *, status_code: int = 200, **context: Any
) -> Response:
    """Render a page with the shared context (autoescaped: every value is shown as text)."""
    cookie = request.cookies.get(COOKIE, "")
    context.update(
        request=request,
        actor=actor,
        csrf=csrf_token(request.app.state.web_secret, cookie) if cookie else "",
    )
    context.setdefault("msg", request.query_params.get("msg"))
    context.setdefault("error", request.query_params.get("error"))
    response: Response = TEMPLATES.TemplateResponse(request, template, context, status_code=status_code)
    return response


WebActor = Annotated[Actor, Depends(web_actor)]
