"""Forward taint through a UTXO ledger under an explicit policy (see `interdict.tracing.policies.policy`).

The walk visits only transactions that spend tainted outputs, in chain order (a heap of tx ids), so
its cost follows the taint, not the size of the ledger. Sources may be addresses (every output they
received from outside the walk), transactions (all their outputs) or single outputs (`txid:n`).
Tagged service addresses (exchanges, mixers, bridges) are exits: taint reaching them is counted there
and not followed unless `Cutoffs.follow_exits`.
"""

from __future__ import annotations

import heapq
from collections.abc import Collection, Sequence

import numpy as np

from interdict.core.errors import NotFoundError
from interdict.tracing.graph import NO_TX, SPENT_OUTSIDE, IntArray, UtxoGraph
from interdict.tracing.names import names_of
from interdict.tracing.policies.policy import (
    Cutoffs,
    Intervals,
    TaintPolicy,
    TaintResult,
    apportion,
    fill_in_order,
    highest_first,
    length,
    top_holdings,
)
from interdict.tracing.policies.taint_utxo_fast import taint_poison

Taint = int | Intervals  # an amount, or positions within the output for FIFO/LIFO


def resolve_sources(g: UtxoGraph, sources: Sequence[str]) -> tuple[set[int], set[int]]:
    """Turn source strings into (seed output ids, source address ids); raise if one is unknown."""
    outs: set[int] = set()
    addrs: set[int] = set()
    txs: list[int] = []
    for s in sources:
        if s in g.addr_index:
            addrs.add(g.addr_index[s])
        elif s in g.tx_index:
            txs.append(g.tx_index[s])
        elif ":" in s and s.rsplit(":", 1)[0] in g.tx_index and s.rsplit(":", 1)[1].isdigit():
            tx, n = s.rsplit(":", 1)
            match = [int(o) for o in g.outputs(g.tx_index[tx]) if int(g.out_n[o]) == int(n)]
            if not match:
                raise NotFoundError(f"source {s}: transaction has no output {n}")
            outs.update(match)
        else:
            raise NotFoundError(f"source {s}: not an address, transaction or txid:n in the loaded data")
    # whole CSR rows at once: thousands of sources (a year of coinbases) cost one gather each
    outs.update(gather(g.tx_out_ptr, g.tx_out, np.asarray(txs, dtype=np.int64)).tolist())
    outs.update(gather(g.addr_out_ptr, g.addr_out, np.asarray(sorted(addrs), dtype=np.int64)).tolist())
    return outs, addrs


def gather(ptr: IntArray, items: IntArray, keys: IntArray) -> IntArray:
    """The concatenated CSR rows `items[ptr[k]:ptr[k+1]]` of every key."""
    starts, counts = ptr[keys], ptr[keys + 1] - ptr[keys]
    base = np.repeat(starts - (np.cumsum(counts) - counts), counts)
    return items[base + np.arange(int(counts.sum()), dtype=np.int64)]


