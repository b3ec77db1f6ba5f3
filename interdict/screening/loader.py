"""The index of the active lists, built from the list store and cached on disk.

The cache file sits under the data directory, named by the store's state token (which changes
whenever an active list version changes) and the engine's own fingerprint (format number, package
version, engine source and data tables), so a stale index is never read; the file also holds the
format stamp, and a file that does not read back into a complete index of this format is treated as
a cache miss and rebuilt. It is written to a temporary file and renamed, so a crash or a concurrent
reader never sees half a file.

The file is data only, never code: an uncompressed NumPy `.npz` archive of plain arrays (object
arrays refused), holding the index's arrays as they are, its strings (vocabulary, record tokens,
identifier keys, subject ids) as separator-joined UTF-8 with offsets, and each entity as its own
JSON document. A pickle, which this cache used to be, runs whatever a planted file says on the next
`interdict screen`; whoever can write the data directory must not be able to run code as the
screening user.

The archive is memory-mapped (`npzmap`) and the index built over it lazily: opening it costs a few
milliseconds, and each field is decoded when a screen first reads it (one `interdict screen` reads
the vocabulary and a few records and entities; reading everything took 0.3 s of its start).
"""

from __future__ import annotations

import contextlib
import gc
import hashlib
import io
import itertools
import os
import tempfile
import zipfile
import zlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any, overload

import numpy as np
import orjson

from interdict.core import config
from interdict.core.entity import Entity, entity_from_dict
from interdict.screening import matres, npzmap, posting_weights
from interdict.screening.address_cache import MEMBERS as ADDRESS_MEMBERS
from interdict.screening.address_cache import check_addresses, decode_addresses, encode_addresses
from interdict.screening.addresses import address_index
from interdict.screening.index import ScreeningIndex, build_index
from interdict.screening.records import SEP, ExactForms, RecordTokens, RecordWeights, form_table

CACHE_PREFIX = "screening-index-"
CACHE_SUFFIX = ".npz"
# Bump on any change to what a cached index holds (fields of ScreeningIndex, their types, the
# shape of a record). The fingerprint below also hashes the engine's source and data tables, so an
# edit there gives a new file name too; this constant says it in the code and guards the contents.
CACHE_FORMAT = 9  # 6: aligned members, memory-mapped; strings as joined text; fields decoded lazily
# 7: the address index stored (`address_cache`); 8: the vocabulary's consonant keys (`matres`);
# 9: the listed weight of each posting, one word's or two joined words' (`posting_weights`)
# The fields kept as NumPy arrays (dtype and all); the others are encoded as arrays of their own.
_ARRAYS = ("rec_entity", "rec_name", "rec_total", "rec_flags", "idf", "post_offsets", "post_records",
           "del_hashes", "del_offsets", "del_keys")
# Every field of ScreeningIndex the cache writes (besides `entities` and the arrays; `exact` is
# derived from `rec_tokens` on reading, by the function that builds it); `memo` is not state.
# tests/screening/test_match_startup.py checks that this covers every field, so a field
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

    def __init__(self, blob: bytes | memoryview, offsets: list[int]) -> None:
        if len(offsets) < 1 or offsets[-1] != len(blob):
            raise ValueError("entity offsets do not fit the entity bytes")
        self._raw = (blob, offsets)
        self._decoded: dict[int, Entity] = {}

    def __len__(self) -> int:
        return len(self._raw[1]) - 1

    def __reduce__(self) -> tuple[type[LazyEntities], tuple[bytes, list[int]]]:
        # The bytes may be a view of the mapped cache file, which does not pickle: copy them.
        blob, offsets = self._raw
        return LazyEntities, (bytes(blob), offsets)

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


def _text(strings: Sequence[str]) -> np.ndarray[Any, Any]:
    if any(SEP in s for s in strings):
        raise ValueError("a string of the index holds the cache's separator")
    return np.frombuffer(SEP.join(strings).encode(), dtype=np.uint8)


def _strings(array: np.ndarray[Any, Any], count: int) -> list[str]:
    found = array.tobytes().decode().split(SEP) if count else []
    if len(found) != count:
        raise ValueError(f"expected {count} strings, found {len(found)}")
    return found


def _offsets(sizes: Sequence[int]) -> np.ndarray[Any, Any]:
    offsets = np.zeros(len(sizes) + 1, dtype=np.int64)
    offsets[1:] = np.cumsum(sizes)
    return offsets


