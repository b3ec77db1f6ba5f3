"""Bitcoin loaders on real data: the 2009 TaintedTX graph, raw mainnet blocks, the synthetic test data."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from interdict.core.errors import TransferFormatError
from interdict.core.transfer import UtxoTx
from interdict.tracing.graph import SPENT_OUTSIDE, UtxoGraph, utxo_graph
from interdict.tracing.policies.policy import TaintPolicy
from interdict.tracing.policies.taint_utxo import taint_utxo
from interdict.tracing.sources.bitcoin import block_hash, read_block, read_taintedtx

pytestmark = pytest.mark.shared
HAL_TX = "f4184fc596403b9d638783cf57adfe4c75c605f6356fbc91338530e9831e9e16"


def test_2009_counts_and_repaired_hashes(txs_2009: list[UtxoTx], graph_2009: UtxoGraph) -> None:
    assert len(txs_2009) == 32_709
    assert sum(len(t.outputs) for t in txs_2009) == 32_783
    assert sum(len(t.inputs) for t in txs_2009) == 2_887
    assert txs_2009[0].tx_hash == "4a5e1e4baab89f3a32518a88c31bc87f618f76673e2cc77ab2127b7afdeda33b"
    assert all(len(t.tx_hash) == 64 for t in txs_2009)
    assert graph_2009.n_tx == 32_709


def test_satoshi_to_hal_finney(graph_2009: UtxoGraph) -> None:
    g = graph_2009
    tx = g.tx_index[HAL_TX]
    ins, outs = g.inputs(tx), g.outputs(tx)
    assert [g.addresses[g.out_addr[o]] for o in ins] == ["12cbQLTFMXRnSzktFkuoG3eHoMeFtpTu3S"]
    assert [int(g.out_value[o]) for o in outs] == [1_000_000_000, 4_000_000_000]
    assert g.addresses[g.out_addr[outs[0]]] == "1Q2TWHE3GMdB6BZKafqwxXtWAWgFt5Jvm3"
    assert g.fee(tx) == 0
    # Hal's 10 BTC were spent in a 2010 transaction, outside the 2009 data
    assert int(g.out_spent[outs[0]]) == SPENT_OUTSIDE


@pytest.mark.parametrize("policy", list(TaintPolicy))
def test_taint_from_satoshis_first_payment(graph_2009: UtxoGraph, policy: TaintPolicy) -> None:
    res = taint_utxo(graph_2009, [f"{HAL_TX}:0"], policy)
    assert res.source_value == 1_000_000_000
    assert res.unexplored == {"spent outside the data": 1_000_000_000}
    assert res.balanced


def test_raw_blocks_decode_and_match_index(tracing_data: Path) -> None:
    folder = tracing_data / "bitcoinlib_0.7.10" / "blocks"
    index = json.loads((folder / "blocks_index.json").read_text())
    for entry in index[:2] + index[-1:]:  # legacy 2013/2014 and a 2022 segwit/taproot block
        path = folder / Path(entry["file"]).name
        txs = read_block(path, entry["height_from_filename"])
        assert block_hash(path) == entry["block_hash"]
        assert len(txs) == entry["n_tx"]
        assert txs[0].tx_hash == entry["coinbase_txid"] and txs[0].coinbase
        assert sum(len(t.outputs) for t in txs) == entry["n_outputs"]
        assert sum(len(t.inputs) for t in txs) == entry["n_inputs"] - 1  # the coinbase input is not a spend
        g = utxo_graph(txs)
        assert g.n_tx == entry["n_tx"]


def test_truncated_block_is_reported(tmp_path: Path, tracing_data: Path) -> None:
    raw = (tracing_data / "bitcoinlib_0.7.10" / "blocks" / "block_330000.bin").read_bytes()
    bad = tmp_path / "cut.bin"
    bad.write_bytes(raw[:5000])
    with pytest.raises(TransferFormatError, match=r"cut\.bin"):
        read_block(bad)


def test_taintedtx_testdata_links_inputs(tracing_data: Path) -> None:
    txs = read_taintedtx(tracing_data / "taintedtx_testdata")
    g = utxo_graph(txs)
    assert g.n_tx == 43
    assert g.tx_time[g.tx_index["abs"]] > 0  # block times from blocks.csv (2012)
    # tx 904 spends tx 902's first output (input numbered 9020 in the test data, output 2 in outputs)
    spent = [g.out_tx[o] for o in g.inputs(g.tx_index["8566zayh;p"])]
    assert g.tx_index["77zxcasd"] in [int(s) for s in spent]
    for policy in TaintPolicy:
        assert taint_utxo(g, ["abs"], policy).balanced


def test_malformed_csv_row_names_file_and_line(tmp_path: Path, test_data: Path) -> None:
    folder = tmp_path / "bad"
    folder.mkdir()
    for f in (test_data / "tracing" / "hand_utxo").glob("*.csv"):
        (folder / f.name).write_text(f.read_text())
    rows = (folder / "tx_output.csv").read_text().splitlines()
    rows[4] = rows[4].replace(",80,", ",eighty,")  # 31,3,4,80,4 on line 5
    (folder / "tx_output.csv").write_text("\n".join(rows) + "\n")
    with pytest.raises(TransferFormatError, match=r"tx_output\.csv at line 5: column 'output_value'"):
        read_taintedtx(folder)


def test_time_window_on_taintedtx_testdata(tracing_data: Path) -> None:
    from interdict.tracing.policies.policy import Cutoffs
    from interdict.tracing.sources.transfers import parse_time

    g = utxo_graph(read_taintedtx(tracing_data / "taintedtx_testdata"))
    # blocks.csv dates are dd/mm/yyyy in 2012: tx "abs" is in block 70 (08/09/2012)
    assert int(g.tx_time[g.tx_index["abs"]]) == parse_time("2012-09-08T00:00:00Z")
    early = taint_utxo(g, ["abs"], TaintPolicy.HAIRCUT, Cutoffs(end_time=parse_time("2012-09-10")))
    assert "time window" in early.unexplored and early.balanced
    assert taint_utxo(g, ["abs"], TaintPolicy.HAIRCUT).unexplored.get("time window") is None
