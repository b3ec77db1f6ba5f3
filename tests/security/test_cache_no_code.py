"""The screening index cache is data, never code: a planted file in the data directory runs nothing.

Probe of issue 11: the cache was a pickle, so a file planted at its path ran code on the next
`interdict screen`. Run through the real CLI on a real (small) list.
"""

from __future__ import annotations

import pickle
from pathlib import Path

import numpy as np
from typer.testing import CliRunner

from interdict.cli import app
from interdict.core.store import connect
from interdict.lists.store import ListStore
from interdict.screening.loader import cache_path, decode

runner = CliRunner()


class _Planted:
    """Unpickles by calling `exec`: what an attacker who can write the data directory would plant."""

    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def __reduce__(self) -> tuple[object, tuple[str]]:
        return exec, (f"open({str(self.marker)!r}, 'w').close()",)


def _token(home: Path) -> str:
    conn = connect(home / "interdict.duckdb", read_only=True)
    try:
        return ListStore(conn).state_token()
    finally:
        conn.close()


def test_a_planted_pickle_at_the_cache_path_runs_no_code(
    interdict_home: Path, test_data: Path, tmp_path: Path
) -> None:
    assert runner.invoke(app, ["lists", "load", str(test_data / "lists" / "un_v1.xml")]).exit_code == 0
    path = cache_path(_token(interdict_home))
    marker = tmp_path / "code-ran"
    payload = pickle.dumps(_Planted(marker))
    # At the cache path itself, and under the name earlier releases read (`.pickle`).
    for planted in (path, path.with_suffix(".pickle")):
        planted.write_bytes(payload)

    result = runner.invoke(app, ["screen", "RI WON HO"])
    assert result.exit_code == 1, result.output  # a match: the index was rebuilt from the store
    assert not marker.exists()
    index = decode(path.read_bytes())  # the cache was rewritten as a real index
    assert index is not None and len(index) == 3
    assert not path.with_suffix(".pickle").exists()


def test_an_object_array_inside_the_archive_is_refused(interdict_home: Path, test_data: Path,
                                                      tmp_path: Path) -> None:
    assert runner.invoke(app, ["lists", "load", str(test_data / "lists" / "un_v1.xml")]).exit_code == 0
    path = cache_path(_token(interdict_home))
    marker = tmp_path / "code-ran"
    with path.open("wb") as fh:  # a well-formed .npz whose array is pickled objects
        np.savez(fh, doc=np.array([_Planted(marker)], dtype=object))
    assert runner.invoke(app, ["screen", "RI WON HO"]).exit_code == 1
    assert not marker.exists()
    assert decode(path.read_bytes()) is not None
