"""`/v1/screen`, `/v1/screen/batch`, `/v1/addresses/{address}`, `/v1/lists`: screening over HTTP."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.concurrency import run_in_threadpool

from interdict.api.auth import Reader, Screener
from interdict.api.engines import Engines, list_diff, list_status
from interdict.api.models import BatchRequest, ScreenRequest
from interdict.api.responses import JSON
from interdict.cases import alerts
from interdict.cases.users import Actor
from interdict.core.entity import IdentifierType
from interdict.core.match import Candidate, Query
from interdict.screening import screen_detailed, screen_identifier

router = APIRouter(prefix="/v1", tags=["screening"])


def engines(request: Request) -> Engines:
    """The process's engines."""
    result: Engines = request.app.state.engines
    return result


def to_query(body: ScreenRequest) -> Query:
    """The engine's query from the request body."""
    return Query(name=body.name, kind=body.kind, dob=body.dob, country=body.country)


def screen_one(eng: Engines, actor: Actor, body: ScreenRequest) -> dict[str, Any]:
    """Screen one request; answers the query, candidates (Candidate.to_dict()) and suppressions.

    With `alert: true`, each candidate also becomes an alert in its subject's case (`cases` lists them).
    """
    query = to_query(body)
    index, lists = eng.current()
    result = screen_detailed(index, query, threshold=body.threshold, limit=body.limit, allow=eng.allow_list())
    answer: dict[str, Any] = {
        # The same shape as `interdict screen NAME --json`, plus the context, allow-list suppressions
        # and the list versions screened against.
        "query": query.name,
        "list_versions": lists.to_dict(),
        "context": {"kind": query.kind, "dob": query.dob, "country": query.country},
        "candidates": [c.to_dict() for c in result.candidates],
        "suppressed": [
            {
                "candidate": s.candidate.to_dict(),
                "allow": {
                    "query": s.entry.query,
                    "entity": s.entry.entity_key,
                    "reason": s.entry.reason,
                    "author": s.entry.author,
                    "expires": s.entry.expires,
                },
            }
            for s in result.suppressed
        ],
    }
    if body.alert and result.candidates:
        answer["cases"] = open_alerts(eng, actor, query, result.candidates)
    return answer


def open_alerts(eng: Engines, actor: Actor, query: Query, candidates: list[Candidate]) -> list[int]:
    """Store an alert per candidate; answers the ids of the cases they joined."""
    cases: list[int] = []
    with eng.store.write() as session:
        for cand in candidates:
            entity = eng.entity(f"{cand.list}:{cand.list_id}")
            item = alerts.from_candidate(cand, query, entity.to_dict() if entity else None)
            _, case, _ = alerts.ingest(session, actor, item)
            if case is not None and case.id not in cases:
                cases.append(case.id)
    return cases


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
    from interdict.api.bridges import address_tags

    eng = engines(request)
    index, lists = eng.current()
    hits = screen_identifier(index, address[:200], IdentifierType.CRYPTO)
    tags = address_tags(address[:200])
    return JSON(
        {
            "address": address,
            "listed": bool(hits),
            "tagged": bool(tags),
            "candidates": [c.to_dict() for c in hits],
            "tags": tags,
            "list_versions": lists.to_dict(),
        }
    )


@router.get("/lists", summary="List versions")
def lists(_: Reader) -> JSON:
    """Every stored version of every list; the active ones are marked."""
    return JSON(list_status())


@router.get("/lists/{name}/diff", summary="What changed in a list")
def diff(_: Reader, name: str, old: int | None = None, new: int | None = None) -> JSON:
    """Entries added, removed and changed between two versions (default: the last two)."""
    return JSON(list_diff(name, old, new))
