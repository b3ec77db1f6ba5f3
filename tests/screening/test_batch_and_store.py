"""Batch screening across processes, batch input parsing, and the index cached from the list store."""

from __future__ import annotations

import pickle
from pathlib import Path
from typing import Any

from interdict import __version__
from interdict.core.match import Query
from interdict.core.store import connect
from interdict.lists.store import ListStore
from interdict.screening import ScreeningIndex, load_index, screen, screen_many
from interdict.screening.batch_input import BadRow, Row, read_batch
from interdict.screening.loader import CACHE_FORMAT, cache_format, cache_path


def test_screen_many_on_two_workers_keeps_input_order(small_index: ScreeningIndex) -> None:
    names = ["Pak Jin Hyok", "nobody at all", "Kim Jong Un", "KDBKKPPY", "Korea Development Bank"] * 40
    queries = [Query(n) for n in names]
    parallel = list(screen_many(small_index, queries, workers=2))
    serial = [screen(small_index, q) for q in queries]
    assert [[c.list_id for c in r] for r in parallel] == [[c.list_id for c in r] for r in serial]
    assert [r[0].list_id if r else None for r in parallel[:5]] == ["P1", None, "P2", "O2", None]


def test_read_batch_csv_and_json_lines_report_bad_rows_by_line() -> None:
    rows = read_batch("id,name,kind,dob,country\n1,Pak Jin Hyok,person,1984,kp\n2,,person,,\n"
                      "3,Kim,persn,,\n4,Ri Won Ho,,19,\n5,KDBKKPPY,,,\n")
    assert [type(r).__name__ for r in rows] == ["Row", "BadRow", "BadRow", "BadRow", "Row"]
    bad = [r for r in rows if isinstance(r, BadRow)]
    assert [(r.line, r.id) for r in bad] == [(3, "2"), (4, "3"), (5, "4")]
    assert "kind" in bad[1].error and "dob" in bad[2].error
    ok = rows[0]
    assert isinstance(ok, Row) and ok.query.dob == "1984" and ok.query.kind is not None
    lines = read_batch('{"id": "a", "name": "Pak Jin Hyok"}\nnot json\n\n'
                       '{"id": 7, "name": "x", "kind": "vessel"}\n')
    assert [(type(r).__name__, r.line) for r in lines] == [("Row", 1), ("BadRow", 2), ("Row", 4)]
    assert read_batch("who,what\n1,2\n")[0].line == 1


def test_load_index_builds_from_the_store_and_caches(interdict_home: Path, test_data: Path) -> None:
    conn = connect(interdict_home / "lists.duckdb")
    try:
        ListStore(conn).load_path(test_data / "lists" / "internal" / "watchlist.csv")
        first = load_index(conn)
        token = ListStore(conn).state_token()
        assert cache_path(token).exists()
        again = load_index(conn)
    finally:
        conn.close()
    found = screen(again, Query("박진혁"))
    assert found and found[0].list_id == "INT-0001"
    assert len(first) == len(again) == 3
    assert [c.list_id for c in screen(again, Query("IMO 9000001"))] == ["INT-0003"]


def test_a_corrupt_cache_file_is_rebuilt(interdict_home: Path, test_data: Path) -> None:
    conn = connect(interdict_home / "lists.duckdb")
    try:
        ListStore(conn).load_path(test_data / "lists" / "internal" / "watchlist.csv")
        path = cache_path(ListStore(conn).state_token())
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(b"not a pickle")
        index = load_index(conn)
    finally:
        conn.close()
    assert len(index) == 3
    assert path.stat().st_size > 100


def _older_index(state: dict[str, Any]) -> ScreeningIndex:
    """Unpickles as an index of an older class version (one without the `memo` field)."""
    index = ScreeningIndex.__new__(ScreeningIndex)
    index.__setstate__(state)
    return index


class _OlderPickler(pickle.Pickler):
    def __init__(self, fh: Any, state: dict[str, Any]) -> None:
        super().__init__(fh)
        self.state = state

    def reducer_override(self, obj: Any) -> Any:
        if isinstance(obj, ScreeningIndex):
            return _older_index, (self.state,)
        return NotImplemented


def test_cache_key_names_the_format_and_version_and_old_pickles_are_rebuilt(
        interdict_home: Path, test_data: Path, small_index: ScreeningIndex) -> None:
    assert cache_format() == f"interdict-{__version__}/screening-index-{CACHE_FORMAT}"
    conn = connect(interdict_home / "lists.duckdb")
    try:
        ListStore(conn).load_path(test_data / "lists" / "internal" / "watchlist.csv")
        path = cache_path(ListStore(conn).state_token())
        path.parent.mkdir(parents=True, exist_ok=True)
        old_state = {k: v for k, v in small_index.__getstate__().items() if k != "memo"}
        with path.open("wb") as fh:  # the pickle of an older class: no `memo` attribute
            _OlderPickler(fh, old_state).dump((cache_format(), small_index))
        assert not hasattr(pickle.loads(path.read_bytes())[1], "memo")
        index = load_index(conn)  # a miss: rebuilt from the store, not the 17 entries above
        assert len(index) == 3 and index.memo == {}
        assert [c.list_id for c in screen(index, Query("IMO 9000001"))] == ["INT-0003"]
        other_version = ("interdict-0.0.1/screening-index-1", small_index)
        for stale in (pickle.dumps(small_index), pickle.dumps(other_version)):
            path.write_bytes(stale)  # the layout before the stamp, and another version's stamp
            assert len(load_index(conn)) == 3
    finally:
        conn.close()
