"""The pages: login, alert queue, case, held payments, screening, lists and diffs, audit."""

from __future__ import annotations

import base64
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse, Response

from interdict.core.errors import InterdictError
from interdict.services.cases import EXTENSIONS, FORMATS, allow, audit, export_case, views
from interdict.services.lists import list_diff, list_status
from interdict.services.screening import Engines
from interdict.web.auth import WebActor, render

router = APIRouter(prefix="/web", include_in_schema=False)
SOURCES = ("screening", "payment", "trace", "aml")
STATES = ("active", "open", "in_review", "escalated", "closed")


@router.get("/login")
def login_page(request: Request) -> Response:
    """The login form: an API key, or a user name and password."""
    return render(request, "login.html", None)


@router.get("/")
def home(_: WebActor) -> Response:
    """The queue is the home page."""
    return RedirectResponse("/web/queue", status_code=303)


def _float(value: str | None) -> float | None:
    try:
        return float(value) if value else None
    except ValueError:
        return None


@router.get("/queue")
def queue(request: Request, actor: WebActor) -> Response:
    """The alert queue (one row per case) with filters."""
    p = request.query_params
    state = p.get("state") or "active"
    flt = views.CaseFilter(
        state=state if state in STATES else "active",
        source=p.get("source") if p.get("source") in SOURCES else None,
        assignee=p.get("assignee") or None,
        min_score=_float(p.get("min_score")),
        text=(p.get("q") or "")[:200] or None,
        limit=200,
    )
    with request.app.state.store.read() as s:
        cases = views.list_cases(s, flt)
        holds = views.list_holds(s, "pending")
    return render(
        request,
        "queue.html",
        actor,
        cases=cases,
        flt=flt,
        sources=SOURCES,
        states=STATES,
        pending_holds=len(holds),
    )


def picture_uri(svg: str | None) -> str | None:
    """A trace picture as a data: URI for an <img>, where an SVG's scripts never run."""
    if not svg or not svg.lstrip().startswith(("<svg", "<?xml")):
        return None
    return "data:image/svg+xml;base64," + base64.b64encode(svg.encode()).decode()


def _side_by_side(alert: dict[str, Any]) -> dict[str, Any]:
    payload = alert.get("payload") or {}
    return {
        "candidate": payload.get("candidate"),
        "entity": payload.get("entity"),
        "picture": picture_uri(payload.get("picture")),
        "exit": payload.get("exit"),
        "result": payload.get("result"),
        "decision": payload if alert["source"] == "payment" else None,
    }


@router.get("/cases/{case_id}")
def case_page(case_id: int, request: Request, actor: WebActor) -> Response:
    """One case: the query and the listed entry side by side, the explanation, history and actions."""
    with request.app.state.store.read() as s:
        try:
            case = views.case_detail(s, case_id)
        except InterdictError as exc:
            return render(request, "error.html", actor, message=str(exc), status_code=404)
    for alert in case["alerts"]:
        alert["view"] = _side_by_side(alert)
    decisions = [e for e in case["events"] if e["kind"] in ("decision", "correction")]
    return render(request, "case.html", actor, case=case, decisions=decisions)


@router.get("/payments")
def payments(request: Request, actor: WebActor) -> Response:
    """The held-payment queue with four-eyes release."""
    state = request.query_params.get("state") or "pending"
    with request.app.state.store.read() as s:
        holds = views.list_holds(s, state if state != "all" else None)
    return render(request, "payments.html", actor, holds=holds, state=state)


@router.get("/screen")
def screen_page(request: Request, actor: WebActor) -> Response:
    """Screen a name by hand; hits can be opened as alerts."""
    return render(request, "screen.html", actor, result=None, form={})


@router.get("/lists")
def lists_page(request: Request, actor: WebActor) -> Response:
    """List versions (active marked) with links to what changed."""
    return render(request, "lists.html", actor, versions=list_status()["lists"])


@router.get("/lists/{name}/diff")
def diff_page(name: str, request: Request, actor: WebActor) -> Response:
    """What changed between two versions of a list."""
    p = request.query_params
    try:
        old = int(p["old"]) if p.get("old") else None
        new = int(p["new"]) if p.get("new") else None
        diff = list_diff(name, old, new)
    except (InterdictError, ValueError) as exc:
        return render(request, "error.html", actor, message=str(exc), status_code=404)
    return render(request, "diff.html", actor, name=name, diff=diff)


@router.get("/allow")
def allow_page(request: Request, actor: WebActor) -> Response:
    """Allow-list entries with reason, author and expiry."""
    with request.app.state.store.read() as s:
        entries = allow.list_entries(s)
    return render(request, "allow.html", actor, entries=entries)


@router.get("/audit")
def audit_page(request: Request, actor: WebActor) -> Response:
    """The audit trail's verification and its latest entries (auditors, supervisors, admins)."""
    if not actor.may("audit"):
        return render(
            request,
            "error.html",
            actor,
            message="the audit trail needs the auditor, supervisor or admin role",
            status_code=403,
        )
    with request.app.state.store.read() as s:
        result = audit.verify(s)
        rows = audit.entries(s, limit=100)
    return render(request, "audit.html", actor, result=result, entries=rows)


def engines(request: Request) -> Engines:
    """The process's engines."""
    eng: Engines = request.app.state.engines
    return eng


@router.get("/cases/{case_id}/export/{fmt}")
def export_page(case_id: int, fmt: str, request: Request, actor: WebActor) -> Response:
    """Download the case as goAML XML, STIX 2.1 or FollowTheMoney JSON lines."""
    if fmt not in FORMATS or not actor.may("export"):
        return render(request, "error.html", actor, message=f"cannot export as {fmt!r}", status_code=403)
    try:
        data = export_case(request.app.state.store, actor, case_id, fmt)
    except InterdictError as exc:
        return render(request, "error.html", actor, message=str(exc), status_code=404)
    ext = EXTENSIONS[fmt]
    return Response(
        data,
        media_type=FORMATS[fmt],
        headers={"Content-Disposition": f'attachment; filename="case-{case_id}.{ext}"'},
    )
