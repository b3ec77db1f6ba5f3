"""Graphs on Spark equal the embedded engine's on the real 2009 Bitcoin history (shared data):
the CSR files, hop-limited exposure and the POISON reach."""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Any

import duckdb
import numpy as np
import pytest

from interdict.core.errors import TransferFormatError
from interdict.core.transfer import Transfer
from interdict.spark.graph import build_flow_csr, read_edges
from interdict.spark.reach import exposure, poison_reach
from interdict.tracing.graph import FlowGraph, flow_graph, utxo_flow_graph, utxo_graph
from interdict.tracing.paths import within_hops
from interdict.tracing.policies.policy import Cutoffs, TaintPolicy
from interdict.tracing.policies.taint_account import taint_account
from interdict.tracing.sources.bitcoin import read_taintedtx
from interdict.tracing.sources.csr_files import read_flow_csr
from interdict.tracing.sources.transfers import read_transfers

pytestmark = pytest.mark.shared

CSR_ARRAYS = ("src", "dst", "time", "out_ptr", "out_edges", "out_nbr", "in_ptr", "in_edges", "in_nbr")


@pytest.fixture(scope="module")
def ledger(shared_data: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The 2009 history's address graph as a generic transfers Parquet file (from,to,asset,...)."""
    fg = utxo_flow_graph(utxo_graph(read_taintedtx(shared_data / "tracing" / "taintedtx_2009")))
    path = tmp_path_factory.mktemp("ledger") / "transfers.parquet"
    con = duckdb.connect()
    con.execute('CREATE TABLE t("from" VARCHAR, "to" VARCHAR, asset VARCHAR, amount BIGINT, time BIGINT,'
                " tx_id VARCHAR)")
    con.executemany("INSERT INTO t VALUES (?, ?, 'BTC', ?, ?, ?)", [
        (fg.addresses[s], fg.addresses[d], a, t, fg.tx[i]) for i, (s, d, a, t) in
        enumerate(zip(fg.src.tolist(), fg.dst.tolist(), np.asarray(fg.amount).tolist(), fg.time.tolist(),
                      strict=True))])
    con.execute(f"COPY t TO '{path}' (FORMAT parquet)")
    con.close()
    return path


@pytest.fixture(scope="module")
def transfers(ledger: Path) -> list[Transfer]:
    return read_transfers(ledger)


@pytest.fixture(scope="module")
def embedded(transfers: list[Transfer]) -> FlowGraph:
    return flow_graph(transfers)


@pytest.fixture(scope="module")
def edges(spark: Any, ledger: Path) -> Any:
    frame = read_edges(spark, str(ledger)).persist()
    yield frame
    frame.unpersist()


def test_csr_files_built_on_spark_are_the_embedded_arrays(spark: Any, ledger: Path, embedded: FlowGraph,
                                                          tmp_path: Path) -> None:
    summary = build_flow_csr(spark, str(ledger), tmp_path / "csr")
    g = read_flow_csr(tmp_path / "csr")
    assert (summary.nodes, summary.edges) == (len(embedded.addresses), embedded.n_edges) == (2878, 3601)
    for name in CSR_ARRAYS:
        assert np.array_equal(getattr(g, name), getattr(embedded, name)), name
    assert list(g.addresses) == list(embedded.addresses) and list(g.tx) == list(embedded.tx)
    assert list(g.amount) == list(embedded.amount) and g.asset == ["BTC"]
    start = embedded.addresses[int(embedded.src[100])]
    assert g.addr_index[start] == embedded.addr_index[start] and "nobody" not in g.addr_index
    # the mapped graph answers as the built one
    assert within_hops(g, start, 4) == within_hops(embedded, start, 4)


def test_exposure_on_spark_equals_within_hops(edges: Any, embedded: FlowGraph,
                                              transfers: list[Transfer]) -> None:
    busiest = [a for a, _ in Counter(t.sender for t in transfers).most_common(2)]
    for start in busiest:
        forward = exposure(edges, start, 3)
        assert forward and forward == within_hops(embedded, start, 3)
    back = exposure(edges, busiest[1], 2, forward=False)
    assert back and back == within_hops(embedded, busiest[1], 2, forward=False)


def test_poison_reach_on_spark_equals_the_embedded_replay(edges: Any, transfers: list[Transfer]) -> None:
    senders = [a for a, _ in Counter(t.sender for t in transfers).most_common(40)]
    # the sources whose POISON walk reaches furthest, so the comparison crosses several hops
    walks = {a: taint_account(transfers, [a], TaintPolicy.POISON) for a in senders}
    sources = sorted(senders, key=lambda a: -len(walks[a].tx_taint))[:4]
    for max_hops in (2, None):
        want = taint_account(transfers, sources, TaintPolicy.POISON, Cutoffs(max_hops=max_hops))
        got = poison_reach(edges, sources, max_hops)
        assert set(got.transfers) == set(want.tx_taint), max_hops
        if max_hops == 2:  # a transfer one hop past the limit carries taint (recorded, not followed)
            assert max(got.transfers.values()) == 3
        assert all(got.poisoned[a] == hop for a, hop in want.hops.items() if a not in sources)
    assert len(got.transfers) > 30 and max(got.transfers.values()) >= 4  # deep enough to mean something


def test_text_columns_build_the_embedded_arrays_and_a_bad_row_is_named(spark: Any, ledger: Path,
                                                                        tmp_path: Path) -> None:
    """A ledger whose amount and time are text (ISO times among unix seconds) takes the text rules;
    a negative amount is named by its line, as the embedded reader names it."""
    text = tmp_path / "text.parquet"
    con = duckdb.connect()
    con.execute(f"""COPY (SELECT "from", "to", asset, amount::VARCHAR AS amount,
                                 CASE WHEN i % 3 = 0 THEN strftime(to_timestamp(time), '%Y-%m-%dT%H:%M:%SZ')
                                      ELSE time::VARCHAR END AS time, tx_id
                          FROM (SELECT *, row_number() OVER () AS i FROM '{ledger}') LIMIT 500)
                    TO '{text}' (FORMAT parquet)""")
    want = flow_graph(read_transfers(text))
    build_flow_csr(spark, str(text), tmp_path / "csr")
    g = read_flow_csr(tmp_path / "csr")
    for name in CSR_ARRAYS:
        assert np.array_equal(getattr(g, name), getattr(want, name)), name
    assert list(g.amount) == list(want.amount) and list(g.tx) == list(want.tx)
    bad = tmp_path / "bad.parquet"
    con.execute(f"""COPY (SELECT "from", "to", asset,
                                 CASE WHEN i = 7 THEN '-5' ELSE amount::VARCHAR END AS amount, time, tx_id
                          FROM (SELECT *, row_number() OVER () AS i FROM '{ledger}') LIMIT 20)
                    TO '{bad}' (FORMAT parquet)""")
    con.close()
    with pytest.raises(TransferFormatError, match=r"bad\.parquet at line 7: a bad row \(amount '-5'"):
        build_flow_csr(spark, str(bad), tmp_path / "csr-bad")
