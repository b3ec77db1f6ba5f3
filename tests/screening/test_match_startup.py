"""The cached index loads fast and identically: entities packed one by one, unpickled on use."""

from __future__ import annotations

import pickle
from pathlib import Path

from interdict.core.match import Query
from interdict.core.store import connect
from interdict.lists.store import ListStore
from interdict.screening import ScreeningIndex, load_index, screen
from interdict.screening.packed import PackedEntities


def test_packed_entities_round_trip(small_index: ScreeningIndex) -> None:
    packed = PackedEntities.of(small_index.entities)
    back = pickle.loads(pickle.dumps(packed))
    assert len(back) == len(small_index.entities)
    assert list(back) == list(small_index.entities)
    assert back[1] is back[1]  # unpickled once, then kept
    assert back[-1] == small_index.entities[-1] and list(back[1:3]) == list(small_index.entities[1:3])


def test_cached_index_screens_exactly_as_the_built_one(interdict_home: Path, test_data: Path) -> None:
    conn = connect(interdict_home / "lists.duckdb")
    try:
        ListStore(conn).load_path(test_data / "lists" / "internal" / "watchlist.csv")
        built = load_index(conn)  # built and written to the cache
        cached = load_index(conn)  # read back
    finally:
        conn.close()
    assert isinstance(cached.entities, PackedEntities) and not isinstance(built.entities, PackedEntities)
    assert list(cached.entities) == list(built.entities)
    for name in ("Park Jin-hyok", "박진혁", "IMO 9000001"):
        want = [c.to_dict() for c in screen(built, Query(name))]
        assert want and [c.to_dict() for c in screen(cached, Query(name))] == want
