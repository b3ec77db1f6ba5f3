"""The fan kernel shared by fan-in, fan-out, scatter-gather and gather-scatter.

A *fan event* at a hub account: within one time window, at least `k` distinct counterparties whose
transfers with the hub have near-equal amounts (all inside one band `[lo, lo * (1 + tolerance)]`),
and that band holds at least `min_share` of the hub's transfers in the window.

Why the band and the share: a launderer splitting (or collecting) a sum uses similar amounts in a
short time, and the hub does little else meanwhile; a payroll account pays salaries of many sizes
besides, and a merchant's receipts spread over every price, so neither concentrates its traffic in
one narrow band. A window holding more than `cap` transfers is cut to its first `cap` (a payment
processor), and a window that does not fire moves on by a quarter of its transfers (a fan within
three quarters of a window is still seen whole): the work per account is O(d log w), not O(d w).

Compiled (numba) because it slides over every account's transfers: the loop is per window, per
band, per transfer, which numpy cannot express without materialising every window.
"""

from __future__ import annotations

import numpy as np
from numba import njit

from interdict.aml.table import FloatArray, IntArray


@njit(cache=True, nogil=True)
def _best_band(
    amounts: FloatArray, cps: IntArray, tol: float, seen: IntArray, k: int, min_n: float, per_cp: float
) -> tuple[float, float, int, int]:
    """The amount band with the most transfers among those with at least `k` distinct
    counterparties, `min_n` transfers and `per_cp` transfers per counterparty:
    (lo, hi, transfers in it, distinct counterparties), 0 transfers if none qualifies.
    `seen` is a zeroed per-account scratch array, left zeroed."""
    order = np.argsort(amounts)
    a = amounts[order]
    c = cps[order]
    best_d, best_n, best_lo = 0, 0, 0
    lo = 0
    distinct = 0
    for hi in range(a.shape[0]):
        seen[c[hi]] += 1
        if seen[c[hi]] == 1:
            distinct += 1
        while a[hi] > a[lo] * (1.0 + tol):
            seen[c[lo]] -= 1
            if seen[c[lo]] == 0:
                distinct -= 1
            lo += 1
        n = hi - lo + 1
        if distinct >= k and n >= min_n and n >= per_cp * distinct and n > best_n:
            best_d, best_n, best_lo = distinct, n, lo
    for i in range(lo, a.shape[0]):
        seen[c[i]] = 0
    if best_n == 0:
        return 0.0, 0.0, 0, 0
    return a[best_lo], a[best_lo + best_n - 1], best_n, best_d


@njit(cache=True, nogil=True)
def fan_events(
    ptr: IntArray,
    ids: IntArray,
    counterpart: IntArray,
    amount: FloatArray,
    time: IntArray,
    window: int,
    tol: float,
    k: int,
    min_share: float,
    cap: int,
    min_transfers: int,
    per_cp: float,
) -> tuple[IntArray, IntArray, IntArray, FloatArray, FloatArray]:
    """Fan events of every account over its CSR `(ptr, ids)`: (hub, first, stop, lo, hi) arrays.

    `ids[first:stop]` are the hub's transfers in the event's window; those with amount in `[lo, hi]`
    form the fan. At most one event per window; windows of one hub do not overlap.
    """
    n = ptr.shape[0] - 1
    cap_out = ids.shape[0] // max(k, 1) + 1
    hubs = np.empty(cap_out, np.int64)
    firsts = np.empty(cap_out, np.int64)
    stops = np.empty(cap_out, np.int64)
    los = np.empty(cap_out, np.float64)
    his = np.empty(cap_out, np.float64)
    m = 0
    seen = np.zeros(n, np.int64)
    for h in range(n):
        start, end = ptr[h], ptr[h + 1]
        if end - start < k:
            continue
        i = start
        last_stop = -1
        j = start
        while i < end and end - i >= k:
            if j < i:
                j = i
            while j < end and time[ids[j]] - time[ids[i]] <= window:
                j += 1
            stop = min(j, i + cap)
            if stop == last_stop or stop - i < k:  # a sub-window of the last one, or too few
                i += 1
                continue
            last_stop = stop
            sel = ids[i:stop]
            need = max(float(min_transfers), min_share * (stop - i))
            lo, hi, count, _ = _best_band(amount[sel], counterpart[sel], tol, seen, k, need, per_cp)
            if count > 0:
                hubs[m], firsts[m], stops[m], los[m], his[m] = h, i, stop, lo, hi
                m += 1
                i = stop  # the next event starts after this window
                last_stop = -1
            else:
                # The next window shares three quarters of this one: a fan that fits in 3/4 of a
                # window is still seen whole, and a busy account costs d/(w/4) band searches, not d.
                i += max(1, (stop - i) // 4)
    return hubs[:m], firsts[:m], stops[:m], los[:m], his[:m]


def fan_members(ids: IntArray, amount: FloatArray, first: int, stop: int, lo: float, hi: float) -> IntArray:
    """The transfers of one event: those of its window whose amount is inside its band."""
    sel = ids[first:stop]
    a = amount[sel]
    out: IntArray = sel[(a >= lo) & (a <= hi)]
    return out
