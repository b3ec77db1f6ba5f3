"""One local SparkSession for the whole test session (local[2] on 127.0.0.1, UI off, two shuffle
partitions), and the real UN + OFAC SDN lists in a store shared by the Spark tests.

Without pyspark or Java the Spark tests skip, saying what to install; in CI (`CI=true`) they fail.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from interdict.lists.parsed import ParsedList
from tests.conftest import skip_or_fail


@pytest.fixture(scope="session")
def spark() -> Iterator[Any]:
    """The shared SparkSession (started once; stopped when the session ends)."""
    from interdict.spark.session import missing, session

    lacking = missing()
    if lacking:
        skip_or_fail("; ".join(lacking))
    s = session("local[2]", "interdict tests", partitions=2)
    yield s
    s.stop()


@pytest.fixture(scope="session")
def lists_home(tmp_path_factory: pytest.TempPathFactory, un_parsed: ParsedList,
               ofac_sdn_parsed: ParsedList) -> Path:
    """A data directory whose store holds the real UN and OFAC SDN lists (loaded once)."""
    from interdict.core.store import connect
    from interdict.lists.store import ListStore

    home = tmp_path_factory.mktemp("spark-home")
    conn = connect(home / "interdict.duckdb")
    try:
        store = ListStore(conn)
        store.load(un_parsed)
        store.load(ofac_sdn_parsed)
    finally:
        conn.close()
    return home


@pytest.fixture()
def in_lists_home(lists_home: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Point INTERDICT_HOME at the shared store for one test."""
    monkeypatch.setenv("INTERDICT_HOME", str(lists_home))
    return lists_home
