"""The index of the active lists, built from the list store and cached on disk.

The cache file sits under the data directory, named by the store's state token (which changes
whenever an active list version changes) and the engine's own fingerprint, so a stale index is
never read. It is written to a
temporary file and renamed, so a crash or a concurrent reader never sees half a file.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import tempfile
from functools import cache
from pathlib import Path
from typing import Any

from interdict.core import config
from interdict.screening.index import ScreeningIndex, build_index

CACHE_PREFIX = "screening-index-"
CACHE_FORMAT = "1"  # bump when ScreeningIndex changes shape


@cache
def engine_fingerprint() -> str:
    """A hash of everything that shapes the index: the data tables and the modules that build it.

    Part of the cache key, so an upgraded engine or an edited variant table never reads an index
    built by the previous one.
    """
    here = Path(__file__).resolve().parent
    digest = hashlib.sha256(CACHE_FORMAT.encode())
    for path in sorted([*here.glob("*.py"), *(here / "data").glob("*")]):
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:12]


def cache_path(token: str) -> Path:
    """Where the index for one store state is cached."""
    return config.home() / f"{CACHE_PREFIX}{engine_fingerprint()}-{token}.pickle"


def _read(path: Path) -> ScreeningIndex | None:
    try:
        with path.open("rb") as fh:
            index = pickle.load(fh)
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError):
        return None
    return index if isinstance(index, ScreeningIndex) else None


def _write(path: Path, index: ScreeningIndex) -> None:
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=path.name, suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as fh:
            pickle.dump(index, fh, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    for old in path.parent.glob(f"{CACHE_PREFIX}*.pickle"):
        if old != path:
            old.unlink(missing_ok=True)


def load_index(conn: Any) -> ScreeningIndex:
    """The screening index of the store's active lists (read from the cache, or built and cached)."""
    from interdict.lists.store import ListStore

    store = ListStore(conn)
    path = cache_path(store.state_token())
    if path.exists() and (index := _read(path)) is not None:
        return index
    index = build_index(store.active_entities(), store.subjects())
    _write(path, index)
    return index
