"""`/v1/cases/{id}/export/{format}`, `/v1/payments/screen`, `/v1/trace` (taint, exposure, patterns):
exports and the other engines."""

from __future__ import annotations

from typing import Literal

from fastapi import APIRouter, Query, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import Response

from interdict.api.auth import Exporter, Reader, Screener
from interdict.api.models import TraceRequest
from interdict.api.responses import JSON
from interdict.core.errors import InputError
from interdict.services import payments, tracing
from interdict.services.cases import EXTENSIONS, FORMATS, export_case

router = APIRouter(prefix="/v1", tags=["exports"])


@router.get("/cases/{case_id}/export/{fmt}", summary="Export a case")
def export(case_id: int, fmt: Literal["goaml", "stix", "ftm"], request: Request, actor: Exporter) -> Response:
    """goAML STR XML, a STIX 2.1 bundle, or FollowTheMoney entities (JSON lines)."""
    data = export_case(request.app.state.store, actor, case_id, fmt)
    ext = EXTENSIONS[fmt]
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
    answer = await run_in_threadpool(payments.screen_messages, eng, actor, data, source[:100], alert=alert)
    return JSON(answer)


@router.post("/trace", summary="Forward taint trace", tags=["tracing"])
async def trace(body: TraceRequest, request: Request, actor: Screener) -> JSON:
    """Follow funds from the sources under a taint policy (as `trace taint --json`); exits can alert."""
    eng = request.app.state.engines
    result = await run_in_threadpool(
        tracing.trace_taint, eng, actor, body.sources, body.policy, body.max_hops, body.alert
    )
    return JSON(result)


@router.get("/trace/exposure/{address}", summary="Addresses reached within N hops", tags=["tracing"])
async def trace_exposure(
    address: str, _: Reader, max_hops: int = Query(7, ge=1, le=50), back: bool = False
) -> JSON:
    """Every address money reached from ADDRESS (or came from, `back`), tagged ones listed
    (as `trace exposure --json`)."""
    return JSON(await run_in_threadpool(tracing.exposure_json, address[:200], max_hops, back))


@router.get("/trace/patterns", summary="Peel chains, CoinJoins, exchange deposits", tags=["tracing"])
async def trace_patterns(_: Reader, min_length: int = Query(3, ge=1, le=1000)) -> JSON:
    """Peel chains, CoinJoin-like transactions and exchange deposit addresses in the UTXO data
    (as `trace patterns --json`)."""
    return JSON(await run_in_threadpool(tracing.patterns_json, min_length))
