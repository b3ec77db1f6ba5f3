"""List use cases: load files as new versions, fetch the official lists, the versions in the local
store, what changed between two of them, the cross-list subjects."""

from __future__ import annotations

import contextlib
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from interdict.core import config
from interdict.core.errors import ConflictError
from interdict.lists.activation import LoadPolicy
from interdict.lists.diff import describe_change
from interdict.lists.fetch import fetch_lists
from interdict.lists.formats import discover
from interdict.services._lock import locked_connection

if TYPE_CHECKING:
    from interdict.cases.store import CaseStore
    from interdict.core.state_sink import StateSink
    from interdict.lists.diff import ListDiff
    from interdict.lists.store import ListStore
    from interdict.lists.subjects import SubjectLink
    from interdict.lists.versions import LoadResult

__all__ = [
    "FileOutcome", "ListDiff", "ListStore", "LoadPolicy", "LoadResult", "SubjectLink", "describe_change",
    "discover", "fetch_lists", "list_diff", "list_status", "load_one", "open_store", "subject_summary",
]


@dataclass(frozen=True, slots=True)
class FileOutcome:
    """What loading one file did: a result, or the error that left the store unchanged."""

    path: Path
    result: LoadResult | None = None
    error: str | None = None


@contextlib.contextmanager
def open_store(*, read_only: bool = False) -> Iterator[ListStore]:
    """The list store on the configured database (waiting a little for another process's lock),
    closed afterwards."""
    from interdict.core.store import StoreIOError, connect, lock_wait
    from interdict.lists.store import ListStore

    try:
        conn = connect(read_only=read_only, wait=lock_wait())
    except StoreIOError as exc:
        # DuckDB lets one process write a database file at a time (e.g. a running web server).
        raise ConflictError(f"cannot open the database {config.database_path()}: {exc}") from exc
    # Writers record every load and activation in the keyed audit chain (the case store).
    cases = None if read_only else _case_store()
    try:
        yield ListStore(conn, None if cases is None else _chain(cases))
    finally:
        conn.close()
        if cases is not None:
            cases.close()


def _case_store() -> CaseStore:
    from interdict.cases.store import CaseStore

    return CaseStore()


def _chain(cases: CaseStore) -> StateSink:
    from interdict.cases.audit_external import ChainSink
    from interdict.lists.activation import default_actor

    return ChainSink(cases, default_actor())


def load_one(store: ListStore | None, path: Path, policy: LoadPolicy | None) -> LoadResult:
    """Load one list file as a new version (a file already loaded is a no-op).

    With `store` None the database is opened only to look up and to write the file, never while
    parsing it, so screening keeps reading the previous version during a load."""
    from interdict.lists.store import parse_file
    from interdict.lists.versions import LoadResult

    if store is not None:
        return store.load_path(path, policy)
    known = None
    if config.database_path().exists():
        with open_store(read_only=True) as reader:
            known = reader.known_file(path)
    if known is not None:
        return LoadResult(known, new=False)
    parsed = parse_file(path)  # the slow part (seconds for OFAC): no lock held
    with open_store() as writer:
        return writer.load(parsed, policy)


def subject_summary(store: ListStore) -> dict[str, Any]:
    """Counts: active entries, subjects, subjects joining several entries, links by evidence."""
    subjects = store.subjects()
    sizes = Counter(subjects.values())
    return {
        "entries": len(subjects),
        "subjects": len(sizes),
        "linked_subjects": sum(1 for n in sizes.values() if n > 1),
        "links": dict(sorted(Counter(link.evidence for link in store.subject_links()).items())),
    }


def list_status() -> dict[str, Any]:
    """Versions of every list in the local store (active ones marked)."""
    from interdict.core import config
    from interdict.lists.store import ListStore

    if not config.database_path().exists():
        return {"lists": [], "checked": date.today().isoformat()}
    with locked_connection(read_only=True) as conn:
        versions = [v.to_dict() for v in ListStore(conn).versions()]
    return {"lists": versions, "checked": date.today().isoformat()}


def list_diff(list_name: str, old: int | None, new: int | None) -> dict[str, Any]:
    """What changed in one list between two versions (defaults: the last two)."""
    from interdict.lists.store import ListStore

    with locked_connection(read_only=True) as conn:
        diff = ListStore(conn).diff(list_name, old, new)
    to_dict = getattr(diff, "to_dict", None)
    return dict(to_dict()) if callable(to_dict) else {"diff": str(diff)}
