"""Every address that received tainted value (`received`), not only where taint rests (issue 17).

By hand on tests/data/tracing/hand_utxo:
    t3: [S 100, C 60] -> [A 50, B 80, X 20], fee 10
    t4: [B 80]        -> [D 30, E 45],       fee 5
B passes all its taint on, so the frontier (`addresses`) never names it; `received` does.
And on the whole 2009 history: the poison set equals every address a plain breadth-first search
reaches, the compiled and step-by-step walks agree.
"""

from __future__ import annotations

import numpy as np
import pytest

from interdict.core.transfer import Transfer
from interdict.tracing.graph import UtxoGraph
from interdict.tracing.policies.policy import Cutoffs, TaintPolicy
from interdict.tracing.policies.taint_account import taint_account
from interdict.tracing.policies.taint_utxo import exit_mask, reached_txs, resolve_sources, taint_utxo
from interdict.tracing.reports.report import taint_json

POISON_BY_HAND = {"S": (100, 0), "A": (50, 1), "B": (80, 1), "X": (20, 1), "D": (30, 2), "E": (45, 2)}


@pytest.mark.parametrize("vectorised", [True, False])
def test_poison_received_by_hand(hand_utxo: UtxoGraph, vectorised: bool) -> None:
    res = taint_utxo(hand_utxo, ["S"], TaintPolicy.POISON, vectorised=vectorised)
    out = taint_json(res)
    got = {r["address"]: (r["tainted_value_received"], r["hops"]) for r in out["received"]}
    assert got == POISON_BY_HAND
    assert [r["address"] for r in out["received"]] == ["S", "B", "A", "E", "D", "X"]  # largest first
    assert {a["address"] for a in out["addresses"]} == {"A", "X", "D", "E"}  # the frontier stays


@pytest.mark.parametrize("vectorised", [True, False])
def test_poison_received_with_hop_limit_and_exit(hand_utxo: UtxoGraph, vectorised: bool) -> None:
    # hop 1 only: B received its 80 (its spending is cut), D and E never did; X is an exit
    res = taint_utxo(hand_utxo, ["S"], TaintPolicy.POISON, Cutoffs(max_hops=1),
                     exit_mask(hand_utxo, ["X"]), vectorised=vectorised)
    assert res.received == {"S": 100, "A": 50, "B": 80, "X": 20}
    assert res.received_hops == {"S": 0, "A": 1, "B": 1, "X": 1}


def test_haircut_received_by_hand(hand_utxo: UtxoGraph) -> None:
    # shares as in test_taint_utxo: t3 A 31, B 50, X 13; t4 D 19, E 28
    res = taint_utxo(hand_utxo, ["S"], TaintPolicy.HAIRCUT)
    assert res.received == {"S": 100, "A": 31, "B": 50, "X": 13, "D": 19, "E": 28}


def test_account_poison_received_by_hand(hand_transfers: list[Transfer]) -> None:
    # a1 T->M 100 (hop 1); M is poisoned: a3 M->N 48 (hop 2), a4 M->X 120 (exit, hop 2); a5 N->P 48
    res = taint_account(hand_transfers, ["T"], TaintPolicy.POISON, exits={"X"})
    assert res.received == {"T": 100, "M": 100, "N": 48, "X": 120, "P": 48}
    assert res.received_hops == {"T": 0, "M": 1, "N": 2, "X": 2, "P": 3}
    assert "M" not in res.holdings and "N" not in res.holdings  # intermediates: only in `received`


def _busiest_sources(g: UtxoGraph, n: int) -> list[str]:
    """Addresses whose outputs start the widest forward reach in the 2009 history."""
    spent = np.flatnonzero(g.out_spent >= 0)
    addrs = sorted({g.addresses[int(a)] for a in g.out_addr[spent[:400]].tolist()})
    return addrs[:n]


def test_poison_received_on_2009_history(graph_2009: UtxoGraph) -> None:
    sources = _busiest_sources(graph_2009, 25)
    fast = taint_utxo(graph_2009, sources, TaintPolicy.POISON)
    slow = taint_utxo(graph_2009, sources, TaintPolicy.POISON, vectorised=False)
    assert fast.received == slow.received and fast.received_hops == slow.received_hops
    # independent of the walk: every output of every reachable transaction, and the sources' own
    seeds, _ = resolve_sources(graph_2009, sources)
    txs = reached_txs(graph_2009, sorted(seeds))
    outs = {int(o) for t in txs.tolist() for o in graph_2009.outputs(t)} | seeds
    expected: dict[str, int] = {}
    for o in outs:
        v = int(graph_2009.out_value[o])
        if v > 0:
            a = graph_2009.addresses[int(graph_2009.out_addr[o])]
            expected[a] = expected.get(a, 0) + v
    assert fast.received == expected
    assert len(fast.received) > len(fast.holdings)  # intermediates are named
    for a, held in fast.holdings.items():
        assert fast.received[a] >= held
