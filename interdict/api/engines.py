"""The engines behind the API, loaded once per process: the screening index and the list store.

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
from datetime import UTC, date, datetime
from typing import Any

import duckdb
from sqlalchemy import select

from interdict.cases.store import CaseStore
from interdict.cases.tables import AllowEntry as AllowRow
from interdict.core.entity import Entity
from interdict.core.errors import NotFoundError
from interdict.payments.versions import NO_LISTS, ListState, list_state
from interdict.screening import AllowEntry, AllowList, ScreeningIndex

ALLOW_TTL = 5.0
# A file stamp is trusted only when the file was last written this long before it was read: file
# times are coarse (a clock tick), so a write in the same tick as the read may not change them.
STAMP_SETTLE_NS = 200_000_000
Stamp = tuple[tuple[int, int, int], ...]
# DuckDB allows one configuration of connections per file and process: every use is serialised.
DUCKDB_LOCK = threading.Lock()


class Engines:
    """Lazily loaded engines shared by all requests of one server process."""

    def __init__(
        self,
        store: CaseStore,
        index: ScreeningIndex | None = None,
        index_loader: Callable[[duckdb.DuckDBPyConnection], ScreeningIndex] | None = None,
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
        from interdict.core.store import connect

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
        except duckdb.IOException as exc:
            if state is None or state[1] is None or "lock" not in str(exc).lower():
                raise
            return state[0], state[1]

    def _path(self) -> tuple[str, str]:
        if self._files is None:
            from interdict.core import config

            db = str(config.database_path())
            self._files = (db, f"{db}.wal")
        return self._files

    def current_for(
        self, conn: duckdb.DuckDBPyConnection, stamp: Stamp | None = None
    ) -> tuple[ScreeningIndex, ListState]:
        """As `current`, read through an open connection to the store (the caller holds
        DUCKDB_LOCK): the index and versions are those of that connection's view of the store."""
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
        allow = AllowList(allow_entries(self.store))
        self._allow = (allow, now)
        return allow

    def forget_allow_list(self) -> None:
        """Drop the cached allow list (after an entry was created or revoked)."""
        self._allow = None


def allow_entries(store: CaseStore) -> list[AllowEntry]:
    """Active, unrevoked allow entries of the case store, as screening `AllowEntry` values."""
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


def _load_index(conn: duckdb.DuckDBPyConnection) -> ScreeningIndex:
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
    from interdict.core.store import connect

    if not config.database_path().exists():
        raise NotFoundError("no lists loaded: run `interdict lists load PATH` or `interdict demo` first")
    with DUCKDB_LOCK:
        conn = connect(read_only=True)
        try:
            return _load_index(conn)
        finally:
            conn.close()


def list_status() -> dict[str, Any]:
    """Versions of every list in the local store (active ones marked)."""
    from interdict.core import config
    from interdict.core.store import connect
    from interdict.lists.store import ListStore

    if not config.database_path().exists():
        return {"lists": [], "checked": date.today().isoformat()}
    with DUCKDB_LOCK:
        conn = connect(read_only=True)
        try:
            versions = [v.to_dict() for v in ListStore(conn).versions()]
        finally:
            conn.close()
    return {"lists": versions, "checked": date.today().isoformat()}


def list_diff(list_name: str, old: int | None, new: int | None) -> dict[str, Any]:
    """What changed in one list between two versions (defaults: the last two)."""
    from interdict.core.store import connect
    from interdict.lists.store import ListStore

    with DUCKDB_LOCK:
        conn = connect(read_only=True)
        try:
            diff = ListStore(conn).diff(list_name, old, new)
        finally:
            conn.close()
    to_dict = getattr(diff, "to_dict", None)
    return dict(to_dict()) if callable(to_dict) else {"diff": str(diff)}
