"""Names for dense ids without materialising millions of strings: generated `<prefix><id>` names
and per-edge transaction hashes."""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from typing import overload

import numpy as np
import numpy.typing as npt

IntArray = npt.NDArray[np.int64]


class TxNames(Sequence[str]):
    """Transaction hash per edge without materialising millions of strings."""

    def __init__(self, hashes: Sequence[str], index: IntArray) -> None:
        self.hashes, self.ids = hashes, index

    def __len__(self) -> int:
        return int(self.ids.shape[0])

    @overload
    def __getitem__(self, i: int) -> str: ...
    @overload
    def __getitem__(self, i: slice) -> list[str]: ...
    def __getitem__(self, i: int | slice) -> str | list[str]:
        if isinstance(i, slice):
            return [self.hashes[int(t)] for t in self.ids[i]]
        return self.hashes[int(self.ids[i])]


def names_of(names: Sequence[str], ids: list[int]) -> list[str]:
    """`[names[i] for i in ids]`, without a method call per item where `names` is generated."""
    if isinstance(names, Numbered):
        return names.many(ids)
    return [names[i] for i in ids]


class Numbered(Sequence[str]):
    """Names `<prefix><id>` for ids 0..n-1, without building millions of strings up front."""

    def __init__(self, prefix: str, n: int) -> None:
        self.prefix, self.n = prefix, n

    def __len__(self) -> int:
        return self.n

    @overload
    def __getitem__(self, i: int) -> str: ...
    @overload
    def __getitem__(self, i: slice) -> list[str]: ...
    def __getitem__(self, i: int | slice) -> str | list[str]:
        if isinstance(i, slice):
            return [f"{self.prefix}{k}" for k in range(*i.indices(self.n))]
        if not -self.n <= i < self.n:
            raise IndexError(i)
        return f"{self.prefix}{i % self.n}"

    def many(self, ids: list[int]) -> list[str]:
        """The names of many ids at once (no per-item checks: ids come from the graph's own arrays)."""
        p = self.prefix
        return [f"{p}{i}" for i in ids]

    def index_map(self) -> NumberedIndex:
        """The inverse mapping name -> id."""
        return NumberedIndex(self)


class NumberedIndex(Mapping[str, int]):
    """`Numbered` names back to ids, parsed rather than stored."""

    def __init__(self, names: Numbered) -> None:
        self.names = names

    def __getitem__(self, name: str) -> int:
        p = self.names.prefix
        digits = name[len(p) :] if name.startswith(p) else ""
        if not digits.isdigit() or int(digits) >= self.names.n or str(int(digits)) != digits:
            raise KeyError(name)
        return int(digits)

    def __iter__(self) -> Iterator[str]:
        return iter(self.names)

    def __len__(self) -> int:
        return self.names.n
