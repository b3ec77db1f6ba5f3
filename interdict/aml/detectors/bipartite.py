"""Bipartite: a set of senders each paying (most of) a set of receivers, near-equal amounts, in a
short time - money pushed through a layer of accounts. `stack` chains such layers.

Found with sparse algebra (scipy): receivers sharing at least `min_side` senders are joined
(`Mᵀ·M` over the sender x receiver matrix), each joined group R with the senders paying at least
`min_side` of it (S) is a block, kept when |S|, |R| >= `min_side`, at least `min_density` of the
|S|·|R| pairs transfer, the amounts agree within `amount_tolerance` and it all falls within
`window_days`. Accounts with more than `max_degree` distinct counterparties (payment processors,
large merchants) are left out, which also bounds `Mᵀ·M`.

Benign look-alikes: neighbours paying the same two shops or utilities (shops have many
counterparties: `max_degree`; bills differ: `amount_tolerance`; spread over months: `window_days`).
Two employers that each pay one salary to all their staff, or two tenants of one landlord, form a
block by chance when they share two payees: with `routine_outside` a sender is left out when it
pays the block's amount (within `routine_margin`) to at least that many payees outside the block
and to more outside than inside it - its routine payment, not a push through a layer, whose
sender pays the layer and not others (off by default).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass

import numpy as np
from scipy.sparse import coo_matrix, csr_matrix  # type: ignore[import-untyped]
from scipy.sparse.csgraph import connected_components  # type: ignore[import-untyped]

from interdict.aml.alert import TypologyAlert
from interdict.aml.detectors.common import DAY, make_alert, memo, money_range, param, regularity, span
from interdict.aml.table import IntArray, TransferTable


@dataclass(frozen=True, slots=True)
class BipartiteParams:
    """Parameters of the bipartite (and stack) detector."""

    min_side: int = param(2, "senders and receivers in a block, each at least")
    min_density: float = param(0.75, "share of sender-receiver pairs that transfer, at least")
    amount_tolerance: float = param(0.5, "largest transfer at most (1 + this) x the smallest")
    window_days: float = param(10.0, "the block's transfers fall within this many days")
    max_degree: int = param(50, "accounts with more distinct counterparties are left out")
    routine_outside: int = param(
        0, "a sender paying the block's amount to at least this many payees outside the block, and to "
           "more outside than inside, is left out: a routine payment (0: off)")
    routine_margin: float = param(0.005, "amounts within this fraction count as the same routine payment")
    min_score: float = param(0.0, "alerts scoring below this are dropped")


@dataclass(frozen=True, slots=True)
class Block:
    """One bipartite block: senders, receivers (dense ids) and its transfers."""

    senders: IntArray
    receivers: IntArray
    ids: IntArray
    density: float


def _pairs(table: TransferTable, p: BipartiteParams) -> tuple[IntArray, IntArray]:
    pair = np.unique(table.src * np.int64(table.n_accounts) + table.dst)
    s, d = pair // table.n_accounts, pair % table.n_accounts
    out_deg = np.bincount(s, minlength=table.n_accounts)
    in_deg = np.bincount(d, minlength=table.n_accounts)
    keep = (out_deg[s] <= p.max_degree) & (in_deg[d] <= p.max_degree) & (s != d)
    return s[keep], d[keep]


def blocks(table: TransferTable, p: BipartiteParams) -> list[Block]:
    """Every block meeting the parameters (computed once per table)."""
    found: list[Block] = memo(table, ("blocks", p), lambda: _blocks(table, p))
    return found


def _blocks(table: TransferTable, p: BipartiteParams) -> list[Block]:
    s, d = _pairs(table, p)
    n = table.n_accounts
    m = csr_matrix((np.ones(s.size, dtype=np.int32), (s, d)), shape=(n, n))
    co = (m.T @ m).tocoo()
    keep = (co.row != co.col) & (co.data >= p.min_side)
    if not keep.any():
        return []
    joined = coo_matrix((np.ones(int(keep.sum())), (co.row[keep], co.col[keep])), shape=(n, n))
    _, comp = connected_components(joined, directed=False)
    members = np.unique(np.concatenate([co.row[keep], co.col[keep]]))
    out: list[Block] = []
    for c in np.unique(comp[members]).tolist():
        block = _block(table, m, members[comp[members] == c], p)
        if block is not None:
            out.append(block)
    return out


def _block(table: TransferTable, m: csr_matrix, receivers: IntArray, p: BipartiteParams) -> Block | None:
    counts = np.asarray(m[:, receivers].sum(axis=1)).ravel()
    senders = np.flatnonzero(counts >= p.min_side)
    if p.routine_outside > 0:
        kept = [x for x in senders.tolist() if not _routine(table, x, receivers, p)]
        senders = np.array(kept, dtype=np.int64)
    if len(senders) < p.min_side or len(receivers) < p.min_side:
        return None
    density = float(counts[senders].sum()) / (len(senders) * len(receivers))
    incoming = table.incoming
    into = np.concatenate([incoming.of(int(r)) for r in receivers])
    ids = np.sort(into[np.isin(table.src[into], senders)])
    amounts, times = table.amount[ids], table.time[ids]
    if (density < p.min_density or amounts.max() > amounts.min() * (1 + p.amount_tolerance)
            or times.max() - times.min() > p.window_days * DAY):
        return None
    return Block(senders, receivers, ids, density)


def _routine(table: TransferTable, sender: int, receivers: IntArray, p: BipartiteParams) -> bool:
    """Whether `sender` pays its block amount (the median of its transfers into `receivers`) to at
    least `routine_outside` payees outside the block and to more outside than inside."""
    # Not mule_chain's `_routine_share`, on purpose: paying one amount to many payees is what a
    # layer sender does to its block, so a share of all payees would call every layer routine
    # (3 of 3 payees): only payees outside the block count here. It runs per sender of a candidate
    # block on raw transfers, with an exact margin around the block's median; mule_chain's runs
    # vectorised over every hop, on hop pieces, with that detector's log-bands.
    out = table.outgoing.of(sender)
    inside = np.isin(table.dst[out], receivers)
    piece = float(np.median(table.amount[out[inside]]))
    same = np.abs(table.amount[out] - piece) <= p.routine_margin * piece
    outside = np.unique(table.dst[out[same & ~inside]]).size
    return bool(outside >= p.routine_outside and outside > np.unique(table.dst[out[same & inside]]).size)


def detect_bipartite(table: TransferTable, params: BipartiteParams) -> list[TypologyAlert]:
    """Senders each paying most of a set of receivers, near-equal amounts, within days."""
    alerts = []
    for b in blocks(table, params):
        amounts = table.amount[b.ids]
        score = 0.4 + 0.3 * b.density + 0.3 * regularity(amounts)
        if score < params.min_score:
            continue
        dur = int(table.time[b.ids].max() - table.time[b.ids].min())
        text = (f"{len(b.senders)} accounts each paid most of the same {len(b.receivers)} accounts "
                f"{money_range(amounts)} ({len(b.ids)} transfers, {b.density:.0%} of the pairs), "
                f"{span(dur)}.")
        evidence = {"senders": len(b.senders), "receivers": len(b.receivers), "density": round(b.density, 4),
                    "params": asdict(params)}
        alerts.append(make_alert(table, "bipartite", b.ids, score, text, evidence,
                                 [*b.senders.tolist(), *b.receivers.tolist()]))
    return alerts
