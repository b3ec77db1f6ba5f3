"""`incidents trace` on the hand-made ledgers (tests/data/tracing), every figure computed by hand,
and address screening reporting a deposit from an address that received an incident's funds.

    hand_utxo:      t3: [S 100, C 60] -> [A 50, B 80, X 20], fee 10;  t4: [B 80] -> [D 30, E 45], fee 5
    hand_transfers: a1 T->M 100, a2 C->M 100, a3 M->N 48 (+2 fee), a4 M->X 120 (2024-01-04 09:00), a5 N->P 48
X is an exchange (tests/data/tracing/hand_tags.yaml); incident h1 was stolen to S, acct1 to T.
"""

from __future__ import annotations

import json
from pathlib import Path

from tests.incidents.conftest import run


def _trace(*args: str) -> dict[str, object]:
    code, out, err = run("incidents", "trace", *args, "--json")
    assert code == 0, err
    return dict(json.loads(out))


def test_poison_trace_by_hand(traced_home: Path) -> None:
    got = _trace("h1", "--policy", "poison")
    assert (got["status"], got["sources"], got["trace"]) == ("traced", ["S"], 1)
    (btc,) = got["assets"]  # type: ignore[misc]
    # 100 sat stolen, C's 60 mixed in; X (exchange) 20; unspent A 50 + D 30 + E 45; fees 10 + 5
    assert btc["source_value"] == "0.000001" and btc["mixed_in"] == "0.0000006"
    assert btc["exits"] == {"exchange": "0.0000002"}
    assert btc["exit_addresses"][0]["address"] == "X"
    assert (btc["unspent"], btc["fees"], btc["left_data"]) == ("0.00000125", "0.00000015", "0")
    assert btc["balanced"] and btc["receivers"] == 6  # S, A, B, X, D, E


def test_haircut_trace_and_address_screening(traced_home: Path) -> None:
    got = _trace("h1")  # haircut: A 31, B 50, X 13, fee 6; D 19, E 28, fee 3
    (btc,) = got["assets"]  # type: ignore[misc]
    assert (btc["exits"], btc["unspent"], btc["fees"]) == ({"exchange": "0.00000013"}, "0.00000078",
                                                           "0.00000009")
    code, out, _ = run("screen-address", "B", "Q-unrelated", "--json")
    assert code == 1  # B is neither listed nor tagged, but it received h1's funds
    results = {r["address"]: r for r in json.loads(out)["results"]}
    (hit,) = results["B"]["incidents"]
    # B received 80 sat in all, 50 of them h1's under haircut
    assert (hit["incident"], hit["tainted_value"], hit["share"], hit["hops"]) == ("h1", "0.0000005", 0.625, 1)
    assert results["Q-unrelated"]["incidents"] == []
    # a later trace replaces the exposure: under poison B's 80 are all tainted
    _trace("h1", "--policy", "poison")
    code, out, _ = run("screen-address", "B", "--json")
    (hit,) = json.loads(out)["results"][0]["incidents"]
    assert (hit["share"], hit["policy"]) == (1.0, "poison")
    code, out, _ = run("incidents", "show", "h1", "--json")
    shown = json.loads(out)
    assert shown["trace"]["trace"] == 2 and [e["action"] for e in shown["events"]][:2] == ["trace", "trace"]


def test_account_trace_with_exit_time(traced_home: Path) -> None:
    got = _trace("acct1", "--policy", "poison")
    (eur,) = got["assets"]  # type: ignore[misc]
    # T's 100 poison M; X receives a4's 120 on 2024-01-04 09:00; N 48 goes on to P (unspent)
    assert eur["asset"] == "EUR" and eur["source_value"] == "100"
    assert eur["exits"] == {"exchange": "120"}
    assert eur["exit_addresses"][0]["first"] == "2024-01-04T09:00:00+00:00"
    assert eur["unspent"] == "48" and eur["fees"] == "2"


def test_incident_not_in_the_data(traced_home: Path) -> None:
    got = _trace("h2")
    assert got["status"] == "theft addresses not in the loaded data"
    assert got["missing"] == ["0xaaa1", "0xaaa2"] and got["assets"] == []
    assert _trace("h3")["status"] == "no theft address named"
    code, _, err = run("incidents", "trace", "h1", "--policy", "fancy")
    assert code == 2 and "--policy" in err


def test_trace_all_in_one_read(traced_home: Path) -> None:
    code, out, err = run("incidents", "trace", "--all", "--policy", "poison", "--json")
    assert code == 0, err
    status = {t["id"]: t["status"] for t in json.loads(out)}
    assert status == {"h1": "traced", "h2": "theft addresses not in the loaded data",
                      "h3": "no theft address named", "h4": "no theft address named",
                      "h5": "theft addresses not in the loaded data", "acct1": "traced"}
    code, _, err = run("incidents", "trace")
    assert code == 2 and "--all" in err