def encode(index: ScreeningIndex) -> bytes:
    """The index as an uncompressed, aligned `.npz` archive (data only: no pickled objects)."""
    from interdict.lists.diff import entity_json  # only a build writes the cache: not at start-up

    # Each entity's JSON stands alone in one byte array (with offsets), so a read parses only
    # the entities a screen touches (LazyEntities), not all 19,813.
    parts = [entity_json(e) for e in index.entities]
    tokens = [t for rec in index.rec_tokens for t in rec]
    if not all(tokens) or any(SEP in t for t in tokens):
        raise ValueError("an empty token, or one holding the separator: records would not split")
    records = [SEP.join(rec) + SEP for rec in index.rec_tokens]  # record r: its span less its SEP
    form_hashes, form_records = form_table(index.rec_tokens)
    idents = list(index.identifiers.items())
    subjects = [s for pair in index.subjects.items() for s in pair]
    # Built here, once per list change (left out of the index's memo: encoding changes no state).
    addresses = encode_addresses(address_index(index, keep=False))
    texts = {"vocab_text": _text(list(index.vocab)), "addr_text": addresses.pop("addr_text"),
             "matres_text": _text([matres.key_of(w) for w in index.vocab]),
             "token_text": np.frombuffer("".join(records).encode(), dtype=np.uint8),
             "ident_text": _text([k for k, _ in idents]), "subject_text": _text(subjects)}
    head = {"stamp": cache_format(), "token_count": index.token_count, "info": index.info,
            "hangul_entities": sorted(index.hangul_entities),
            "counts": {"vocab": len(index.vocab), "tokens": len(tokens), "idents": len(idents),
                       "chars": sum(len(r) for r in records),
                       "subjects": len(subjects)},
            "crc": {name: zlib.crc32(a.tobytes()) for name, a in texts.items()}}
    arrays: dict[str, Any] = {name: getattr(index, name) for name in _ARRAYS}
    buffer = io.BytesIO()
    npzmap.write(buffer, {
        "head": np.frombuffer(orjson.dumps(head), dtype=np.uint8), **texts,
        "token_offsets": _offsets([len(r) for r in index.rec_tokens]),
        "record_chars": _offsets([len(r) for r in records]), "form_hashes": form_hashes,
        "form_records": form_records,
        "weights": np.array([w for rec in index.rec_weights for w in rec], dtype=np.float64),
        "ident_offsets": _offsets([len(v) for _, v in idents]),
        "ident_entities": np.array([e for _, v in idents for e in v], dtype=np.int32),
        "entity_json": np.frombuffer(b"".join(parts), dtype=np.uint8),
        "entity_offsets": _offsets([len(p) for p in parts]),
        "posting_weights": posting_weights.table_of(index, keep=False), **addresses, **arrays})
    return buffer.getvalue()


_MEMBERS = {"head", "vocab_text", "matres_text", "token_text", "ident_text", "subject_text", "token_offsets",
            "weights", "record_chars", "form_hashes", "form_records",
            "ident_offsets", "ident_entities", "entity_json", "entity_offsets", "posting_weights",
            *ADDRESS_MEMBERS, *_ARRAYS}


def _fill(arrays: dict[str, Any], counts: dict[str, int]) -> Callable[[str], Any]:
    """Makes each remaining field of a cached index from its arrays when the index first reads it."""

    def fill(name: str) -> Any:
        if name == "vocab":
            keys = _strings(arrays["vocab_text"], counts["vocab"])
            return dict(zip(keys, range(len(keys)), strict=True))
        if name == "rec_tokens":
            text = arrays["token_text"].tobytes().decode()
            if len(text) != counts["chars"]:
                raise ValueError("the token text does not fit its record offsets")
            return RecordTokens(text, arrays["record_chars"].tolist())
        if name == "rec_weights":
            return RecordWeights(arrays["weights"], arrays["token_offsets"].tolist())
        if name == "exact":
            return ExactForms(arrays["form_hashes"], arrays["form_records"], fill_field("rec_tokens"))
        if name == "identifiers":
            keys = _strings(arrays["ident_text"], counts["idents"])
            bounds, ents = arrays["ident_offsets"].tolist(), arrays["ident_entities"].tolist()
            return {k: tuple(ents[a:b]) for k, (a, b) in zip(keys, itertools.pairwise(bounds), strict=True)}
        if name == "subjects":
            flat = _strings(arrays["subject_text"], counts["subjects"])
            return dict(zip(flat[::2], flat[1::2], strict=True))
        if name == "address_index":
            return decode_addresses(arrays)
        if name == "matres_table":
            return matres.table_from_keys(_strings(arrays["matres_text"], counts["vocab"]))
        if name == posting_weights.NAME:
            return arrays["posting_weights"]
        raise AttributeError(name)

    fields: dict[str, Any] = {}

    def fill_field(name: str) -> Any:
        # `exact` is derived from `rec_tokens`: decode those once for both. Decoding makes many
        # small objects none of which can form a cycle: the collector's passes over them took
        # more than the decoding itself (0.76 s vs 1.72 s CPU for the whole index, measured).
        if name not in fields:
            was_enabled = gc.isenabled()
            gc.disable()
            try:
                fields[name] = fill(name)
                gc.freeze()  # they live as long as the index: no later full collection rescans them
            finally:
                if was_enabled:
                    gc.enable()
        return fields[name]

    return fill_field


