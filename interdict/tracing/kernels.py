"""Compiled inner loops (numba) for breadth-first walks over the CSR arrays.

Why compiled: on a hub-heavy ledger most queries touch a few hundred nodes, where one numpy call
(~5-20 µs of overhead) costs more than the work and a Python loop costs ~50-100 ns per edge; a
compiled loop costs a few ns per edge whether the frontier is three nodes or three million. No
library offers a depth-limited, early-exit bidirectional search on our arrays (scipy.sparse.csgraph
only has whole-graph searches without a meeting test), hence these loops.

Per-node state lives in `Scratch` buffers that are reused between queries and stamped with a
query number rather than cleared, so a query costs what it touches, not the size of the graph.
The buffers are private to one query at a time (`FlowGraph.scratch`); the kernels hold no state.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt
from numba import njit

IntArray = npt.NDArray[np.int64]
StampArray = npt.NDArray[np.int32]
# the graph arrays and the buffers a search reads, in `bidirectional`'s order
SearchArgs = tuple[IntArray, IntArray, IntArray, IntArray, IntArray, IntArray, IntArray, IntArray]
Buffers = tuple[StampArray, StampArray, IntArray, IntArray, IntArray, IntArray]


class Scratch:
    """Per-node buffers for one query at a time: visit stamps, parents and queues, both directions."""

    def __init__(self, n: int) -> None:
        # written in full once (np.full, not np.zeros/np.empty, which map lazily): otherwise every
        # query would pay a page fault (~1 µs) for each new page its scattered reads touch
        self.mark_f = np.full(n, 0, dtype=np.int32)
        self.mark_b = np.full(n, 0, dtype=np.int32)
        self.par_f = np.full(n, 0, dtype=np.int64)
        self.par_b = np.full(n, 0, dtype=np.int64)
        self.q_f = np.full(max(n, 1), 0, dtype=np.int64)
        self.q_b = np.full(max(n, 1), 0, dtype=np.int64)
        self.buffers: Buffers = (self.mark_f, self.mark_b, self.par_f, self.par_b, self.q_f, self.q_b)
        self.stamp = 0

    def next_stamp(self) -> int:
        """A fresh query number: every node whose mark differs from it is unseen."""
        self.stamp += 1
        if self.stamp >= 2**31 - 1:
            self.mark_f[:] = 0
            self.mark_b[:] = 0
            self.stamp = 1
        return self.stamp


@njit(cache=True, nogil=True)
def _cost(ptr: IntArray, q: IntArray, lo: int, hi: int) -> int:
    total = 0
    for i in range(lo, hi):
        total += ptr[q[i] + 1] - ptr[q[i]]
    return total


@njit(cache=True, nogil=True)
def _level(
    ptr: IntArray,
    nbr: IntArray,
    q: IntArray,
    lo: int,
    hi: int,
    mark: StampArray,
    par: IntArray,
    other: StampArray,
    stamp: int,
) -> tuple[int, int]:
    """Expand q[lo:hi] by one level, appending new nodes; returns (meeting node or -1, new end).

    The one level loop of both searches: `bidirectional` records each node's parent edge in `par`
    and stops where `other` (the opposite side's marks) meets it; `reach` passes both empty.
    """
    track = par.shape[0] > 0
    w = hi
    for i in range(lo, hi):
        u = q[i]
        for p in range(ptr[u], ptr[u + 1]):
            v = nbr[p]
            if mark[v] != stamp:
                mark[v] = stamp
                q[w] = v
                w += 1
                if track:
                    par[v] = p
                    if other[v] == stamp:
                        return v, w
    return -1, w


@njit(cache=True, nogil=True)
def bidirectional(
    out_ptr: IntArray,
    out_nbr: IntArray,
    in_ptr: IntArray,
    in_nbr: IntArray,
    out_edges: IntArray,
    in_edges: IntArray,
    src: IntArray,
    dst: IntArray,
    mark_f: StampArray,
    mark_b: StampArray,
    par_f: IntArray,
    par_b: IntArray,
    q_f: IntArray,
    q_b: IntArray,
    a: int,
    b: int,
    max_depth: int,
    blocked: IntArray,
    stamp: int,
) -> IntArray:
    """Bidirectional BFS a -> b; returns the edge ids of a fewest-hops path, empty if none.

    Each round expands the side whose frontier has fewer edges, by one whole level, and stops at
    the first node both sides have seen (which lies on a fewest-hops path). `blocked` nodes are
    never entered (a and b excepted).
    """
    for x in blocked:
        if x != a and x != b:
            mark_f[x] = stamp
            mark_b[x] = stamp
    mark_f[a] = stamp
    mark_b[b] = stamp
    q_f[0], q_b[0] = a, b
    f_lo, f_hi, b_lo, b_hi = 0, 1, 0, 1
    depth = 0
    while depth < max_depth and f_hi > f_lo and b_hi > b_lo:
        depth += 1
        if _cost(out_ptr, q_f, f_lo, f_hi) <= _cost(in_ptr, q_b, b_lo, b_hi):
            meet, end = _level(out_ptr, out_nbr, q_f, f_lo, f_hi, mark_f, par_f, mark_b, stamp)
            f_lo, f_hi = f_hi, end
        else:
            meet, end = _level(in_ptr, in_nbr, q_b, b_lo, b_hi, mark_b, par_b, mark_f, stamp)
            b_lo, b_hi = b_hi, end
        if meet >= 0:
            return _stitch(meet, a, b, par_f, par_b, out_edges, in_edges, src, dst)
    return np.empty(0, dtype=np.int64)


@njit(cache=True, nogil=True)
def _stitch(
    meet: int,
    a: int,
    b: int,
    par_f: IntArray,
    par_b: IntArray,
    out_edges: IntArray,
    in_edges: IntArray,
    src: IntArray,
    dst: IntArray,
) -> IntArray:
    """The path's edge ids: back from the meeting node to a, then on to b."""
    head = [np.int64(0) for _ in range(0)]
    node = meet
    while node != a:
        e = out_edges[par_f[node]]
        head.append(e)
        node = src[e]
    head.reverse()
    node = meet
    while node != b:
        e = in_edges[par_b[node]]
        head.append(e)
        node = dst[e]
    return np.array(head, dtype=np.int64)


@njit(cache=True, nogil=True)
def reach(
    ptr: IntArray, nbr: IntArray, a: int, max_depth: int, mark: StampArray, q: IntArray, stamp: int
) -> tuple[IntArray, IntArray]:
    """Nodes within `max_depth` hops of `a` (a excluded), in BFS order, and their hop counts."""
    mark[a] = stamp
    q[0] = a
    lo, hi = 0, 1
    ends = np.zeros(max_depth + 1, dtype=np.int64)
    ends[0] = 1
    no_par = np.empty(0, dtype=np.int64)  # no parents, no meeting: a plain level by level reach
    no_other = np.empty(0, dtype=np.int32)
    depth = 0
    while depth < max_depth and hi > lo:
        depth += 1
        _, w = _level(ptr, nbr, q, lo, hi, mark, no_par, no_other, stamp)
        lo, hi = hi, w
        ends[depth] = w
    depths = np.empty(hi - 1, dtype=np.int64)
    for d in range(1, depth + 1):
        depths[ends[d - 1] - 1 : ends[d] - 1] = d
    return q[1:hi].copy(), depths


class TxScratch:
    """Per-output and per-transaction buffers of a UTXO walk, stamped like `Scratch`."""

    def __init__(self, n_out: int, n_tx: int) -> None:
        self.followed = np.full(n_out, 0, dtype=np.int32)  # written in full once, as in `Scratch`
        self.seed = np.full(n_out, 0, dtype=np.int32)
        self.hop = np.full(n_out, 0, dtype=np.int64)
        self.done = np.full(n_tx, 0, dtype=np.int32)
        self.stamp = 0

    def next_stamp(self) -> int:
        """A fresh walk number: every mark that differs from it is unset."""
        self.stamp += 1
        if self.stamp >= 2**31 - 1:
            for a in (self.followed, self.seed, self.done):
                a[:] = 0
            self.stamp = 1
        return self.stamp


@njit(cache=True, nogil=True)
def poison_walk(
    out_value: IntArray,
    out_spent: IntArray,
    out_addr: IntArray,
    tx_time: IntArray,
    tx_out_ptr: IntArray,
    tx_out: IntArray,
    is_exit: npt.NDArray[np.bool_],
    seeds: IntArray,
    limits: IntArray,
    followed: StampArray,
    is_seed: StampArray,
    hop: IntArray,
    done: StampArray,
    stamp: int,
) -> tuple[IntArray, IntArray, IntArray, IntArray]:
    """POISON breadth-first walk with a hop limit, from seed outputs; the loop of `taint_fast._Poison`.

    `limits` = (min_value, max_hops, start_time, end_time). Returns the processed txs (level by
    level, sorted within a level), their hop, the outputs where taint rests, and the value stopped
    per reason (spent outside the data, below min value, max hops, time window). Marks followed
    outputs, seeds and processed txs with `stamp` and writes the hop of every output it reaches.
    """
    min_value, max_hops, lo, hi = limits[0], limits[1], limits[2], limits[3]
    stopped = np.zeros(4, dtype=np.int64)
    front = [np.int64(0) for _ in range(0)]
    walked = [np.int64(0) for _ in range(0)]
    hops = [0 for _ in range(0)]
    for o in seeds:
        is_seed[o] = stamp
        hop[o] = 0
    outs = seeds.copy()
    level = 0
    while outs.shape[0]:
        nxt = [np.int64(0) for _ in range(0)]
        for o in outs:
            v = out_value[o]
            if v <= 0:
                continue
            sp = out_spent[o]
            if is_exit[out_addr[o]] or sp == -1:
                front.append(o)
            elif sp == -2:
                stopped[0] += v
            elif v < min_value:
                stopped[1] += v
            elif hop[o] + 1 > max_hops:
                stopped[2] += v
            elif tx_time[sp] >= 0 and (tx_time[sp] < lo or tx_time[sp] > hi):
                stopped[3] += v
            else:
                followed[o] = stamp
                if done[sp] != stamp:
                    done[sp] = stamp
                    nxt.append(sp)
        level += 1
        txs = np.sort(np.array(nxt, dtype=np.int64))
        new = [np.int64(0) for _ in range(0)]
        for t in txs:
            walked.append(t)
            hops.append(level)
            for k in range(tx_out_ptr[t], tx_out_ptr[t + 1]):
                o = tx_out[k]
                if is_seed[o] != stamp:
                    hop[o] = level
                    new.append(o)
        outs = np.array(new, dtype=np.int64)
    return (
        np.array(walked, dtype=np.int64),
        np.array(hops, dtype=np.int64),
        np.array(front, dtype=np.int64),
        stopped,
    )


@njit(cache=True, nogil=True)
def poison_sums(
    txs: IntArray,
    tx_in_ptr: IntArray,
    tx_in: IntArray,
    tx_out_ptr: IntArray,
    tx_out: IntArray,
    out_value: IntArray,
    out_tx: IntArray,
    hop: IntArray,
    followed: StampArray,
    stamp: int,
) -> tuple[IntArray, IntArray, int, int]:
    """Per walked tx: tainted value in, and the tx its largest followed input came from (-1: a seed).

    The largest followed input is the first one in input order on ties, as in the scalar walk.
    Also returns the fees and the clean value mixed in, summed over the txs.
    """
    n = txs.shape[0]
    tainted = np.zeros(n, dtype=np.int64)
    back = np.full(n, -1, dtype=np.int64)
    fees = 0
    mixed = 0
    for i in range(n):
        t = txs[i]
        s_in, s_out, s_taint, best, best_v = 0, 0, 0, -1, -1
        for k in range(tx_in_ptr[t], tx_in_ptr[t + 1]):
            o = tx_in[k]
            v = out_value[o]
            s_in += v
            if followed[o] == stamp:
                s_taint += v
                if v > best_v:
                    best, best_v = o, v
        for k in range(tx_out_ptr[t], tx_out_ptr[t + 1]):
            s_out += out_value[tx_out[k]]
        fees += max(s_in - s_out, 0)
        mixed += max(s_in, s_out) - s_taint
        tainted[i] = s_taint
        if best >= 0 and hop[best] > 0:
            back[i] = out_tx[best]
    return tainted, back, fees, mixed
