"""The index of the active lists, built from the list store and cached on disk.

The cache file sits under the data directory, named by the store's state token (which changes
whenever an active list version changes) and the engine's own fingerprint (format number, package
version, engine source and data tables), so a stale index is never read; the file also holds the
format stamp, and a file that does not read back into a complete index of this format is treated as
a cache miss and rebuilt. It is written to a temporary file and renamed, so a crash or a concurrent
reader never sees half a file.

The file is data only, never code: an uncompressed NumPy `.npz` archive read with
`allow_pickle=False`, holding the index's arrays as they are and everything else (entries, tokens,
weights, vocabulary, identifiers, subjects) as one JSON document. A pickle, which this cache used
to be, runs whatever a planted file says on the next `interdict screen`; whoever can write the data
directory must not be able to run code as the screening user.
"""

from __future__ import annotations

import gc
import hashlib
import io
import os
import tempfile
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any, overload

import numpy as np
import orjson

from interdict.core import config
from interdict.core.entity import Entity, entity_from_dict
from interdict.lists.diff import entity_json
from interdict.screening.index import ScreeningIndex, build_index

CACHE_PREFIX = "screening-index-"
CACHE_SUFFIX = ".npz"
# Bump on any change to what a cached index holds (fields of ScreeningIndex, their types, the
# shape of a record). The fingerprint below also hashes the engine's source and data tables, so an
# edit there gives a new file name too; this constant says it in the code and guards the contents.
CACHE_FORMAT = 5  # 5: entities as separate JSON documents in one byte array, read lazily
# The fields kept as NumPy arrays (dtype and all); the others go into the JSON document.
_ARRAYS = ("rec_entity", "rec_name", "rec_total", "rec_flags", "idf", "post_offsets", "post_records",
           "del_hashes", "del_offsets", "del_keys")
# Every field of ScreeningIndex the cache writes (besides `entities` and the arrays); `memo` is not
# state. tests/screening/test_match_startup.py checks that this covers every field, so a field
# added to the index cannot be silently dropped by the cache (a cached index that screens
# differently from a built one).
CACHED_FIELDS = ("subjects", "rec_tokens", "rec_weights", "vocab", "identifiers", "token_count", "info",
                 "exact", "hangul_entities")


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
    return config.home() / f"{CACHE_PREFIX}{engine_fingerprint()}-{token}{CACHE_SUFFIX}"


class LazyEntities(Sequence[Entity]):
    """The cached entities, each decoded from its JSON object when first touched: one screen reads
    a handful of the 19,813, and decoding them all took a third of `interdict screen`'s start."""

    __slots__ = ("_decoded", "_raw")

    def __init__(self, blob: bytes, offsets: list[int]) -> None:
        if len(offsets) < 1 or offsets[-1] != len(blob):
            raise ValueError("entity offsets do not fit the entity bytes")
        self._raw = (blob, offsets)
        self._decoded: dict[int, Entity] = {}

    def __len__(self) -> int:
        return len(self._raw[1]) - 1

    @overload
    def __getitem__(self, i: int) -> Entity: ...

    @overload
    def __getitem__(self, i: slice) -> Sequence[Entity]: ...

    def __getitem__(self, i: int | slice) -> Entity | Sequence[Entity]:
        if isinstance(i, slice):
            return [self[j] for j in range(*i.indices(len(self)))]
        if i < 0:
            i += len(self)
        if not 0 <= i < len(self):
            raise IndexError(i)
        entity = self._decoded.get(i)
        if entity is None:
            blob, offsets = self._raw
            entity = self._decoded[i] = entity_from_dict(orjson.loads(blob[offsets[i]:offsets[i + 1]]))
        return entity


def entity_keys(entities: Sequence[Entity]) -> list[str]:
    """Each entity's key (`list:list_id`), in order, without building the cached ones (continuous
    screening's delta runs look up a few dozen entries among all of them)."""
    if not isinstance(entities, LazyEntities):
        return [e.key for e in entities]
    blob, offsets = entities._raw
    found = (orjson.loads(blob[offsets[i]:offsets[i + 1]]) for i in range(len(entities)))
    return [f"{d['list']}:{d['list_id']}" for d in found]


