"""The process's one lock on the local DuckDB store, and connections taken under it.

DuckDB allows one configuration of connections per file and process, so every use by a server's
threads is serialised by this lock and closes its connection at once.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from interdict.core.store import Connection

DUCKDB_LOCK = threading.Lock()


@contextmanager
def locked_connection(*, read_only: bool) -> Iterator[Connection]:
    """A connection to the configured store, held under DUCKDB_LOCK and closed on leaving."""
    from interdict.core.store import connect

    with DUCKDB_LOCK:
        conn = connect(read_only=read_only)
        try:
            yield conn
        finally:
            conn.close()
