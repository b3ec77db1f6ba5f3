"""Issue 11 §1: a malformed MT trailer (block 5) is a broken block: the message is held."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from interdict.cli import app
from interdict.payments.reader import read_bytes
from tests.security.messages import mt103

WATCHLIST = Path(__file__).resolve().parents[1] / "data" / "payments" / "watchlist.csv"


@pytest.mark.parametrize(
    ("trailer", "why"),
    [
        ("{5:{CHK:ZZZZ}{MAC:BAD}}", "block 5 {CHK:}: malformed value 'ZZZZ'"),
        ("{5:{CHK:123456789ABC}{MAC:BAD}}", "block 5 {MAC:}: malformed value 'BAD'"),
        ("{5:{CHK:123456789AB}}", "block 5 {CHK:}: malformed value '123456789AB'"),
        ("{5:{XYZ:1}}", "block 5: unknown trailer {XYZ:}"),
        ("{5:{CHK:123456789ABC}{CHK:123456789ABC}}", "trailer {CHK:} appears twice"),
        ("{5:CHK:123456789ABC}", "block 5: expected only {tag:value} sub-blocks"),
    ],
)
def test_a_broken_trailer_holds_the_message(trailer: str, why: str) -> None:
    [item] = read_bytes(mt103("TRL-1", trailer=trailer), "trailer.fin")
    assert item.payment is None
    assert any(why in str(e) for e in item.errors), [str(e) for e in item.errors]


@pytest.mark.parametrize(
    "trailer",
    ["{5:{CHK:123456789ABC}}", "{5:{MAC:12345678}{CHK:123456789ABC}}", "{5:{CHK:987654321DEF}{TNG:}}", ""],
)
def test_well_formed_trailers_are_read(trailer: str) -> None:
    [item] = read_bytes(mt103("TRL-2", trailer=trailer), "trailer.fin")
    assert item.payment is not None and not item.errors


def test_the_cli_holds_a_message_with_a_garbled_trailer(interdict_home: Path, tmp_path: Path) -> None:
    runner = CliRunner()
    assert runner.invoke(app, ["lists", "load", str(WATCHLIST)]).exit_code == 0
    path = tmp_path / "garbled.fin"
    path.write_bytes(mt103("TRL-3", trailer="{5:{CHK:ZZZZ}{MAC:BAD}}"))
    result = runner.invoke(app, ["payments", "screen", str(path), "--json"])
    [line] = [json.loads(x) for x in result.stdout.splitlines()]
    assert result.exit_code == 1 and line["decision"] == "hold"
    assert "block 5" in line["reasons"][0]["message"]
