"""The listed entities of a cached index, kept pickled one by one and unpickled on first use.

A single screen reads a handful of the ~20,000 entities of UN + OFAC; unpickling all of them was
half of a cold `interdict screen`. Each entity is written as a constructor call with positional
fields: frozen slotted dataclasses otherwise unpickle through a per-object state dict that
`dataclasses` replays field by field in Python.
"""

from __future__ import annotations

import copyreg
import io
import pickle
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import fields
from typing import Any, overload

from interdict.core.entity import Address, Entity, Identifier, Name

_FIELDS = {cls: tuple(f.name for f in fields(cls)) for cls in (Entity, Name, Identifier, Address)}


def _reduce_fields(obj: Any) -> tuple[type, tuple[Any, ...]]:
    return type(obj), tuple(getattr(obj, name) for name in _FIELDS[type(obj)])


def pack(entities: Iterable[Entity]) -> list[bytes]:
    """Each entity as its own compact pickle."""
    buf = io.BytesIO()
    pickler = pickle.Pickler(buf, protocol=pickle.HIGHEST_PROTOCOL)
    pickler.dispatch_table = copyreg.dispatch_table | dict.fromkeys(_FIELDS, _reduce_fields)
    out = []
    for entity in entities:
        buf.seek(0)
        buf.truncate()
        pickler.clear_memo()
        pickler.dump(entity)
        out.append(buf.getvalue())
    return out


class PackedEntities(Sequence[Entity]):
    """A read-only sequence of entities unpickled on first access (then kept)."""

    __slots__ = ("_blobs", "_items")

    def __init__(self, blobs: list[bytes]) -> None:
        self._blobs = blobs
        self._items: list[Entity | None] = [None] * len(blobs)

    @classmethod
    def of(cls, entities: Iterable[Entity]) -> PackedEntities:
        """Pack entities."""
        return cls(pack(entities))

    def __len__(self) -> int:
        return len(self._blobs)

    @overload
    def __getitem__(self, i: int) -> Entity: ...

    @overload
    def __getitem__(self, i: slice) -> Sequence[Entity]: ...

    def __getitem__(self, i: int | slice) -> Entity | Sequence[Entity]:
        if isinstance(i, slice):
            return [self[k] for k in range(*i.indices(len(self)))]
        item = self._items[i]
        if item is None:
            item = self._items[i] = pickle.loads(self._blobs[i])  # our own cache file
        return item

    def __iter__(self) -> Iterator[Entity]:
        return (self[k] for k in range(len(self)))

    def __reduce__(self) -> tuple[type, tuple[list[bytes]]]:
        return PackedEntities, (self._blobs,)
