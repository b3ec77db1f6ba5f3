"""`/v1/cases/{id}/export/{format}`, `/v1/payments/screen`, `/v1/trace`: exports and the other engines."""

from __future__ import annotations

from typing import Literal

import orjson
from fastapi import APIRouter, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import Response

from interdict.api import bridges
from interdict.api.auth import Exporter, Screener
from interdict.api.models import TraceRequest
from interdict.api.responses import JSON
from interdict.cases import audit, views
from interdict.cases.exports import FORMATS, case_ftm, case_goaml, case_stix
from interdict.cases.exports.goaml_settings import GoamlSettings
from interdict.cases.store import CaseStore
from interdict.cases.users import Actor
from interdict.core.errors import InputError

router = APIRouter(prefix="/v1", tags=["exports"])


def export_case(
    store: CaseStore, actor: Actor, case_id: int, fmt: str, goaml: GoamlSettings | None = None
) -> bytes:
    """The case in one export format (the export itself is audited: who took what out, when)."""
    with store.read() as s:
        case = views.case_detail(s, case_id)
    if fmt == "goaml":
        data = case_goaml(case, goaml, reporter=actor.name)
    elif fmt == "stix":
        data = orjson.dumps(case_stix(case), option=orjson.OPT_INDENT_2)
    else:
        data = b"".join(orjson.dumps(e) + b"\n" for e in case_ftm(case))
    with store.write() as s:
        audit.record(s, actor.name, "case.export", "case", case_id, {"format": fmt, "bytes": len(data)})
    return data


@router.get("/cases/{case_id}/export/{fmt}", summary="Export a case")
def export(case_id: int, fmt: Literal["goaml", "stix", "ftm"], request: Request, actor: Exporter) -> Response:
    """goAML STR XML, a STIX 2.1 bundle, or FollowTheMoney entities (JSON lines)."""
    data = export_case(request.app.state.store, actor, case_id, fmt)
    ext = {"goaml": "xml", "stix": "json", "ftm": "ftm.json"}[fmt]
    return Response(
        data,
        media_type=FORMATS[fmt],
        headers={"Content-Disposition": f'attachment; filename="case-{case_id}.{ext}"'},
    )


@router.post("/payments/screen", summary="Screen payment messages", tags=["payments"])
async def payments_screen(
    request: Request, actor: Screener, source: str = "request", alert: bool = True
) -> JSON:
    """Decide every SWIFT MT / ISO 20022 message in the body (release, hold, reject, with reasons).

    Each message is decided once (a repeat returns the stored decision); held and rejected ones
    become alerts with a held payment awaiting four-eyes release.
    """
    data = await request.body()
    if not data.strip():
        raise InputError(source, None, "empty body: send the message file's bytes")
    eng = request.app.state.engines
    return JSON(await run_in_threadpool(bridges.screen_messages, eng, actor, data, source[:100], alert=alert))


@router.post("/trace", summary="Forward taint trace", tags=["tracing"])
async def trace(body: TraceRequest, request: Request, actor: Screener) -> JSON:
    """Follow funds from the sources under a taint policy (as `trace taint --json`); exits can alert."""
    eng = request.app.state.engines
    result = await run_in_threadpool(
        bridges.trace_taint, eng, actor, body.sources, body.policy, body.max_hops, body.alert
    )
    return JSON(result)
