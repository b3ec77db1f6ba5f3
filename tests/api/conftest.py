"""API tests: a real uvicorn server per test, over SQLite and PostgreSQL, with small real lists loaded."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from interdict.screening import ScreeningIndex
from interdict.services.screening import load_store_index
from tests.api.servers import Server, load_lists, running
from tests.cases.dbs import BACKENDS, make_store

LIST_FILES = ["lists/un_v1.xml", "lists/un_v2.xml", "lists/ofac_xml_small.xml"]


@pytest.fixture(scope="session")
def lists_home(tmp_path_factory: pytest.TempPathFactory, test_data: Path) -> Path:
    """A data directory whose list store holds two UN versions and a small OFAC file."""
    home = tmp_path_factory.mktemp("lists-home")
    load_lists(home, [test_data / f for f in LIST_FILES])
    return home


@pytest.fixture(scope="session")
def index(lists_home: Path) -> ScreeningIndex:
    """The screening index of those lists, built once."""
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("INTERDICT_HOME", str(lists_home))
        return load_store_index()


@pytest.fixture(params=BACKENDS)
def server(
    request: pytest.FixtureRequest,
    tmp_path: Path,
    lists_home: Path,
    index: ScreeningIndex,
    monkeypatch: pytest.MonkeyPatch,
) -> Iterator[Server]:
    """A running server over a fresh case store of each kind."""
    monkeypatch.setenv("INTERDICT_HOME", str(lists_home))
    with make_store(request.param, tmp_path) as store, running(store, index) as srv:
        yield srv
