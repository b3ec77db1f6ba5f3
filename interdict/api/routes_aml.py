"""`/v1/aml/...`: laundering typologies (scan an uploaded transfer file; the detectors' docs)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request
from fastapi.concurrency import run_in_threadpool

from interdict.api.auth import Reader, Screener
from interdict.api.responses import JSON
from interdict.services import aml

router = APIRouter(prefix="/v1/aml", tags=["aml"])


@router.post("/scan", summary="Scan a transfer file for laundering typologies")
async def scan(
    request: Request,
    actor: Screener,
    format: str = "auto",
    typology: Annotated[list[str] | None, Query()] = None,
    threshold: float = Query(0.0, ge=0.0, le=1.0),
    alert: bool = True,
) -> JSON:
    """Run the typology detectors over the CSV in the body (generic transfers or an AMLworld
    `*_Trans.csv`), as `aml scan --json`; alerts at or above `threshold` become case alerts."""
    data = await request.body()
    eng = request.app.state.engines
    answer = await run_in_threadpool(
        aml.scan_upload, eng.store, actor, data, format, typology, threshold, alert
    )
    return JSON(answer)


@router.get("/detectors", summary="The typology detectors and their parameters")
async def detectors(_: Reader) -> JSON:
    """Every registered detector: summary, parameters with defaults, evidence fields."""
    return JSON(aml.detector_docs())
