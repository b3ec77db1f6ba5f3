"""Backward trace: where did the money of this deposit come from (haircut attribution)?

Each output's value is attributed to its transaction's inputs in proportion to their values (newly
minted value to "(newly mined)"), hop by hop, until a tagged address (an origin worth naming), the
edge of the loaded data, or the hop limit. In the account model, a transfer is attributed to what the
sender had received before it, in proportion, and the rest to the sender's unexplained balance.
The attributed amounts always add up to the deposit's value.
"""

from __future__ import annotations

import heapq
from bisect import bisect_left
from collections import defaultdict
from collections.abc import Collection, Sequence
from dataclasses import dataclass, field

from interdict.core.errors import NotFoundError
from interdict.core.transfer import Transfer
from interdict.tracing.graph import UtxoGraph
from interdict.tracing.policies.policy import apportion
from interdict.tracing.policies.taint_utxo import resolve_sources

MINED = "(newly mined)"


@dataclass
class BackResult:
    """Origins of a deposit's value; values in base units, summing to `deposit_value`."""

    deposit: str
    deposit_value: int = 0
    origins: dict[str, int] = field(default_factory=dict)  # address -> attributed value
    hops: dict[str, int] = field(default_factory=dict)
    tagged: dict[str, int] = field(default_factory=dict)  # the part of origins at tagged addresses
    unexplored: int = 0  # value whose origin lies beyond the hop limit

    @property
    def balanced(self) -> bool:
        """True if origins + unexplored add up to the deposit value."""
        return sum(self.origins.values()) + self.unexplored == self.deposit_value


def _credit(res: BackResult, address: str, value: int, hop: int) -> None:
    if value <= 0:
        return
    res.origins[address] = res.origins.get(address, 0) + value
    res.hops[address] = min(res.hops.get(address, hop), hop)


def trace_back_utxo(
    g: UtxoGraph, deposit: str, max_hops: int | None = None, stop_at: Collection[int] = frozenset()
) -> BackResult:
    """Attribute the value `deposit` (address, tx or txid:n) received to its origins."""
    seeds, _ = resolve_sources(g, [deposit])
    res = BackResult(deposit)
    pending: dict[int, int] = defaultdict(int)  # output id -> value to explain
    hop: dict[int, int] = {}
    heap: list[int] = []
    for o in seeds:
        res.deposit_value += int(g.out_value[o])
        pending[o] += int(g.out_value[o])
        hop[o] = 0
        heapq.heappush(heap, -int(g.out_tx[o]))
    done: set[int] = set()
    while heap:
        tx = -heapq.heappop(heap)
        if tx in done:
            continue
        done.add(tx)
        outs = [int(o) for o in g.outputs(tx) if int(o) in pending]
        amount = sum(pending.pop(o) for o in outs)
        h = min(hop[o] for o in outs) + 1
        ins = [int(o) for o in g.inputs(tx)]
        vals = [int(g.out_value[o]) for o in ins]
        minted = max(int(g.out_value[g.outputs(tx)].sum()) - sum(vals), 0)
        shares = apportion(amount, [*vals, minted])
        if shares[-1]:
            _credit(res, MINED, shares[-1], h)
        for o, share in zip(ins, shares, strict=False):
            if share:
                _follow(g, res, o, share, h, max_hops, stop_at, pending, hop, heap)
    return res


def _follow(
    g: UtxoGraph,
    res: BackResult,
    o: int,
    share: int,
    h: int,
    max_hops: int | None,
    stop_at: Collection[int],
    pending: dict[int, int],
    hop: dict[int, int],
    heap: list[int],
) -> None:
    addr = int(g.out_addr[o])
    if addr in stop_at:
        _credit(res, g.addresses[addr], share, h)
        res.tagged[g.addresses[addr]] = res.tagged.get(g.addresses[addr], 0) + share
    elif int(g.out_tx[o]) < 0 or (max_hops is not None and h >= max_hops):
        if int(g.out_tx[o]) < 0:
            _credit(res, g.addresses[addr], share, h)
        else:
            res.unexplored += share
    else:
        pending[o] += share
        hop[o] = min(hop.get(o, h), h)
        heapq.heappush(heap, -int(g.out_tx[o]))


def trace_back_account(
    transfers: Sequence[Transfer],
    deposit: str,
    max_hops: int | None = None,
    stop_at: Collection[str] = frozenset(),
) -> BackResult:
    """Attribute what account `deposit` received (or transfer id `deposit` carried) to its origins."""
    incoming: dict[str, list[Transfer]] = defaultdict(list)
    rank: dict[int, int] = {}  # a strict order (time, then file order) so that the walk ends
    for i, t in enumerate(sorted(transfers, key=lambda t: t.time or 0)):
        incoming[t.receiver].append(t)
        rank[id(t)] = i
    ranks = {a: [rank[id(t)] for t in ts] for a, ts in incoming.items()}
    if deposit in incoming:
        start = incoming[deposit]
    else:
        start = [t for t in transfers if t.tx_id == deposit]
        if not start:
            raise NotFoundError(f"deposit {deposit}: not an address or transfer id in the loaded data")
    res = BackResult(deposit)
    work: list[tuple[Transfer, int, int]] = [(t, t.amount, 1) for t in start if t.amount > 0]
    res.deposit_value = sum(t.amount for t in start)
    while work:
        t, amount, h = work.pop()
        s = t.sender
        if s in stop_at:
            _credit(res, s, amount, h)
            res.tagged[s] = res.tagged.get(s, 0) + amount
            continue
        before = incoming.get(s, [])[: bisect_left(ranks.get(s, []), rank[id(t)])]
        if not before or (max_hops is not None and h >= max_hops):
            if before:
                res.unexplored += amount
            else:
                _credit(res, s, amount, h)
            continue
        got = sum(b.amount for b in before)
        shares = apportion(amount, [b.amount for b in before] + [max(amount - got, 0)])
        if shares[-1]:
            _credit(res, s, shares[-1], h)  # more than the data shows it received: unexplained balance
        work.extend((b, sh, h + 1) for b, sh in zip(before, shares, strict=False) if sh)
    return res
