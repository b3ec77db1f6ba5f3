"""Every case-store test runs against SQLite and PostgreSQL."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from interdict.cases import alerts, users, views
from interdict.cases.store import CaseStore
from interdict.cases.users import Actor, Role
from tests.cases.dbs import BACKENDS, make_store

ANALYST = Actor("alice", Role.ANALYST)
ANALYST2 = Actor("bob", Role.ANALYST)


def case_of(store: CaseStore, *items: alerts.AlertInput) -> dict[str, object]:
    """Ingest the alerts (as the analyst) and return the detail of the case the last one joined."""
    with store.write() as s:
        case_id = None
        for item in items:
            _, case, _ = alerts.ingest(s, ANALYST, item)
            assert case is not None
            case_id = case.id
    with store.read() as s:
        assert case_id is not None
        return views.case_detail(s, case_id)
SUPERVISOR = Actor("sue", Role.SUPERVISOR)
AUDITOR = Actor("audrey", Role.AUDITOR)
ADMIN = Actor("adam", Role.ADMIN)


@pytest.fixture(params=BACKENDS)
def store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[CaseStore]:
    """A fresh case store with the five test users."""
    with make_store(request.param, tmp_path) as s:
        with s.write() as session:
            for actor in (ANALYST, ANALYST2, SUPERVISOR, AUDITOR, ADMIN):
                users.create_user(session, users.SYSTEM, actor.name, actor.role)
        yield s
