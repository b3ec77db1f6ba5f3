"""Screening from a one-shot process (`interdict screen`): the index of the active lists read from
the local store, one name or a batch file screened against it."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from interdict.core import config
from interdict.core.errors import InputError, InterdictError, NotFoundError
from interdict.core.textfile import read_utf8
from interdict.screening.batch_input import BadRow, Row, parse_dob, parse_kind, read_batch, row_query
from interdict.screening.threshold import DEFAULT_THRESHOLD

if TYPE_CHECKING:
    from interdict.core.match import Candidate, Explanation, Query
    from interdict.lists.store import ListStore
    from interdict.screening import ScreeningIndex
    from interdict.screening.loader import Snapshot

__all__ = [
    "DEFAULT_THRESHOLD",
    "BadRow",
    "BatchFile",
    "Row",
    "StoreError",
    "explanation_summary",
    "index_of_store",
    "open_index",
    "query_of",
    "read_batch_file",
    "screen_name",
    "screen_query",
    "screen_rows",
]


class StoreError(InterdictError):
    """The list store cannot be read (not a lock held by another process: that is a ConflictError)."""


def open_index() -> ScreeningIndex:
    """The screening index of the active lists in the configured store.

    The store is opened read-only, waiting out a list load that holds it (the previous version is
    read until the load commits), and closed before an index is built, so that a load waiting for
    the file does not wait for the build.
    """
    from interdict.screening.loader import index_of, read_cached
    from interdict.screening.state import files_key, remember_token, remembered_token

    path = config.database_path()
    if not path.exists():
        raise NotFoundError(f"no lists loaded in {path}: run `interdict lists load PATH` first")
    # The store unchanged since a screen read its state: its cached index, without opening DuckDB.
    if (token := remembered_token(path)) is not None and (index := read_cached(token)) is not None:
        return _non_empty(index, path)
    from interdict.core.store import DatabaseError

    before = files_key(path)
    try:
        try:
            snap = _snapshot(path, read_only=True)
        except DatabaseError:  # a store written by an older release may first need an upgrade
            snap = _snapshot(path, read_only=False)
    except DatabaseError as exc:  # one line and exit 2, never a traceback that exits 1 ("match")
        raise StoreError(f"cannot read the lists in {path}: {exc}") from exc
    index = index_of(snap)
    remember_token(path, before, snap.token)
    return _non_empty(index, path)


def _non_empty(index: ScreeningIndex, path: Path) -> ScreeningIndex:
    if len(index) == 0:
        raise NotFoundError(f"no active list entries in {path}: run `interdict lists load PATH` first")
    return index


def _snapshot(path: Path, *, read_only: bool) -> Snapshot:
    from interdict.core.store import connect, lock_wait
    from interdict.screening.loader import snapshot

    conn = connect(path, read_only=read_only, wait=lock_wait())
    try:
        return snapshot(conn)
    finally:
        conn.close()


def query_of(name: str, kind: str, dob: str | None, country: str | None) -> Query:
    """The engine's query from command-line text (kind and date of birth checked)."""
    from interdict.core.match import Query

    try:
        return Query(name=name, kind=parse_kind(kind), dob=parse_dob(dob), country=country)
    except ValueError as exc:
        raise InputError("command line", "--kind/--dob", str(exc)) from exc


def screen_name(query: Query, threshold: float | None, limit: int) -> list[Candidate]:
    """The candidates for one query against the active lists."""
    from interdict.screening import screen_detailed

    return list(screen_detailed(open_index(), query, threshold=threshold, limit=limit).candidates)


@dataclass(frozen=True)
class BatchFile:
    """A batch file's rows in order: good ones (`Row`) and bad ones (`BadRow`, with the error)."""

    rows: list[Row | BadRow]

    @property
    def good(self) -> list[Row]:
        return [r for r in self.rows if isinstance(r, Row)]

    @property
    def bad(self) -> list[BadRow]:
        return [r for r in self.rows if isinstance(r, BadRow)]


def read_batch_file(path: Path) -> BatchFile:
    """A CSV, JSON-lines or Parquet file of id,name[,kind,dob,country]."""
    if path.suffix.lower() == ".parquet":
        return BatchFile(_parquet_rows(path))
    data = read_utf8(path, "batch file")
    json_lines = path.suffix.lower() in (".jsonl", ".ndjson", ".json") or None
    return BatchFile(read_batch(data, json_lines=json_lines))


def _parquet_rows(path: Path) -> list[Row | BadRow]:
    """A Parquet batch: values read as text, a row's `line` its 1-based position in the file (the
    Spark engine reads the same file with the same rules)."""
    from interdict.tracing.store import parquet_records

    names, records = parquet_records(path)
    columns = [c.lower() for c in names]
    if not {"id", "name"} <= set(columns):
        return [BadRow(1, None, f"Parquet columns must contain `id` and `name`, found {sorted(columns)}")]
    return [row_query(i + 1, {k.lower(): v for k, v in r.items()}) for i, r in enumerate(records)]


def screen_rows(good: list[Row], threshold: float | None, limit: int,
                workers: int | None = None) -> Iterator[list[Candidate]]:
    """The candidates of each good row, in order, against the active lists (on `workers` forked
    processes sharing the index; default one per core)."""
    from interdict.screening import screen_many

    index = open_index()
    return screen_many(index, (r.query for r in good), threshold=threshold, limit=limit, workers=workers,
                       expected=len(good))


def explanation_summary(explanation: Explanation) -> str:
    """A one-line summary of why a candidate matched."""
    from interdict.screening.summary import summarize

    return summarize(explanation)


def index_of_store(store: ListStore) -> ScreeningIndex:
    """The screening index of the active lists of an open list store."""
    from interdict.screening import load_index

    return load_index(store.conn)


def screen_query(index: ScreeningIndex, query: Query) -> list[Candidate]:
    """The candidates for one query (default threshold and limit), best first."""
    from interdict.screening import screen

    return screen(index, query)
