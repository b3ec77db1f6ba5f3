"""Per-transfer features for the learned ranker: the transfer itself and its two accounts at that time.

Every feature of transfer i (time t = `time[i]` in Unix seconds, sender s = `src[i]`, receiver
r = `dst[i]`, amount x = `amount[i]`) looks only at transfers with time <= t: nothing from the
future, so the same numbers can be computed on a stream. The definitions below are the contract;
a re-expression (e.g. Spark SQL) must give the same numbers, to float rounding (the matrix holds
float32; the sums are accumulated in float64).

**Windows.** For an account a and a width W in {1d = 86,400 s, 7d = 604,800 s}, the window of a at
t is the set of a's transfers (sent, or received, as named) with time in [t - W, t], both ends
inclusive, so it holds the current transfer and every transfer at the same second (in Spark SQL:
`RANGE BETWEEN W PRECEDING AND CURRENT ROW` over `PARTITION BY account ORDER BY time`, which includes
peers). Amounts are summed as given, whatever their currency (no conversion).

**Account features**, computed for the sender at t (prefix `s_`) and the receiver at t (prefix `r_`);
`{io}` is `out` (transfers a sent) or `in` (transfers a received), `{w}` is `1d` or `7d`:

- `{io}_n_{w}`: number of transfers in the window (count).
- `{io}_sum_{w}`: sum of their amounts.
- `{io}_cp_{w}`: number of distinct counterparties among them (receivers for `out`, senders for `in`;
  Spark: `size(collect_set(cp) OVER w)`). Fan-out / fan-in degree.
- `{io}_cv_{w}`: coefficient of variation of their amounts, population standard deviation over mean:
  `sqrt(max(0, sum(x^2)/n - (sum(x)/n)^2)) / (sum(x)/n)`; 0 when n < 2 or the mean is 0.
  Low for near-equal amounts (structuring), but also for payroll and bills.
- `{io}_round_7d`: share of the 7d window's amounts that are round: x >= 100 and round(100 x) is a
  multiple of 10,000 (a whole multiple of 100 to the cent); 0 for an empty window.
- `{io}_near_7d`: share of the 7d window's amounts just under the reporting threshold:
  9,000 <= x < 10,000; 0 for an empty window.
- `pass_{w}`: pass-through ratio, `out_sum_{w} / in_sum_{w}` when `in_sum_{w} > 0`, else -1
  (received nothing in the window). Near 1 for a mule that forwards what it receives.
- `age`: t - the account's first time in the whole table (as sender or receiver), seconds.
- `compress`: time compression, `(in_n_1d + out_n_1d) / (in_n_7d + out_n_7d)`: the share of the
  week's activity that fell in the last day (in (0, 1], the window holds the transfer itself).

Plus, for the sender only, `s_since_in` = t - the time of the sender's latest received transfer in
its 7d window (time <= t), or -1 if none (how long money stayed before moving on); and for the
receiver only, `r_since_out` = t - the time of the receiver's latest sent transfer in its 7d window,
or -1 if none.

**Transfer features**:

- `amount` (x), `log_amount` = ln(1 + x), `is_round` and `is_near` (x as defined above, 0/1).
- `hour` = (t mod 86,400) // 3,600 (UTC) and `weekday` = (t // 86,400 + 3) mod 7 (Monday = 0).
- `amount_vs_mean` = x / (s_out_sum_7d / s_out_n_7d): the amount against the sender's mean sent
  amount over 7 days (the window holds the transfer, so the mean is > 0 when x > 0; 0 otherwise).
- `pair_prior` = number of transfers s -> r with time < t (strictly earlier; 0 = a new counterparty),
  `rev_prior` = number of transfers r -> s with time < t (money coming back).
- `cur_change` = 1 if the currency of the sender's latest received transfer in its 7d window (the
  one defining `s_since_in`; among equal times, the latest in table order) differs from this
  transfer's currency, 0 if the same, -1 if the sender received nothing in the window.
- `self_transfer` = 1 if s == r.

`TransferTable` has no payment format, so no format-change feature exists here.

Why numba: the windows are sliding two-pointer scans over each account's time-ordered transfers
with a per-counterparty count for the distinct degree; numpy has no sliding distinct count, and a
compiled loop does 5 million transfers in seconds.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt
from numba import njit

from interdict.aml.table import IntArray, TransferTable

DAY = 86_400
WINDOWS: tuple[tuple[str, int], ...] = (("1d", DAY), ("7d", 7 * DAY))
_W1, _W7 = DAY, 7 * DAY  # the widths again, as plain ints for the compiled scan
NEAR_LOW, NEAR_HIGH = 9_000.0, 10_000.0

F32 = npt.NDArray[np.float32]
F64 = npt.NDArray[np.float64]


@dataclass(frozen=True)
class Features:
    """A feature matrix: one row per transfer of the table (same order), one column per name."""

    names: tuple[str, ...]
    values: F32

    def column(self, name: str) -> F32:
        """One feature's column."""
        return self.values[:, self.names.index(name)]


