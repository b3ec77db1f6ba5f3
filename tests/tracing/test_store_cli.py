"""The store (idempotent, atomic loads) and the CLI end to end on hand-made and shared data."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from interdict.cli import app
from interdict.core.errors import TransferFormatError
from interdict.core.store import connect
from interdict.tracing import store
from interdict.tracing.sources.recognise import detect, load_path

runner = CliRunner()


def _load(*paths: Path) -> None:
    result = runner.invoke(app, ["trace", "load", *map(str, paths)])
    assert result.exit_code == 0, result.output


def test_load_is_idempotent_and_atomic(tmp_path: Path, test_data: Path) -> None:
    con = connect(":memory:")
    data = tmp_path / "t.csv"
    shutil.copy(test_data / "tracing" / "hand_transfers.csv", data)
    first = load_path(con, data)
    again = load_path(con, data)
    assert first.rows == again.rows == 5
    assert len(store.load_transfers(con)) == 5
    shutil.copy(test_data / "tracing" / "bad_transfers.csv", data)
    with pytest.raises(TransferFormatError, match=r"t\.csv at line 3: amount '12\.5'"):
        load_path(con, data)
    assert len(store.load_transfers(con)) == 5  # the failed load changed nothing
    assert [d[1] for d in store.datasets(con)] == ["transfers"]


def test_detect_formats(test_data: Path) -> None:
    assert detect(test_data / "tracing" / "hand_utxo") == "taintedtx"
    assert detect(test_data / "tracing" / "hand_transfers.csv") == "transfers"
    assert detect(test_data / "tracing" / "hand_tags.yaml") == "tagpacks"
    with pytest.raises(TransferFormatError, match="unrecognised"):
        detect(test_data / "tracing" / "hand_utxo" / "README.md")


def test_taint_json_contract(interdict_home: Path, test_data: Path, tmp_path: Path) -> None:
    _load(test_data / "tracing" / "hand_utxo", test_data / "tracing" / "hand_tags.yaml")
    html = tmp_path / "flow.html"
    result = runner.invoke(
        app, ["trace", "taint", "--from", "S", "--policy", "haircut", "--json", "--html", str(html)]
    )
    assert result.exit_code == 0, result.output
    out = json.loads(result.output)
    assert {
        "policy",
        "sources",
        "total_source_value",
        "addresses",
        "exits",
        "fees",
        "unexplored_value",
    } <= set(out)
    # X is an exchange (hand_tags.yaml): its 13 is an exit; the rest as computed in test_taint_utxo
    assert out["exits"][0]["address"] == "X" and out["exits"][0]["tainted_value"] == 13
    assert out["exits"][0]["tags"][0]["category"] == "exchange"
    frontier = sum(a["tainted_value"] for a in out["addresses"])
    assert out["total_source_value"] == 100 == frontier + out["fees"] + out["unexplored_value"]
    assert all(isinstance(a["tainted_value"], int) for a in out["addresses"])
    page = html.read_text()
    assert "<svg" in page and "http" not in page.split("<svg", 1)[1].replace("http://www.w3.org/2000/svg", "")
    tree = runner.invoke(app, ["trace", "taint", "--from", "S", "--policy", "fifo", "--max-hops", "1"])
    assert tree.exit_code == 0 and "balanced" in tree.output and "max hops" in tree.output


def test_back_path_cluster_and_errors(interdict_home: Path, test_data: Path) -> None:
    _load(
        test_data / "tracing" / "hand_utxo",
        test_data / "tracing" / "hand_tags.yaml",
        test_data / "tracing" / "hand_transfers.csv",
    )
    back = json.loads(runner.invoke(app, ["trace", "back", "--from", "E", "--json"]).output)
    # E's 45 came from t4 (all of B's 80) <- t3: S 100 and C 60 in proportion: 28.125 / 16.875 -> 28 + 17.
    # S is tagged (a named origin, the walk stops); C is not, so its 17 goes on back to t2, a coinbase.
    assert back["deposit_value"] == 45 and back["balanced"]
    assert {o["address"]: o["value"] for o in back["origins"]} == {"S": 28, "(newly mined)": 17}
    assert back["tagged_value"] == 28
    path = json.loads(runner.invoke(app, ["trace", "path", "T", "P", "--json"]).output)
    assert path["hops"] == 3 and path["edges"][1]["amount"] == 48
    acc = json.loads(
        runner.invoke(app, ["trace", "taint", "--from", "T", "--policy", "fifo", "--json"]).output
    )
    assert {a["address"]: a["tainted_value"] for a in acc["addresses"]} == {"X": 50, "P": 48}
    reach = json.loads(runner.invoke(app, ["trace", "exposure", "S", "--json"]).output)
    # S paid A, B, X in t3 and B paid D, E in t4; X is tagged (exchange) one hop away
    assert reach["reached"] == 5 and reach["by_hops"] == {"1": 3, "2": 2}
    assert [t["address"] for t in reach["tagged"]] == ["X"]
    pat = json.loads(runner.invoke(app, ["trace", "patterns", "--json"]).output)
    # t3 pays the tagged exchange X from S and C: both look like deposit addresses; no peel chain
    assert pat["exchange_deposits"] == {"S": ["t3"], "C": ["t3"]}
    assert pat["peel_chains"] == [] and pat["coinjoin_like"] == []
    cluster = json.loads(runner.invoke(app, ["trace", "cluster", "S", "--json"]).output)
    assert sorted(cluster["addresses"]) == ["C", "S"] and cluster["evidence"] == ["t3"]
    missing = runner.invoke(app, ["trace", "taint", "--from", "nowhere"])
    assert missing.exit_code == 2 and "nowhere" in missing.output


def test_screen_address_exit_codes(interdict_home: Path, test_data: Path) -> None:
    _load(test_data / "tracing" / "hand_tags.yaml")
    hit = runner.invoke(app, ["screen-address", "X", "--json"])
    assert hit.exit_code == 1
    assert json.loads(hit.output)["results"][0]["tags"][0]["source"].startswith("tagpack:hand_tags")
    assert runner.invoke(app, ["screen-address", "clean-address"]).exit_code == 0


@pytest.mark.shared
def test_scenarios_on_shared_data(interdict_home: Path, tracing_data: Path) -> None:
    _load(
        tracing_data / "graphsense_tagpacks" / "packs" / "ransomware.yaml",
        tracing_data / "ofac_brave_intl_fork",
    )
    result = runner.invoke(app, ["trace", "scenarios", "--json"])
    assert result.exit_code == 0, result.output
    cases = {c["id"]: c for c in json.loads(result.output)}
    assert len(cases) == 7
    wannacry = cases["wannacry_2017"]
    assert not wannacry["traceable"]  # no WannaCry transactions in the shared data
    hard_coded = [a for a in wannacry["addresses"] if a["group"] == "theft_addresses"]
    assert len(hard_coded) == 3 and all(a["tags"][0]["category"] == "ransomware" for a in hard_coded)
    tian_li = cases["ofac_tian_li_2020"]["addresses"]
    assert len(tian_li) == 20 and all(any(t["category"] == "sanctioned" for t in a["tags"]) for a in tian_li)
    hit = runner.invoke(app, ["screen-address", "0x098b716b8aaf21512996dc57eb0615e2383e2f96"])
    assert hit.exit_code == 1 and "Lazarus" in hit.output


def test_parquet_transfers_equal_csv(tmp_path: Path, test_data: Path) -> None:
    from interdict.tracing.sources.transfers import read_transfers

    csv_path = test_data / "tracing" / "hand_transfers.csv"
    pq = tmp_path / "hand.parquet"
    con = connect(":memory:")
    con.execute(f"COPY (SELECT * FROM read_csv('{csv_path}', all_varchar=true)) TO '{pq}' (FORMAT parquet)")
    assert detect(pq) == "transfers"
    assert read_transfers(pq) == read_transfers(csv_path)


@pytest.mark.shared
def test_eth_fixture_through_the_cli(interdict_home: Path, tracing_data: Path) -> None:
    folder = (
        tracing_data / "graphsense_lib_fixtures" / "spark_test_resources" / "account" / "eth" / "simple_graph"
    )
    _load(folder)
    # 0xbd08...51a2 sent 19.9 ETH to 0x5c12...68c8 (block 46169), its fee 21000 gas x 909,808,707,606 wei
    out = json.loads(
        runner.invoke(
            app, ["trace", "taint", "--from", "0xBD08E0CDDEC097DB7901EA819A3D1FD9DE8951A2", "--json"]
        ).output
    )
    assert out["unit"] == "wei"
    assert out["addresses"] == [
        {
            "address": "0x5c12a8e43faf884521c2454f39560e6c265a68c8",
            "tainted_value": 19_900_000_000_000_000_000,
            "hops": 1,
        }
    ]
    assert out["fees"] == 21_000 * 909_808_707_606
    assert out["total_source_value"] == out["addresses"][0]["tainted_value"] + out["fees"]


@pytest.mark.shared
def test_eth_checksum_case_in_back_and_path(interdict_home: Path, tracing_data: Path) -> None:
    folder = (
        tracing_data / "graphsense_lib_fixtures" / "spark_test_resources" / "account" / "eth" / "simple_graph"
    )
    _load(folder)
    a, b = "0xBD08E0CDDEC097DB7901EA819A3D1FD9DE8951A2", "0x5C12A8E43FAF884521C2454F39560E6C265A68C8"
    path = json.loads(runner.invoke(app, ["trace", "path", a, b, "--json"]).output)
    assert path["hops"] == 1 and path["edges"][0]["amount"] == 19_900_000_000_000_000_000
    back = json.loads(runner.invoke(app, ["trace", "back", "--from", b, "--json"]).output)
    assert back["deposit_value"] == 19_900_000_000_000_000_000 and back["balanced"]
    assert back["origins"][0]["address"] == a.lower()
