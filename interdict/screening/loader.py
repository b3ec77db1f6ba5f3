"""The index of the active lists, built from the list store and cached on disk.

The cache file sits under the data directory, named by the store's state token (which changes
whenever an active list version changes) and the engine's own fingerprint (format number, package
version, engine source and data tables), so a stale index is never read; the file also holds the
format stamp, and a file that does not unpickle into a complete index of this format is treated as
a cache miss and rebuilt. It is written to a temporary file and renamed, so a crash or a concurrent
reader never sees half a file.
"""

from __future__ import annotations

import gc
import hashlib
import os
import pickle
import tempfile
from dataclasses import fields, replace
from functools import cache
from pathlib import Path
from typing import Any

from interdict.core import config
from interdict.screening.index import ScreeningIndex, build_index
from interdict.screening.packed import PackedEntities

CACHE_PREFIX = "screening-index-"
# Bump on any change to what a pickled index holds (fields of ScreeningIndex, their types, the
# shape of a record). The fingerprint below also hashes the engine's source and data tables, so an
# edit there gives a new file name too; this constant says it in the code and guards the contents.
CACHE_FORMAT = 3  # 3: entities packed one by one (`packed.PackedEntities`), unpickled on use


def _package_version() -> str:
    from interdict import __version__

    return __version__


def cache_format() -> str:
    """The format stamp stored with (and checked on) every cached index: format number and version."""
    return f"interdict-{_package_version()}/screening-index-{CACHE_FORMAT}"


@cache
def engine_fingerprint() -> str:
    """A hash of everything that shapes the index: the format stamp, the data tables and the modules
    that build it.

    Part of the cache key, so an upgraded engine or an edited variant table never reads an index
    built by the previous one.
    """
    here = Path(__file__).resolve().parent
    digest = hashlib.sha256(cache_format().encode())
    for path in sorted([*here.glob("*.py"), *(here / "data").glob("*")]):
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:12]


def cache_path(token: str) -> Path:
    """Where the index for one store state is cached."""
    return config.home() / f"{CACHE_PREFIX}{engine_fingerprint()}-{token}.pickle"


def _complete(index: ScreeningIndex) -> bool:
    """True when an unpickled index has every field this code reads (an older class may lack one)."""
    return all(f.name in index.__dict__ for f in fields(ScreeningIndex))


def _read(path: Path) -> ScreeningIndex | None:
    """The cached index, or None for anything short of a complete index of this format: a cache
    miss (rebuild), never an error. Unpickling can fail in many ways (truncated file, a class or
    attribute renamed since, an older layout), so any exception counts as a miss."""
    # The cyclic GC would rescan the ever-growing heap of fresh containers many times over while
    # a million of them are unpickled (about half the load time); none of them is garbage.
    enabled = gc.isenabled()
    gc.disable()
    try:
        with path.open("rb") as fh:
            stamp, index = pickle.load(fh)
    except Exception:  # any failure to unpickle (see the docstring) is a cache miss
        return None
    finally:
        if enabled:
            gc.enable()
    if stamp != cache_format() or not isinstance(index, ScreeningIndex) or not _complete(index):
        return None
    return index


def _write(path: Path, index: ScreeningIndex) -> None:
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=path.name, suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as fh:
            packed = replace(index, entities=PackedEntities.of(index.entities))
            pickle.dump((cache_format(), packed), fh, protocol=pickle.HIGHEST_PROTOCOL)
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
