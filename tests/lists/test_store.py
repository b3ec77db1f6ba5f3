"""The versioned list store: versions, no-op reloads, atomic loads, active entries, state token."""

from __future__ import annotations

import shutil
import signal
import subprocess
import sys
import time
from dataclasses import replace
from pathlib import Path

import duckdb
import pytest

from interdict.core.entity import Entity, EntityKind, Name
from interdict.core.errors import ListFormatError, NotFoundError
from interdict.core.store import connect
from interdict.lists.activation import LoadPolicy
from interdict.lists.formats import un
from interdict.lists.parsed import ParsedList
from interdict.lists.store import ListStore


@pytest.fixture()
def store() -> ListStore:
    return ListStore(connect(":memory:"))


def _parsed(n: int, *, sha: str = "a" * 64, published: str | None = "2026-01-01",
            name: str = "t") -> ParsedList:
    entities = tuple(
        Entity(list=name, list_id=f"T{i}", kind=EntityKind.PERSON, names=(Name(f"PERSON NUMBER {i}"),),
               birth_dates=("1970",), programs=("DPRK",))
        for i in range(n)
    )
    return ParsedList(list=name, format="test", published=published, entities=entities,
                      source=f"{name}.test", sha256=sha)


def _row_counts(conn: duckdb.DuckDBPyConnection) -> tuple[int, int]:
    versions = conn.execute("SELECT count(*) FROM list_versions").fetchone()
    entities = conn.execute("SELECT count(*) FROM list_entities").fetchone()
    assert versions is not None and entities is not None
    return int(versions[0]), int(entities[0])


def test_load_stores_a_version_and_round_trips_entities(store: ListStore, test_data: Path) -> None:
    parsed = un.parse(test_data / "lists" / "un_v1.xml")
    result = store.load(parsed)
    assert result.new and result.version.version == 1 and result.version.active
    assert result.version.published == "2026-01-15"
    assert result.version.sha256 == parsed.sha256
    assert result.version.entities == 3
    assert store.active_entities() == list(parsed.entities)
    assert store.entities("un", 1) == list(parsed.entities)


def test_same_file_twice_is_a_noop(store: ListStore, test_data: Path, tmp_path: Path) -> None:
    path = test_data / "lists" / "un_v1.xml"
    first = store.load_path(path)
    token = store.state_token()
    # A copy under another name has the same sha256: still a no-op, and says so.
    copy = tmp_path / "renamed.xml"
    shutil.copy(path, copy)
    again = store.load_path(copy)
    assert first.new and not again.new
    assert again.version.version == 1
    assert "nothing loaded" in again.message
    assert len(store.versions("un")) == 1
    assert store.state_token() == token
    assert not store.load(un.parse(path)).new


def test_new_version_becomes_active_and_changes_the_token(store: ListStore, test_data: Path) -> None:
    store.load(un.parse(test_data / "lists" / "un_v1.xml"))
    token1 = store.state_token()
    result = store.load(un.parse(test_data / "lists" / "un_v2.xml"))
    assert result.new and result.version.version == 2 and result.version.active
    assert store.state_token() != token1
    versions = store.versions("un")
    assert [(v.version, v.active) for v in versions] == [(1, False), (2, True)]
    assert {e.list_id for e in store.active_entities()} == {"KPi.033", "KPe.001", "KPe.047"}


def test_an_older_publication_is_stored_but_not_active(store: ListStore, test_data: Path) -> None:
    store.load(un.parse(test_data / "lists" / "un_v2.xml"))
    token = store.state_token()
    older = store.load(un.parse(test_data / "lists" / "un_v1.xml"))
    assert older.new and older.version.version == 2 and not older.version.active
    assert "not active" in older.message
    assert store.state_token() == token
    assert "KPe.047" in {e.list_id for e in store.active_entities()}


def test_failure_mid_insert_leaves_previous_version_active(store: ListStore) -> None:
    store.load(_parsed(10))
    token = store.state_token()
    before = _row_counts(store.conn)
    good = _parsed(12_000, sha="b" * 64, published="2026-02-01").entities
    # An entry past the first insert batch that cannot be serialised: the batches before it are
    # already inserted when it fails, so only the transaction keeps the store clean.
    broken = replace(good[11_000], extra=(("bad", object()),))  # type: ignore[arg-type]
    bad = replace(_parsed(0, sha="b" * 64, published="2026-02-01"), entities=(*good[:11_000], broken))
    with pytest.raises(ListFormatError) as info:
        store.load(bad)
    assert "entry 11001 (T11000)" in str(info.value)
    assert _row_counts(store.conn) == before
    assert store.state_token() == token
    assert [v.version for v in store.versions("t")] == [1]
    assert len(store.active_entities()) == 10
    # The store is usable afterwards, and the failed file can be loaded once fixed (forced: 5 entries
    # replacing 10 is a drop the default policy refuses).
    forced = LoadPolicy(force=True)
    assert store.load(_parsed(5, sha="b" * 64, published="2026-02-01"), forced).version.version == 2


