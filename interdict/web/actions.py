"""The forms: screen, assign, comment, escalate, decide, allow-list, attach, release, reject.

Each form posts, checks the session's CSRF token, calls the same case functions as the API, and
redirects back with a message (Post/Redirect/Get), so a reload never repeats a decision.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any
from urllib.parse import quote

from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse, Response
from sqlalchemy.orm import Session
from starlette.datastructures import UploadFile

from interdict.core.entity import EntityKind
from interdict.core.errors import InterdictError
from interdict.services.cases import allow, attachments, holds, workflow
from interdict.services.screening import ScreenRequest, screen_one
from interdict.web.auth import WebActor, check_csrf, render

router = APIRouter(prefix="/web", include_in_schema=False)
MAX_FIELD = 20_000


def back(url: str, *, msg: str | None = None, error: str | None = None) -> RedirectResponse:
    """Redirect (303) to a page with a message to show."""
    if msg:
        url += ("&" if "?" in url else "?") + "msg=" + quote(msg[:300])
    if error:
        url += ("&" if "?" in url else "?") + "error=" + quote(error[:500])
    return RedirectResponse(url, status_code=303)


async def form_of(request: Request) -> dict[str, Any]:
    """The posted form (CSRF-checked), text fields trimmed to a sane length."""
    form = await request.form()
    check_csrf(request, str(form.get("csrf") or ""))
    return {k: (v if isinstance(v, UploadFile) else str(v)[:MAX_FIELD]) for k, v in form.items()}


def _act(request: Request, url: str, done: str, work: Callable[[Session], object]) -> RedirectResponse:
    try:
        with request.app.state.store.write() as s:
            work(s)
    except InterdictError as exc:
        return back(url, error=str(exc))
    return back(url, msg=done)


def _version(form: dict[str, Any]) -> int | None:
    value = str(form.get("version") or "")
    return int(value) if value.isdigit() else None


@router.post("/cases/{case_id}/act")
async def case_action(case_id: int, request: Request, actor: WebActor) -> Response:
    """One of: assign (to me), comment, escalate, decide, correct."""
    form = await form_of(request)
    url = f"/web/cases/{case_id}"
    action, text, version = form.get("action"), str(form.get("text") or ""), _version(form)
    if action == "assign":
        return _act(
            request,
            url,
            "assigned",
            lambda s: workflow.assign(s, actor, case_id, str(form.get("assignee") or actor.name), version),
        )
    if action == "comment":
        return _act(request, url, "comment added", lambda s: workflow.comment(s, actor, case_id, text))
    if action == "escalate":
        return _act(request, url, "escalated", lambda s: workflow.escalate(s, actor, case_id, text, version))
    if str(action).startswith("decide:"):
        outcome = str(action).partition(":")[2]
        return _act(
            request,
            url,
            f"decided: {outcome}",
            lambda s: workflow.decide(s, actor, case_id, outcome, text, version),
        )
    if action == "correct":
        event = int(str(form.get("event_id") or "0") or 0)
        outcome = str(form.get("outcome") or "")
        return _act(
            request,
            url,
            "correction recorded",
            lambda s: workflow.correct(s, actor, case_id, event, outcome, text),
        )
    return back(url, error=f"unknown action {action!r}")


@router.post("/cases/{case_id}/allow")
async def allow_action(case_id: int, request: Request, actor: WebActor) -> Response:
    """Allow-list one screening alert of a false-positive case."""
    form = await form_of(request)
    alert_id = int(str(form.get("alert_id") or "0") or 0)
    days = int(str(form.get("days") or "365") or 365)
    response = _act(
        request,
        f"/web/cases/{case_id}",
        "allow-list entry created",
        lambda s: allow.allow_from_alert(s, actor, alert_id, str(form.get("text") or ""), days),
    )
    request.app.state.engines.forget_allow_list()
    return response


@router.post("/cases/{case_id}/attach")
async def attach_action(case_id: int, request: Request, actor: WebActor) -> Response:
    """Attach a file to the case."""
    form = await form_of(request)
    upload = form.get("file")
    if not isinstance(upload, UploadFile):
        return back(f"/web/cases/{case_id}", error="choose a file to attach")
    data = await upload.read()
    store = request.app.state.store
    return _act(
        request,
        f"/web/cases/{case_id}",
        "file attached",
        lambda s: attachments.attach(
            s,
            actor,
            store.data_dir,
            case_id,
            upload.filename or "attachment",
            data,
            upload.content_type or "application/octet-stream",
        ),
    )


@router.post("/payments/{message_id}/act")
async def payment_action(message_id: str, request: Request, actor: WebActor) -> Response:
    """Approve the release (four eyes) or reject a held payment."""
    form = await form_of(request)
    text, version = str(form.get("text") or ""), _version(form)
    url = str(form.get("next") or "/web/payments")
    url = url if url.startswith("/web/") else "/web/payments"
    if form.get("action") == "reject":
        return _act(
            request,
            url,
            f"{message_id} rejected",
            lambda s: holds.reject(s, actor, message_id, text, version),
        )
    return _act(
        request,
        url,
        f"release of {message_id} approved",
        lambda s: holds.approve_release(s, actor, message_id, text or "released", version),
    )


@router.post("/screen")
async def screen_action(request: Request, actor: WebActor) -> Response:
    """Screen a name; with "open alerts", the hits become cases."""
    form = await form_of(request)
    fields = {k: (str(form.get(k) or "").strip() or None) for k in ("name", "kind", "dob", "country")}
    try:
        body = ScreenRequest(
            name=fields["name"] or "",
            kind=EntityKind(fields["kind"]) if fields["kind"] else None,
            dob=fields["dob"],
            country=fields["country"],
            alert=form.get("alert") == "1",
        )
        if not actor.may("screen"):
            raise InterdictError(f"{actor.name} ({actor.role}) may not screen")
        result = screen_one(request.app.state.engines, actor, body)
    except (InterdictError, ValueError) as exc:
        return render(
            request, "screen.html", actor, result=None, form=fields, error=str(exc), status_code=422
        )
    return render(request, "screen.html", actor, result=result, form=fields)
