"""Issue 11 §1: the HTTP API validates ISO 20022 as the command line does (one reader, the same
XSDs): a message invalid by its XSD is held by both."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from interdict.cli import app
from tests.api.servers import load_lists, running
from tests.cases.dbs import make_store
from tests.security.messages import out_of_order, pacs008

WATCHLIST = Path(__file__).resolve().parents[1] / "data" / "payments" / "watchlist.csv"


def test_the_same_invalid_file_is_held_by_the_cli_and_the_api(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    data = out_of_order(pacs008("SAME-PATH-1"))
    cli_home, api_home = tmp_path / "cli", tmp_path / "api"
    for home in (cli_home, api_home):
        load_lists(home, [WATCHLIST])

    monkeypatch.setenv("INTERDICT_HOME", str(cli_home))
    path = tmp_path / "invalid.xml"
    path.write_bytes(data)
    result = CliRunner().invoke(app, ["payments", "screen", str(path), "--json"])
    [by_cli] = [json.loads(x) for x in result.stdout.splitlines() if x.startswith("{")]

    monkeypatch.setenv("INTERDICT_HOME", str(api_home))
    with (
        make_store("sqlite", tmp_path) as store,
        running(store, None) as srv,  # type: ignore[arg-type]
        srv.client("alice") as c,
    ):
        r = c.post("/v1/payments/screen", content=data, params={"source": "invalid.xml"})
    assert r.status_code == 200, r.text
    [by_api] = r.json()["decisions"]

    for d in (by_cli, by_api):
        assert d["decision"] == "hold"
        assert any("XSD pacs.008.001.08" in x["message"] for x in d["reasons"] if x["kind"] == "error")
    assert [x["message"].split(" at ", 1)[1] for x in by_cli["reasons"]] == [
        x["message"].split(" at ", 1)[1] for x in by_api["reasons"]
    ]
