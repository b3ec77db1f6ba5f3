"""`screen --batch --engine spark` writes exactly the embedded batch's records (real lists, Spark local)."""

from __future__ import annotations

import os
import random
import subprocess
import sys
from pathlib import Path
from typing import Any

import duckdb
import orjson
import pytest

from interdict.lists.parsed import ParsedList
from interdict.services.spark_screening import SparkBatchRequest, screen_batch_spark
from tests.conftest import REPO

pytestmark = pytest.mark.shared

FIRST = ["Ali", "Kim", "Ivan", "John", "Maria", "Abdul", "Olga", "Chen", "Pak", "Ahmed", "Sergei", "Fatima"]
LAST = ["Hassan", "Jong", "Petrov", "Smith", "Rahman", "Ivanova", "Wei", "Hyok", "Karimi", "Haddad"]
ORG = ["Trading", "Shipping", "Bank", "Holding", "Petroleum", "Mining", "Logistics"]


def _perturb(rng: random.Random, name: str) -> str:
    words = name.split()
    r = rng.random()
    if r < 0.25 and len(words) > 1:
        words = [*words[1:], words[0]]
    elif r < 0.5:
        i = rng.randrange(len(words))
        if len(words[i]) > 4:
            j = rng.randrange(1, len(words[i]) - 1)
            words[i] = words[i][:j] + words[i][j + 1:]
    elif r < 0.6:
        return name.lower()
    return " ".join(words)


def _rows(listed: list[str], n: int) -> list[dict[str, Any]]:
    rng = random.Random(16)
    rows: list[dict[str, Any]] = []
    for i in range(n):
        r = rng.random()
        if r < 0.35:
            name = _perturb(rng, rng.choice(listed))
        elif r < 0.75:
            name = f"{rng.choice(FIRST)} {rng.choice(LAST)}"
        else:
            name = f"{rng.choice(LAST)} {rng.choice(ORG)} {rng.choice(['LLC', 'Ltd', 'Co', 'JSC'])}"
        row: dict[str, Any] = {"id": f"c{i}", "name": name}
        if rng.random() < 0.2:
            row["kind"] = rng.choice(["person", "organization", "any"])
        if rng.random() < 0.15:
            row["dob"] = str(rng.randint(1950, 1995))
        if rng.random() < 0.15:
            row["country"] = rng.choice(["KP", "IR", "RU", "SY", "DE"])
        rows.append(row)
    rows[7] = {"id": "bad-1", "name": ""}
    rows[1500] = {"id": "bad-2", "name": "Kim Jong Un", "dob": "yesterday"}
    return rows


@pytest.fixture(scope="module")
def batch(tmp_path_factory: pytest.TempPathFactory, lists_home: Path, un_parsed: ParsedList,
          ofac_sdn_parsed: ParsedList) -> dict[str, Path]:
    """3,000 queries as JSON lines and Parquet, and the embedded batch's output for them (the CLI)."""
    folder = tmp_path_factory.mktemp("spark-batch")
    listed = [e.primary_name for e in (*un_parsed.entities, *ofac_sdn_parsed.entities)]
    jsonl = folder / "in.jsonl"
    jsonl.write_bytes(b"".join(orjson.dumps(r) + b"\n" for r in _rows(listed, 3000)))
    parquet = folder / "in.parquet"
    con = duckdb.connect()
    con.execute(f"COPY (SELECT * FROM read_json('{jsonl}', format='newline_delimited',"
                " columns={id:'VARCHAR', name:'VARCHAR', kind:'VARCHAR', dob:'VARCHAR', country:'VARCHAR'}))"
                f" TO '{parquet}' (FORMAT parquet)")
    con.close()
    embedded = folder / "embedded.jsonl"
    env = {**os.environ, "INTERDICT_HOME": str(lists_home), "PYTHONPATH": str(REPO)}
    done = subprocess.run([sys.executable, "-m", "interdict", "screen", "--batch", str(jsonl), "--out",
                           str(embedded)], env=env, cwd=REPO, capture_output=True, text=True, check=False)
    assert done.returncode == 2, done.stderr  # two bad rows
    return {"jsonl": jsonl, "parquet": parquet, "embedded": embedded}


def _records(path: Path) -> list[dict[str, Any]]:
    return [orjson.loads(line) for line in path.read_bytes().splitlines()]


def _assert_same(spark_records: list[dict[str, Any]], embedded: list[dict[str, Any]]) -> None:
    assert len(spark_records) == len(embedded) == 3000
    hits = 0
    for got, want in zip(spark_records, embedded, strict=True):
        assert got["id"] == want["id"]
        if "error" in want:
            assert (got["line"], got["error"]) == (want["line"], want["error"])
            continue
        assert len(got["candidates"]) == len(want["candidates"]), got["id"]
        for a, b in zip(got["candidates"], want["candidates"], strict=True):
            keys = ("list", "list_id", "matched_name")
            assert [a[k] for k in keys] == [b[k] for k in keys]
            assert a["score"] == pytest.approx(b["score"], abs=1e-6)
            assert a["explanation"] == b["explanation"]
        hits += bool(want["candidates"])
    assert hits > 500  # the comparison covers many real hits, not only empty answers


def test_spark_jsonl_equals_the_embedded_batch(spark: Any, in_lists_home: Path, batch: dict[str, Path],
                                               tmp_path: Path) -> None:
    out = tmp_path / "spark.jsonl"
    result = screen_batch_spark(SparkBatchRequest(batch["jsonl"], out, partitions=3))
    assert result.list_versions == {"un": 1, "ofac_sdn": 1}
    assert [(line, ident) for line, ident, _ in result.bad] == [(8, "bad-1"), (1501, "bad-2")]
    assert result.matched and result.rows == 3000
    _assert_same(_records(out), _records(batch["embedded"]))
    assert out.read_bytes() == batch["embedded"].read_bytes()


def test_spark_parquet_in_and_out_equal_the_embedded_batch(spark: Any, in_lists_home: Path,
                                                           batch: dict[str, Path], tmp_path: Path) -> None:
    out = tmp_path / "spark.parquet"
    result = screen_batch_spark(SparkBatchRequest(batch["parquet"], out, partitions=2))
    rows = duckdb.connect().execute(f"SELECT id, line, error, candidates FROM read_parquet('{out}/*.parquet',"
                                    " filename=true) ORDER BY filename, file_row_number").fetchall()
    records = [{"id": i, "line": ln, "error": e} if c is None else {"id": i, "candidates": orjson.loads(c)}
               for i, ln, e, c in rows]
    _assert_same(records, _records(batch["embedded"]))
    assert orjson.loads((out / "_lists.json").read_bytes()) == {"list_versions": result.list_versions}
