"""`interdict aml scan` / `aml detectors`, `POST /v1/aml/scan` and the case page's picture."""

from __future__ import annotations

import base64
import json
import re
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from typer.testing import CliRunner

from interdict.cli import app
from interdict.screening import ScreeningIndex
from interdict.services.screening import load_store_index
from tests.api.servers import Server, load_lists, running
from tests.cases.dbs import make_store

runner = CliRunner()
FAN_IN = "from,to,asset,amount,time,tx_id\n" + "".join(
    f"M{i},HUB,EUR,{940000 + 5000 * i},{1_700_000_000 + 3600 * i},t{i}\n" for i in range(8)
) + "X,Y,EUR,12000,1700000000,u1\nY,Z,EUR,777,1700090000,u2\n"


@pytest.fixture()
def transfers(tmp_path: Path) -> Path:
    path = tmp_path / "bank.csv"
    path.write_text(FAN_IN)
    return path


def test_cli_scan_writes_alerts_and_raises_cases_once(transfers: Path, tmp_path: Path,
                                                      interdict_home: Path) -> None:
    out = tmp_path / "alerts.jsonl"
    first = runner.invoke(app, ["aml", "scan", str(transfers), "--out", str(out), "--typology", "fan_in",
                                "--json"])
    assert first.exit_code == 0, first.output
    result = json.loads(first.stdout)
    assert result["format"] == "transfers" and result["profile"] == "default"
    assert result["counts"] == {"fan_in": 1} and result["new_alerts"] == 1 and len(result["cases"]) == 1
    lines = [json.loads(x) for x in out.read_text().splitlines()]
    assert len(lines) == 1 and lines[0]["typology"] == "fan_in" and lines[0]["accounts"][0] == "HUB"
    assert sorted(lines[0]["transactions"]) == [f"t{i}" for i in range(8)]
    again = runner.invoke(app, ["aml", "scan", str(transfers), "--out", str(out), "--typology", "fan_in"])
    text = " ".join(again.stdout.split())
    assert again.exit_code == 0 and "0 new in 1 cases" in text
    assert "8 accounts sent HUB 8 transfers of 940,000–975,000" in text


def test_cli_errors_and_detector_docs(transfers: Path, tmp_path: Path, interdict_home: Path) -> None:
    out = str(tmp_path / "a")
    bad = runner.invoke(app, ["aml", "scan", str(transfers), "--out", out, "--typology", "nope"])
    assert bad.exit_code == 2 and "unknown typology detector 'nope'" in bad.stderr
    broken = tmp_path / "broken.csv"
    broken.write_text("from,to,asset,amount,time,tx_id\nA,B,EUR,12.5,1,t1\n")
    bad = runner.invoke(app, ["aml", "scan", str(broken), "--out", str(tmp_path / "a"), "--no-cases"])
    assert bad.exit_code == 2 and "broken.csv at line 2" in bad.stderr
    docs = runner.invoke(app, ["aml", "detectors", "--json"])
    names = [d["name"] for d in json.loads(docs.stdout)]
    assert names == ["fan_out", "fan_in", "cycle", "scatter_gather", "gather_scatter", "stack", "bipartite",
                     "mule_chain", "structuring"]


@pytest.fixture(scope="module")
def index(tmp_path_factory: pytest.TempPathFactory, test_data: Path) -> ScreeningIndex:
    home = tmp_path_factory.mktemp("aml-lists")
    load_lists(home, [test_data / "lists/un_v1.xml"])
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("INTERDICT_HOME", str(home))
        return load_store_index()


@pytest.fixture()
def server(tmp_path: Path, index: ScreeningIndex, interdict_home: Path) -> Iterator[Server]:
    with make_store("sqlite", tmp_path) as store, running(store, index, passwords=True) as srv:
        yield srv


def test_api_scan_and_the_case_page_picture(server: Server) -> None:
    with server.client("alice") as api:
        r = api.post("/v1/aml/scan", params={"typology": "fan_in"}, content=FAN_IN.encode())
        assert r.status_code == 200, r.text
        case_id = r.json()["cases"][0]
        assert api.post("/v1/aml/scan", params={"typology": "fan_in"}, content=FAN_IN.encode()).json()[
            "new_alerts"] == 0
        assert len(api.get("/v1/aml/detectors").json()) == 9
        empty = api.post("/v1/aml/scan", content=b"")
        assert empty.status_code == 422 and "empty" in empty.text
    with httpx.Client(base_url=server.url, timeout=30) as c:
        c.post("/web/login", data={"user": "alice", "password": "pw-alice-secret"})
        page = c.get(f"/web/cases/{case_id}").text
    assert "8 accounts sent HUB 8 transfers of 940,000–975,000" in page
    uri = re.search(r'<img src="data:image/svg\+xml;base64,([^"]+)" alt="fan_in', page)
    assert uri is not None
    svg = base64.b64decode(uri.group(1)).decode()
    assert svg.startswith("<svg") and "<script" not in svg
    assert all(f">M{i}<" in svg for i in range(8)) and ">HUB<" in svg
    assert "975,000 ×1 · 2023-11-15 05:13" in svg  # each arrow: amount, count, first time
