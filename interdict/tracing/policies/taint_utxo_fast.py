"""POISON taint without a Python step per transaction: a compiled walk, or one scipy search.

Under POISON every output of a transaction that spends a followed tainted output is tainted in full,
so the walk is a breadth-first search over outputs and its result needs no per-transaction order:
the hop of an output is its BFS level, fees are the fees of the reached transactions, and the clean
value mixed in is what those transactions moved minus the tainted value that entered them. The
result equals the step-by-step walk in `interdict.tracing.policies.taint_utxo` (tests compare the
two); paths are kept for the largest holdings (`policy.PATHS`). With a hop limit the reach is
usually small and the walk is one compiled loop (`kernels.poison_walk`); without one it can span
most of a ledger in thousands of narrow levels, so that case is one breadth-first search in C
(scipy.sparse.csgraph).
"""

from __future__ import annotations

from collections.abc import Collection

import numpy as np
import numpy.typing as npt
from scipy.sparse import csr_matrix  # type: ignore[import-untyped]
from scipy.sparse.csgraph import breadth_first_order  # type: ignore[import-untyped]

from interdict.tracing import kernels
from interdict.tracing.graph import NO_TX, SPENT_OUTSIDE, IntArray, UtxoGraph
from interdict.tracing.kernels import TxScratch
from interdict.tracing.names import names_of
from interdict.tracing.policies.policy import Cutoffs, TaintPolicy, TaintResult, top_holdings

BoolArray = npt.NDArray[np.bool_]
STOP_REASONS = ("spent outside the data", "below min value", "max hops", "time window")


def distinct(a: IntArray) -> IntArray:
    """Sorted distinct values (sort and compare: faster here than numpy 2's hashing `unique`)."""
    s = np.sort(a)
    if s.size < 2:
        return s
    keep = np.empty(s.shape[0], dtype=bool)
    keep[0] = True
    np.not_equal(s[1:], s[:-1], out=keep[1:])
    return s[keep]


def _slices(ptr: IntArray, order: IntArray, keys: IntArray) -> tuple[IntArray, IntArray]:
    """Concatenated CSR rows of `keys`, and for each item the position of its key in `keys`."""
    starts, counts = ptr[keys], ptr[keys + 1] - ptr[keys]
    total = int(counts.sum())
    base = np.repeat(starts - (np.cumsum(counts) - counts), counts)
    return order[base + np.arange(total, dtype=np.int64)], np.repeat(np.arange(keys.shape[0]), counts)