def _check(arrays: dict[str, Any], head: dict[str, Any]) -> None:
    """Refuses (ValueError) an archive whose parts do not fit together: the text members against
    their checksums, the offsets against what they index. Cheap: the big arrays are not read."""
    for name, crc in head["crc"].items():
        if zlib.crc32(arrays[name]) != crc:
            raise ValueError(f"{name}: checksum differs")
    n_rec, n_vocab = len(arrays["rec_entity"]), len(arrays["idf"])
    sizes = {"token_offsets": (n_rec + 1, head["counts"]["tokens"]),
             "record_chars": (n_rec + 1, head["counts"]["chars"]),
             "post_offsets": (n_vocab + 1, len(arrays["post_records"])),
             "del_offsets": (len(arrays["del_hashes"]) + 1, len(arrays["del_keys"])),
             "ident_offsets": (head["counts"]["idents"] + 1, len(arrays["ident_entities"])),
             "entity_offsets": (len(arrays["entity_offsets"]), len(arrays["entity_json"]))}
    for name, (length, last) in sizes.items():
        if len(arrays[name]) != length or int(arrays[name][-1]) != last or int(arrays[name][0]) != 0:
            raise ValueError(f"{name}: does not fit")
    if not len(arrays["weights"]) == head["counts"]["tokens"] or head["counts"]["vocab"] != n_vocab:
        raise ValueError("weights or vocabulary do not fit")
    if not len(arrays["form_hashes"]) == len(arrays["form_records"]) == n_rec:
        raise ValueError("form table does not fit")
    check_addresses(arrays)


def _index(arrays: dict[str, Any]) -> ScreeningIndex | None:
    if set(arrays) != _MEMBERS:
        return None
    head = orjson.loads(arrays["head"].tobytes())
    if not isinstance(head, dict) or head.get("stamp") != cache_format():
        return None
    _check(arrays, head)
    entities = LazyEntities(memoryview(arrays["entity_json"]), arrays["entity_offsets"].tolist())
    eager = {"entities": entities, "token_count": head["token_count"], "info": head["info"],
             "hangul_entities": frozenset(head["hangul_entities"]), "memo": {},
             **{name: arrays[name] for name in _ARRAYS}}
    return ScreeningIndex.lazy(eager, _fill(arrays, head["counts"]))


# What reading a truncated, foreign or planted file can raise: each means "not a usable index".
_MISS = (OSError, ValueError, KeyError, TypeError, IndexError, zipfile.BadZipFile, orjson.JSONDecodeError)


def decode(data: bytes) -> ScreeningIndex | None:
    """The index in an archive's bytes, or None unless it is a complete index of this format.

    Arrays are read as data only (`npzmap` refuses object arrays, which NumPy would unpickle), so
    reading a planted file can fail but never run code.
    """
    try:
        return _index(npzmap.read_bytes(data))
    except _MISS:
        return None


def _read(path: Path) -> ScreeningIndex | None:
    """The cached index, mapped, or None for anything short of a complete index of this format: a
    cache miss (rebuild), never an error. A truncated, foreign or planted file fails in many ways
    (not a zip, an object array refused, a missing member, bad JSON), so any such failure counts
    as a miss."""
    try:
        return _index(npzmap.open_mapped(path))
    except _MISS:
        return None


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
    if (index := read_cached(token)) is not None:
        return Snapshot(token, index, [], {})
    return Snapshot(token, None, store.active_entities(), store.subjects())


def read_cached(token: str) -> ScreeningIndex | None:
    """The cached index of a store state, if there is a usable one."""
    path = cache_path(token)
    return _read(path) if path.exists() else None


def index_of(snap: Snapshot) -> ScreeningIndex:
    """The snapshot's index: the cached one, or built from its entries and cached."""
    if snap.index is not None:
        return snap.index
    index = build_index(snap.entities, snap.subjects)
    # An index the format cannot hold (see `encode`) is screened uncached, never refused.
    with contextlib.suppress(ValueError):
        _write(cache_path(snap.token), index)
    return index


def load_index(conn: Any) -> ScreeningIndex:
    """The screening index of the store's active lists (read from the cache, or built and cached)."""
    return index_of(snapshot(conn))
