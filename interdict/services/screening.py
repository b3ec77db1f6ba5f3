"""Screening use cases: the index of the active list versions, kept for a process's life, and
screening names against it (with alerts).

Every screen uses the active list versions: before each use, the store's file stamp (size, time,
inode of the DuckDB file and its WAL: a stat, no query) is compared with the one last seen; when it
changed, the store's state token is read (a read-only connection, ~35 ms) and the index reloaded if
the active versions changed. Tests may hand in an index: it is taken as the index of the store's
lists at the first check, and replaced like any other when they change.
"""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Callable
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel, ConfigDict, Field

from interdict.core.entity import EntityKind
from interdict.core.errors import NotFoundError
from interdict.services._lock import DUCKDB_LOCK, locked_connection

if TYPE_CHECKING:
    from interdict.cases.store import CaseStore
    from interdict.cases.users import Actor
    from interdict.core.entity import Entity
    from interdict.core.match import Candidate, Query
    from interdict.core.store import Connection
    from interdict.payments.versions import ListState
    from interdict.screening import AllowEntry, AllowList, ScreeningIndex

ALLOW_TTL = 5.0
# A file stamp is trusted only when the file was last written this long before it was read: file
# times are coarse (a clock tick), so a write in the same tick as the read may not change them.
STAMP_SETTLE_NS = 200_000_000
Stamp = tuple[tuple[int, int, int], ...]


__all__ = [
    "Engines", "ScreenRequest", "ScreeningIndex", "allow_entries", "load_store_index", "open_alerts",
    "screen_address", "screen_one", "to_query",
]


class Engines:
    """Lazily loaded engines shared by all requests of one server process."""

    def __init__(
        self,
        store: CaseStore,
        index: ScreeningIndex | None = None,
        index_loader: Callable[[Connection], ScreeningIndex] | None = None,
    ) -> None:
        self.store = store
        # The index, the list versions it was built from (None: handed in, taken as the store's at
        # the first check) and the store's file stamp when they were last confirmed; one tuple, so
        # that a request never pairs one index with another's versions.
        self._state: tuple[ScreeningIndex, ListState | None, Stamp | None] | None = (
            (index, None, None) if index is not None else None
        )
        self._loader = index_loader or _load_index
        # The store's file and its WAL (the data directory is fixed for a server's life).
        self._files: tuple[str, str] | None = None
        self._lock = threading.Lock()
        self._by_key: dict[str, Entity] | None = None
        self._allow: tuple[AllowList, float] | None = None

    def needs_loading(self) -> bool:
        """Whether the next use of `index` (or of the allow list) reads from disk."""
        cached, state = self._allow, self._state
        stale = state is None or state[2] is None or _stamp(self._path()) != state[2]
        return stale or cached is None or time.monotonic() - cached[1] >= ALLOW_TTL

    @property
    def index(self) -> ScreeningIndex:
        """The screening index of the active list versions (see `current`)."""
        return self.current()[0]

    def current(self) -> tuple[ScreeningIndex, ListState]:
        """The index of the active list versions and those versions, reloaded when they changed.

        While another process writes the store (a list load), it cannot be opened: the index of
        the versions last confirmed is used (its versions are recorded with every answer)."""
        stamp, state = _stamp(self._path()), self._state
        if state is not None and state[1] is not None and stamp is not None and stamp == state[2]:
            return state[0], state[1]
        from interdict.core import config
        from interdict.core.store import connect, is_lock_conflict
        from interdict.payments.versions import NO_LISTS

        if not config.database_path().exists():
            if state is not None:  # a handed-in index and no store: nothing to compare with
                return state[0], state[1] or NO_LISTS
            raise NotFoundError("no lists loaded: run `interdict lists load PATH` or `interdict demo` first")
        try:
            with DUCKDB_LOCK:
                conn = connect(read_only=True)
                try:
                    return self.current_for(conn, stamp)
                finally:
                    conn.close()
        except Exception as exc:
            if state is None or state[1] is None or not is_lock_conflict(exc):
                raise
            return state[0], state[1]

    def _path(self) -> tuple[str, str]:
        if self._files is None:
            from interdict.core import config

            db = str(config.database_path())
            self._files = (db, f"{db}.wal")
        return self._files

    def current_for(
        self, conn: Connection, stamp: Stamp | None = None
    ) -> tuple[ScreeningIndex, ListState]:
        """As `current`, read through an open connection to the store (the caller holds
        DUCKDB_LOCK): the index and versions are those of that connection's view of the store."""
        from interdict.payments.versions import list_state

        lists = list_state(conn)
        with self._lock:
            state = self._state
            if state is None or (state[1] is not None and state[1].token != lists.token):
                index = self._loader(conn)
                self._by_key = None
            else:
                index = state[0]
            self._state = (index, lists, stamp if stamp is not None and _settled(stamp) else None)
            return index, lists

    def entity(self, key: str) -> Entity | None:
        """The listed entry `list:list_id` from the index, if present."""
        if self._by_key is None:
            self._by_key = {e.key: e for e in self.index.entities}
        return self._by_key.get(key)

    def allow_list(self) -> AllowList:
        """The case store's active allow-list entries, as the screening engine takes them (cached briefly)."""
        now = time.monotonic()
        cached = self._allow
        if cached is not None and now - cached[1] < ALLOW_TTL:
            return cached[0]
        from interdict.screening import AllowList

        allow = AllowList(allow_entries(self.store))
        self._allow = (allow, now)
        return allow

    def forget_allow_list(self) -> None:
        """Drop the cached allow list (after an entry was created or revoked)."""
        self._allow = None


