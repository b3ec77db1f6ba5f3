"""Tracing fixtures: real shared data parsed once per session, and the hand-made graphs."""

from __future__ import annotations

from pathlib import Path

import pytest

from interdict.core.transfer import Transfer, UtxoTx
from interdict.tracing.graph import UtxoGraph, utxo_graph
from interdict.tracing.sources.bitcoin import read_taintedtx
from interdict.tracing.sources.ofac import read_ofac_folder
from interdict.tracing.sources.tagpacks import read_tagpack
from interdict.tracing.sources.transfers import read_transfers
from interdict.tracing.tags import TagIndex


@pytest.fixture(scope="session")
def tracing_data(shared_data: Path) -> Path:
    """../shared/data/tracing."""
    return shared_data / "tracing"


@pytest.fixture(scope="session")
def txs_2009(tracing_data: Path) -> list[UtxoTx]:
    """The whole 2009 Bitcoin history (TaintedTX export), parsed once."""
    return read_taintedtx(tracing_data / "taintedtx_2009")


@pytest.fixture(scope="session")
def graph_2009(txs_2009: list[UtxoTx]) -> UtxoGraph:
    """The 2009 history as a UtxoGraph."""
    return utxo_graph(txs_2009)


@pytest.fixture(scope="session")
def shared_tags(tracing_data: Path) -> TagIndex:
    """Every shared TagPack and the newer OFAC address lists, parsed once."""
    idx = TagIndex()
    for pack in sorted((tracing_data / "graphsense_tagpacks" / "packs").glob("*.yaml")):
        idx.add(read_tagpack(pack))
    idx.add(read_ofac_folder(tracing_data / "ofac_brave_intl_fork"))
    return idx


@pytest.fixture(scope="session")
def hand_utxo(test_data: Path) -> UtxoGraph:
    """tests/data/tracing/hand_utxo (see its README for the picture)."""
    return utxo_graph(read_taintedtx(test_data / "tracing" / "hand_utxo"))


@pytest.fixture(scope="session")
def hand_transfers(test_data: Path) -> list[Transfer]:
    """tests/data/tracing/hand_transfers.csv: a small bank-transfer ledger."""
    return read_transfers(test_data / "tracing" / "hand_transfers.csv")
