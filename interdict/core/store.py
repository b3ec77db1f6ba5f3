"""The embedded DuckDB store: one file under the data directory, created on first use.

DuckDB lets one process write a database file, and other processes read it only while no writer
holds it. A writer (a list load) holds it for the few seconds of its write; a reader that asks to
`wait` retries with a short back-off for that long, then fails with a one-line ConflictError
instead of DuckDB's lock error.
"""

from __future__ import annotations

import os
import time
from pathlib import Path

import duckdb

from interdict.core import config
from interdict.core.errors import ConfigError, ConflictError

LOCK_WAIT_ENV = "INTERDICT_LOCK_WAIT"
DEFAULT_LOCK_WAIT = 15.0  # seconds: a list load holds the file ~1-3 s; a slow, shared machine more


def lock_wait() -> float:
    """How long to wait for another process's lock: `$INTERDICT_LOCK_WAIT` seconds, else 15."""
    text = os.environ.get(LOCK_WAIT_ENV)
    if not text:
        return DEFAULT_LOCK_WAIT
    try:
        return max(0.0, float(text))
    except ValueError as exc:
        raise ConfigError(f"${LOCK_WAIT_ENV}={text!r}: expected a number of seconds") from exc


def is_lock_conflict(exc: BaseException) -> bool:
    """Whether a DuckDB error says another process holds the database file."""
    return isinstance(exc, duckdb.IOException) and "lock" in str(exc).lower()


def connect(path: Path | str | None = None, *, read_only: bool = False,
            wait: float | None = None) -> duckdb.DuckDBPyConnection:
    """Open (creating if needed) the DuckDB database; `path=":memory:"` for a throw-away store.

    With `wait` (seconds), a file held by another process is retried until then and reported as a
    ConflictError naming the file; without it, DuckDB's own error is raised at once.
    """
    if path is None:
        path = config.database_path()
    if str(path) != ":memory:":
        Path(path).parent.mkdir(parents=True, exist_ok=True)
    deadline = time.monotonic() + (wait or 0.0)
    pause = 0.05
    while True:
        try:
            return duckdb.connect(str(path), read_only=read_only)
        except duckdb.IOException as exc:
            if wait is None or not is_lock_conflict(exc):
                raise
            if time.monotonic() + pause > deadline:
                raise ConflictError(
                    f"cannot open the database {path}: another process (a list load or a running"
                    f" server) has held it for more than {wait:g} s; try again (${LOCK_WAIT_ENV} sets"
                    " the wait)") from exc
        time.sleep(pause)
        pause = min(pause * 2, 0.5)


# Names the services use so that only storage modules import duckdb (the seam rule).
Connection = duckdb.DuckDBPyConnection
DatabaseError = duckdb.Error
StoreIOError = duckdb.IOException  # the file cannot be opened (held by another process, unreadable)