def test_truncated_file_loads_nothing(store: ListStore, test_data: Path, tmp_path: Path) -> None:
    store.load(un.parse(test_data / "lists" / "un_v1.xml"))
    text = (test_data / "lists" / "un_v2.xml").read_bytes()
    truncated = tmp_path / "un_truncated.xml"
    truncated.write_bytes(text[: len(text) * 2 // 3])
    with pytest.raises(ListFormatError) as info:
        store.load_path(truncated)
    assert "un_truncated.xml" in str(info.value)
    assert [v.version for v in store.versions()] == [1]
    assert {e.list_id for e in store.active_entities()} == {"KPi.033", "KPi.066", "KPe.001"}


def test_lists_are_versioned_independently(store: ListStore, test_data: Path) -> None:
    store.load(un.parse(test_data / "lists" / "un_v1.xml"))
    store.load(_parsed(4))
    assert [(v.list, v.version) for v in store.active_versions()] == [("t", 1), ("un", 1)]
    assert len(store.active_entities()) == 7
    assert store.list_names() == ["t", "un"]


def test_unknown_version_is_a_clear_error(store: ListStore) -> None:
    store.load(_parsed(2))
    with pytest.raises(NotFoundError, match=r"list 't' has no version 7 \(versions: 1\)"):
        store.entities("t", 7)


def test_store_persists_in_a_database_file(tmp_path: Path, test_data: Path) -> None:
    path = tmp_path / "db.duckdb"
    conn = connect(path)
    ListStore(conn).load(un.parse(test_data / "lists" / "un_v1.xml"))
    conn.close()
    reopened = ListStore(connect(path))
    assert len(reopened.active_entities()) == 3
    assert not reopened.load_path(test_data / "lists" / "un_v1.xml").new


def test_active_entities_is_fast_for_20k_entries(store: ListStore) -> None:
    store.load(_parsed(20_000))
    started = time.process_time()
    entities = store.active_entities()
    elapsed = time.process_time() - started
    assert len(entities) == 20_000 and entities[123].list_id == "T123"
    # Measured ~0.2 s on 2 shared cores; the bound only catches a pathological regression (e.g. a
    # query per entry). CPU time of this process, not wall time: other jobs on a loaded machine
    # stretched the wall clock past the bound (4.2 s at load 17) without any regression here.
    assert elapsed < 3.0


def test_a_store_without_the_facts_column_is_upgraded(test_data: Path) -> None:
    conn = connect(":memory:")
    ListStore(conn).load(un.parse(test_data / "lists" / "un_v1.xml"))
    conn.execute("ALTER TABLE list_entities DROP COLUMN facts")  # the first development schema
    store = ListStore(conn)
    row = conn.execute("SELECT count(facts) FROM list_entities").fetchone()
    assert row is not None and row[0] == 3
    assert store.load(un.parse(test_data / "lists" / "un_v2.xml")).version.version == 2
    assert len(store.subjects()) == 3


def test_an_undated_version_does_not_displace_a_dated_one(store: ListStore) -> None:
    store.load(_parsed(3, sha="d" * 64, published="2025-11-19"))
    undated = store.load(_parsed(5, sha="u" * 64, published=None))
    assert undated.new and not undated.version.active
    assert len(store.active_entities()) == 3
    # Among undated versions (e.g. an internal watchlist), the latest load is active.
    other = ListStore(connect(":memory:"))
    other.load(_parsed(3, sha="1" * 64, published=None))
    assert other.load(_parsed(4, sha="2" * 64, published=None)).version.active
    assert len(other.active_entities()) == 4


_CRASH_SCRIPT = """
import sys
from dataclasses import replace
from interdict.core.store import connect
from interdict.lists.store import ListStore
from tests.lists.test_store import _parsed

store = ListStore(connect(sys.argv[1]))
store.load(_parsed(10))
big = _parsed(120_000, sha="c" * 64, published="2026-03-01")
print("loading", flush=True)
store.load(big)
print("done", flush=True)
"""


def test_a_process_killed_mid_load_leaves_the_previous_version(tmp_path: Path) -> None:
    db = tmp_path / "crash.duckdb"
    proc = subprocess.Popen([sys.executable, "-c", _CRASH_SCRIPT, str(db)], stdout=subprocess.PIPE,
                            text=True, cwd=Path(__file__).resolve().parents[2])
    assert proc.stdout is not None
    assert proc.stdout.readline().strip() == "loading"
    time.sleep(1.0)  # well inside the 120,000-entry load, which takes several seconds
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    store = ListStore(connect(db))
    assert [v.version for v in store.versions("t")] == [1]
    assert len(store.active_entities()) == 10
    row = store.conn.execute("SELECT count(*) FROM list_entities").fetchone()
    assert row is not None and row[0] == 10
    assert store.load(_parsed(20, sha="c" * 64, published="2026-03-01")).version.version == 2


def test_read_only_connections(tmp_path: Path, test_data: Path) -> None:
    empty = tmp_path / "empty.duckdb"
    connect(empty).close()  # a database file without any list tables (e.g. only cases)
    store = ListStore(connect(empty, read_only=True))
    assert store.versions() == [] and store.active_entities() == [] and store.subjects() == {}
    path = tmp_path / "lists.duckdb"
    writer = ListStore(connect(path))
    writer.load(un.parse(test_data / "lists" / "un_v1.xml"))
    writer.conn.execute("UPDATE list_meta SET value = 'stale' WHERE key = 'subjects_token'")
    writer.conn.close()
    reader = ListStore(connect(path, read_only=True))
    assert len(reader.active_entities()) == 3
    assert len(reader.subjects()) == 3  # stale on disk: computed in memory, nothing written
    assert reader.subject_links() == []
