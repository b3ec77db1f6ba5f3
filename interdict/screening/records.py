"""A cached index's per-record fields, decoded one record at a time.

One `interdict screen` compares a query with a few dozen of the 56,831 records; decoding every
record's tokens and weights and the exact-form table up front took a third of its start. These
read one record (or one exact form) from the mapped arrays when asked, and keep what they decoded.
"""

from __future__ import annotations

import gc
import itertools
import zlib
from collections.abc import Iterator, Mapping, Sequence
from typing import Any, TypeVar, overload

import numpy as np

from interdict.screening.index import ScreeningIndex, exact_records

T = TypeVar("T")

SEP = "\x1f"  # between the strings of a text member (unit separator: in no token, key or id)


def form_hash(tokens: Sequence[str]) -> int:
    """A 64-bit hash of a whole token form, the same in every process."""
    data = SEP.join(tokens).encode()
    return (zlib.crc32(data) << 32) | zlib.adler32(data)


class _Lazy(Sequence[T]):
    """Records spanning `bounds[r]:bounds[r + 1]` of a flat member, each decoded when first read."""

    __slots__ = ("_bounds", "_done")

    def __init__(self, bounds: list[int]) -> None:
        self._bounds = bounds
        self._done: list[T | None] = [None] * (len(bounds) - 1)

    def _decode(self, a: int, b: int) -> T:
        raise NotImplementedError

    def __len__(self) -> int:
        return len(self._done)

    @overload
    def __getitem__(self, r: int) -> T: ...

    @overload
    def __getitem__(self, r: slice) -> Sequence[T]: ...

    def __getitem__(self, r: int | slice) -> T | Sequence[T]:
        if isinstance(r, slice):
            return [self[i] for i in range(*r.indices(len(self)))]
        found = self._done[r]
        if found is None:
            found = self._done[r] = self._decode(self._bounds[r], self._bounds[r + 1])
        return found

    def __iter__(self) -> Iterator[T]:
        return (self[r] for r in range(len(self)))

    def all(self) -> tuple[T, ...]:
        """Every record at once (a batch reads most of them), without the per-record cache."""
        return tuple([self._decode(a, b) for a, b in itertools.pairwise(self._bounds)])


class RecordTokens(_Lazy[tuple[str, ...]]):
    """Each record's tokens, split from the joined token text when first read."""

    __slots__ = ("_text",)

    def __init__(self, text: str, bounds: list[int]) -> None:
        super().__init__(bounds)
        self._text = text  # record r is text[bounds[r]:bounds[r + 1] - 1] (its tokens, then SEP)

    def _decode(self, a: int, b: int) -> tuple[str, ...]:
        return tuple(self._text[a:b - 1].split(SEP)) if b - 1 > a else ()


class RecordWeights(_Lazy[tuple[float, ...]]):
    """Each record's token weights, read from the flat weight array when first read."""

    __slots__ = ("_weights",)

    def __init__(self, weights: np.ndarray[Any, Any], bounds: list[int]) -> None:
        super().__init__(bounds)
        self._weights = weights  # record r: weights[bounds[r]:bounds[r + 1]]

    def _decode(self, a: int, b: int) -> tuple[float, ...]:
        return tuple(self._weights[a:b].tolist())

    def all(self) -> tuple[tuple[float, ...], ...]:
        flat = self._weights.tolist()  # one conversion for the whole array, not one per record
        return tuple([tuple(flat[a:b]) for a, b in itertools.pairwise(self._bounds)])


class ExactForms(Mapping[tuple[str, ...], tuple[int, ...]]):
    """Records by their whole token form (`index.exact`), found through sorted form hashes: a
    lookup hashes the form, finds the records under that hash and keeps those whose tokens are
    the form, in record order, as `exact_records` lists them."""

    __slots__ = ("_all", "_hashes", "_records", "_tokens")

    def __init__(self, hashes: np.ndarray[Any, Any], records: np.ndarray[Any, Any],
                 tokens: Sequence[tuple[str, ...]]) -> None:
        self._hashes, self._records, self._tokens = hashes, records, tokens
        self._all: dict[tuple[str, ...], tuple[int, ...]] | None = None

    def get(self, key: tuple[str, ...], default: Any = None) -> Any:
        found = self._find(key)
        return found if found else default

    def _find(self, key: tuple[str, ...]) -> tuple[int, ...]:
        h = np.uint64(form_hash(key))
        start = int(np.searchsorted(self._hashes, h))
        end = int(np.searchsorted(self._hashes, h, side="right"))
        return tuple(r for r in self._records[start:end].tolist() if self._tokens[r] == key)

    def __getitem__(self, key: tuple[str, ...]) -> tuple[int, ...]:
        found = self._find(key)
        if not found:
            raise KeyError(key)
        return found

    def _table(self) -> dict[tuple[str, ...], tuple[int, ...]]:
        if self._all is None:
            self._all = exact_records(self._tokens)
        return self._all

    def __iter__(self) -> Iterator[tuple[str, ...]]:
        return iter(self._table())

    def __len__(self) -> int:
        return len(self._table())


def form_table(rec_tokens: Sequence[tuple[str, ...]]) -> tuple[np.ndarray[Any, Any], np.ndarray[Any, Any]]:
    """The sorted form hashes of the records and the record numbers under them (`ExactForms`)."""
    hashes = np.array([form_hash(t) for t in rec_tokens], dtype=np.uint64)
    order = np.argsort(hashes, kind="stable")  # stable: records of one hash stay in record order
    return hashes[order], order.astype(np.int32)


def materialise(index: ScreeningIndex) -> None:
    """Decode a cached index's per-record fields all at once, into the plain tuples and dict a
    built index holds: a batch reads most records, and one record at a time cost it a tenth of
    its speed. Same values; an index already plain is left as it is."""
    was_enabled = gc.isenabled()
    gc.disable()  # tens of thousands of tuples, none in a cycle (see loader._fill)
    try:
        if isinstance(index.rec_tokens, RecordTokens):
            object.__setattr__(index, "rec_tokens", index.rec_tokens.all())
        if isinstance(index.rec_weights, RecordWeights):
            object.__setattr__(index, "rec_weights", index.rec_weights.all())
        if isinstance(index.exact, ExactForms):
            object.__setattr__(index, "exact", exact_records(index.rec_tokens))
        gc.freeze()
    finally:
        if was_enabled:
            gc.enable()
