"""The cached index (a non-executable `.npz`, see loader.py) screens exactly as a freshly built one."""

from __future__ import annotations

from pathlib import Path

from interdict.core.match import Query
from interdict.core.store import connect
from interdict.lists.store import ListStore
from interdict.screening import load_index, screen


def test_cached_index_screens_exactly_as_the_built_one(interdict_home: Path, test_data: Path) -> None:
    conn = connect(interdict_home / "lists.duckdb")
    try:
        ListStore(conn).load_path(test_data / "lists" / "internal" / "watchlist.csv")
        built = load_index(conn)  # built and written to the cache
        cached = load_index(conn)  # read back
    finally:
        conn.close()
    assert cached is not built and list(interdict_home.glob("screening-index-*.npz"))
    assert list(cached.entities) == list(built.entities)
    for name in ("Park Jin-hyok", "박진혁", "IMO 9000001"):
        want = [c.to_dict() for c in screen(built, Query(name))]
        assert want and [c.to_dict() for c in screen(cached, Query(name))] == want


def test_the_cache_writes_every_field_of_the_index() -> None:
    from dataclasses import fields

    from interdict.screening.index import ScreeningIndex as Index
    from interdict.screening.loader import _ARRAYS, CACHED_FIELDS

    written = {"entities", "memo", *_ARRAYS, *CACHED_FIELDS}
    assert {f.name for f in fields(Index)} == written
