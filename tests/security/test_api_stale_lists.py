"""Issue 11 §1: a running server screens against the lists active now, not those it started with,
and a stored decision is a repeat only for the list versions it was made against.

A real server on 127.0.0.1 over a real list store; the new list version is loaded by
`interdict lists load` in another process, as an operator would while the server runs."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from tests.api.servers import Server, load_lists, running
from tests.cases.dbs import make_store
from tests.security.messages import pacs008

REPO = Path(__file__).resolve().parents[2]
LISTED_IN_V2 = "FOREIGN TRADE BANK"  # an entry of tests/data/lists/un_v2.xml, not of un_v1.xml


def lists_load(home: Path, path: Path) -> None:
    """`interdict lists load PATH` in its own process."""
    env = {**os.environ, "INTERDICT_HOME": str(home), "PYTHONPATH": str(REPO)}
    run = subprocess.run(
        [sys.executable, "-m", "interdict", "lists", "load", str(path)], env=env, capture_output=True
    )
    assert run.returncode == 0, run.stderr.decode()


def pay(srv: Server, data: bytes) -> dict[str, Any]:
    with srv.client("alice") as c:
        r = c.post("/v1/payments/screen", content=data, params={"source": "test.xml", "alert": "false"})
    assert r.status_code == 200, r.text
    [decision] = r.json()["decisions"]
    return dict(decision)


def screen(srv: Server, name: str) -> dict[str, Any]:
    with srv.client("alice") as c:
        r = c.post("/v1/screen", json={"name": name})
    assert r.status_code == 200, r.text
    return dict(r.json())


@pytest.fixture()
def server(tmp_path: Path, test_data: Path, monkeypatch: pytest.MonkeyPatch) -> Any:
    """A server started over a list store holding UN version 1 only (it loads its own index)."""
    home = tmp_path / "home"
    monkeypatch.setenv("INTERDICT_HOME", str(home))
    load_lists(home, [test_data / "lists/un_v1.xml"])
    with make_store("sqlite", tmp_path) as store, running(store, None) as srv:  # type: ignore[arg-type]
        yield srv, home


def test_names_and_payments_are_screened_against_a_list_loaded_after_start(
    server: tuple[Server, Path], test_data: Path
) -> None:
    srv, home = server
    before = screen(srv, LISTED_IN_V2)
    assert before["candidates"] == []
    first = pay(srv, pacs008("STALE-1", LISTED_IN_V2))
    assert first["decision"] == "release"

    lists_load(home, test_data / "lists/un_v2.xml")

    after = screen(srv, LISTED_IN_V2)
    assert [c["name"] for c in after["candidates"]][:1] == ["FOREIGN TRADE BANK (FTB)"]
    second = pay(srv, pacs008("STALE-2", LISTED_IN_V2))
    assert second["decision"] == "hold"
    assert any(r["kind"] == "sanctions" and "FOREIGN TRADE BANK" in r["message"] for r in second["reasons"])
    # Every answer names the list versions it was made against.
    assert before["list_versions"] == first["list_versions"] == {"un": 1}
    assert after["list_versions"] == second["list_versions"] == {"un": 2}


def test_a_stored_decision_is_not_repeated_after_the_lists_changed(
    server: tuple[Server, Path], test_data: Path
) -> None:
    srv, home = server
    message = pacs008("REPEAT-1", LISTED_IN_V2)
    first = pay(srv, message)
    assert first["decision"] == "release"
    again = pay(srv, message)  # same content, same lists: the stored decision, decided once
    assert again["decision"] == "release" and again["new"] is False

    lists_load(home, test_data / "lists/un_v2.xml")

    rescreened = pay(srv, message)
    assert rescreened["message_id"] == first["message_id"]
    assert rescreened["decision"] == "hold" and rescreened["new"] is True
    assert first["repeat"] is False and again["repeat"] is True and again["list_versions"] == {"un": 1}
    assert rescreened["repeat"] is False
    assert rescreened["list_versions"] == {"un": 2}
    repeat = pay(srv, message)
    assert repeat["decision"] == "hold" and repeat["repeat"] is True and repeat["list_versions"] == {"un": 2}
