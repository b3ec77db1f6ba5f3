"""Who is calling: `Authorization: Bearer KEY` for the API (the web page uses its signed session cookie).

Every endpoint declares the permission it needs (`Depends(need("work"))`); a missing or unknown key
answers 401, a role without the permission 403. Keys are checked by hash; a short in-memory cache
spares the database a lookup per screening request (a revoked key stops working within `TTL`).
"""

from __future__ import annotations

import threading
import time
from collections.abc import Awaitable, Callable
from typing import Annotated

from fastapi import Depends, Request
from fastapi.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException

from interdict.services.cases import Actor, CaseStore, users

TTL = 10.0


class KeyCache:
    """API key hash → (actor, time looked up)."""

    def __init__(self) -> None:
        self._data: dict[str, tuple[Actor | None, float]] = {}
        self._lock = threading.Lock()

    def cached(self, key: str) -> Actor | bool | None:
        """The cached actor for `key` (None: known bad key), or False when not cached or stale."""
        with self._lock:
            hit = self._data.get(users.key_hash(key))
        if hit is not None and time.monotonic() - hit[1] < TTL:
            return hit[0]
        return False

    def lookup(self, store: CaseStore, key: str) -> Actor | None:
        """The actor holding `key`, from the cache when fresh."""
        digest = users.key_hash(key)
        now = time.monotonic()
        with self._lock:
            hit = self._data.get(digest)
        if hit is not None and now - hit[1] < TTL:
            return hit[0]
        with store.read() as session:
            actor = users.actor_for_key(session, key)
        with self._lock:
            if len(self._data) > 10_000:
                self._data.clear()
            self._data[digest] = (actor, now)
        return actor

    def clear(self) -> None:
        """Forget every cached key (after a revocation)."""
        with self._lock:
            self._data.clear()


async def current_actor(request: Request) -> Actor:
    """The authenticated actor: from the Bearer key, else from the web session; 401 if neither."""
    header = request.headers.get("authorization", "")
    scheme, _, key = header.partition(" ")
    if scheme.lower() == "bearer" and key.strip():
        cache: KeyCache = request.app.state.keys
        actor = cache.cached(key.strip())
        if actor is False:
            # A cache miss reads the database: off the event loop.
            actor = await run_in_threadpool(cache.lookup, request.app.state.store, key.strip())
        if not isinstance(actor, Actor):
            raise HTTPException(401, "unknown or revoked API key")
        return actor
    session_actor = getattr(request.state, "web_actor", None)
    if isinstance(session_actor, Actor):
        return session_actor
    raise HTTPException(401, "send an API key as 'Authorization: Bearer KEY'")


def need(permission: str) -> Callable[[Request], Awaitable[Actor]]:
    """A dependency: the authenticated actor, if their role grants `permission` (else 403)."""

    async def dependency(request: Request) -> Actor:
        actor = await current_actor(request)
        if not actor.may(permission):
            allowed = ", ".join(sorted(users.PERMISSIONS[permission]))
            raise HTTPException(403, f"{actor.name} ({actor.role}) may not {permission}: needs {allowed}")
        return actor

    return dependency


Authenticated = Annotated[Actor, Depends(current_actor)]
Reader = Annotated[Actor, Depends(need("read"))]
Screener = Annotated[Actor, Depends(need("screen"))]
Ingester = Annotated[Actor, Depends(need("ingest"))]
Worker = Annotated[Actor, Depends(need("work"))]
Corrector = Annotated[Actor, Depends(need("correct"))]
Rejecter = Annotated[Actor, Depends(need("reject_payment"))]
Auditor = Annotated[Actor, Depends(need("audit"))]
Exporter = Annotated[Actor, Depends(need("export"))]
Admin = Annotated[Actor, Depends(need("manage_users"))]
