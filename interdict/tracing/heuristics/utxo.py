"""Named, composable heuristics on a UTXO ledger. Each returns its evidence, never a bare verdict.

- `looks_like_coinjoin`: several owners mixing into equal-valued outputs.
- `multi_input_clusters`: addresses spent together in one transaction share an owner, except in a
  transaction a guard (by default `looks_like_coinjoin`) rejects. Each cluster lists the
  transactions that joined it.
- `change_output`: which output of a two-output payment returns to the payer, and why.
- `peel_chains`: one-in, two-out transactions where the larger output feeds the next such step.
- `exchange_deposits`: addresses swept into a tagged exchange wallet.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Collection
from dataclasses import dataclass, field

from interdict.tracing.graph import UtxoGraph

TxGuard = Callable[[UtxoGraph, int], bool]


def looks_like_coinjoin(g: UtxoGraph, tx: int) -> bool:
    """Two or more input owners and at least three outputs, half or more of them of one value."""
    ins, outs = g.inputs(tx), g.outputs(tx)
    if len({int(a) for a in g.out_addr[ins]}) < 2 or len(outs) < 3:
        return False
    _, count = Counter(int(v) for v in g.out_value[outs]).most_common(1)[0]
    return count >= 2 and count * 2 >= len(outs)


def flagged(tx_hashes: Collection[str]) -> TxGuard:
    """A guard from an external list of CoinJoin transactions (e.g. a data provider's flags)."""
    hashes = set(tx_hashes)
    return lambda g, tx: g.tx_hash[tx] in hashes


@dataclass
class Cluster:
    """Addresses believed to share an owner, with the transactions that joined them."""

    addresses: list[str]
    evidence: list[str] = field(default_factory=list)  # tx hashes spending several of them together


def _clusterable(address: str) -> bool:
    # multisig outputs and bare scripts have no single owner to join on
    return not address.startswith(("multisig(", "script:", "?"))


def multi_input_clusters(g: UtxoGraph, guard: TxGuard | None = looks_like_coinjoin) -> list[Cluster]:
    """Union-find over the input addresses of each transaction the guard does not reject."""
    parent = list(range(len(g.addresses)))

    def find(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    evidence: dict[int, list[str]] = {}
    for tx in range(g.n_tx):
        addrs = sorted({int(a) for a in g.out_addr[g.inputs(tx)] if _clusterable(g.addresses[int(a)])})
        if len(addrs) < 2 or (guard is not None and guard(g, tx)):
            continue
        root = find(addrs[0])
        for a in addrs[1:]:
            ra = find(a)
            if ra != root:
                parent[ra] = root
        evidence.setdefault(addrs[0], []).append(g.tx_hash[tx])
    members: dict[int, list[int]] = {}
    for a in range(len(g.addresses)):
        members.setdefault(find(a), []).append(a)
    clusters = []
    for ids in members.values():
        ev = [h for a in ids for h in evidence.get(a, [])]
        clusters.append(Cluster([g.addresses[a] for a in ids], sorted(set(ev))))
    return clusters


def cluster_of(clusters: list[Cluster], address: str) -> Cluster | None:
    """The cluster holding `address`, if any."""
    return next((c for c in clusters if address in c.addresses), None)


def _decimals(value: int) -> int:
    """Significant satoshi digits: round payments (0.1 BTC) have few, change has many."""
    s = str(value).rstrip("0")
    return len(s)


def change_output(g: UtxoGraph, tx: int) -> tuple[int, str] | None:
    """The change output of a two-output transaction and the reason, or None if unclear."""
    outs = [int(o) for o in g.outputs(tx)]
    ins = g.inputs(tx)
    if len(outs) != 2 or len(ins) == 0:
        return None
    in_addrs = {int(a) for a in g.out_addr[ins]}
    back = [o for o in outs if int(g.out_addr[o]) in in_addrs]
    if len(back) == 1:
        return back[0], "pays back to an input address"
    d = [_decimals(int(g.out_value[o])) for o in outs]
    if abs(d[0] - d[1]) >= 3:
        change = outs[0] if d[0] > d[1] else outs[1]
        return change, "the other output is a round amount"
    fresh = [o for o in outs if int(g.received(int(g.out_addr[o]))[0]) == o]
    if len(fresh) == 1:
        return fresh[0], "only output to a never-used address"
    return None


@dataclass(frozen=True, slots=True)
class PeelChain:
    """Consecutive peel steps: each transaction peels off a payment and passes the rest on."""

    txs: tuple[str, ...]
    peeled: tuple[tuple[str, int], ...]  # (address, value) paid off at each step
    start_value: int


def _peel_step(g: UtxoGraph, tx: int) -> tuple[int, int] | None:
    outs = g.outputs(tx)
    if g.tx_in_ptr[tx + 1] - g.tx_in_ptr[tx] != 1 or len(outs) != 2:
        return None
    a, b = int(outs[0]), int(outs[1])
    return (a, b) if g.out_value[a] >= g.out_value[b] else (b, a)  # (rest, peeled)


def peel_chains(g: UtxoGraph, min_length: int = 3) -> list[PeelChain]:
    """Every maximal chain of at least `min_length` peel steps."""
    nxt: dict[int, int] = {}
    has_prev: set[int] = set()
    steps: dict[int, tuple[int, int]] = {}
    for tx in range(g.n_tx):
        step = _peel_step(g, tx)
        if step is not None:
            steps[tx] = step
    for tx, (rest, _) in steps.items():
        spender = int(g.out_spent[rest])
        if spender in steps:
            nxt[tx] = spender
            has_prev.add(spender)
    chains = []
    for tx in steps:
        if tx in has_prev or tx not in nxt:
            continue
        seq = [tx]
        while seq[-1] in nxt:
            seq.append(nxt[seq[-1]])
        if len(seq) >= min_length:
            peeled = tuple(
                (g.addresses[int(g.out_addr[steps[t][1]])], int(g.out_value[steps[t][1]])) for t in seq
            )
            start = int(g.out_value[g.inputs(seq[0])].sum())
            chains.append(PeelChain(tuple(g.tx_hash[t] for t in seq), peeled, start))
    return chains


def exchange_deposits(g: UtxoGraph, exchange_addresses: Collection[str]) -> dict[str, list[str]]:
    """Untagged addresses whose coins were swept into a tagged exchange address: address -> evidence txs."""
    ex = {g.addr_index[a] for a in exchange_addresses if a in g.addr_index}
    found: dict[str, list[str]] = {}
    for tx in range(g.n_tx):
        outs = g.outputs(tx)
        if not any(int(a) in ex for a in g.out_addr[outs]):
            continue
        for a in {int(x) for x in g.out_addr[g.inputs(tx)]} - ex:
            found.setdefault(g.addresses[a], []).append(g.tx_hash[tx])
    return found