def allow_entries(store: CaseStore) -> list[AllowEntry]:
    """Active, unrevoked allow entries of the case store, as screening `AllowEntry` values."""
    from sqlalchemy import select

    from interdict.cases.tables import AllowEntry as AllowRow
    from interdict.screening import AllowEntry

    now = datetime.now(UTC)
    with store.read() as session:
        rows = session.execute(select(AllowRow).where(AllowRow.revoked.is_(False))).scalars().all()
    out = []
    for row in rows:
        expires = row.expires_at if row.expires_at.tzinfo else row.expires_at.replace(tzinfo=UTC)
        if expires <= now:
            continue
        out.append(
            AllowEntry(
                query=row.query_form,
                entity_key=row.entry_key,
                reason=row.reason,
                author=row.author,
                expires=expires.date().isoformat(),
                created=row.created_at.date().isoformat(),
            )
        )
    return out


def _load_index(conn: Connection) -> ScreeningIndex:
    from interdict.screening import load_index

    return load_index(conn)


def _stamp(files: tuple[str, str]) -> Stamp | None:
    """Size, modification time and inode of the store's DuckDB file and WAL (None if no store).

    Any commit to the store (a list load included) changes one of them."""
    out = []
    for file in files:
        try:
            st = os.stat(file)
        except FileNotFoundError:
            out.append((0, 0, 0))
            continue
        out.append((st.st_size, st.st_mtime_ns, st.st_ino))
    return tuple(out) if out[0] != (0, 0, 0) else None


def _settled(stamp: Stamp) -> bool:
    return all(time.time_ns() - mtime >= STAMP_SETTLE_NS for _, mtime, _ in stamp)


def load_store_index() -> ScreeningIndex:
    """The index of the active lists in the local list store (read-only)."""
    from interdict.core import config

    if not config.database_path().exists():
        raise NotFoundError("no lists loaded: run `interdict lists load PATH` or `interdict demo` first")
    with locked_connection(read_only=True) as conn:
        return _load_index(conn)


class ScreenRequest(BaseModel):
    """One name (or pasted identifier) with optional context."""

    model_config = ConfigDict(extra="forbid")  # unknown fields are an error, not silently dropped

    name: str = Field(min_length=1, max_length=500)
    kind: EntityKind | None = None
    dob: str | None = Field(default=None, max_length=10, pattern=r"^\d{4}(-\d{2}(-\d{2})?)?$")
    country: str | None = Field(default=None, max_length=60)
    threshold: float | None = Field(default=None, ge=0.0, le=1.0)
    limit: int = Field(default=10, ge=1, le=100)
    alert: bool = False  # also open alerts (and cases) for the hits


def to_query(body: ScreenRequest) -> Query:
    """The engine's query from the request."""
    from interdict.core.match import Query

    return Query(name=body.name, kind=body.kind, dob=body.dob, country=body.country)


def screen_one(eng: Engines, actor: Actor, body: ScreenRequest) -> dict[str, Any]:
    """Screen one request; answers the query, candidates (Candidate.to_dict()) and suppressions.

    With `alert: true`, each candidate also becomes an alert in its subject's case (`cases` lists them).
    """
    from interdict.screening import screen_detailed

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
    from interdict.cases import alerts

    cases: list[int] = []
    with eng.store.write() as session:
        for cand in candidates:
            entity = eng.entity(f"{cand.list}:{cand.list_id}")
            item = alerts.from_candidate(cand, query, entity.to_dict() if entity else None)
            _, case, _ = alerts.ingest(session, actor, item)
            if case is not None and case.id not in cases:
                cases.append(case.id)
    return cases


def screen_address(eng: Engines, address: str) -> dict[str, Any]:
    """Whether an address is listed (a digital-currency identifier of an entry) or tagged (tracing tags)."""
    from interdict.core.entity import IdentifierType
    from interdict.screening import screen_identifier
    from interdict.services.tracing import address_incidents, address_tags

    index, lists = eng.current()
    hits = screen_identifier(index, address[:200], IdentifierType.CRYPTO)
    tags = address_tags(address[:200])
    return {
        "address": address,
        "listed": bool(hits),
        "tagged": bool(tags),
        "candidates": [c.to_dict() for c in hits],
        "tags": tags,
        "incidents": address_incidents(address[:200]),
        "list_versions": lists.to_dict(),
    }