def _account_names(prefix: str) -> list[str]:
    names: list[str] = []
    for io in ("out", "in"):  # one window scan fills these ten columns, in this order
        names += [f"{prefix}_{io}_{k}_{w}" for w, _ in WINDOWS for k in ("n", "sum", "cp", "cv")]
        names += [f"{prefix}_{io}_round_7d", f"{prefix}_{io}_near_7d"]
    names += [f"{prefix}_pass_{w}" for w, _ in WINDOWS]
    names += [f"{prefix}_age", f"{prefix}_compress"]
    names.append("s_since_in" if prefix == "s" else "r_since_out")
    return names


TRANSFER_NAMES = ("amount", "log_amount", "is_round", "is_near", "hour", "weekday", "amount_vs_mean",
                  "pair_prior", "rev_prior", "cur_change", "self_transfer")
FEATURE_NAMES: tuple[str, ...] = (*TRANSFER_NAMES, *_account_names("s"), *_account_names("r"))


@njit(cache=True)
def _is_round(x: float) -> bool:
    return x >= 100.0 and np.round(x * 100.0) % 10_000.0 == 0.0


@njit(cache=True)
def _window_scan(q_ptr: IntArray, q_ids: IntArray, e_ptr: IntArray, e_ids: IntArray, time: IntArray,
                 amount: F64, cp: IntArray, n_accounts: int, out: F32, c0: int) -> IntArray:
    """For each account's query transfers (in time order), stats of its events in [t - W, t].

    Writes, in the row of each query transfer and the ten columns of `out` from `c0` (in
    `_account_names` order): n, sum, distinct counterparties and cv for 1 day then 7 days, round and
    near shares for 7 days. Returns the id of the latest event within 7 days (-1 if none) per row.
    """
    widths = (_W1, _W7)
    latest = np.full(q_ids.shape[0], -1, dtype=np.int64)
    seen = np.zeros((2, n_accounts), dtype=np.int64)
    for a in range(q_ptr.shape[0] - 1):
        lo = np.full(2, e_ptr[a])
        hi, end = e_ptr[a], e_ptr[a + 1]
        n, distinct = np.zeros(2, dtype=np.int64), np.zeros(2, dtype=np.int64)
        s, s2 = np.zeros(2), np.zeros(2)
        rnd = near = 0
        for k in range(q_ptr[a], q_ptr[a + 1]):
            t = time[q_ids[k]]
            while hi < end and time[e_ids[hi]] <= t:
                j = e_ids[hi]
                x = amount[j]
                for w in range(2):
                    n[w] += 1
                    s[w] += x
                    s2[w] += x * x
                    distinct[w] += seen[w, cp[j]] == 0
                    seen[w, cp[j]] += 1
                rnd += _is_round(x)
                near += NEAR_LOW <= x < NEAR_HIGH
                hi += 1
            row = q_ids[k]
            for w in range(2):
                while lo[w] < hi and time[e_ids[lo[w]]] < t - widths[w]:
                    j = e_ids[lo[w]]
                    x = amount[j]
                    n[w] -= 1
                    s[w] -= x
                    s2[w] -= x * x
                    seen[w, cp[j]] -= 1
                    distinct[w] -= seen[w, cp[j]] == 0
                    if w == 1:
                        rnd -= _is_round(x)
                        near -= NEAR_LOW <= x < NEAR_HIGH
                    lo[w] += 1
                if n[w] == 0:  # drop the float residue of adding and removing
                    s[w] = s2[w] = 0.0
                c = c0 + 4 * w
                out[row, c] = n[w]
                out[row, c + 1] = s[w]
                out[row, c + 2] = distinct[w]
                cv = 0.0
                if n[w] >= 2 and s[w] > 0:
                    mean = s[w] / n[w]
                    cv = np.sqrt(max(0.0, s2[w] / n[w] - mean * mean)) / mean
                out[row, c + 3] = cv
            out[row, c0 + 8] = rnd / n[1] if n[1] > 0 else 0.0
            out[row, c0 + 9] = near / n[1] if n[1] > 0 else 0.0
            if n[1] > 0:
                latest[row] = e_ids[hi - 1]
        for w in range(2):  # leave the counts clean for the next account
            for i in range(lo[w], hi):
                seen[w, cp[e_ids[i]]] -= 1
    return latest


@njit(cache=True)
def _prior_count(keys: IntArray, times: IntArray, qkeys: IntArray, qtimes: IntArray) -> IntArray:
    """Per query (both lists sorted by key then time): rows with the same key and an earlier time.

    One merge pass over the two sorted lists; the result is in the queries' sorted order.
    """
    out = np.zeros(qkeys.shape[0], dtype=np.int64)
    i = run = 0  # keys[run:i] are the rows of key keys[i - 1] passed so far
    for q in range(qkeys.shape[0]):
        k, t = qkeys[q], qtimes[q]
        while i < keys.shape[0] and (keys[i] < k or (keys[i] == k and times[i] < t)):
            if i == 0 or keys[i] != keys[i - 1]:
                run = i
            i += 1
        if i > 0 and keys[i - 1] == k:
            out[q] = i - run
    return out