class _Poison:
    def __init__(self, g: UtxoGraph, cut: Cutoffs, exits: Collection[int], s: TxScratch) -> None:
        self.g, self.cut = g, cut
        self.is_exit = np.zeros(len(g.addresses), dtype=bool)
        if exits and not cut.follow_exits:
            self.is_exit[np.fromiter(exits, dtype=np.int64)] = True
        # reused buffers, marked with this walk's stamp instead of cleared (see `kernels`)
        self.stamp = s.next_stamp()
        self.hop = s.hop  # read only where this walk set it
        self.followed = s.followed  # == stamp: followed by this walk
        self.done = s.done  # == stamp: processed by this walk
        self.frontier: list[IntArray] = []  # resting outputs, gathered per level (no full-array scan)
        self.unexplored: dict[str, int] = {}

    def _stop(self, reason: str, outs: IntArray) -> None:
        if outs.size:
            self.unexplored[reason] = self.unexplored.get(reason, 0) + int(self.g.out_value[outs].sum())

    def settle(self, outs: IntArray) -> IntArray:
        """The scalar walk's `settle` on many outputs at once; returns the txs to process next."""
        g, cut = self.g, self.cut
        outs = outs[g.out_value[outs] > 0]
        spender = g.out_spent[outs]
        rest = np.ones(outs.shape[0], dtype=bool)
        rest_at = self.is_exit[g.out_addr[outs]] | (spender == NO_TX)
        self.frontier.append(outs[rest_at])
        rest &= ~rest_at
        checks: list[tuple[str, BoolArray]] = [
            ("spent outside the data", spender == SPENT_OUTSIDE),
            ("below min value", g.out_value[outs] < cut.min_value),
        ]
        if cut.max_hops is not None:
            checks.append(("max hops", self.hop[outs] + 1 > cut.max_hops))
        t = g.tx_time[np.maximum(spender, 0)]
        late = (t >= 0) & (
            (t < (cut.start_time if cut.start_time is not None else -(1 << 62)))
            | (t > (cut.end_time if cut.end_time is not None else 1 << 62))
        )
        checks.append(("time window", late))
        for reason, mask in checks:
            hit = rest & mask
            self._stop(reason, outs[hit])
            rest &= ~hit
        follow = outs[rest]
        self.followed[follow] = self.stamp
        txs = distinct(g.out_spent[follow])
        fresh: IntArray = txs[self.done[txs] != self.stamp]
        return fresh

    def followable(self) -> BoolArray:
        """Outputs the walk would follow if tainted (every condition of `settle` but the hop limit)."""
        g, cut = self.g, self.cut
        spender = g.out_spent
        t = g.tx_time[np.maximum(spender, 0)]
        lo = cut.start_time if cut.start_time is not None else -(1 << 62)
        hi = cut.end_time if cut.end_time is not None else 1 << 62
        in_window = (t < 0) | ((t >= lo) & (t <= hi))
        return (
            (g.out_value > 0)
            & ~self.is_exit[g.out_addr]
            & (spender >= 0)
            & (g.out_value >= cut.min_value)
            & in_window
        )

    def run_unbounded(self, seeds: IntArray) -> tuple[IntArray, IntArray]:
        """Without a hop limit: one breadth-first search in C (scipy) over the followable tx graph."""
        g, n = self.g, self.g.n_tx
        ok = self.followable()
        is_seed = np.zeros(ok.shape[0], dtype=bool)
        is_seed[seeds] = True
        inner = ok & ~is_seed & (g.out_tx >= 0)
        start = seeds[ok[seeds]]
        rows = np.concatenate([g.out_tx[inner], np.full(start.shape[0], n, dtype=np.int64)])
        cols = np.concatenate([g.out_spent[inner], g.out_spent[start]])
        adj = csr_matrix((np.ones(rows.shape[0], dtype=np.int8), (rows, cols)), shape=(n + 1, n + 1))
        order, pred = breadth_first_order(adj, n, directed=True, return_predecessors=True)
        dist = [0] * (n + 1)
        for v, p in zip(order[1:].tolist(), pred[order[1:]].tolist(), strict=True):
            dist[v] = dist[p] + 1
        txs = np.sort(order[1:]).astype(np.int64)
        hops = np.asarray([dist[t] for t in txs.tolist()], dtype=np.int64)
        self.done[txs] = self.stamp
        self.hop[seeds] = 0
        outs, owner = _slices(g.tx_out_ptr, g.tx_out, txs)
        keep = ~is_seed[outs]
        self.hop[outs[keep]] = hops[owner[keep]]
        self.settle(seeds)
        self.settle(outs[keep])
        return txs, hops

    def run(self, seeds: IntArray, s: TxScratch) -> tuple[IntArray, IntArray]:
        """BFS from the seed outputs; returns (processed txs, their hop).

        With a hop limit the reach is usually small and the walk is one compiled loop
        (`kernels.poison_walk`: numpy calls per level would cost more than the work).
        """
        if self.cut.max_hops is None:
            return self.run_unbounded(seeds)
        g, cut = self.g, self.cut
        limits = np.asarray(
            [
                cut.min_value,
                cut.max_hops,
                cut.start_time if cut.start_time is not None else -(1 << 62),
                cut.end_time if cut.end_time is not None else 1 << 62,
            ],
            dtype=np.int64,
        )
        txs, hops, front, stopped = kernels.poison_walk(
            g.out_value, g.out_spent, g.out_addr, g.tx_time, g.tx_out_ptr, g.tx_out, self.is_exit,
            seeds, limits, s.followed, s.seed, s.hop, s.done, self.stamp,
        )  # fmt: skip
        self.frontier.append(front)
        for reason, v in zip(STOP_REASONS, stopped.tolist(), strict=True):
            if v:
                self.unexplored[reason] = v
        return txs, hops


def taint_poison(
    g: UtxoGraph, seeds: IntArray, cut: Cutoffs, exits: Collection[int], sources: list[str]
) -> TaintResult:
    """POISON walk on whole arrays; same result as `taint_utxo(..., TaintPolicy.POISON)`."""
    with g.scratch() as s:
        w = _Poison(g, cut, exits, s)
        txs, hops = w.run(seeds, s)
        res = _summary(g, w, seeds, txs, sources)
        _received(g, res, seeds, txs, hops)
        return res


