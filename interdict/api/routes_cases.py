"""`/v1/alerts`, `/v1/cases`, `/v1/payments/holds`, `/v1/allow`: people's work on alerts over HTTP."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request, UploadFile
from fastapi.responses import Response

from interdict.api.auth import Corrector, Ingester, Reader, Rejecter, Worker
from interdict.api.models import (
    AlertRequest,
    AllowRequest,
    AssignRequest,
    CorrectionRequest,
    DecisionRequest,
    HoldRequest,
    TextRequest,
)
from interdict.api.responses import JSON
from interdict.services.cases import (
    EngineOutput,
    allow,
    attachments,
    holds,
    ingest_alert,
    views,
    workflow,
)
from interdict.services.screening import Engines

router = APIRouter(prefix="/v1", tags=["cases"])


def _eng(request: Request) -> Engines:
    result: Engines = request.app.state.engines
    return result


@router.post("/alerts", status_code=201, summary="Create an alert")
def create_alert(body: AlertRequest, request: Request, actor: Ingester) -> JSON:
    """Store an alert from an engine's output; it joins (or opens) its subject's case."""
    done = ingest_alert(_eng(request).store, actor, EngineOutput(**body.model_dump()))
    status = 201 if done.status == "created" else 200
    answer = {"status": done.status, "alert_id": done.alert_id, "case_id": done.case_id}
    return JSON(answer, status_code=status)


@router.get("/alerts", summary="List alerts")
def list_alerts(
    request: Request,
    _: Reader,
    source: str | None = None,
    case_id: int | None = None,
    limit: int = 100,
    offset: int = 0,
) -> JSON:
    """Alerts, newest first (without payloads; read a case for those)."""
    with _eng(request).store.read() as s:
        rows = views.list_alerts(s, source=source, case_id=case_id, limit=min(limit, 1000), offset=offset)
    return JSON({"alerts": rows})


@router.get("/cases", summary="The case queue")
def list_cases(
    request: Request,
    _: Reader,
    state: str | None = None,
    source: str | None = None,
    assignee: str | None = None,
    min_score: float | None = None,
    q: str | None = None,
    limit: int = 100,
    offset: int = 0,
) -> JSON:
    """Cases matching the filters, highest score first (`state=active` for all but closed)."""
    flt = views.CaseFilter(state, source, assignee, min_score, q, min(limit, 1000), offset)
    with _eng(request).store.read() as s:
        return JSON({"cases": views.list_cases(s, flt)})


@router.get("/cases/{case_id}", summary="One case")
def get_case(case_id: int, request: Request, _: Reader) -> JSON:
    """A case with its alerts (query, listed entry, explanation), events, attachments and hold."""
    with _eng(request).store.read() as s:
        return JSON(views.case_detail(s, case_id))


def _detail(request: Request, case_id: int) -> JSON:
    with _eng(request).store.read() as s:
        return JSON(views.case_detail(s, case_id))


@router.get("/decisions", summary="Decisions")
def list_decisions(request: Request, _: Reader, actor: str | None = None, limit: int = 200) -> JSON:
    """Decisions and corrections, newest first (optionally by one person)."""
    with _eng(request).store.read() as s:
        return JSON({"decisions": views.list_decisions(s, actor=actor, limit=min(limit, 5000))})


@router.post("/cases/{case_id}/assign", summary="Assign a case")
def assign(case_id: int, body: AssignRequest, request: Request, actor: Worker) -> JSON:
    """Give the case to someone (an open case goes into review)."""
    with _eng(request).store.write() as s:
        workflow.assign(s, actor, case_id, body.assignee, body.version)
    return _detail(request, case_id)


@router.post("/cases/{case_id}/comments", status_code=201, summary="Comment on a case")
def comment(case_id: int, body: TextRequest, request: Request, actor: Worker) -> JSON:
    """Add a comment."""
    with _eng(request).store.write() as s:
        event = workflow.comment(s, actor, case_id, body.text)
    return JSON({"event_id": event.id}, status_code=201)


@router.post("/cases/{case_id}/escalate", summary="Escalate a case")
def escalate(case_id: int, body: TextRequest, request: Request, actor: Worker) -> JSON:
    """Send the case to a supervisor with a reason."""
    with _eng(request).store.write() as s:
        workflow.escalate(s, actor, case_id, body.text, body.version)
    return _detail(request, case_id)


@router.post("/cases/{case_id}/decision", summary="Decide a case")
def decide(case_id: int, body: DecisionRequest, request: Request, actor: Worker) -> JSON:
    """Close the case as true match, false positive or not relevant (409 if it moved on)."""
    with _eng(request).store.write() as s:
        workflow.decide(s, actor, case_id, body.outcome, body.reason, body.version)
    return _detail(request, case_id)


@router.post("/cases/{case_id}/corrections", status_code=201, summary="Correct a decision")
def correct(case_id: int, body: CorrectionRequest, request: Request, actor: Corrector) -> JSON:
    """A supervisor's correction: a new entry pointing at the decision it corrects."""
    with _eng(request).store.write() as s:
        event = workflow.correct(s, actor, case_id, body.event_id, body.outcome, body.reason)
    return JSON({"event_id": event.id}, status_code=201)