class _Walk:
    """State of one forward walk; `run` fills a TaintResult."""

    def __init__(
        self, g: UtxoGraph, policy: TaintPolicy, cut: Cutoffs, exits: Collection[int], sources: list[str]
    ) -> None:
        self.g, self.policy, self.cut, self.exits = g, policy, cut, exits
        self.v = g.views
        self.interval = policy in (TaintPolicy.FIFO, TaintPolicy.LIFO)
        self.taint: dict[int, Taint] = {}
        self.hop: dict[int, int] = {}
        self.followed: set[int] = set()
        self.seeds: set[int] = set()
        self.propagated: dict[int, int] = {}  # taint a seed output also received from upstream
        self.parent: dict[int, int] = {}  # tx -> its largest tainted input
        self.queued: set[int] = set()
        self.heap: list[int] = []
        self.frontier: dict[int, int] = {}  # output id -> tainted amount resting there
        self.tx_taint: dict[int, int] = {}  # tx id -> tainted value entering it
        self.res = TaintResult(policy=policy, sources=sources)

    def amount(self, o: int) -> int:
        """Tainted amount of output `o`."""
        t = self.taint.get(o, 0)
        return t if isinstance(t, int) else length(t)

    def seed(self, o: int) -> None:
        """Make output `o` a source, fully tainted at hop 0."""
        v = self.v.out_value[o]
        self.seeds.add(o)
        self.taint[o] = [(0, v)] if self.interval else v
        self.hop[o] = 0
        self.settle(o)

    def stop(self, reason: str, value: int) -> None:
        """Book tainted value the walk stops following."""
        self.res.unexplored[reason] = self.res.unexplored.get(reason, 0) + value

    def settle(self, o: int) -> None:
        """Decide the fate of a tainted output: rest at the frontier, stop, or follow its spender."""
        cut, amt = self.cut, self.amount(o)
        spender = self.v.out_spent[o]
        if amt == 0:
            return
        if (self.v.out_addr[o] in self.exits and not cut.follow_exits) or spender == NO_TX:
            self.frontier[o] = amt
        elif spender == SPENT_OUTSIDE:
            self.stop("spent outside the data", amt)
        elif amt < cut.min_value:
            self.stop("below min value", amt)
        elif cut.max_hops is not None and self.hop[o] + 1 > cut.max_hops:
            self.stop("max hops", amt)
        elif not self.in_window(spender):
            self.stop("time window", amt)
        else:
            self.followed.add(o)
            if spender not in self.queued:
                self.queued.add(spender)
                heapq.heappush(self.heap, spender)

    def in_window(self, tx: int) -> bool:
        """True if `tx` lies in the time window (or has no time)."""
        t = self.v.tx_time[tx]
        if t < 0:
            return True
        lo, hi = self.cut.start_time, self.cut.end_time
        return (lo is None or t >= lo) and (hi is None or t <= hi)

    def process(self, tx: int) -> None:
        """Share the tainted inputs of `tx` over its outputs and fee."""
        v = self.v
        ins = v.tx_in[v.tx_in_ptr[tx] : v.tx_in_ptr[tx + 1]].tolist()
        outs = v.tx_out[v.tx_out_ptr[tx] : v.tx_out_ptr[tx + 1]].tolist()
        value = v.out_value
        in_vals = [value[o] for o in ins]
        out_vals = [value[o] for o in outs]
        live = [o for o in ins if o in self.followed]
        total_in, total_out = sum(in_vals), sum(out_vals)
        fee = max(total_in - total_out, 0)
        minted = max(total_out - total_in, 0)  # coinbase, or inputs missing from the data
        tainted_in = sum(self.amount(o) for o in live)
        self.tx_taint[tx] = tainted_in  # named once at the end (`finish`)
        self.parent[tx] = max(live, key=self.amount)
        shares, fee_taint = self.share(ins, in_vals, live, out_vals, fee, minted, tainted_in)
        self.res.fees += self.amount_of(fee_taint)
        hop = min(self.hop[o] for o in live) + 1
        for o, share in zip(outs, shares, strict=True):
            got = self.amount_of(share)
            if o in self.seeds:  # a source's own change: count only what is new as source value
                self.propagated[o] = got
                continue
            if got:
                self.taint[o] = share
                self.hop[o] = hop
                self.settle(o)

    @staticmethod
    def amount_of(t: Taint) -> int:
        """Amount of a taint value (an amount, or intervals)."""
        return t if isinstance(t, int) else length(t)

    def share(
        self,
        ins: list[int],
        in_vals: list[int],
        live: list[int],
        out_vals: list[int],
        fee: int,
        minted: int,
        tainted_in: int,
    ) -> tuple[Sequence[Taint], Taint]:
        """Split the tainted inputs over outputs and fee according to the policy."""
        p = self.policy
        if p is TaintPolicy.POISON:
            self.res.mixed_in += sum(in_vals) + minted - tainted_in
            return list(out_vals), fee
        if p is TaintPolicy.HAIRCUT:
            parts = apportion(tainted_in, [*out_vals, fee])
            return parts[:-1], parts[-1]
        if p is TaintPolicy.TIHO:
            return highest_first(tainted_in, out_vals, fee)
        live_set = set(live)
        taints: list[Intervals] = []
        for o in ins:
            t = self.taint.get(o) if o in live_set else None
            taints.append(t if isinstance(t, list) else [])
        vals = list(in_vals)
        if p is TaintPolicy.LIFO:
            vals.reverse()
            taints.reverse()
        vals.append(minted)  # minted value is clean and comes last on the input line
        taints.append([])
        out_iv, fee_iv = fill_in_order(vals, taints, out_vals, fee)
        return out_iv, fee_iv

    def run(self, seeds: set[int]) -> TaintResult:
        """Seed, walk every reached transaction in chain order, and sum up."""
        g = self.g
        arr = np.asarray(sorted(seeds), dtype=np.int64)
        # seeds that merely rest (unspent, or at an exit) are booked in bulk: a year of coinbase
        # outputs as sources should not cost a Python step each
        resting = g.out_spent[arr] == NO_TX
        if not self.cut.follow_exits and self.exits:
            resting |= np.isin(g.out_addr[arr], np.fromiter(self.exits, dtype=np.int64))
        live = g.out_value[arr] > 0
        resting &= live
        outside = live & ~resting & (g.out_spent[arr] == SPENT_OUTSIDE)
        quiet = arr[resting | outside].tolist()
        self.seeds.update(quiet)
        self.hop.update(dict.fromkeys(quiet, 0))  # no taint entry needed: no walked tx spends them
        self.frontier.update(zip(arr[resting].tolist(), g.out_value[arr[resting]].tolist(), strict=True))
        if outside.any():
            self.stop("spent outside the data", int(g.out_value[arr[outside]].sum()))
        for o in arr[~(resting | outside)].tolist():
            self.seed(o)
        while self.heap:
            self.process(heapq.heappop(self.heap))
        return self.finish()

    def finish(self) -> TaintResult:
        """Aggregate the frontier per address, with hops, exits and paths."""
        g, res = self.g, self.res
        res.tx_taint = dict(
            zip(names_of(g.tx_hash, list(self.tx_taint)), self.tx_taint.values(), strict=True)
        )
        seeds = np.fromiter(self.seeds, dtype=np.int64, count=len(self.seeds))
        res.source_value = int(g.out_value[seeds].sum()) - sum(self.propagated.values())
        self.receivers(seeds)
        if not self.frontier:
            return res
        outs = np.fromiter(self.frontier, dtype=np.int64, count=len(self.frontier))
        amts = np.fromiter(self.frontier.values(), dtype=np.int64, count=len(self.frontier))
        hops = np.fromiter((self.hop[o] for o in self.frontier), dtype=np.int64, count=len(self.frontier))
        addr = g.out_addr[outs]
        uniq, inv = np.unique(addr, return_inverse=True)
        total = np.zeros(uniq.shape[0], dtype=np.int64)
        np.add.at(total, inv, amts)
        low = np.full(uniq.shape[0], 1 << 40, dtype=np.int64)
        np.minimum.at(low, inv, hops)
        stop_at_exits = not self.cut.follow_exits
        for ai, v, h in zip(uniq.tolist(), total.tolist(), low.tolist(), strict=True):
            a = g.addresses[ai]
            res.holdings[a], res.hops[a] = v, h
            if stop_at_exits and ai in self.exits:
                res.exits[a] = v
        # each address's path runs to its largest tainted output (the lowest output id on ties)
        by = np.lexsort((outs, -amts, addr))
        lead = np.ones(by.shape[0], dtype=bool)
        lead[1:] = addr[by][1:] != addr[by][:-1]
        best = dict(zip(addr[by][lead].tolist(), outs[by][lead].tolist(), strict=True))
        for a in top_holdings(res.holdings):
            res.paths[a] = self.path(best[g.addr_index[a]])
        return res

    def receivers(self, seeds: IntArray) -> None:
        """Every address that received tainted value: the sources' outputs in full at hop 0, then
        each tainted output's share at its hop."""
        g, res = self.g, self.res
        got: dict[int, int] = {}
        hop: dict[int, int] = {}
        values = g.out_value[seeds].tolist()
        for o, v in zip(seeds.tolist(), values, strict=True):
            if v > 0:
                a = int(g.out_addr[o])
                got[a], hop[a] = got.get(a, 0) + v, 0
        for o, t in self.taint.items():
            amt = self.amount_of(t)
            if o in self.seeds or not amt:
                continue
            a = int(g.out_addr[o])
            got[a] = got.get(a, 0) + amt
            hop[a] = min(hop.get(a, 1 << 40), self.hop[o])
        names = names_of(g.addresses, list(got))
        res.received = dict(zip(names, got.values(), strict=True))
        res.received_hops = dict(zip(names, hop.values(), strict=True))

    def path(self, o: int) -> list[str]:
        """Transaction hashes from a source output to output `o` (largest tainted input each step)."""
        txs: list[int] = []
        out_tx = self.v.out_tx
        while o not in self.seeds and out_tx[o] >= 0:
            tx = out_tx[o]
            txs.append(tx)
            o = self.parent[tx]
        txs.reverse()
        return names_of(self.g.tx_hash, txs)


