"""`/v1/screen`, `/v1/screen/batch`, `/v1/addresses/{address}`, `/v1/lists`: screening over HTTP."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.concurrency import run_in_threadpool

from interdict.api.auth import Reader, Screener
from interdict.api.models import BatchRequest, ScreenRequest
from interdict.api.responses import JSON
from interdict.services.lists import list_diff, list_status
from interdict.services.screening import Engines, screen_address, screen_one

router = APIRouter(prefix="/v1", tags=["screening"])


def engines(request: Request) -> Engines:
    """The process's engines."""
    result: Engines = request.app.state.engines
    return result


@router.post("/screen", summary="Screen one name")
async def screen(body: ScreenRequest, request: Request, actor: Screener) -> JSON:
    """Screen a name against the active lists; `alert: true` also opens cases for the hits."""
    eng = engines(request)
    if body.alert or eng.needs_loading():
        # Writing alerts, or loading the index the first time: off the event loop.
        return JSON(await run_in_threadpool(screen_one, eng, actor, body))
    # A screening call is a fraction of a millisecond of CPU: a thread hop would cost more.
    return JSON(screen_one(eng, actor, body))


@router.post("/screen/batch", summary="Screen many names")
async def screen_batch(body: BatchRequest, request: Request, actor: Screener) -> JSON:
    """Screen up to 1000 queries; answers one result per query, in order."""
    eng = engines(request)

    def run() -> list[dict[str, Any]]:
        return [screen_one(eng, actor, q) for q in body.queries]

    return JSON({"results": await run_in_threadpool(run)})


@router.get("/addresses/{address}", summary="Screen a crypto address")
def address(address: str, request: Request, _: Reader) -> JSON:
    """Whether an address is listed (a digital-currency identifier of an entry) or tagged (tracing tags)."""
    return JSON(screen_address(engines(request), address))


@router.get("/lists", summary="List versions")
def lists(_: Reader) -> JSON:
    """Every stored version of every list; the active ones are marked."""
    return JSON(list_status())


@router.get("/lists/{name}/diff", summary="What changed in a list")
def diff(_: Reader, name: str, old: int | None = None, new: int | None = None) -> JSON:
    """Entries added, removed and changed between two versions (default: the last two)."""
    return JSON(list_diff(name, old, new))
