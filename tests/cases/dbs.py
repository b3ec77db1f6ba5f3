"""Case stores for tests: an SQLite file, or a fresh schema in the PostgreSQL of scripts/test-services.sh."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import psycopg
import pytest

from interdict.cases.db import normalise_url
from interdict.cases.store import CaseStore
from tests.conftest import skip_or_fail

BACKENDS = ["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)]


def postgres_url() -> str:
    """The test cluster's URL, or skip with the reason the services script gave."""
    url = os.environ.get("INTERDICT_TEST_DATABASE_URL")
    if not url:
        note = os.environ.get("INTERDICT_SERVICES_NOTE") or "run the tests with ./dev test"
        skip_or_fail(f"INTERDICT_TEST_DATABASE_URL is not set (PostgreSQL not started: {note})")
    return normalise_url(url)


def _plain(url: str) -> str:
    return url.replace("postgresql+psycopg://", "postgresql://")


@contextmanager
def backend_url(kind: str, tmp_path: Path) -> Iterator[tuple[str, str | None]]:
    """(url, schema) of an empty database of the given kind, dropped afterwards."""
    if kind == "sqlite":
        yield f"sqlite:///{tmp_path / 'cases.sqlite'}", None
        return
    url = postgres_url()
    schema = "t_" + uuid.uuid4().hex[:12]
    with psycopg.connect(_plain(url), autocommit=True) as conn:
        conn.execute(f"CREATE SCHEMA {schema}")
    try:
        yield url, schema
    finally:
        with psycopg.connect(_plain(url), autocommit=True) as conn:
            conn.execute(f"DROP SCHEMA {schema} CASCADE")


@contextmanager
def make_store(kind: str, tmp_path: Path) -> Iterator[CaseStore]:
    """A migrated, empty case store of the given kind."""
    with backend_url(kind, tmp_path) as (url, schema):
        store = CaseStore(url, data_dir=tmp_path / "data", schema=schema)
        try:
            yield store
        finally:
            store.close()
