"""Value conservation on randomised graphs, for every policy and both ledger models.

Hypothesis-style: many seeded random ledgers; for each, source value (+ clean value mixed in by
poison) must equal the frontier + fees + unexplored, exactly, in integers.
"""

from __future__ import annotations

import numpy as np
import pytest

from interdict.core.transfer import Transfer, TxInput, TxOutput, UtxoTx
from interdict.tracing.graph import utxo_graph
from interdict.tracing.policies.policy import Cutoffs, TaintPolicy
from interdict.tracing.policies.taint_account import taint_account
from interdict.tracing.policies.taint_utxo import taint_utxo


def random_utxo(seed: int, n_tx: int = 40) -> list[UtxoTx]:
    """Coinbases and spends of random unspent outputs, with random fees (some outputs left unspent)."""
    rng = np.random.default_rng(seed)
    unspent: list[tuple[str, int, str, int]] = []
    drafts: list[tuple[str, list[tuple[str, int, str, int]], list[tuple[str, int]]]] = []
    for i in range(n_tx):
        h = f"tx{i}"
        if i < 4 or len(unspent) < 2 or rng.random() < 0.15:
            ins: list[tuple[str, int, str, int]] = []
            total = int(rng.integers(1_000, 100_000))
        else:
            k = int(rng.integers(1, min(4, len(unspent)) + 1))
            picks = sorted(rng.choice(len(unspent), size=k, replace=False).tolist(), reverse=True)
            ins = [unspent.pop(p) for p in picks]
            total = sum(v for *_, v in ins) - int(rng.integers(0, 50))
        n_out = int(rng.integers(1, 4))
        cuts = sorted(rng.integers(0, max(total, 1), size=n_out - 1).tolist())
        values = [b - a for a, b in zip([0, *cuts], [*cuts, total], strict=True)]
        outs = [(f"a{int(rng.integers(0, 12))}", v) for v in values]
        drafts.append((h, ins, outs))
        unspent.extend((h, n, a, v) for n, (a, v) in enumerate(outs))
    spent_by = {(p, n): h for h, ins, _ in drafts for p, n, _, _ in ins}
    return [
        UtxoTx(
            h,
            tuple(TxInput(p, n) for p, n, _, _ in ins),
            tuple(TxOutput(h, n, a, v, spent_by.get((h, n))) for n, (a, v) in enumerate(outs)),
            time=i,
        )
        for i, (h, ins, outs) in enumerate(drafts)
    ]


def random_transfers(seed: int, n: int = 80) -> list[Transfer]:
    rng = np.random.default_rng(seed)
    return [
        Transfer(
            f"t{i}",
            f"a{int(rng.integers(0, 10))}",
            f"a{int(rng.integers(0, 10))}",
            int(rng.integers(1, 1_000)),
            "EUR",
            i,
            int(rng.integers(0, 5)),
        )
        for i in range(n)
    ]


@pytest.mark.parametrize("policy", list(TaintPolicy))
@pytest.mark.parametrize("seed", range(25))
def test_utxo_conserves(policy: TaintPolicy, seed: int) -> None:
    g = utxo_graph(random_utxo(seed))
    cut = Cutoffs(max_hops=int(seed % 4) + 1, min_value=seed * 3) if seed % 2 else None
    exits = {g.addr_index["a3"]} if "a3" in g.addr_index and seed % 3 == 0 else set()
    res = taint_utxo(g, ["a1"] if "a1" in g.addr_index else [g.tx_hash[0]], policy, cut, exits)
    assert res.balanced, (res.source_value, res.mixed_in, res.frontier_value, res.fees, res.unexplored)
    assert all(v > 0 for v in res.holdings.values())
    if policy is not TaintPolicy.POISON:
        assert res.mixed_in == 0


@pytest.mark.parametrize("policy", list(TaintPolicy))
@pytest.mark.parametrize("seed", range(25))
def test_account_conserves(policy: TaintPolicy, seed: int) -> None:
    transfers = random_transfers(seed)
    cut = Cutoffs(max_hops=int(seed % 3) + 1, min_value=seed) if seed % 2 else None
    res = taint_account(transfers, ["a1", "t5"], policy, cut, exits={"a9"})
    assert res.balanced, (res.source_value, res.mixed_in, res.frontier_value, res.fees, res.unexplored)


@pytest.mark.parametrize("seed", range(30))
def test_vectorised_poison_equals_step_by_step(seed: int) -> None:
    g = utxo_graph(random_utxo(seed, n_tx=60))
    # odd seeds: hop-limited (one compiled walk); even seeds: unbounded (one scipy BFS)
    cut = (
        Cutoffs(max_hops=int(seed % 5) + 1, min_value=seed * 50) if seed % 2 else Cutoffs(min_value=seed * 20)
    )
    exits = {g.addr_index["a3"]} if "a3" in g.addr_index and seed % 3 == 0 else set()
    src = ["a1"] if "a1" in g.addr_index else [g.tx_hash[0]]
    fast = taint_utxo(g, src, TaintPolicy.POISON, cut, exits)
    slow = taint_utxo(g, src, TaintPolicy.POISON, cut, exits, vectorised=False)
    for name in (
        "source_value",
        "mixed_in",
        "holdings",
        "hops",
        "exits",
        "fees",
        "unexplored",
        "tx_taint",
        "paths",
    ):
        assert getattr(fast, name) == getattr(slow, name), name
    assert fast.balanced


def test_vectorised_poison_reuses_buffers_and_honours_time_window() -> None:
    """Many walks on one graph (the compiled walk reuses stamped buffers): each equals the scalar walk."""
    g = utxo_graph(random_utxo(77, n_tx=120))
    times = sorted(int(t) for t in g.tx_time if t >= 0)
    mid = times[len(times) // 2] if times else 0
    cuts = [
        Cutoffs(max_hops=3),
        Cutoffs(),  # unbounded: the scipy search, on the same buffers
        Cutoffs(max_hops=6, start_time=mid),
        Cutoffs(max_hops=6, end_time=mid),
        Cutoffs(max_hops=2, min_value=5_000),
        Cutoffs(max_hops=3),
    ]
    reasons: set[str] = set()
    for sources in (["a1"], [g.tx_hash[0], g.tx_hash[1]], ["a2", "a5"]):
        sources = [s for s in sources if s in g.addr_index or s in g.tx_index]
        for cut in cuts:
            fast = taint_utxo(g, sources, TaintPolicy.POISON, cut)
            slow = taint_utxo(g, sources, TaintPolicy.POISON, cut, vectorised=False)
            assert (fast.holdings, fast.hops, fast.tx_taint, fast.unexplored, fast.fees, fast.mixed_in) == (
                slow.holdings,
                slow.hops,
                slow.tx_taint,
                slow.unexplored,
                slow.fees,
                slow.mixed_in,
            )
            assert fast.paths == slow.paths and fast.balanced
            reasons.update(fast.unexplored)
    assert {"time window", "max hops"} <= reasons  # the cut-offs did cut
