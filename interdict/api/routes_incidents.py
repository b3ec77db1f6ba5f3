"""`/v1/incidents...`: the incident ledger (load, relink, list, show, trace, tally, report, export)."""

from __future__ import annotations

from typing import Literal

from fastapi import APIRouter, Query, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import HTMLResponse, Response
from pydantic import BaseModel, Field

from interdict.api.auth import Exporter, Ingester, Reader, Screener
from interdict.api.responses import JSON
from interdict.core.textfile import decode_utf8
from interdict.services import incidents as svc

router = APIRouter(prefix="/v1/incidents", tags=["incidents"])


class IncidentTraceBody(BaseModel):
    """How to trace an incident."""

    policy: Literal["haircut", "poison", "fifo", "lifo", "tiho"] = "haircut"
    max_hops: int | None = Field(None, ge=1, le=1000)
    follow_exits: bool = False


@router.post("", summary="Load incidents (JSON or CSV body)")
async def load(request: Request, actor: Ingester, source: str = "request") -> JSON:
    """Each changed incident becomes a new version (a correction); a bad body stores nothing."""
    text = decode_utf8(await request.body(), source[:100], "incident file")
    found = await run_in_threadpool(svc.load_text, source[:100], text, f"api:{actor.name}")
    return JSON(found.to_json())


@router.post("/relink", summary="Link every incident's actors to the lists active now")
async def relink(actor: Ingester) -> JSON:
    """As `incidents relink --json`: an incident whose links changed gets a new version."""
    return JSON((await run_in_threadpool(svc.relink, f"api:{actor.name}")).to_json())


@router.get("", summary="Every incident (latest version)")
async def list_(_: Reader) -> JSON:
    """As `incidents list --json`."""
    rows = await run_in_threadpool(svc.list_incidents)
    return JSON({"incidents": [svc.summary_row(v) for v in rows]})


@router.get("/tally", summary="Totals by actor, chain, exit or quarter")
async def tally(_: Reader, by: Literal["actor", "chain", "exit", "quarter"] = "actor",
                start: str | None = Query(None, alias="from"),
                end: str | None = Query(None, alias="to")) -> JSON:
    """As `incidents tally --json`."""
    return JSON((await run_in_threadpool(svc.tally_incidents, by, start, end)).to_json())


@router.get("/report", summary="The ledger as one self-contained HTML page", response_class=HTMLResponse)
async def report(_: Reader, start: str | None = Query(None, alias="from"),
                 end: str | None = Query(None, alias="to")) -> HTMLResponse:
    """As `incidents report`."""
    return HTMLResponse(await run_in_threadpool(svc.report_page, start, end))


@router.get("/export/{fmt}", summary="The ledger as STIX 2.1 or FollowTheMoney")
async def export(fmt: Literal["stix", "ftm"], _: Exporter) -> Response:
    """A STIX 2.1 bundle, or FollowTheMoney entities (JSON lines)."""
    text = await run_in_threadpool(svc.export_ledger, fmt)
    ext = "json" if fmt == "stix" else "ftm.jsonl"
    return Response(text, media_type=svc.EXPORT_FORMATS[fmt],
                    headers={"Content-Disposition": f'attachment; filename="incidents.{ext}"'})


@router.get("/{ident}", summary="One incident with its history and latest trace")
async def show(ident: str, _: Reader, version: int | None = Query(None, ge=1)) -> JSON:
    """As `incidents show --json`."""
    return JSON((await run_in_threadpool(svc.show_incident, ident[:128], version)).to_json())


@router.post("/{ident}/trace", summary="Trace an incident over the loaded ledgers")
async def trace(ident: str, body: IncidentTraceBody, actor: Screener) -> JSON:
    """As `incidents trace --json`: the result is stored with the incident."""
    req = svc.TraceRequest(ident[:128], body.policy, body.max_hops, body.follow_exits, f"api:{actor.name}")
    return JSON((await run_in_threadpool(svc.trace_incident, req)).to_json())
