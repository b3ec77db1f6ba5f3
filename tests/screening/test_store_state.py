"""`interdict screen` finds its cached index from the remembered store state without opening
DuckDB, and never once a list load or activation has changed the store."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import NoReturn

import pytest

from interdict.core import config
from interdict.core.store import connect
from interdict.lists.store import ListStore
from interdict.screening import state
from interdict.services.name_screening import open_index


def _load(path: Path) -> None:
    conn = connect(config.database_path())
    try:
        ListStore(conn).load_path(path)
    finally:
        conn.close()


def _no_database(*args: object, **kwargs: object) -> NoReturn:
    raise AssertionError("the store was opened")


def test_a_remembered_state_skips_the_store_until_the_store_changes(
        interdict_home: Path, test_data: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(state, "SETTLE_NS", 0)
    _load(test_data / "lists" / "un_v1.xml")
    first = open_index()  # built from the store, cached, its state remembered
    assert (interdict_home / state.STATE_FILE).exists()
    with monkeypatch.context() as m:
        m.setattr("interdict.core.store.connect", _no_database)
        again = open_index()
    assert [e.key for e in again.entities] == [e.key for e in first.entities]

    _load(test_data / "lists" / "internal" / "watchlist.csv")  # a new list: the store changed
    assert state.remembered_token(config.database_path()) is None
    with monkeypatch.context() as m:
        m.setattr("interdict.core.store.connect", _no_database)
        with pytest.raises(AssertionError, match="store was opened"):
            open_index()
    after = open_index()
    assert len(after) == len(first) + 3


def test_a_store_written_just_now_is_not_remembered(interdict_home: Path, test_data: Path) -> None:
    _load(test_data / "lists" / "un_v1.xml")
    assert len(open_index()) > 0
    assert not (interdict_home / state.STATE_FILE).exists()  # its times may not show a change yet


def test_a_state_file_of_another_database_or_garbage_is_ignored(
        interdict_home: Path, test_data: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(state, "SETTLE_NS", 0)
    _load(test_data / "lists" / "un_v1.xml")
    open_index()
    saved = interdict_home / state.STATE_FILE
    saved.write_bytes(saved.read_bytes().replace(b"interdict.duckdb", b"other.duckdb"))
    assert state.remembered_token(config.database_path()) is None
    saved.write_bytes(b"\x00not json")
    assert state.remembered_token(config.database_path()) is None
    assert len(open_index()) > 0


def test_a_store_held_by_a_writer_is_asked_not_remembered(
        interdict_home: Path, test_data: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(state, "SETTLE_NS", 0)
    _load(test_data / "lists" / "un_v1.xml")
    open_index()
    database = config.database_path()
    assert state.remembered_token(database) is not None and not state.held_for_writing(database)
    writer = connect(database)  # what a list load holds while it runs
    try:
        probe = "import sys; from pathlib import Path; from interdict.screening import state; " \
                "print(state.held_for_writing(Path(sys.argv[1])))"
        held = subprocess.run([sys.executable, "-c", probe, str(database)], capture_output=True,
                              text=True, check=True)
        assert held.stdout.strip() == "True"
    finally:
        writer.close()
