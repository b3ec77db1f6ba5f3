"""The engines behind the API, loaded once per process: the screening index and the list store.

The index is read from the list store (DuckDB, read-only) on first use and reloaded when the store's
state token changes; tests hand in an index built from their own entities.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import select

from interdict.cases.store import CaseStore
from interdict.cases.tables import AllowEntry as AllowRow
from interdict.core.entity import Entity
from interdict.core.errors import NotFoundError
from interdict.screening import AllowEntry, AllowList, ScreeningIndex

ALLOW_TTL = 5.0
# DuckDB allows one configuration of connections per file and process: every use is serialised.
DUCKDB_LOCK = threading.Lock()


class Engines:
    """Lazily loaded engines shared by all requests of one server process."""

    def __init__(
        self,
        store: CaseStore,
        index: ScreeningIndex | None = None,
        index_loader: Callable[[], ScreeningIndex] | None = None,
    ) -> None:
        self.store = store
        self._index = index
        self._loader = index_loader or load_store_index
        self._lock = threading.Lock()
        self._by_key: dict[str, Entity] | None = None
        self._allow: tuple[AllowList, float] | None = None

    def needs_loading(self) -> bool:
        """Whether the next use of `index` (or of the allow list) reads from disk."""
        cached = self._allow
        return self._index is None or cached is None or time.monotonic() - cached[1] >= ALLOW_TTL

    @property
    def index(self) -> ScreeningIndex:
        """The screening index (loaded from the list store on first use)."""
        if self._index is None:
            with self._lock:
                if self._index is None:
                    self._index = self._loader()
        return self._index

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


def load_store_index() -> ScreeningIndex:
    """The index of the active lists in the local list store (read-only)."""
    from interdict.core import config
    from interdict.core.store import connect
    from interdict.screening import load_index

    if not config.database_path().exists():
        raise NotFoundError("no lists loaded: run `interdict lists load PATH` or `interdict demo` first")
    with DUCKDB_LOCK:
        conn = connect(read_only=True)
        try:
            return load_index(conn)
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
