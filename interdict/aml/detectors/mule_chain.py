"""Mule chain / random walk: money passed on from account to account, each forwarding what it got.

A *link* joins a hop into account b (see `groups`) to a hop out of b when b forwards the value:
the pieces are the same size within `margin`, or the total sent is `min_passthrough`..(1 + margin)
of the total received (a `min_passthrough` above 1 + margin turns that second rule off); and, when
`time_respecting`, the forward comes after the receipt within `max_delay_days` (otherwise both lie
within `max_delay_days` of each other, for data that schedules a pattern's steps at random, like
the AMLSim 2019 runs). Linked hops form chains (connected components); a chain of at least
`min_hops` hops through distinct accounts (at most `max_accounts`) is an alert.

Benign look-alikes: a salary forwarded to a savings account (one hop: below `min_hops`), bill
payments from a salary (different amounts: no link), ordinary flows joined at a hub (more than
`max_accounts`: dropped). Kept down by the value agreement at every link (pass-through ratio), the
delay bound (time compression) and `min_pieces` (a chain with no hop split into pieces can be
required). An account whose routine payment happens to equal what it received (a tenant paying a
fixed rent, a payroll paying one salary to all) forwards nothing, and a sum that came in as its
payer's routine payment (a salary) and is moved on is ordinary income swept on, not layering:
`max_routine_share` drops a link whose piece size the forwarder, or the payer before it, pays to
more than that share of its payees and to at least `routine_min_payees` of them (a mule forwards
a received sum to one or two of its payees, not to most of them; an account with one payee has no
routine). Each receipt links to at most `max_links` forwards (bounds hubs).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass

import numpy as np
from scipy.sparse import coo_matrix  # type: ignore[import-untyped]
from scipy.sparse.csgraph import connected_components  # type: ignore[import-untyped]

from interdict.aml.alert import TypologyAlert
from interdict.aml.detectors.common import DAY, make_alert, money_range, param, span
from interdict.aml.detectors.groups import Hops, hops
from interdict.aml.table import FloatArray, IntArray, TransferTable


@dataclass(frozen=True, slots=True)
class MuleChainParams:
    """Parameters of the mule-chain detector."""

    min_hops: int = param(3, "hops in a chain, at least")
    margin: float = param(0.02, "pieces the same size within this fraction count as forwarded")
    min_passthrough: float = param(0.9, "or: forwarded total / received total at least this")
    max_delay_days: float = param(3.0, "a forward comes within this many days of the receipt")
    time_respecting: bool = param(True, "a forward must come after the receipt")
    hop_hours: float = param(24.0, "transfers of one pair within this many hours are one hop")
    min_pieces: int = param(1, "some hop of the chain is split into at least this many transfers, or ...")
    min_hops_unsplit: int = param(3, "... the chain has at least this many hops")
    max_links: int = param(50, "forwards linked to one receipt, at most (bounds hubs)")
    max_routine_share: float = param(
        1.0, "a link is dropped when the forwarder or the payer before it pays that piece size (within "
             "margin) to more than this share of its payees: a routine payment, not a forward (1: off)")
    routine_min_payees: int = param(2, "... and to at least this many payees (one payee makes no routine)")
    max_accounts: int = param(60, "chains through more accounts are dropped (ordinary flows joined at hubs)")
    min_score: float = param(0.0, "alerts scoring below this are dropped")


def _links(h: Hops, p: MuleChainParams) -> tuple[IntArray, IntArray]:
    """(receipt hop, forward hop) pairs through a common account, value kept."""
    piece = h.total / h.count
    step = np.log1p(max(p.margin, 1e-6))
    band = np.floor(np.log(np.maximum(piece, 1e-9)) / step).astype(np.int64)
    out_order = np.lexsort((band, h.src))
    out_key = h.src[out_order] * np.int64(1 << 20) + band[out_order]
    ins, outs = [], []
    for shift in (-1, 0, 1):  # neighbouring bands hold pieces within the margin too
        key = h.dst * np.int64(1 << 20) + band + shift
        lo = np.searchsorted(out_key, key, "left")
        hi = np.minimum(np.searchsorted(out_key, key, "right"), lo + p.max_links)
        n = hi - lo
        rec = np.repeat(np.arange(len(h), dtype=np.int64), n)
        offs = np.arange(int(n.sum()), dtype=np.int64) - np.repeat(np.cumsum(n) - n, n)
        ins.append(rec)
        outs.append(out_order[np.repeat(lo, n) + offs])
    r, f = np.concatenate(ins), np.concatenate(outs)
    same_piece = np.abs(piece[f] - piece[r]) <= p.margin * np.maximum(piece[f], piece[r])
    ratio = h.total[f] / np.maximum(h.total[r], 1e-9)
    kept = same_piece | ((ratio >= p.min_passthrough) & (ratio <= 1 + p.margin))
    delay = h.time[f] - h.time[r]
    limit = int(p.max_delay_days * DAY)
    timely = (delay >= 0) & (delay <= limit) if p.time_respecting else np.abs(delay) <= limit
    ok = kept & timely & (h.dst[f] != h.src[r])
    if p.max_routine_share < 1.0:
        share, paid = _routine_share(h, band)
        routine = (share > p.max_routine_share) & (paid >= p.routine_min_payees)
        ok &= ~routine[f] & ~routine[r]
    return r[ok], f[ok]


def _routine_share(h: Hops, band: IntArray) -> tuple[FloatArray, IntArray]:
    """Per hop: (share of its sender's payees, number of them) that the sender pays a piece of
    this size (the hop's margin band or a neighbouring one) at some time. A payee paid in two
    neighbouring bands counts twice, which only makes a payment look more routine."""
    # Not bipartite's `_routine`, on purpose: a mule forwards a sum to one or two payees, so a share
    # of all the sender's payees separates it from a routine; a layer sender pays its whole block one
    # amount, so bipartite counts payees outside the block instead. This one asks it of every hop at
    # once (millions), on hop pieces and the bands `_links` already matched, not per transfer.
    if len(h) == 0:
        return np.zeros(0), np.zeros(0, dtype=np.int64)
    key = h.src * np.int64(1 << 20) + band  # (sender, band), as in `_links`
    keys, per_band = _distinct_per_group(key, h.dst)  # payees paid in each (sender, band)
    senders, payees_of = _distinct_per_group(h.src, h.dst)
    payees = np.zeros(int(h.src.max()) + 1, dtype=np.int64)
    payees[senders] = payees_of
    order = np.argsort(key, kind="stable")  # sorted queries: searchsorted then walks memory in order
    paid = np.zeros(len(h), dtype=np.int64)
    for shift in (-1, 0, 1):
        want = key[order] + shift
        at = np.minimum(np.searchsorted(keys, want), keys.shape[0] - 1)
        paid[order] += np.where(keys[at] == want, per_band[at], 0)
    out: FloatArray = paid / payees[h.src]
    return out, paid


def _distinct_per_group(group: IntArray, item: IntArray) -> tuple[IntArray, IntArray]:
    """Sorted distinct groups and the number of distinct items in each (one lexsort, no
    `np.unique(axis=1)`, which is several times slower on millions of hops)."""
    order = np.lexsort((item, group))
    g, i = group[order], item[order]
    new = np.ones(g.shape[0], dtype=bool)
    new[1:] = (g[1:] != g[:-1]) | (i[1:] != i[:-1])
    firsts = g[new]
    starts = np.flatnonzero(np.append(True, firsts[1:] != firsts[:-1]))
    return firsts[starts], np.diff(np.append(starts, firsts.shape[0]))


def detect_mule_chain(table: TransferTable, params: MuleChainParams) -> list[TypologyAlert]:
    """Chains of accounts each forwarding what it received (value kept, quickly)."""
    h = hops(table, int(params.hop_hours * 3600))
    r, f = _links(h, params)
    if r.size == 0:
        return []
    graph = coo_matrix((np.ones(r.size), (r, f)), shape=(len(h), len(h)))
    _, comp = connected_components(graph, directed=False)
    linked = np.zeros(len(h), dtype=bool)
    linked[r] = True
    linked[f] = True
    chains = np.flatnonzero(linked)
    order = chains[np.argsort(comp[chains], kind="stable")]
    bounds = np.flatnonzero(np.diff(comp[order])) + 1
    alerts = []
    for group in np.split(order, bounds):
        alert = _alert(table, h, group, params)
        if alert is not None:
            alerts.append(alert)
    return alerts


def _alert(table: TransferTable, h: Hops, group: IntArray, p: MuleChainParams) -> TypologyAlert | None:
    accounts = np.unique(np.concatenate([h.src[group], h.dst[group]]))
    if len(group) < p.min_hops or not p.min_hops + 1 <= len(accounts) <= p.max_accounts:
        return None
    if int(h.count[group].max()) < p.min_pieces and len(group) < p.min_hops_unsplit:
        return None
    ids = np.concatenate([h.members(int(x)) for x in group])
    amounts = table.amount[ids]
    pieces = h.total[group] / h.count[group]
    agreement = 1.0 - float((pieces.max() - pieces.min()) / pieces.max()) if pieces.max() > 0 else 0.0
    duration = int(table.time[ids].max() - table.time[ids].min())
    score = 0.4 + 0.3 * agreement + 0.3 * min(1.0, len(group) / 5)
    first = group[np.argmin(h.time[group])]
    text = (f"{len(accounts)} accounts passed {money_range(pieces)} on, starting from "
            f"{table.accounts[int(h.src[first])]}, over {len(group)} hops {span(duration)}.")
    evidence = {"hops": len(group), "accounts": len(accounts), "piece_agreement": round(agreement, 4),
                "duration_seconds": duration, "params": asdict(p)}
    members = accounts.tolist()
    return make_alert(table, "mule_chain", ids, score, text, evidence, members, float(amounts.sum()))
