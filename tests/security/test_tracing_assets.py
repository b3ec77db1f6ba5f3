"""Taint follows every asset the sources moved, and never reports balance over what it ignored.

Probe of issue 11: tracing followed only the asset of the source's first transfer (here ETH) and
still said `balanced: true`, while the 5,000 USDT stolen in the same theft went unfollowed.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from interdict.cli import app
from interdict.core.store import connect
from interdict.tracing.follow import taint_from
from interdict.tracing.policies.policy import Cutoffs, TaintPolicy
from interdict.tracing.store import open_ledger

runner = CliRunner()

# T (the thief) moves ETH first, then USDT; each asset takes its own route.
LEDGER = """from,to,asset,amount,time,tx_id,fee
T,M,ETH,100,2024-01-01T09:00:00Z,e1,0
T,M,USDT,5000,2024-01-01T10:00:00Z,u1,0
M,N,ETH,60,2024-01-02T09:00:00Z,e2,0
M,X,USDT,4000,2024-01-03T09:00:00Z,u2,0
N,P,ETH,60,2024-01-04T09:00:00Z,e3,0
"""


@pytest.fixture()
def ledger(interdict_home: Path, tmp_path: Path) -> Path:
    path = tmp_path / "multi_asset.csv"
    path.write_text(LEDGER)
    assert runner.invoke(app, ["trace", "load", str(path)]).exit_code == 0
    return path


def _taint(*args: str) -> Any:
    result = runner.invoke(app, ["trace", "taint", "--from", "T", "--json", *args])
    assert result.exit_code == 0, result.output
    return json.loads(result.output)


def _holdings(walk: dict[str, Any]) -> dict[str, int]:
    return {a["address"]: a["tainted_value"] for a in walk["addresses"]}


def test_every_asset_the_sources_moved_is_followed(ledger: Path) -> None:
    out = _taint()
    assert [w["asset"] for w in out["assets"]] == ["ETH", "USDT"]
    eth, usdt = out["assets"]
    assert _holdings(eth) == {"P": 60, "M": 40} and eth["total_source_value"] == 100
    assert _holdings(usdt) == {"X": 4000, "M": 1000} and usdt["total_source_value"] == 5000
    assert eth["ignored_assets"] == usdt["ignored_assets"] == {}
    assert out["balanced"] and eth["balanced"] and usdt["balanced"]
    text = runner.invoke(app, ["trace", "taint", "--from", "T"]).output
    assert "taint from T in ETH" in text and "taint from T in USDT" in text
    assert "NOT balanced" not in text


def test_one_asset_on_request_is_not_called_balanced(ledger: Path) -> None:
    eth = _taint("--asset", "ETH")
    assert eth["asset"] == "ETH" and _holdings(eth) == {"P": 60, "M": 40}
    assert eth["ignored_assets"] == {"USDT": 5000}
    assert eth["balanced"] is False
    text = runner.invoke(app, ["trace", "taint", "--from", "T", "--asset", "ETH"]).output
    assert "not followed" in text and "USDT" in text and "NOT balanced" in text
    missing = runner.invoke(app, ["trace", "taint", "--from", "T", "--asset", "BTC"])
    assert missing.exit_code == 2 and "asset BTC" in missing.output


def test_the_single_walk_the_api_uses_names_what_it_left_out(ledger: Path) -> None:
    led = open_ledger(connect())
    res, asset = taint_from(led, ["T"], TaintPolicy.HAIRCUT, Cutoffs())
    assert asset == "ETH" and res.source_value == 100
    assert res.ignored_assets == {"USDT": 5000} and not res.balanced
    res, asset = taint_from(led, ["T"], TaintPolicy.HAIRCUT, Cutoffs(), asset="USDT")
    assert asset == "USDT" and res.ignored_assets == {"ETH": 100}


def test_back_from_a_deposit_of_several_assets_needs_one_named(ledger: Path) -> None:
    several = runner.invoke(app, ["trace", "back", "--from", "M", "--json"])
    assert several.exit_code == 2 and "M received ETH, USDT" in " ".join(several.output.split())
    usdt = runner.invoke(app, ["trace", "back", "--from", "M", "--asset", "USDT", "--json"])
    assert usdt.exit_code == 0, usdt.output
    back = json.loads(usdt.output)
    assert back["deposit_value"] == 5000 and back["balanced"]
    assert {o["address"]: o["value"] for o in back["origins"]} == {"T": 5000}
    single = json.loads(runner.invoke(app, ["trace", "back", "--from", "P", "--json"]).output)
    assert single["deposit_value"] == 60 and single["balanced"]


def _json(*args: str) -> Any:
    result = runner.invoke(app, ["trace", *args, "--json"])
    assert result.exit_code == 0, result.output
    return json.loads(result.output)


def test_path_searches_every_asset_both_ends_moved(ledger: Path) -> None:
    # X only ever moved USDT: a search in T's first asset (ETH) could not even find it
    usdt = _json("path", "T", "X")
    assert usdt["asset"] == "USDT" and usdt["ignored_assets"] == {}
    assert usdt["direction"] == "forward" and [e["tx"] for e in usdt["edges"]] == ["u1", "u2"]
    # T and M share two assets: one search each, each with its own amounts
    both = _json("path", "T", "M")
    assert [w["asset"] for w in both["assets"]] == ["ETH", "USDT"]
    assert [w["edges"][0]["amount"] for w in both["assets"]] == [100, 5000]
    one = _json("path", "T", "M", "--asset", "USDT")
    assert one["asset"] == "USDT" and one["ignored_assets"] == {"ETH": 100}
    text = runner.invoke(app, ["trace", "path", "T", "M", "--asset", "USDT"]).output
    assert "not searched" in text and "ETH" in text
    missing = runner.invoke(app, ["trace", "path", "T", "M", "--asset", "BTC"])
    assert missing.exit_code == 2 and "asset BTC" in missing.output


def test_exposure_follows_every_asset_the_address_moved(ledger: Path) -> None:
    out = _json("exposure", "T")
    eth, usdt = out["assets"]
    assert (eth["asset"], eth["reached"], eth["by_hops"]) == ("ETH", 3, {"1": 1, "2": 1, "3": 1})
    assert (usdt["asset"], usdt["reached"], usdt["by_hops"]) == ("USDT", 2, {"1": 1, "2": 1})
    assert out["address"] == "T" and out["direction"] == "forward"
    eth_only = _json("exposure", "M", "--asset", "ETH")
    assert eth_only["reached"] == 2 and eth_only["ignored_assets"] == {"USDT": 4000}
    text = runner.invoke(app, ["trace", "exposure", "M", "--asset", "ETH"]).output
    assert "not followed" in text and "USDT" in text
    back = _json("exposure", "X", "--back")
    assert back["asset"] == "USDT" and back["reached"] == 2 and back["ignored_assets"] == {}
