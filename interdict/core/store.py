"""The embedded DuckDB store: one file under the data directory, created on first use."""

from __future__ import annotations

from pathlib import Path

import duckdb

from interdict.core import config


def connect(path: Path | str | None = None, *, read_only: bool = False) -> duckdb.DuckDBPyConnection:
    """Open (creating if needed) the DuckDB database; `path=":memory:"` for a throw-away store."""
    if path is None:
        path = config.database_path()
    if str(path) != ":memory:":
        Path(path).parent.mkdir(parents=True, exist_ok=True)
    return duckdb.connect(str(path), read_only=read_only)
