"""`interdict match` through the real CLI: one pair, a CSV of pairs, the scorers, bad input."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from interdict.cli import app
from interdict.core import config

runner = CliRunner()
SHARED = config.shared_data_dir()
NAME_BENCH = (SHARED or Path("/nonexistent")) / "screening" / "nomenklatura_name_bench" / "cases.csv"


def run(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_single_pair_table_and_exit_codes() -> None:
    code, out, _ = run("match", "Park Jin Hyok", "Pak Jin Hyok", "--kind", "person")
    assert code == 1
    assert "score" in out and "tokens" in out and "jin" in out
    code, out, _ = run("match", "Angela Merkel", "Xi Jinping")
    assert code == 0 and "no match" in out


def test_single_pair_json_has_the_screen_explanation() -> None:
    code, out, _ = run("match", "Pak Jin Hyok", "Pak Jin Hyok", "--kind", "person", "--json")
    assert code == 1
    data = json.loads(out)
    assert data["score"] == 1.0 and data["match"] is True and data["algorithm"] == "interdict"
    assert data["kind"] == "person"
    assert [t["query"] for t in data["explanation"]["tokens"]] == ["pak", "jin", "hyok"]
    assert data["explanation"]["adjustments"] == []


def test_ofac_algorithm_and_listing() -> None:
    code, out, _ = run("match", "John Smith", "Jon Smyth", "--algorithm", "ofac-sls", "--json")
    data = json.loads(out)
    assert code == 1 and data["algorithm"] == "ofac-sls" and data["threshold"] == 0.85
    assert data["explanation"]["composite"] == pytest.approx(0.9567, abs=1e-4)
    code, out, _ = run("match", "--algorithms", "--json")
    assert code == 0 and [d["name"] for d in json.loads(out)] == ["interdict", "ofac-sls"]
    code, _, err = run("match", "a", "b", "--algorithm", "watchman")
    assert code == 2 and "unknown algorithm" in err


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "pairs.csv"
    path.write_text(text, encoding="utf-8")
    return path


def test_batch_json_lines_rows_and_match_flag(tmp_path: Path) -> None:
    pairs = write(tmp_path, "id,name1,name2,schema,extra\n"
                            "a,Pak Jin Hyok,Pak Jin Hyok,Person,x\n"
                            "b,Angela Merkel,Xi Jinping,Person,y\n"
                            "c,\"Sea Star, 3\",Sea Star 3,Vessel,z\n")
    out = tmp_path / "out.jsonl"
    code, _, err = run("match", "--batch", str(pairs), "--out", str(out))
    assert code == 0, err
    lines = [json.loads(line) for line in out.read_text().splitlines()]
    assert [r["row"] for r in lines] == [0, 1, 2]
    assert all(isinstance(r["score"], float) and r["match"] == (r["score"] >= 0.78) for r in lines)
    assert lines[0]["match"] is True and lines[1]["match"] is False
    assert lines[2]["schema"] == "Vessel" and lines[2]["name1"] == "Sea Star, 3"
    assert "explanation" not in lines[0]
    code, stdout, _ = run("match", "--batch", str(pairs), "--explain", "--algorithm", "ofac-sls")
    first = json.loads(stdout.splitlines()[0])
    assert code == 0 and first["algorithm"] == "ofac-sls" and first["explanation"]["score"] == 1.0
    assert first["match"] == (first["score"] >= 0.85)


def test_batch_without_schema_column_uses_kind(tmp_path: Path) -> None:
    pairs = write(tmp_path, "name1,name2\nSea Star,Sea Star\n")
    code, stdout, _ = run("match", "--batch", str(pairs), "--kind", "vessel")
    assert code == 0 and json.loads(stdout)["score"] == 1.0


@pytest.mark.parametrize(("text", "line", "message"), [
    ("name1,schema\nA,Person\n", 1, "header lacks column name2"),
    ("name1,name2,schema\nA,B,Person\nC,,Person\n", 3, "empty or missing name2"),
    ("name1,name2,schema\nA,B,Spaceship\n", 2, "unknown schema 'Spaceship'"),
    ("name1,name2\nA,B\nC,D,E\n", 3, "more fields than the header"),
])
def test_bad_csv_names_file_and_line_and_writes_nothing(tmp_path: Path, text: str, line: int,
                                                          message: str) -> None:
    pairs = write(tmp_path, text)
    out = tmp_path / "out.jsonl"
    code, _, err = run("match", "--batch", str(pairs), "--out", str(out))
    assert code == 2
    assert f"{pairs} line {line}" in err.replace("\n", "") and message in err.replace("\n", "")
    assert not out.exists()


def test_usage_errors() -> None:
    code, _, err = run("match", "only one")
    assert code == 2 and "two names" in err
    code, _, err = run("match", "a", "b", "--batch", "x.csv")
    assert code == 2 and "not both" in err
    code, _, err = run("match", "--batch", "/nonexistent/pairs.csv")
    assert code == 2 and "/nonexistent/pairs.csv" in err


@pytest.mark.skipif(not NAME_BENCH.exists(), reason="shared name benchmark not present")
def test_batch_on_the_real_name_bench(tmp_path: Path) -> None:
    out = tmp_path / "nb.jsonl"
    code, _, err = run("match", "--batch", str(NAME_BENCH), "--out", str(out))
    assert code == 0, err
    rows = [json.loads(line) for line in out.read_text().splitlines()]
    assert len(rows) == 826 and [r["row"] for r in rows] == list(range(826))
