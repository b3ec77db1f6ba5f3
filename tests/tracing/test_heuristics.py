"""Heuristics: golden clusters from the GraphSense UTXO fixture, and hand-made patterns."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from interdict.core.transfer import TxInput, TxOutput, UtxoTx
from interdict.tracing.graph import utxo_graph
from interdict.tracing.heuristics.utxo import (
    change_output,
    cluster_of,
    exchange_deposits,
    flagged,
    looks_like_coinjoin,
    multi_input_clusters,
    peel_chains,
)
from interdict.tracing.sources.bitcoin import read_graphsense_utxo


def _tx(
    h: str, ins: list[tuple[str, int]], outs: list[tuple[str, int]], spent: dict[int, str] | None = None
) -> UtxoTx:
    spent = spent or {}
    return UtxoTx(
        h,
        tuple(TxInput(p, n) for p, n in ins),
        tuple(TxOutput(h, n, a, v, spent.get(n)) for n, (a, v) in enumerate(outs)),
    )


def _partition(path: Path, ids: dict[int, str]) -> set[frozenset[str]]:
    groups: dict[int, set[str]] = {}
    for r in map(json.loads, path.open()):
        if ids.get(r["addressId"], "coinbase") != "coinbase":
            groups.setdefault(r["clusterId"], set()).add(ids[r["addressId"]])
    return {frozenset(g) for g in groups.values()}


@pytest.mark.shared
@pytest.mark.parametrize(
    ("reference", "guarded"), [("address_cluster.json", True), ("address_cluster_with_coinjoin.json", False)]
)
def test_graphsense_expected_clusters(tracing_data: Path, reference: str, guarded: bool) -> None:
    folder = tracing_data / "graphsense_lib_fixtures" / "spark_test_resources" / "utxo"
    txs, coinjoin = read_graphsense_utxo(folder / "test_txs.json")
    g = utxo_graph(txs)
    ids = {
        r["addressId"]: r["address"]
        for r in map(json.loads, (folder / "reference" / "address_ids.json").open())
    }
    clusters = multi_input_clusters(g, flagged(coinjoin) if guarded else None)
    mine = {frozenset(a for a in c.addresses if a in ids.values()) for c in clusters}
    mine.discard(frozenset())
    assert mine == _partition(folder / "reference" / reference, ids)
    joined = cluster_of(clusters, "1231PgW8KbpwKkvACPhp13fcL6fM5sKGvy")
    assert joined is not None and joined.evidence == [txs[9].tx_hash]  # tx 10 spent both together


def test_coinjoin_guard_and_evidence() -> None:
    # cj: three owners put in 100+100+150 and take out three equal 100s and a 50 change
    txs = [
        _tx("c1", [], [("A", 100)], {0: "cj"}),
        _tx("c2", [], [("B", 100)], {0: "cj"}),
        _tx("c3", [], [("C", 150)], {0: "cj"}),
        _tx("cj", [("c1", 0), ("c2", 0), ("c3", 0)], [("A2", 100), ("B2", 100), ("C2", 100), ("C3", 50)]),
        _tx("c4", [], [("D", 5)], {0: "m"}),
        _tx("c5", [], [("E", 7)], {0: "m"}),
        _tx("m", [("c4", 0), ("c5", 0)], [("F", 12)]),
    ]
    g = utxo_graph(txs)
    assert looks_like_coinjoin(g, g.tx_index["cj"])
    assert not looks_like_coinjoin(g, g.tx_index["m"])
    clusters = multi_input_clusters(g)
    assert len(cluster_of(clusters, "A").addresses) == 1  # type: ignore[union-attr]
    de = cluster_of(clusters, "D")
    assert de is not None and sorted(de.addresses) == ["D", "E"] and de.evidence == ["m"]
    unguarded = cluster_of(multi_input_clusters(g, None), "A")
    assert unguarded is not None and sorted(unguarded.addresses) == ["A", "B", "C"]


def test_change_output_reasons() -> None:
    txs = [
        _tx("f", [], [("P", 100_000_000), ("Q", 70_000_000)], {0: "pay", 1: "back"}),
        # 0.5 BTC is a round payment; 49,990,000 sat is change
        _tx("pay", [("f", 0)], [("SHOP", 50_000_000), ("NEW", 49_990_000)]),
        # pays back to its own input address
        _tx("back", [("f", 1)], [("Q", 30_000_123), ("R", 39_990_000)]),
    ]
    g = utxo_graph(txs)
    change, why = change_output(g, g.tx_index["pay"])  # type: ignore[misc]
    assert g.addresses[int(g.out_addr[change])] == "NEW" and "round" in why
    change, why = change_output(g, g.tx_index["back"])  # type: ignore[misc]
    assert g.addresses[int(g.out_addr[change])] == "Q" and "input address" in why


def test_peel_chain_by_hand() -> None:
    # 1000 -> (900 rest, 90 peeled, fee 10) -> (800, 95, fee 5) -> (700, 100); R3 stays unspent
    txs = [
        _tx("p0", [], [("Z", 1000)], {0: "p1"}),
        _tx("p1", [("p0", 0)], [("R1", 900), ("Q1", 90)], {0: "p2"}),
        _tx("p2", [("p1", 0)], [("Q2", 95), ("R2", 800)], {1: "p3"}),
        _tx("p3", [("p2", 1)], [("R3", 700), ("Q3", 100)]),
    ]
    chains = peel_chains(utxo_graph(txs))
    assert len(chains) == 1
    assert chains[0].txs == ("p1", "p2", "p3")
    assert chains[0].peeled == (("Q1", 90), ("Q2", 95), ("Q3", 100))
    assert chains[0].start_value == 1000
    assert peel_chains(utxo_graph(txs), min_length=4) == []


def test_exchange_deposits_via_tags() -> None:
    txs = [
        _tx("d1", [], [("DEP1", 10)], {0: "sweep"}),
        _tx("d2", [], [("DEP2", 20)], {0: "sweep"}),
        _tx("sweep", [("d1", 0), ("d2", 0)], [("HOT", 29)]),
    ]
    assert exchange_deposits(utxo_graph(txs), {"HOT"}) == {"DEP1": ["sweep"], "DEP2": ["sweep"]}
