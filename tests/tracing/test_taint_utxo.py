"""Forward taint on the hand-made UTXO graph: every policy's result computed by hand.

The graph (tests/data/tracing/hand_utxo):
    t3: [S 100, C 60] -> [A 50, B 80, X 20], fee 10
    t4: [B 80]        -> [D 30, E 45],       fee 5
Source: address S (100). X is an exit (exchange) in the tests that say so.
"""

from __future__ import annotations

import pytest

from interdict.core.errors import NotFoundError
from interdict.tracing.graph import UtxoGraph
from interdict.tracing.policies.policy import Cutoffs, TaintPolicy, apportion
from interdict.tracing.policies.taint_utxo import exit_mask, taint_utxo

# Hand computation, per policy: (holdings, fees, mixed_in)
EXPECTED = {
    # any tainted input taints everything: t3 outputs 50+80+20 and fee 10 (C's 60 is mixed in);
    # t4: D 30, E 45, fee 5.  100 + 60 = (50 + 20 + 30 + 45) + 15
    TaintPolicy.POISON: ({"A": 50, "X": 20, "D": 30, "E": 45}, 15, 60),
    # t3 ratio 100/160 over [50, 80, 20, fee 10] = 31.25, 50, 12.5, 6.25 -> floors 31, 50, 12, 6 (99);
    # the one left goes to the largest remainder (X: 2000 % 160 = 80) -> A 31, B 50, X 13, fee 6.
    # t4: 50 over [30, 45, fee 5] of 80 = 18.75, 28.125, 3.125 -> 18, 28, 3 (+1 to D) -> D 19, E 28, fee 3.
    TaintPolicy.HAIRCUT: ({"A": 31, "X": 13, "D": 19, "E": 28}, 9, 0),
    # line S[0,100) C[100,160); A[0,50) -> 50, B[50,130) -> 50 (its first 50), X[130,150) -> 0, fee 0.
    # t4: B's taint at [0,50): D[0,30) -> 30, E[30,75) -> 20, fee[75,80) -> 0.
    TaintPolicy.FIFO: ({"A": 50, "D": 30, "E": 20}, 0, 0),
    # reversed inputs: C[0,60) S[60,160); A 0, B[50,130) -> 70 (at B's [10,80)), X[130,150) -> 20,
    # fee[150,160) -> 10.  t4: D[0,30) -> 20, E[30,75) -> 45, fee[75,80) -> 5.
    TaintPolicy.LIFO: ({"X": 20, "D": 20, "E": 45}, 15, 0),
    # highest outputs first: t3 B 80, A 20, X 0; t4 (80 tainted): E 45, D 30, fee 5.
    TaintPolicy.TIHO: ({"A": 20, "D": 30, "E": 45}, 5, 0),
}


@pytest.mark.parametrize("policy", list(TaintPolicy))
def test_hand_results_per_policy(hand_utxo: UtxoGraph, policy: TaintPolicy) -> None:
    res = taint_utxo(hand_utxo, ["S"], policy)
    holdings, fees, mixed = EXPECTED[policy]
    assert res.source_value == 100
    assert res.holdings == holdings
    assert res.fees == fees
    assert res.mixed_in == mixed
    assert res.unexplored_value == 0
    assert res.balanced


@pytest.mark.parametrize("policy", list(TaintPolicy))
def test_value_conserved_with_exit_and_hop_limit(hand_utxo: UtxoGraph, policy: TaintPolicy) -> None:
    res = taint_utxo(hand_utxo, ["S"], policy, Cutoffs(max_hops=1), exit_mask(hand_utxo, ["X"]))
    assert res.balanced
    # t4 is hop 2: whatever B carried is unexplored, nothing reaches D or E
    assert "D" not in res.holdings and "E" not in res.holdings
    assert set(res.exits) <= {"X"}


def test_haircut_hop_limit_by_hand(hand_utxo: UtxoGraph) -> None:
    # t3 as above (A 31, B 50, X 13, fee 6); B's 50 would go on in hop 2 -> unexplored
    res = taint_utxo(hand_utxo, ["S"], TaintPolicy.HAIRCUT, Cutoffs(max_hops=1), exit_mask(hand_utxo, ["X"]))
    assert res.holdings == {"A": 31, "X": 13}
    assert res.exits == {"X": 13}
    assert res.unexplored == {"max hops": 50}
    assert res.fees == 6


def test_min_value_stops_dust(hand_utxo: UtxoGraph) -> None:
    res = taint_utxo(hand_utxo, ["S"], TaintPolicy.HAIRCUT, Cutoffs(min_value=60))
    assert res.unexplored == {"below min value": 50}  # B's 50 < 60 is not followed
    assert res.balanced


def test_follow_exits_flag(hand_utxo: UtxoGraph) -> None:
    # pretend B is a mixer: poison stops there with B's whole 80, unless told to follow through
    exits = exit_mask(hand_utxo, ["B"])
    stop = taint_utxo(hand_utxo, ["S"], TaintPolicy.POISON, None, exits)
    assert stop.exits == {"B": 80}
    assert "D" not in stop.holdings
    through = taint_utxo(hand_utxo, ["S"], TaintPolicy.POISON, Cutoffs(follow_exits=True), exits)
    assert through.exits == {}
    assert through.holdings == EXPECTED[TaintPolicy.POISON][0]


def test_tx_and_output_sources_and_paths(hand_utxo: UtxoGraph) -> None:
    res = taint_utxo(hand_utxo, ["t3:1"], TaintPolicy.FIFO)  # B's 80: D gets [0,30), E [30,75), fee 5
    assert res.source_value == 80
    assert res.holdings == {"D": 30, "E": 45}
    assert res.fees == 5
    assert res.paths["E"] == ["t4"]
    several = taint_utxo(hand_utxo, ["S", "C"], TaintPolicy.HAIRCUT)
    assert several.source_value == 160 and several.balanced
    assert taint_utxo(hand_utxo, ["S"], TaintPolicy.HAIRCUT).paths["D"] == ["t3", "t4"]


def test_unknown_source_is_an_error(hand_utxo: UtxoGraph) -> None:
    with pytest.raises(NotFoundError, match="nowhere"):
        taint_utxo(hand_utxo, ["nowhere"])


def test_apportion_is_exact() -> None:
    assert apportion(100, [50, 80, 20, 10]) == [31, 50, 13, 6]
    assert apportion(0, [5, 5]) == [0, 0]
    assert apportion(3, [1, 1, 1]) == [1, 1, 1]


def test_top_holdings_picks_largest_then_by_address() -> None:
    import numpy as np

    from interdict.tracing.policies.policy import top_holdings

    rng = np.random.default_rng(5)
    for hi in (5, 1_000_000):  # many ties, and nearly none
        keys, values = rng.integers(0, 10**6, 900).tolist(), rng.integers(0, hi, 900).tolist()
        holdings = {f"a{k}": v for k, v in zip(keys, values, strict=True)}
        want = [a for a, _ in sorted(holdings.items(), key=lambda kv: (-kv[1], kv[0]))]
        assert top_holdings(holdings) == want[:100]
        assert top_holdings(holdings, 7) == want[:7]
        assert top_holdings(holdings, 2000) == want