def encode(index: ScreeningIndex) -> bytes:
    """The index as an `.npz` archive (data only: no pickled objects)."""
    # Each entity's JSON stands alone in one byte array (with offsets), so a read parses only
    # the entities a screen touches (LazyEntities), not all 19,813.
    parts = [entity_json(e) for e in index.entities]
    offsets = np.zeros(len(parts) + 1, dtype=np.int64)
    offsets[1:] = np.cumsum([len(p) for p in parts])
    doc = b"".join([
        b'{"stamp":', orjson.dumps(cache_format()),
        b',"rest":', orjson.dumps({"subjects": index.subjects, "rec_tokens": index.rec_tokens,
                                   "rec_weights": index.rec_weights, "vocab": index.vocab,
                                   "identifiers": index.identifiers, "token_count": index.token_count,
                                   "info": index.info,
                                   "exact": [[list(k), list(v)] for k, v in index.exact.items()],
                                   "hangul_entities": sorted(index.hangul_entities)}),
        b"}"])
    arrays: dict[str, Any] = {name: getattr(index, name) for name in _ARRAYS}
    buffer = io.BytesIO()
    np.savez(buffer, doc=np.frombuffer(doc, dtype=np.uint8),
             entity_json=np.frombuffer(b"".join(parts), dtype=np.uint8), entity_offsets=offsets, **arrays)
    return buffer.getvalue()


def decode(data: bytes) -> ScreeningIndex | None:
    """The index in an `.npz` archive, or None unless it is a complete index of this format.

    `allow_pickle=False` makes NumPy refuse any object array (which it would unpickle), so reading
    a planted file can fail but never run code.
    """
    with np.load(io.BytesIO(data), allow_pickle=False) as archive:
        if set(archive.files) != {"doc", "entity_json", "entity_offsets", *_ARRAYS}:
            return None
        doc = orjson.loads(archive["doc"].tobytes())
        entities = LazyEntities(archive["entity_json"].tobytes(), archive["entity_offsets"].tolist())
        arrays = {name: archive[name] for name in _ARRAYS}
    if doc.get("stamp") != cache_format():
        return None
    rest = doc["rest"]
    return ScreeningIndex(
        entities=entities,
        subjects=rest["subjects"],
        rec_tokens=tuple(tuple(t) for t in rest["rec_tokens"]),
        rec_weights=tuple(tuple(w) for w in rest["rec_weights"]),
        vocab=rest["vocab"],
        identifiers={k: tuple(v) for k, v in rest["identifiers"].items()},
        token_count=rest["token_count"],
        info=rest["info"],
        exact={tuple(k): tuple(v) for k, v in rest["exact"]},
        hangul_entities=frozenset(rest["hangul_entities"]),
        **arrays,
    )


def _read(path: Path) -> ScreeningIndex | None:
    """The cached index, or None for anything short of a complete index of this format: a cache
    miss (rebuild), never an error. A truncated, foreign or planted file fails in many ways (not a
    zip, an object array refused, a missing key, bad JSON), so any such failure counts as a miss."""
    # Decoding creates millions of small objects and none of them can form a cycle: without the
    # collector's passes over them the read takes half the time (measured: 0.76 s vs 1.72 s CPU;
    # docs/benchmarks.md).
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        return decode(path.read_bytes())
    except (OSError, ValueError, KeyError, TypeError, zipfile.BadZipFile, orjson.JSONDecodeError):
        return None
    finally:
        if was_enabled:
            gc.enable()


def _write(path: Path, index: ScreeningIndex) -> None:
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=path.name, suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(encode(index))
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    # Earlier caches, including the pickles of earlier releases: never read, so never left behind.
    for old in path.parent.glob(f"{CACHE_PREFIX}*"):
        if old != path and not old.name.endswith(".tmp"):
            old.unlink(missing_ok=True)


@dataclass(frozen=True, slots=True)
class Snapshot:
    """What a reader takes from the store: the state token and either the cached index or the
    entries to build it from. Taking it is quick, so a reader holds the database only that long
    (a list load waiting for the file must not wait for an index build)."""

    token: str
    index: ScreeningIndex | None
    entities: list[Entity]
    subjects: dict[str, str]


def snapshot(conn: Any) -> Snapshot:
    """The store's state: its cached index if there is one, else its active entries and subjects."""
    from interdict.lists.store import ListStore

    store = ListStore(conn)
    token = store.state_token()
    path = cache_path(token)
    if path.exists() and (index := _read(path)) is not None:
        return Snapshot(token, index, [], {})
    return Snapshot(token, None, store.active_entities(), store.subjects())


def index_of(snap: Snapshot) -> ScreeningIndex:
    """The snapshot's index: the cached one, or built from its entries and cached."""
    if snap.index is not None:
        return snap.index
    index = build_index(snap.entities, snap.subjects)
    _write(cache_path(snap.token), index)
    return index


def load_index(conn: Any) -> ScreeningIndex:
    """The screening index of the store's active lists (read from the cache, or built and cached)."""
    return index_of(snapshot(conn))
