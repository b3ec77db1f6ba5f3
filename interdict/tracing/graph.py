"""Dense integer ids and CSR edge arrays: a hop is an array slice, not a query.

Two compact structures are built from the plain records of `interdict.core.transfer`:

- `UtxoGraph`: transactions and outputs with dense ids; for every transaction its inputs and outputs
  in on-chain order (CSR), for every output its creating and spending transaction, for every address
  the outputs it received (CSR). The taint engine walks it.
- `FlowGraph`: an address-to-address multigraph (one edge per value movement, with amount, time and
  transaction), with CSR arrays in both directions. Path search and the account-model taint walk it.

Values stay exact: `int64` arrays for satoshi, and a Python `list[int]` beside them where a ledger's
base unit can overflow 64 bits (wei).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import cached_property

import numpy as np
import numpy.typing as npt

from interdict.core.transfer import Transfer, UtxoTx
from interdict.tracing.kernels import Scratch, SearchArgs, TxScratch
from interdict.tracing.names import Numbered, TxNames

IntArray = npt.NDArray[np.int64]
NO_TX = -1  # output created outside the loaded data, or unspent
SPENT_OUTSIDE = -2  # spent by a transaction that is not in the loaded data


def csr(keys: IntArray, n: int) -> tuple[IntArray, IntArray]:
    """Group item ids by key: returns (ptr, ids) so that key k's items are ids[ptr[k]:ptr[k+1]].

    The sort is stable, so items keep their original order within a key.
    """
    order = np.argsort(keys, kind="stable").astype(np.int64)
    counts = np.bincount(keys, minlength=n).astype(np.int64)
    ptr = np.zeros(n + 1, dtype=np.int64)
    np.cumsum(counts, out=ptr[1:])
    return ptr, order


class Interner:
    """Dense ids for strings (addresses, hashes), in first-seen order."""

    def __init__(self) -> None:
        self.ids: dict[str, int] = {}
        self.names: list[str] = []

    def __call__(self, name: str) -> int:
        got = self.ids.get(name)
        if got is None:
            got = len(self.names)
            self.ids[name] = got
            self.names.append(name)
        return got


@dataclass(frozen=True, slots=True)
class UtxoViews:
    """Memoryviews over the `UtxoGraph` arrays of the same names (indexing yields Python ints)."""

    tx_in_ptr: memoryview
    tx_in: memoryview
    tx_out_ptr: memoryview
    tx_out: memoryview
    out_value: memoryview
    out_spent: memoryview
    out_addr: memoryview
    tx_time: memoryview
    out_tx: memoryview


@dataclass
class UtxoGraph:
    """A UTXO ledger with dense ids; see the module docstring."""

    tx_hash: Sequence[str]
    tx_time: IntArray  # unix seconds, -1 unknown
    tx_height: IntArray  # -1 unknown
    out_tx: IntArray  # creating tx, NO_TX if created outside the data
    out_n: IntArray
    out_addr: IntArray
    out_value: IntArray
    out_spent: IntArray  # spending tx, NO_TX if unspent, SPENT_OUTSIDE if spent outside the data
    tx_in_ptr: IntArray
    tx_in: IntArray  # output ids spent by each tx, in input order
    tx_out_ptr: IntArray
    tx_out: IntArray  # output ids created by each tx, in output order
    addresses: Sequence[str]
    addr_index: Mapping[str, int]
    tx_index: Mapping[str, int]
    addr_out_ptr: IntArray = field(init=False)
    addr_out: IntArray = field(init=False)

    def __post_init__(self) -> None:
        self.addr_out_ptr, self.addr_out = csr(self.out_addr, len(self.addresses))

    @property
    def n_tx(self) -> int:
        """Number of transactions."""
        return len(self.tx_hash)

    def inputs(self, tx: int) -> IntArray:
        """Output ids spent by `tx`, in input order."""
        return self.tx_in[self.tx_in_ptr[tx] : self.tx_in_ptr[tx + 1]]

    def outputs(self, tx: int) -> IntArray:
        """Output ids created by `tx`, in output order."""
        return self.tx_out[self.tx_out_ptr[tx] : self.tx_out_ptr[tx + 1]]

    def received(self, addr: int) -> IntArray:
        """Output ids paid to address `addr`."""
        return self.addr_out[self.addr_out_ptr[addr] : self.addr_out_ptr[addr + 1]]

    @cached_property
    def views(self) -> UtxoViews:
        """The arrays as memoryviews (built once): a per-transaction walk reads Python ints from them
        at ~40 ns each, where indexing a numpy array costs ~100 ns and returns a numpy scalar."""
        return UtxoViews(*(np.ascontiguousarray(a).data for a in (
            self.tx_in_ptr, self.tx_in, self.tx_out_ptr, self.tx_out,
            self.out_value, self.out_spent, self.out_addr, self.tx_time, self.out_tx,
        )))  # fmt: skip

    @contextmanager
    def scratch(self) -> Iterator[TxScratch]:
        """Per-output and per-tx walk buffers for one walk; reused, never shared by two walks at once."""
        pool = self.__dict__.setdefault("_scratch_pool", [])
        try:
            buf = pool.pop()  # list.pop is atomic: concurrent walks each get their own buffers
        except IndexError:
            buf = TxScratch(int(self.out_value.shape[0]), self.n_tx)
        try:
            yield buf
        finally:
            pool.append(buf)

    def fee(self, tx: int) -> int:
        """Inputs minus outputs; negative for a coinbase (newly minted value)."""
        ins = int(self.out_value[self.inputs(tx)].sum())
        outs = int(self.out_value[self.outputs(tx)].sum())
        return ins - outs


def utxo_graph(txs: Iterable[UtxoTx]) -> UtxoGraph:
    """Build a `UtxoGraph` from transactions; inputs spending unknown outputs become external outputs."""
    txs = list(txs)
    tx_index = {t.tx_hash: i for i, t in enumerate(txs)}
    addrs = Interner()
    out_key: dict[tuple[str, int], int] = {}
    cols: dict[str, list[int]] = {k: [] for k in ("tx", "n", "addr", "value", "spent")}

    def add_output(tx: int, n: int, addr: str, value: int, spent: int) -> int:
        cols["tx"].append(tx)
        cols["n"].append(n)
        cols["addr"].append(addrs(addr))
        cols["value"].append(value)
        cols["spent"].append(spent)
        return len(cols["tx"]) - 1

    for i, t in enumerate(txs):
        for o in t.outputs:
            # an in-data spender is set from its inputs below; a claim no input confirms stays 'outside'
            spent = NO_TX if o.spent_by is None else SPENT_OUTSIDE
            out_key[(t.tx_hash, o.n)] = add_output(i, o.n, o.address, o.value, spent)
    in_tx: list[int] = []
    in_out: list[int] = []
    for i, t in enumerate(txs):
        for inp in t.inputs:
            oid = out_key.get((inp.prev_tx_hash, inp.prev_n))
            if oid is None:  # created before the loaded data starts
                oid = add_output(NO_TX, inp.prev_n, inp.address or "?", inp.value or 0, i)
                out_key[(inp.prev_tx_hash, inp.prev_n)] = oid
            cols["spent"][oid] = i
            in_tx.append(i)
            in_out.append(oid)
    arr = {k: np.asarray(v, dtype=np.int64) for k, v in cols.items()}
    n_tx = len(txs)
    in_ptr, in_order = csr(np.asarray(in_tx, dtype=np.int64), n_tx)
    created = arr["tx"] >= 0
    out_ids = np.flatnonzero(created).astype(np.int64)
    out_ptr, out_order = csr(arr["tx"][created], n_tx)
    return UtxoGraph(
        tx_hash=[t.tx_hash for t in txs],
        tx_time=np.asarray([-1 if t.time is None else t.time for t in txs], dtype=np.int64),
        tx_height=np.asarray([-1 if t.height is None else t.height for t in txs], dtype=np.int64),
        out_tx=arr["tx"],
        out_n=arr["n"],
        out_addr=arr["addr"],
        out_value=arr["value"],
        out_spent=arr["spent"],
        tx_in_ptr=in_ptr,
        tx_in=np.asarray(in_out, dtype=np.int64)[in_order],
        tx_out_ptr=out_ptr,
        tx_out=out_ids[out_order],
        addresses=addrs.names,
        addr_index=addrs.ids,
        tx_index=tx_index,
    )


@dataclass
class FlowGraph:
    """Address-to-address value movements with CSR arrays in both directions.

    The arrays keep every movement; the CSR lists one edge per (sender, receiver) pair (the first),
    because a search needs to know who paid whom, not how often: on a real ledger that is several
    times fewer edges to walk.
    """

    addresses: Sequence[str]
    addr_index: Mapping[str, int]
    src: IntArray
    dst: IntArray
    amount: list[int] | IntArray  # exact, in base units (a list where values may exceed 64 bits)
    time: IntArray  # -1 unknown
    tx: Sequence[str]  # transaction (or transfer) id of each edge
    asset: list[str]  # per edge, or one entry for all
    out_ptr: IntArray = field(init=False)
    out_edges: IntArray = field(init=False)
    in_ptr: IntArray = field(init=False)
    in_edges: IntArray = field(init=False)
    out_nbr: IntArray = field(init=False)  # receiver of each CSR out-edge
    in_nbr: IntArray = field(init=False)  # sender of each CSR in-edge
    search_args: SearchArgs = field(init=False, repr=False)
    pool: list[Scratch] = field(default_factory=list, init=False, repr=False)  # idle search buffers

    def __post_init__(self) -> None:
        n = len(self.addresses)
        firsts = first_of_pairs(self.src, self.dst, n)
        ptr, order = csr(self.src[firsts], n)
        self.out_ptr, self.out_edges = ptr, firsts[order]
        ptr, order = csr(self.dst[firsts], n)
        self.in_ptr, self.in_edges = ptr, firsts[order]
        # the far end of every CSR edge, so that a hop reads one array, not two
        self.out_nbr = np.ascontiguousarray(self.dst[self.out_edges])
        self.in_nbr = np.ascontiguousarray(self.src[self.in_edges])
        # the arrays a compiled search reads, in `kernels.bidirectional`'s order: one tuple to unpack
        self.search_args = (
            self.out_ptr, self.out_nbr, self.in_ptr, self.in_nbr,
            self.out_edges, self.in_edges, self.src, self.dst,
        )  # fmt: skip

    @property
    def n_edges(self) -> int:
        """Number of edges."""
        return int(self.src.shape[0])

    @contextmanager
    def scratch(self) -> Iterator[Scratch]:
        """Per-node search buffers for one query; reused, and never shared by two queries at once."""
        buf = self.take()
        try:
            yield buf
        finally:
            self.pool.append(buf)

    def take(self) -> Scratch:
        """Idle search buffers (or new ones); give them back with `pool.append` when done."""
        try:
            return self.pool.pop()  # list.pop is atomic: concurrent queries each get their own
        except IndexError:
            return Scratch(len(self.addresses))


def first_of_pairs(src: IntArray, dst: IntArray, n: int) -> IntArray:
    """Ids of the first edge of every distinct (src, dst) pair, in edge order."""
    if src.size == 0:
        return np.empty(0, dtype=np.int64)
    key = src * np.int64(max(n, 1)) + dst
    order = np.argsort(key, kind="stable")
    k = key[order]
    lead = np.concatenate([[True], k[1:] != k[:-1]])
    return np.sort(order[lead]).astype(np.int64)


def flow_graph(transfers: Sequence[Transfer]) -> FlowGraph:
    """Build a `FlowGraph` from account-model transfers."""
    names = Interner()
    src = np.asarray([names(t.sender) for t in transfers], dtype=np.int64)
    dst = np.asarray([names(t.receiver) for t in transfers], dtype=np.int64)
    return FlowGraph(
        addresses=names.names,
        addr_index=names.ids,
        src=src,
        dst=dst,
        amount=[t.amount for t in transfers],
        time=np.asarray([-1 if t.time is None else t.time for t in transfers], dtype=np.int64),
        tx=[t.tx_id for t in transfers],
        asset=[t.asset for t in transfers],
    )


def utxo_flow_graph(g: UtxoGraph) -> FlowGraph:
    """The address graph of a UTXO ledger: one edge per (input address, output) of each transaction.

    The edge's amount is the output's value, so a path shows what each hop received.
    """
    spent_mask = g.out_spent >= 0
    in_out = np.flatnonzero(spent_mask)
    # one row per (input output id, output id created by the same tx)
    in_tx = g.out_spent[in_out]
    counts = g.tx_out_ptr[in_tx + 1] - g.tx_out_ptr[in_tx]
    rep_in = np.repeat(in_out, counts)
    starts = np.repeat(g.tx_out_ptr[in_tx], counts)
    offsets = np.arange(rep_in.shape[0], dtype=np.int64) - np.repeat(np.cumsum(counts) - counts, counts)
    out_ids = g.tx_out[starts + offsets]
    src = g.out_addr[rep_in]
    # several inputs of one address in one tx give one edge, not many
    n_out = np.int64(max(int(g.out_value.shape[0]), 1))
    key = np.sort(src * n_out + out_ids)  # sort and drop repeats: numpy 2's hashing unique is slower here
    key = key[np.concatenate([[True], key[1:] != key[:-1]])] if key.size else key
    src, out_ids = key // n_out, key % n_out
    tx = g.out_tx[out_ids]
    return FlowGraph(
        addresses=g.addresses,
        addr_index=g.addr_index,
        src=src,
        dst=g.out_addr[out_ids],
        amount=g.out_value[out_ids],
        time=np.where(g.tx_time[tx] >= 0, g.tx_time[tx], g.tx_height[tx]),
        tx=TxNames(g.tx_hash, tx),
        asset=["BTC"],
    )


def utxo_graph_from_arrays(
    out_tx: IntArray, out_addr: IntArray, out_value: IntArray, out_spent: IntArray, n_tx: int, n_addr: int
) -> UtxoGraph:
    """Build a `UtxoGraph` straight from output arrays (generated or bulk-read data).

    Inputs of a transaction are the outputs it spends, in output-id order; tx hashes are `g<id>` and
    addresses `a<id>`.
    """
    spent = out_spent >= 0
    in_ptr, in_order = csr(out_spent[spent], n_tx)
    out_ptr, out_order = csr(out_tx, n_tx)
    out_n = np.empty_like(out_tx)
    out_n[out_order] = np.arange(out_tx.shape[0], dtype=np.int64) - np.repeat(out_ptr[:-1], np.diff(out_ptr))
    hashes, names = Numbered("g", n_tx), Numbered("a", n_addr)
    return UtxoGraph(
        tx_hash=hashes,
        tx_time=np.arange(n_tx, dtype=np.int64),
        tx_height=np.arange(n_tx, dtype=np.int64),
        out_tx=out_tx,
        out_n=out_n,
        out_addr=out_addr,
        out_value=out_value,
        out_spent=out_spent,
        tx_in_ptr=in_ptr,
        tx_in=np.flatnonzero(spent).astype(np.int64)[in_order],
        tx_out_ptr=out_ptr,
        tx_out=out_order,
        addresses=names,
        addr_index=names.index_map(),
        tx_index=hashes.index_map(),
    )