def taint_utxo(
    g: UtxoGraph,
    sources: Sequence[str],
    policy: TaintPolicy = TaintPolicy.HAIRCUT,
    cutoffs: Cutoffs | None = None,
    exits: Collection[int] = frozenset(),
    *,
    vectorised: bool = True,
) -> TaintResult:
    """Follow taint forward from `sources` (addresses, tx hashes or `txid:n`) under `policy`.

    `exits` are address ids where taint stops (tagged services); see `exit_mask`. POISON runs on
    whole arrays (`taint_fast`) unless `vectorised=False` asks for the step-by-step walk.
    """
    seeds, _ = resolve_sources(g, sources)
    cut = cutoffs or Cutoffs()
    if policy is TaintPolicy.POISON and vectorised:
        return taint_poison(g, np.asarray(sorted(seeds), dtype=np.int64), cut, exits, list(sources))
    return _Walk(g, policy, cut, exits, list(sources)).run(seeds)


def exit_mask(g: UtxoGraph, exit_addresses: Collection[str]) -> set[int]:
    """Address ids of the given exit addresses that occur in the ledger."""
    return {g.addr_index[a] for a in exit_addresses if a in g.addr_index}


def reached_txs(g: UtxoGraph, seeds: Sequence[int]) -> IntArray:
    """Every transaction reachable forward from the seed outputs (vectorised BFS, no policy)."""
    seen = np.zeros(g.n_tx, dtype=bool)
    outs = np.asarray(seeds, dtype=np.int64)
    while outs.size:
        txs = np.unique(g.out_spent[outs])
        txs = txs[txs >= 0]
        txs = txs[~seen[txs]]
        seen[txs] = True
        starts, ends = g.tx_out_ptr[txs], g.tx_out_ptr[txs + 1]
        counts = ends - starts
        idx = np.repeat(starts - np.cumsum(counts) + counts, counts) + np.arange(int(counts.sum()))
        outs = g.tx_out[idx]
    return np.flatnonzero(seen).astype(np.int64)
