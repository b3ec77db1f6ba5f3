"""The ledger through the CLI: load the shared scenarios, reload (no-op), correct (a new version),
bad input (nothing stored), actors linked to list entries, every version bound into the audit chain."""

from __future__ import annotations

import json
from pathlib import Path

from interdict.core.store import connect
from tests.incidents.conftest import run

SCENARIO_IDS = ["wannacry_2017", "ofac_tian_li_2020", "ronin_2022", "harmony_horizon_2022",
                "atomic_wallet_2023", "alphapo_coinspaid_2023", "bybit_2025"]


def _listed(*args: str) -> dict[str, dict[str, object]]:
    code, out, err = run("incidents", "list", "--json", *args)
    assert code == 0, err
    return {r["id"]: r for r in json.loads(out)["incidents"]}


def test_load_reload_correct(interdict_home: Path, scenarios: Path, tmp_path: Path) -> None:
    code, out, err = run("incidents", "load", "--json", str(scenarios))
    assert code == 0, err
    loaded = json.loads(out)
    assert [(i["id"], i["version"], i["action"]) for i in loaded["incidents"]] == [
        (i, 1, "load") for i in SCENARIO_IDS]
    assert "no lists loaded" in loaded["lists_note"]
    assert list(_listed()) == SCENARIO_IDS  # by date
    # the same file again: nothing new
    code, out, _ = run("incidents", "load", str(scenarios))
    assert code == 0 and out.count("unchanged (version 1)") == 7
    # a correction of one incident is its version 2; the first version is kept as it was
    data = json.loads(scenarios.read_text(encoding="utf-8"))
    data[2]["amount"] = 173601
    fixed = tmp_path / "fix.json"
    fixed.write_text(json.dumps(data[2:3]), encoding="utf-8")
    code, out, err = run("incidents", "load", str(fixed))
    assert code == 0, err
    assert "ronin_2022: corrected (version 2)" in out
    code, out, _ = run("incidents", "show", "ronin_2022", "--json")
    now = json.loads(out)
    assert (now["version"], now["amount"]) == (2, "173601")
    assert [e["action"] for e in now["events"]] == ["correction", "load"]
    assert now["events"][0]["detail"]["previous"] == now["events"][1]["detail"]["sha256"]
    code, out, _ = run("incidents", "show", "ronin_2022", "--version", "1", "--json")
    assert json.loads(out)["amount"] == "173600"
    code, _, err = run("incidents", "show", "ronin_2022", "--version", "3")
    assert code == 2 and "versions: 1, 2" in err


def test_bad_file_loads_nothing(interdict_home: Path, scenarios: Path, tmp_path: Path) -> None:
    assert run("incidents", "load", str(scenarios))[0] == 0
    data = json.loads(scenarios.read_text(encoding="utf-8"))
    data[0]["amount"] = 99  # a change that would be a correction...
    data[4]["date"] = "2023-06-31"  # ...but the file is bad further on
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(data), encoding="utf-8")
    code, _, err = run("incidents", "load", str(bad))
    assert code == 2
    assert str(bad) in err and "[4].date" in err and "YYYY-MM-DD" in err
    assert {r["version"] for r in _listed().values()} == {1}
    assert _listed()["wannacry_2017"]["amount"] == "52.2"


def test_actors_linked_to_list_entries(interdict_home: Path, scenarios: Path) -> None:
    sample = Path(__file__).resolve().parents[2] / "interdict" / "data" / "lists" / "ofac_sdn_sample.xml"
    assert run("lists", "load", str(sample))[0] == 0
    code, out, err = run("incidents", "load", "--json", str(scenarios))
    assert code == 0, err
    assert json.loads(out)["lists_note"] is None
    code, out, _ = run("incidents", "show", "wannacry_2017", "--json")
    links = {(link["actor"], link["list"]): link for link in json.loads(out)["links"]}
    lazarus = links[("Lazarus Group", "ofac_sdn")]
    assert lazarus["name"].upper() == "LAZARUS GROUP" and lazarus["score"] >= 0.9
    assert lazarus["list_version"] == 1
    assert ("Park Jin Hyok", "ofac_sdn") in links
    bybit = _listed()["bybit_2025"]
    assert bybit["linked_entries"] == [lazarus["entity_key"]]  # TraderTraitor -> Lazarus Group


def test_versions_bound_into_the_audit_chain(interdict_home: Path, scenarios: Path) -> None:
    assert run("incidents", "load", str(scenarios))[0] == 0
    code, out, err = run("audit", "verify")
    assert code == 0, out + err
    con = connect()
    con.execute("UPDATE incident_versions SET data = replace(data, '52.2', '5.22')"
                " WHERE id = 'wannacry_2017'")
    con.close()
    code, out, err = run("audit", "verify")
    assert code != 0
    assert "incidentversion:wannacry_2017:1" in out + err


def test_relink_after_the_lists_arrive(interdict_home: Path, scenarios: Path) -> None:
    """Incidents loaded before any list are linked by `incidents relink` once lists are loaded: a new
    version with the same content and the links; again, nothing changes; without lists, nothing is erased."""
    assert run("incidents", "load", str(scenarios))[0] == 0
    code, out, err = run("incidents", "relink", "--json")
    assert code == 0, err
    assert {i["action"] for i in json.loads(out)["incidents"]} == {"unchanged"}  # no lists: links kept
    sample = Path(__file__).resolve().parents[2] / "interdict" / "data" / "lists" / "ofac_sdn_sample.xml"
    assert run("lists", "load", str(sample))[0] == 0
    code, out, err = run("incidents", "relink", "--json")
    assert code == 0, err
    done = {i["id"]: (i["version"], i["action"]) for i in json.loads(out)["incidents"]}
    assert done["wannacry_2017"] == (2, "relink") and json.loads(out)["links"] > 0
    code, out, _ = run("incidents", "show", "wannacry_2017", "--json")
    shown = json.loads(out)
    assert ("Lazarus Group", "ofac_sdn") in {(link["actor"], link["list"]) for link in shown["links"]}
    assert shown["amount"] == "52.2" and shown["events"][0]["action"] == "relink"
    code, out, _ = run("incidents", "relink")
    assert code == 0 and "relinked" not in out and out.count("unchanged") == 7
    assert run("incidents", "load", str(scenarios))[1].count("unchanged") == 7  # same content, same links
    code, out, err = run("audit", "verify")
    assert code == 0, out + err


def test_a_file_not_in_utf8_is_named_and_loads_nothing(interdict_home: Path, scenarios: Path,
                                                       tmp_path: Path) -> None:
    """A byte that is not UTF-8 (Windows-1252 "é") is reported by file, line and column, exit 2, and
    nothing of the file is stored."""
    assert run("incidents", "load", str(scenarios))[0] == 0
    bad = tmp_path / "latin1.csv"
    bad.write_bytes(b"id,name,date,chain,amount,unit\nwannacry_2017,WannaCry,2017-05-12,BTC,99,BTC\n"
                    b"new1,Caf\xe9 theft,2024-02-01,BTC,1,BTC\n")
    code, _, err = run("incidents", "load", str(bad))
    assert code == 2
    assert f"{bad} at line 3: byte 0xe9 at column 9" in " ".join(err.split())
    assert {r["version"] for r in _listed().values()} == {1} and "new1" not in _listed()