@router.post("/cases/{case_id}/attachments", status_code=201, summary="Attach a file")
async def attach(case_id: int, file: UploadFile, request: Request, actor: Worker) -> JSON:
    """Attach a file (stored once by SHA-256)."""
    data = await file.read()
    store = _eng(request).store
    with store.write() as s:
        row = attachments.attach(
            s,
            actor,
            store.data_dir,
            case_id,
            file.filename or "attachment",
            data,
            file.content_type or "application/octet-stream",
        )
    return JSON({"id": row.id, "sha256": row.sha256, "size": row.size}, status_code=201)


@router.get("/attachments/{attachment_id}", summary="Download an attachment")
def download(attachment_id: int, request: Request, _: Reader) -> Response:
    """The attachment's bytes, as a download (never rendered inline)."""
    store = _eng(request).store
    with store.read() as s:
        row, data = attachments.read(s, store.data_dir, attachment_id)
    return Response(
        data,
        media_type="application/octet-stream",
        headers={
            "Content-Disposition": f'attachment; filename="{row.sha256}"',
            "X-Content-Type-Options": "nosniff",
        },
    )


@router.get("/payments/holds", summary="Held payments")
def list_holds(request: Request, _: Reader, state: str | None = None) -> JSON:
    """Held payments (`state=pending` for those awaiting a decision)."""
    with _eng(request).store.read() as s:
        return JSON({"holds": views.list_holds(s, state)})


@router.post("/payments/holds/{message_id}/release", summary="Approve a release (four eyes)")
def release(message_id: str, body: HoldRequest, request: Request, actor: Worker) -> JSON:
    """First call marks the payment release-pending; a second, different person releases it."""
    with _eng(request).store.write() as s:
        hold = holds.approve_release(s, actor, message_id, body.reason, body.version)
        return JSON(views.hold_dict(hold))


@router.post("/payments/holds/{message_id}/reject", summary="Reject a held payment")
def reject(message_id: str, body: HoldRequest, request: Request, actor: Rejecter) -> JSON:
    """Reject the payment (supervisors only)."""
    with _eng(request).store.write() as s:
        hold = holds.reject(s, actor, message_id, body.reason, body.version)
        return JSON(views.hold_dict(hold))


@router.post("/alerts/{alert_id}/allow", status_code=201, summary="Allow-list a false positive")
def allow_alert(alert_id: int, body: AllowRequest, request: Request, actor: Worker) -> JSON:
    """This query × this listed entry stops alerting until the expiry; the case must be a false positive."""
    eng = _eng(request)
    with eng.store.write() as s:
        entry = allow.allow_from_alert(s, actor, alert_id, body.reason, body.days)
        out: dict[str, Any] = {
            "id": entry.id,
            "query_form": entry.query_form,
            "entry": entry.entry_key,
            "expires_at": entry.expires_at.isoformat(),
        }
    eng.forget_allow_list()
    return JSON(out, status_code=201)


@router.get("/allow", summary="Allow-list entries")
def list_allow(request: Request, _: Reader, active: bool = False) -> JSON:
    """Allow-list entries with reason, author and expiry."""
    with _eng(request).store.read() as s:
        return JSON({"entries": allow.list_entries(s, active_only=active)})
