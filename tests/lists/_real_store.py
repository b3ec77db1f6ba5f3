"""The real shared lists loaded into a DuckDB file once per test process, for tests to copy.

Parsing the full OFAC advanced XML takes several seconds; the list-store and demo tests share one
load of it instead of each parsing it again.
"""

from __future__ import annotations

import atexit
import functools
import shutil
import tempfile
from pathlib import Path

from interdict.core.config import SHARED_LIST_FILES
from interdict.core.store import connect
from interdict.lists.store import ListStore


@functools.cache
def real_database(shared_data: Path) -> Path:
    """A database holding the demo's real lists (UN, OFAC SDN advanced, OFAC consolidated)."""
    folder = Path(tempfile.mkdtemp(prefix="interdict-real-lists-"))
    atexit.register(shutil.rmtree, folder, True)
    path = folder / "interdict.duckdb"
    conn = connect(path)
    try:
        store = ListStore(conn)
        for name in SHARED_LIST_FILES:
            assert store.load_path(shared_data / "lists" / name).new
    finally:
        conn.close()
    return path


def copy_real_database(shared_data: Path, dest: Path) -> Path:
    """A private copy of the real-lists database at `dest` (a file path)."""
    dest.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(real_database(shared_data), dest)
    return dest
