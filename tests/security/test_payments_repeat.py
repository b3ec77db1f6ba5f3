"""Issue 11 §1: `interdict payments screen` of a message decided before returns the stored decision
only while the active list versions are those it was made against; every decision names them."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from typer.testing import CliRunner

from interdict.cli import app
from tests.security.messages import pacs008

runner = CliRunner()


def cli(*args: str) -> tuple[int, list[dict[str, Any]]]:
    result = runner.invoke(app, list(args))
    lines = [json.loads(x) for x in result.stdout.splitlines() if x.startswith("{")]
    return result.exit_code, lines


def test_a_message_decided_under_old_lists_is_screened_again(
    interdict_home: Path, test_data: Path, tmp_path: Path
) -> None:
    assert cli("lists", "load", str(test_data / "lists/un_v1.xml"))[0] == 0
    message = tmp_path / "pay.xml"
    message.write_bytes(pacs008("CLI-REPEAT-1", "FOREIGN TRADE BANK"))

    code, [first] = cli("payments", "screen", str(message), "--json")
    assert code == 0 and first["decision"] == "release"
    code, [same] = cli("payments", "screen", str(message), "--json")
    assert code == 0 and same["decision"] == "release"

    assert cli("lists", "load", str(test_data / "lists/un_v2.xml"))[0] == 0
    code, [again] = cli("payments", "screen", str(message), "--json")
    assert code == 1 and again["decision"] == "hold"
    code, [stored] = cli("payments", "screen", str(message), "--json")
    assert stored["decision"] == "hold"
    # Exactly once for the same list versions; each line says which and whether it is a repeat.
    assert [x["repeat"] for x in (first, same, again, stored)] == [False, True, False, True]
    assert [x["list_versions"] for x in (first, same, again, stored)] == [{"un": 1}] * 2 + [{"un": 2}] * 2

    # `payments show` serves the renewed decision, not the released one.
    show = runner.invoke(app, ["payments", "show", "CLI-REPEAT-1"])
    assert show.exit_code == 0 and "HOLD" in show.stdout.upper() and "FOREIGN TRADE BANK" in show.stdout
    assert "against lists: un v2" in show.stdout
