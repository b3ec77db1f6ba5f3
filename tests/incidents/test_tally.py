"""Tallies of the hand-made ledger (tests/data/incidents/README.md gives them by hand)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from tests.incidents.conftest import run


def _tally(*args: str) -> dict[str, Any]:
    code, out, err = run("incidents", "tally", *args, "--json")
    assert code == 0, err
    return dict(json.loads(out))


def _rows(found: dict[str, Any]) -> dict[str, tuple[Any, ...]]:
    return {r["key"]: (r["incidents"], r["sourced"], r["usd"], r["usd_known"]) for r in found["rows"]}


def test_tally_by_actor_chain_quarter(interdict_home: Path, incident_data: Path) -> None:
    assert run("incidents", "load", str(incident_data / "hand_ledger.csv"))[0] == 0
    assert _rows(_tally("--by", "actor")) == {
        "Lazarus Group": (4, {"BTC": "12.5", "ETH": "5"}, "81200300", 3),
        "Andariel": (1, {"ETH": "5"}, "300", 1),
        "(unattributed)": (1, {"ETH": "1"}, None, 0),
    }
    by_chain = _tally("--by", "chain")
    assert _rows(by_chain) == {
        "BTC": (2, {"BTC": "12.5"}, "200000", 1),
        "ETH": (2, {"ETH": "6"}, "300", 1),
        "SWIFT": (1, {}, "81000000", 1),
    }
    total = by_chain["total"]
    assert (total["incidents"], total["sourced"], total["usd"], total["usd_known"]) == (
        5, {"BTC": "12.5", "ETH": "6"}, "81200300", 3)
    quarters = _tally("--by", "quarter")
    assert [(r["key"], r["ids"]) for r in quarters["rows"]] == [
        ("2023Q1", ["h1", "h2"]), ("2023Q2", ["h3"]), ("2024Q1", ["h4"]), ("2024Q2", ["h5"])]
    window = _tally("--by", "quarter", "--from", "2023-02-01", "--to", "2024-03-31")
    assert [r["ids"] for r in window["rows"]] == [["h2"], ["h3"], ["h4"]]
    assert window["total"]["sourced"] == {"BTC": "2.5", "ETH": "5"}
    code, _, err = run("incidents", "tally", "--by", "colour")
    assert code == 2 and "actor, chain, exit, quarter" in err
    code, _, err = run("incidents", "tally", "--from", "2023-13-01")
    assert code == 2 and "--from" in err


def test_tally_by_exit_after_traces(traced_home: Path) -> None:
    assert run("incidents", "trace", "h1", "--policy", "poison")[0] == 0
    assert run("incidents", "trace", "acct1", "--policy", "poison")[0] == 0
    found = _tally("--by", "exit")
    rows = {r["key"]: (r["ids"], r["traced"]) for r in found["rows"]}
    # h1 (sat): X 20, unspent 125, fees 15; acct1 (EUR cents): X 120, unspent 48, fees 2
    assert rows["exchange"] == (["h1", "acct1"], {"BTC": "0.0000002", "EUR": "120"})
    assert rows["unspent"] == (["h1", "acct1"], {"BTC": "0.00000125", "EUR": "48"})
    assert rows["fees"] == (["h1", "acct1"], {"BTC": "0.00000015", "EUR": "2"})
    assert rows["(not traced)"][0] == ["h2", "h3", "h4", "h5"]
    assert found["total"]["traced"] == {"BTC": "0.000001", "EUR": "100"}
    assert found["total"]["traced_incidents"] == 2
    by_actor = {r["key"]: r for r in _tally("--by", "actor")["rows"]}
    lazarus = by_actor["Lazarus Group"]  # sourced and traced side by side
    assert (lazarus["incidents"], lazarus["traced_incidents"]) == (5, 2)
    assert lazarus["sourced"] == {"BTC": "12.5", "ETH": "5", "EUR": "100"}
    assert lazarus["traced"] == {"BTC": "0.000001", "EUR": "100"}