class _Matrix:
    """The float32 feature matrix, filled column by column (column-major, so each write is contiguous)."""

    def __init__(self, n: int) -> None:
        self.values = np.empty((n, len(FEATURE_NAMES)), dtype=np.float32, order="F")
        self.index = {name: c for c, name in enumerate(FEATURE_NAMES)}

    def put(self, name: str, column: npt.ArrayLike) -> None:
        self.values[:, self.index[name]] = column

    def get(self, name: str) -> F32:
        return self.values[:, self.index[name]]


def _side(m: _Matrix, table: TransferTable, side: str, first_seen: IntArray) -> IntArray:
    """Fill the account features of one side ("s": sender rows, "r": receiver rows).

    Returns the id of the account's latest received (for "s") or sent (for "r") transfer in 7 days.
    """
    query, owner = (table.outgoing, table.src) if side == "s" else (table.incoming, table.dst)
    t, amount = table.time, np.ascontiguousarray(table.amount, dtype=np.float64)
    last: dict[str, IntArray] = {}
    for io, events, cp in (("out", table.outgoing, table.dst), ("in", table.incoming, table.src)):
        last[io] = _window_scan(query.ptr, query.ids, events.ptr, events.ids, t, amount, cp,
                                table.n_accounts, m.values, m.index[f"{side}_{io}_n_1d"])
    for w, _ in WINDOWS:
        inflow, outflow = m.get(f"{side}_in_sum_{w}"), m.get(f"{side}_out_sum_{w}")
        ratio = np.divide(outflow, inflow, out=np.full_like(inflow, -1.0), where=inflow > 0)
        m.put(f"{side}_pass_{w}", ratio)
    m.put(f"{side}_age", t - first_seen[owner])
    n1 = m.get(f"{side}_in_n_1d") + m.get(f"{side}_out_n_1d")
    m.put(f"{side}_compress", n1 / (m.get(f"{side}_in_n_7d") + m.get(f"{side}_out_n_7d")))
    latest = last["in"] if side == "s" else last["out"]
    m.put("s_since_in" if side == "s" else "r_since_out",
          np.where(latest >= 0, t - t[np.maximum(latest, 0)], -1))
    return latest


def _first_seen(table: TransferTable) -> IntArray:
    """Each account's first time in the table (the CSR lists are in time order)."""
    first = np.full(table.n_accounts, np.iinfo(np.int64).max, dtype=np.int64)
    for c in (table.outgoing, table.incoming):
        has = np.diff(c.ptr) > 0
        first[has] = np.minimum(first[has], table.time[c.ids[c.ptr[:-1][has]]])
    return first


def _pair_priors(table: TransferTable) -> tuple[IntArray, IntArray]:
    """Earlier transfers on the same pair (s -> r) and on the reverse pair (r -> s)."""
    n_acc = np.int64(max(table.n_accounts, 1))
    key, rkey = table.src * n_acc + table.dst, table.dst * n_acc + table.src
    order = np.argsort(key, kind="stable")  # stable: times stay sorted within a key
    keys, times = key[order], table.time[order]
    pair = np.empty(table.n_transfers, dtype=np.int64)
    pair[order] = _prior_count(keys, times, keys, times)
    rorder = np.argsort(rkey, kind="stable")
    rev = np.empty(table.n_transfers, dtype=np.int64)
    rev[rorder] = _prior_count(keys, times, rkey[rorder], table.time[rorder])
    return pair, rev


def _own(m: _Matrix, table: TransferTable, last_in: IntArray) -> None:
    """Fill the transfer's own features."""
    t, x = table.time, table.amount.astype(np.float64)
    m.put("amount", x)
    m.put("log_amount", np.log1p(np.maximum(x, 0.0)))
    m.put("is_round", (x >= 100) & (np.round(x * 100) % 10_000 == 0))
    m.put("is_near", (x >= NEAR_LOW) & (x < NEAR_HIGH))
    m.put("hour", (t % DAY) // 3600)
    m.put("weekday", (t // DAY + 3) % 7)
    mean = m.get("s_out_sum_7d").astype(np.float64) / np.maximum(m.get("s_out_n_7d"), 1)
    m.put("amount_vs_mean", np.divide(x, mean, out=np.zeros_like(x), where=mean > 0))
    pair, rev = _pair_priors(table)
    m.put("pair_prior", pair)
    m.put("rev_prior", rev)
    m.put("cur_change", np.where(last_in >= 0, table.currency[np.maximum(last_in, 0)] != table.currency, -1))
    m.put("self_transfer", table.src == table.dst)


def transfer_features(table: TransferTable) -> Features:
    """The feature matrix of every transfer of `table` (see the module docstring for each column)."""
    m = _Matrix(table.n_transfers)
    first = _first_seen(table)
    last_in = _side(m, table, "s", first)
    _side(m, table, "r", first)
    _own(m, table, last_in)
    return Features(FEATURE_NAMES, m.values)
