"""The compiled, bounded search for value-keeping (and by default time-respecting) cycles.

Depth-first from every account `s`, over transfers whose amounts stay within `margin` of the first
hop's, visiting only accounts with a larger dense id than `s` (so each cycle is found once, from its
smallest member, as in Johnson's algorithm), never revisiting an account on the path, at most
`max_hops` deep. Parallel transfers to one next account are tried once per step (the earliest
that fits). Each start account may inspect at most `budget` transfers: a hub with 10^5 transfers
costs `budget`, not an exponential number of paths, and the starts cut short are counted.

Compiled (numba): the search is a loop over single transfers with early exits, which neither numpy
nor scipy.sparse.csgraph (whole-graph searches only) can express.
"""

from __future__ import annotations

import numpy as np
from numba import njit

from interdict.aml.table import FloatArray, IntArray


@njit(cache=True, nogil=True)
def _first_after(ids: IntArray, time: IntArray, lo: int, hi: int, t: int) -> int:
    """The first position in ids[lo:hi] (time-sorted) whose transfer is later than t."""
    while lo < hi:
        mid = (lo + hi) // 2
        if time[ids[mid]] > t:
            hi = mid
        else:
            lo = mid + 1
    return lo


@njit(cache=True, nogil=True)
def find_cycles(
    ptr: IntArray, ids: IntArray, dst: IntArray, amount: FloatArray, time: IntArray,
    min_hops: int, max_hops: int, margin: float, window: int, ordered: bool,
    budget: int, per_start: int,
) -> tuple[IntArray, IntArray, IntArray]:
    """Cycles as transfer ids: cycle c is `edges[cptr[c]:cptr[c+1]]`, in path order.

    Returns (edges, cptr, work) where `work[s]` is the number of transfers start `s` inspected
    (`budget` or more means its search was cut short).
    """
    n = ptr.shape[0] - 1
    out = np.empty(1024, np.int64)
    cptr = np.zeros(256, np.int64)
    nc = 0
    m = 0
    path = np.empty(max_hops, np.int64)
    pos = np.empty(max_hops, np.int64)
    token = np.empty(max_hops, np.int64)
    on_path = np.zeros(n, np.bool_)
    tried = np.zeros(n, np.int64)
    counter = 0
    work = np.zeros(n, np.int64)
    for s in range(n):
        found_here = 0
        for p0 in range(ptr[s], ptr[s + 1]):
            e0 = ids[p0]
            v0 = dst[e0]
            if v0 <= s or work[s] >= budget or found_here >= per_start:
                continue
            lo_a, hi_a = amount[e0] * (1.0 - margin), amount[e0] * (1.0 + margin)
            path[0] = e0
            on_path[v0] = True
            depth = 1
            counter += 1
            token[1] = counter
            pos[1] = _first_after(ids, time, ptr[v0], ptr[v0 + 1], time[e0]) if ordered else ptr[v0]
            while depth >= 1:
                e = path[depth - 1]
                v = dst[e]
                advanced = False
                while pos[depth] < ptr[v + 1] and work[s] < budget:
                    f = ids[pos[depth]]
                    pos[depth] += 1
                    work[s] += 1
                    w = dst[f]
                    if amount[f] < lo_a or amount[f] > hi_a or abs(time[f] - time[e0]) > window:
                        continue
                    if w == s and depth + 1 >= min_hops:
                        if found_here < per_start:
                            if m + depth + 1 > out.shape[0]:
                                out = np.concatenate((out, np.empty(out.shape[0] + depth + 1, np.int64)))
                            out[m : m + depth] = path[:depth]
                            out[m + depth] = f
                            m += depth + 1
                            nc += 1
                            if nc >= cptr.shape[0]:
                                cptr = np.concatenate((cptr, np.zeros(cptr.shape[0], np.int64)))
                            cptr[nc] = m
                            found_here += 1
                        continue
                    if w <= s or on_path[w] or tried[w] == token[depth] or depth + 1 >= max_hops:
                        continue
                    tried[w] = token[depth]
                    path[depth] = f
                    on_path[w] = True
                    depth += 1
                    counter += 1
                    token[depth] = counter
                    pos[depth] = _first_after(ids, time, ptr[w], ptr[w + 1], time[f]) if ordered else ptr[w]
                    advanced = True
                    break
                if not advanced:
                    on_path[dst[path[depth - 1]]] = False
                    depth -= 1
    return out[:m], cptr[: nc + 1], work
