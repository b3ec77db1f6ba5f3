"""Bad tracing input is an error naming the file and the line, exit 2: never a raw traceback.

Probe of issue 11: a 40-digit amount or time and binary input gave raw tracebacks (and, where there
was a line, the wrong one). Every case goes through `interdict trace load`.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from interdict.cli import app

runner = CliRunner()

HEADER = "from,to,asset,amount,time,tx_id\n"
BIG = "1234567890123456789012345678901234567890"  # 40 digits: above DuckDB's HUGEINT


def _load_fails(path: Path) -> str:
    """Run `trace load`; return its one error line after checking it failed cleanly with exit 2."""
    result = runner.invoke(app, ["trace", "load", str(path)])
    assert result.exit_code == 2, result.output
    assert isinstance(result.exception, SystemExit)  # not an uncaught exception
    assert "Traceback" not in result.output
    errors = [line for line in result.output.splitlines() if line.startswith("error:")]
    assert len(errors) == 1, result.output
    return " ".join(errors[0].split())


@pytest.mark.parametrize(("body", "line", "what"), [
    (f"a,b,ETH,100,1700000000,t1\na,c,ETH,{BIG},1700000001,t2\n", 3, "column 'amount'"),
    (f"a,b,ETH,100,1700000000,t1\n\na,c,ETH,5,{BIG},t2\n", 4, "column 'time'"),
    ("a,b,ETH,1,1e999,t1\n", 2, "time '1e999'"),
    # A record spanning lines 2-3: the error names the line it starts on.
    (f'a,"b\nb",ETH,{BIG},1700000000,t1\n', 2, "column 'amount'"),
])
def test_out_of_range_numbers_name_file_and_line(interdict_home: Path, tmp_path: Path, body: str,
                                                 line: int, what: str) -> None:
    path = tmp_path / "transfers.csv"
    path.write_text(HEADER + body)
    error = _load_fails(path)
    assert f"{path} at line {line}:" in error and what in error


def test_binary_input_names_file_and_line(interdict_home: Path, tmp_path: Path) -> None:
    after_header = tmp_path / "after_header.csv"
    after_header.write_bytes(HEADER.encode() + b"a,b,ETH,1,1700000000,t1\n\xbe\x00\xff\x13binary\n")
    error = _load_fails(after_header)
    assert f"{after_header} at line 3:" in error and "not UTF-8" in error
    whole = tmp_path / "whole.csv"
    whole.write_bytes(bytes(range(128, 256)) * 4)
    assert f"{whole} at line 1:" in _load_fails(whole)


def test_eth_export_with_a_40_digit_value(interdict_home: Path, tmp_path: Path) -> None:
    folder = tmp_path / "eth"
    folder.mkdir()
    (folder / "transactions.csv").write_text(
        "txHash,fromAddress,toAddress,value,blockTimestamp,receiptGasUsed,gasPrice,transactionIndex\n"
        "0x1,0xa,0xb,5,1700000000,1,1,0\n"
        f"0x2,0xa,0xb,{BIG},1700000000,1,1,0\n")
    error = _load_fails(folder)
    assert "transactions.csv at line 3:" in error and "column 'value'" in error
    (folder / "transactions.csv").write_bytes(b"txHash,fromAddress\n\xc1\xc1\n")
    assert "transactions.csv at line 2:" in _load_fails(folder)


def test_taintedtx_with_a_40_digit_value(interdict_home: Path, tmp_path: Path, test_data: Path) -> None:
    folder = tmp_path / "utxo"
    shutil.copytree(test_data / "tracing" / "hand_utxo", folder)
    outputs = folder / "tx_output.csv"
    outputs.write_text(outputs.read_text() + f"30,2,2,{BIG},\n")
    lines = outputs.read_text().splitlines()
    error = _load_fails(folder)
    assert f"tx_output.csv at line {len(lines)}:" in error and "output_value" in error
