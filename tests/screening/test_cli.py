"""`interdict screen` through the real CLI on a store loaded from a watchlist in its official format."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from interdict.cli import app

runner = CliRunner()


def run(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture()
def loaded(interdict_home: Path, test_data: Path) -> Path:
    code, _, err = run("lists", "load", str(test_data / "lists" / "internal" / "watchlist.csv"))
    assert code == 0, err
    return interdict_home


def test_single_name_table_and_exit_code(loaded: Path) -> None:
    code, out, _ = run("screen", "Park Jin-hyok")
    assert code == 1
    assert "INT-0001" in out and "Pak Jin Hyok" in out and "1.00" in out
    code, out, _ = run("screen", "Somebody Else")
    assert code == 0 and "No match" in out


def test_single_name_json_with_context(loaded: Path) -> None:
    code, out, _ = run("screen", "박진혁", "--kind", "person", "--dob", "1984-08-15", "--country", "KP",
                       "--json")
    assert code == 1
    data = json.loads(out)
    cand = data["candidates"][0]
    assert cand["list_id"] == "INT-0001" and cand["score"] == 1.0
    assert cand["explanation"]["query_rule"] == "hangul romanized"
    assert {a["feature"] for a in cand["explanation"]["adjustments"]} == {"dob", "country"}
    code, out, _ = run("screen", "박진혁", "--kind", "vessel", "--json")
    assert code == 0 and json.loads(out)["candidates"] == []


def test_usage_errors_exit_2(loaded: Path) -> None:
    assert run("screen", "x", "--dob", "15/08/1984")[0] == 2
    assert run("screen", "x", "--kind", "building")[0] == 2
    assert run("screen", "x", "--threshold", "1.5")[0] == 2
    assert run("screen")[0] == 2


def test_no_lists_loaded_is_an_input_error(interdict_home: Path) -> None:
    code, _, err = run("screen", "Pak Jin Hyok")
    assert code == 2 and "lists load" in err


def test_batch_jsonl_in_order_with_a_bad_line(loaded: Path, tmp_path: Path) -> None:
    src = tmp_path / "customers.csv"
    src.write_text("id,name,kind,dob,country\nc1,Pak Jin Hyok,person,,\nc2,Jane Doe,,,\n"
                   "c3,Bad Kind,spaceship,,\nc4,IMO 9000001,,,\n", encoding="utf-8")
    out = tmp_path / "out.jsonl"
    code, _, err = run("screen", "--batch", str(src), "--out", str(out))
    assert code == 2  # a bad line: input error, the other lines are still screened
    assert "line 4" in err and "spaceship" in err
    lines = [json.loads(line) for line in out.read_text().splitlines()]
    assert [r["id"] for r in lines] == ["c1", "c2", "c3", "c4"]
    assert lines[0]["candidates"][0]["list_id"] == "INT-0001"
    assert lines[1]["candidates"] == []
    assert lines[2]["line"] == 4 and "error" in lines[2]
    assert lines[3]["candidates"][0]["list_id"] == "INT-0003"


def test_batch_to_stdout_exit_1_on_match(loaded: Path, tmp_path: Path) -> None:
    src = tmp_path / "customers.jsonl"
    src.write_text('{"id": 1, "name": "Hanseong Import Export Co Ltd"}\n{"id": 2, "name": "Nobody"}\n',
                   encoding="utf-8")
    code, out, _ = run("screen", "--batch", str(src))
    assert code == 1
    records = [json.loads(line) for line in out.splitlines()]
    assert [r["id"] for r in records] == ["1", "2"]
    assert records[0]["candidates"][0]["list_id"] == "INT-0002"
    assert all(c["score"] >= 0.8 for r in records for c in r["candidates"])


def test_address_kind_through_the_cli(interdict_home: Path, test_data: Path) -> None:
    code, _, err = run("lists", "load", str(test_data / "lists" / "ofac_xml_small.xml"))
    assert code == 0, err
    code, out, _ = run("screen", "9 Dongzhimen North St., Beijing, China", "--kind", "address", "--json")
    assert code == 1
    cand = json.loads(out)["candidates"][0]
    assert cand["explanation"]["method"] == "address"
    assert cand["explanation"]["address_parts"]["street"] == "matched"
    code, out, _ = run("screen", "12 Dongzhimen South Street, Beijing", "--kind", "address")
    assert code == 0 and "No match" in out
