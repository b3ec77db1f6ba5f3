"""Golden tests against the GraphSense ETH fixtures' expected outputs (real early-mainnet data)."""

from __future__ import annotations

import base64
import json
from pathlib import Path

import pytest

from interdict.tracing.sources.ethereum import (
    TRANSFER_TOPIC,
    address_relations,
    address_stats,
    read_eth_folder,
    read_token_logs,
    read_transactions,
)

pytestmark = pytest.mark.shared


def _hex(b64: str) -> str:
    return "0x" + base64.b64decode(b64).hex()


def _eth(tracing_data: Path, name: str) -> Path:
    return tracing_data / "graphsense_lib_fixtures" / "spark_test_resources" / "account" / "eth" / name


def test_simple_graph_address_totals_and_degrees(tracing_data: Path) -> None:
    folder = _eth(tracing_data, "simple_graph")
    txs = read_transactions(folder / "transactions.csv")
    assert txs[0].tx_id.startswith("0x5c504ed4") and txs[0].amount == 31337  # the first ETH transfer
    stats = address_stats(txs)
    ref = [json.loads(line) for line in (folder / "reference" / "addresses.json").open()]
    assert len(ref) == len(stats) == 15
    for r in ref:
        s = stats[_hex(r["address"])]
        assert s.total_received == r["totalReceived"]["value"]
        assert s.total_spent == r["totalSpent"]["value"]
        assert s.incoming_txs == r["noIncomingTxs"] and s.outgoing_txs == r["noOutgoingTxs"]
        assert len(s.in_neighbors) == r["inDegree"] and len(s.out_neighbors) == r["outDegree"]


def test_simple_graph_relations(tracing_data: Path) -> None:
    folder = _eth(tracing_data, "simple_graph")
    ref_ids = {
        r["addressId"]: _hex(r["address"])
        for r in map(json.loads, (folder / "reference" / "addresses.json").open())
    }
    rel = address_relations(read_transactions(folder / "transactions.csv"))
    ref = [json.loads(line) for line in (folder / "reference" / "address_relations.json").open()]
    assert len(ref) == len(rel) == 9
    for r in ref:
        key = (ref_ids[r["srcAddressId"]], ref_ids[r["dstAddressId"]])
        assert rel[key] == (r["noTransactions"], r["value"]["value"])


def test_usdt_token_transfers(tracing_data: Path) -> None:
    folder = _eth(tracing_data, "tokens")
    mine = {
        (t.tx_id, t.sender, t.receiver, t.amount)
        for t in read_token_logs(folder / "logs.json.gz", {})
        if t.asset == "USDT"
    }
    ref = {
        (_hex(r["txHash"]), _hex(r["from"]), _hex(r["to"]), r["value"])
        for r in map(json.loads, (folder / "reference" / "USDT_token_transfers.json").open())
    }
    assert len(ref) == 143
    assert mine == ref


def test_folder_reader_keeps_internal_transfers_and_exact_wei(tracing_data: Path) -> None:
    transfers = read_eth_folder(_eth(tracing_data, "tokens"))
    kinds = {t.kind for t in transfers}
    assert kinds == {"tx", "trace", "token"}
    assert max(t.amount for t in transfers) > 2**64  # wei beyond 64 bits stay exact Python ints
    assert TRANSFER_TOPIC.startswith("0xddf252ad")


@pytest.mark.parametrize("asset", ["ETH", "USDT"])
def test_account_taint_on_real_transfers_balances(tracing_data: Path, asset: str) -> None:
    from collections import Counter

    from interdict.tracing.back import trace_back_account
    from interdict.tracing.policies.policy import Cutoffs, TaintPolicy
    from interdict.tracing.policies.taint_account import taint_account

    transfers = [t for t in read_eth_folder(_eth(tracing_data, "tokens")) if t.asset == asset]
    busiest = [a for a, _ in Counter(t.sender for t in transfers if t.sender != "minted").most_common(3)]
    for policy in TaintPolicy:
        for cut in (None, Cutoffs(max_hops=2)):
            res = taint_account(transfers, busiest, policy, cut)
            assert res.source_value > 0 and res.balanced, (policy, cut)
    target = Counter(t.receiver for t in transfers if t.amount > 0).most_common(1)[0][0]
    back = trace_back_account(transfers, target, max_hops=3)
    assert back.deposit_value > 0 and back.balanced
