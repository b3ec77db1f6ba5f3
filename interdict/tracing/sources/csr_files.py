"""A `FlowGraph` read from CSR files on disk, memory-mapped: a graph built elsewhere (on Spark, by
`interdict.spark.graph`) and queried here without building it again.

The folder holds `manifest.json` and NumPy `.npy` arrays named after the `FlowGraph` fields (`src`,
`dst`, `time`, `amount` when it fits int64, `out_ptr`, `out_edges`, `out_nbr`, `in_ptr`, `in_edges`,
`in_nbr`), the strings as one UTF-8 blob plus an offsets array each (`addresses`, `tx`; `amount`
too when a value exceeds int64), `addr_order` (address ids sorted by address bytes, for lookups by
name without a dict of every address) and `assets.txt` (one line per edge, or one for all). The
arrays are mapped read-only, so opening a graph of billions of edges costs page faults, not a build.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any, overload

import numpy as np
import numpy.typing as npt
import orjson

from interdict.core.errors import TransferFormatError
from interdict.tracing.graph import FlowGraph

FORMAT = "interdict-flow-csr/1"
ARRAYS = ("src", "dst", "time", "out_ptr", "out_edges", "out_nbr", "in_ptr", "in_edges", "in_nbr")
IntArray = npt.NDArray[np.int64]


class MappedStrings(Sequence[str]):
    """Strings stored as one UTF-8 blob and offsets (n + 1 of them), decoded on access."""

    def __init__(self, blob: npt.NDArray[np.uint8], offsets: IntArray) -> None:
        self.blob, self.offsets = blob, offsets

    def __len__(self) -> int:
        return int(self.offsets.shape[0]) - 1

    def raw(self, i: int) -> bytes:
        """The UTF-8 bytes of item `i`."""
        return bytes(self.blob[int(self.offsets[i]) : int(self.offsets[i + 1])])

    @overload
    def __getitem__(self, i: int) -> str: ...
    @overload
    def __getitem__(self, i: slice) -> list[str]: ...
    def __getitem__(self, i: int | slice) -> str | list[str]:
        if isinstance(i, slice):
            return [self.raw(k).decode() for k in range(*i.indices(len(self)))]
        if not -len(self) <= i < len(self):
            raise IndexError(i)
        return self.raw(i % len(self)).decode()


class MappedIndex(Mapping[str, int]):
    """Address -> id by binary search over the ids sorted by address bytes (no dict of them all)."""

    def __init__(self, names: MappedStrings, order: IntArray) -> None:
        self.names, self.order = names, order

    def __getitem__(self, key: str) -> int:
        want = key.encode()
        lo, hi = 0, int(self.order.shape[0])
        while lo < hi:  # bisect on bytes: the order Spark sorted them in (unsigned UTF-8 bytes)
            mid = (lo + hi) // 2
            if self.names.raw(int(self.order[mid])) < want:
                lo = mid + 1
            else:
                hi = mid
        if lo < self.order.shape[0] and self.names.raw(int(self.order[lo])) == want:
            return int(self.order[lo])
        raise KeyError(key)

    def __iter__(self) -> Iterator[str]:
        return iter(self.names)

    def __len__(self) -> int:
        return len(self.names)


def _array(folder: Path, name: str) -> Any:
    try:
        return np.load(folder / f"{name}.npy", mmap_mode="r", allow_pickle=False)
    except (OSError, ValueError) as exc:
        where = str(folder / f"{name}.npy")
        raise TransferFormatError(where, None, f"not a readable CSR array ({exc})") from exc


def _strings(folder: Path, name: str) -> MappedStrings:
    return MappedStrings(_array(folder, f"{name}_blob"), _array(folder, f"{name}_offsets"))


def read_flow_csr(folder: Path) -> FlowGraph:
    """The `FlowGraph` whose CSR files are in `folder` (as `interdict.spark.graph` writes them)."""
    try:
        manifest = orjson.loads((folder / "manifest.json").read_bytes())
    except (OSError, orjson.JSONDecodeError) as exc:
        raise TransferFormatError(str(folder / "manifest.json"), None, f"no CSR manifest ({exc})") from exc
    if manifest.get("format") != FORMAT:
        raise TransferFormatError(str(folder / "manifest.json"), "format", f"expected {FORMAT!r}")
    arrays = {name: _array(folder, name) for name in ARRAYS}
    addresses = _strings(folder, "addresses")
    amount: list[int] | IntArray
    if manifest["amount"] == "int64":
        amount = _array(folder, "amount")
    else:  # values beyond int64 (wei) stay exact as Python ints
        amount = [int(a) for a in _strings(folder, "amount")]
    assets = (folder / "assets.txt").read_text(encoding="utf-8").splitlines()
    # Built from finished arrays: FlowGraph's own __post_init__ would rebuild the CSR we just mapped.
    g = FlowGraph.__new__(FlowGraph)
    g.addresses, g.addr_index = addresses, MappedIndex(addresses, _array(folder, "addr_order"))
    g.src, g.dst, g.time, g.amount = arrays["src"], arrays["dst"], arrays["time"], amount
    g.tx, g.asset = _strings(folder, "tx"), assets
    for name in ("out_ptr", "out_edges", "in_ptr", "in_edges", "out_nbr", "in_nbr"):
        setattr(g, name, arrays[name])
    g.search_args = (g.out_ptr, g.out_nbr, g.in_ptr, g.in_nbr, g.out_edges, g.in_edges, g.src, g.dst)
    g.pool = []
    return g