def _summary(g: UtxoGraph, w: _Poison, seeds: IntArray, txs: IntArray, sources: list[str]) -> TaintResult:
    res = TaintResult(policy=TaintPolicy.POISON, sources=sources, unexplored=w.unexplored)
    seed_creator = g.out_tx[seeds]
    absorbed = (seed_creator >= 0) & (w.done[np.maximum(seed_creator, 0)] == w.stamp)
    res.source_value = int(g.out_value[seeds[~absorbed]].sum())
    tainted_in, back, fees, mixed = kernels.poison_sums(
        txs, g.tx_in_ptr, g.tx_in, g.tx_out_ptr, g.tx_out, g.out_value, g.out_tx, w.hop, w.followed, w.stamp
    )
    res.fees, res.mixed_in = int(fees), int(mixed)
    res.tx_taint = dict(zip(names_of(g.tx_hash, txs.tolist()), tainted_in.tolist(), strict=True))
    # the walk back from a transaction: to the creator of its largest tainted input, until a seed
    _holdings(g, w, res, dict(zip(txs.tolist(), back.tolist(), strict=True)))
    return res


def _holdings(g: UtxoGraph, w: _Poison, res: TaintResult, parent_tx: dict[int, int]) -> None:
    front = distinct(np.concatenate(w.frontier)) if w.frontier else np.empty(0, dtype=np.int64)
    addr = g.out_addr[front]
    uniq, inv = np.unique(addr, return_inverse=True)
    total = np.zeros(uniq.shape[0], dtype=np.int64)
    np.add.at(total, inv, g.out_value[front])
    hop = np.full(uniq.shape[0], 1 << 40, dtype=np.int64)
    np.minimum.at(hop, inv, w.hop[front])
    names = names_of(g.addresses, uniq.tolist())
    res.holdings = dict(zip(names, total.tolist(), strict=True))
    res.hops = dict(zip(names, hop.tolist(), strict=True))
    for i in np.flatnonzero(w.is_exit[uniq]).tolist():
        res.exits[names[i]] = res.holdings[names[i]]
    # the largest output of each address (the first on ties) carries its path
    by = np.lexsort((front, -g.out_value[front], addr))
    lead = np.ones(by.shape[0], dtype=bool)
    lead[1:] = addr[by][1:] != addr[by][:-1]
    best = dict(zip(addr[by][lead].tolist(), front[by][lead].tolist(), strict=True))
    addr_id = dict(zip(names, uniq.tolist(), strict=True))
    out_tx, hop_of = g.out_tx.data, w.hop.data  # memoryviews: Python ints, no numpy scalars
    for name in top_holdings(res.holdings):
        o = best[addr_id[name]]
        path: list[int] = []
        t = out_tx[o] if hop_of[o] > 0 else -1
        while t >= 0:
            path.append(t)
            t = parent_tx[t]
        res.paths[name] = names_of(g.tx_hash, path[::-1])


def _received(g: UtxoGraph, res: TaintResult, seeds: IntArray, txs: IntArray, hops: IntArray) -> None:
    """Every address that received tainted value: under POISON every output of a processed
    transaction is tainted in full, and so is every source output (hop 0)."""
    outs, owner = _slices(g.tx_out_ptr, g.tx_out, txs)
    out_hop = hops[owner]
    is_seed = np.zeros(g.out_value.shape[0], dtype=bool)
    is_seed[seeds] = True
    keep = ~is_seed[outs]
    every = np.concatenate([seeds, outs[keep]])
    hop = np.concatenate([np.zeros(seeds.shape[0], dtype=np.int64), out_hop[keep]])
    live = g.out_value[every] > 0
    every, hop = every[live], hop[live]
    addr = g.out_addr[every]
    uniq, inv = np.unique(addr, return_inverse=True)
    total = np.zeros(uniq.shape[0], dtype=np.int64)
    np.add.at(total, inv, g.out_value[every])
    low = np.full(uniq.shape[0], 1 << 40, dtype=np.int64)
    np.minimum.at(low, inv, hop)
    names = names_of(g.addresses, uniq.tolist())
    res.received = dict(zip(names, total.tolist(), strict=True))
    res.received_hops = dict(zip(names, low.tolist(), strict=True))
