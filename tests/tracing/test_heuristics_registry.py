"""The tracing heuristics' registry: every heuristic documented under a unique name, its
parameters those of its function, and running it by name the same as calling it directly."""

from __future__ import annotations

import inspect
from pathlib import Path

import pytest

from interdict.core.errors import InputError
from interdict.tracing.graph import UtxoGraph, utxo_graph
from interdict.tracing.heuristics import utxo
from interdict.tracing.heuristics.registry import HEURISTICS, run_heuristic
from interdict.tracing.sources.bitcoin import read_graphsense_utxo
from tests.tracing.test_heuristics import _tx


def test_names_are_unique_and_name_their_function() -> None:
    names = HEURISTICS.names()
    assert len(set(names)) == len(names) == 5
    for entry in HEURISTICS:
        assert entry.item is getattr(utxo, entry.name)


@pytest.mark.parametrize("name", HEURISTICS.names())
def test_every_heuristic_explains_itself(name: str) -> None:
    docs = HEURISTICS.explain(name)
    assert docs.summary and docs.evidence and all(f.description for f in docs.evidence)
    signature = inspect.signature(HEURISTICS[name]).parameters
    assert [p.name for p in docs.parameters] == list(signature)
    for p in docs.parameters:
        assert p.description
        default = signature[p.name].default
        if default is not inspect.Parameter.empty:
            assert p.default == getattr(default, "__name__", default)


def _by_name_equals_direct(g: UtxoGraph) -> None:
    for tx in range(g.n_tx):
        assert run_heuristic("looks_like_coinjoin", g, tx) == utxo.looks_like_coinjoin(g, tx)
        assert run_heuristic("change_output", g, tx) == utxo.change_output(g, tx)
    assert run_heuristic("multi_input_clusters", g) == utxo.multi_input_clusters(g)
    assert run_heuristic("multi_input_clusters", g, None) == utxo.multi_input_clusters(g, None)
    assert run_heuristic("peel_chains", g, min_length=2) == utxo.peel_chains(g, min_length=2)
    hot = set(g.addresses[-3:])
    assert run_heuristic("exchange_deposits", g, hot) == utxo.exchange_deposits(g, hot)


def test_by_name_on_hand_made_graph() -> None:
    txs = [
        _tx("p0", [], [("Z", 1000)], {0: "p1"}),
        _tx("p1", [("p0", 0)], [("R1", 900), ("Q1", 90)], {0: "p2"}),
        _tx("p2", [("p1", 0)], [("Q2", 95), ("R2", 800)], {1: "p3"}),
        _tx("p3", [("p2", 1)], [("R3", 700), ("Q3", 100)]),
    ]
    g = utxo_graph(txs)
    assert run_heuristic("peel_chains", g) == utxo.peel_chains(g) != []
    _by_name_equals_direct(g)


@pytest.mark.shared
def test_by_name_on_graphsense_fixture(tracing_data: Path) -> None:
    folder = tracing_data / "graphsense_lib_fixtures" / "spark_test_resources" / "utxo"
    txs, coinjoin = read_graphsense_utxo(folder / "test_txs.json")
    g = utxo_graph(txs)
    guard = utxo.flagged(coinjoin)
    assert run_heuristic("multi_input_clusters", g, guard) == utxo.multi_input_clusters(g, guard)
    _by_name_equals_direct(g)


def test_unknown_heuristic_names_the_known_ones() -> None:
    with pytest.raises(InputError, match="known: looks_like_coinjoin, multi_input_clusters"):
        run_heuristic("taint", None)
