"""Issue 11 §2: an admin never receives another user's working credential (key or password).

Other users get keys by a one-time enrolment secret that only they can redeem (single use, expiring,
stored hashed); the command line keeps the operator's bootstrap path.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import text

from interdict.screening import ScreeningIndex
from tests.api import conftest as api_conftest
from tests.api.servers import Server, running
from tests.cases.dbs import BACKENDS, make_store

lists_home = api_conftest.lists_home
index = api_conftest.index


@pytest.fixture(params=BACKENDS)
def site(
    request: pytest.FixtureRequest,
    tmp_path: Path,
    lists_home: Path,
    index: ScreeningIndex,
    monkeypatch: pytest.MonkeyPatch,
) -> Iterator[Server]:
    """A running server whose test users also have web passwords."""
    monkeypatch.setenv("INTERDICT_HOME", str(lists_home))
    with make_store(request.param, tmp_path) as store, running(store, index, passwords=True) as srv:
        yield srv


def test_an_admin_cannot_create_a_key_for_someone_else(site: Server) -> None:
    with site.client("adam") as c:
        r = c.post("/v1/keys", json={"user": "alice", "name": "mine-now"})
        own = c.post("/v1/keys", json={"user": "adam", "name": "second"})
    assert r.status_code == 403, r.text
    assert "enrolment" in r.json()["detail"] and "key" not in r.json()
    assert own.status_code == 201 and own.json()["key"].startswith("ik_")


def test_an_admin_cannot_set_someone_elses_password(site: Server) -> None:
    with site.client("adam") as c:
        r = c.post("/v1/users", json={"name": "carol", "role": "supervisor", "password": "known-to-adam"})
    assert r.status_code == 403, r.text


def test_enrolment_gives_the_key_to_its_user_only_once(site: Server) -> None:
    with site.client("adam") as c:
        assert c.post("/v1/users", json={"name": "carol", "role": "supervisor"}).status_code == 201
        secret = c.post("/v1/users/carol/enrolment").json()["secret"]
    with site.store.read() as s:
        stored = s.execute(text("SELECT secret_hash FROM enrolments")).scalars().all()
    assert stored and secret not in stored  # only the hash is at rest
    with site.client() as anon:
        assert anon.get("/v1/me", headers={"Authorization": f"Bearer {secret}"}).status_code == 401
        wrong_user = anon.post("/v1/enrol", json={"user": "alice", "secret": secret})
        assert wrong_user.status_code == 403
        r = anon.post("/v1/enrol", json={"user": "carol", "secret": secret, "password": "carols-own-pw"})
        assert r.status_code == 201, r.text
        key = r.json()["key"]
        again = anon.post("/v1/enrol", json={"user": "carol", "secret": secret})
        me = anon.get("/v1/me", headers={"Authorization": f"Bearer {key}"}).json()
        login = anon.post("/web/login", data={"user": "carol", "password": "carols-own-pw"})
    assert again.status_code == 403 and "used or expired" in again.json()["detail"]
    assert me["name"] == "carol" and me["role"] == "supervisor"
    assert login.status_code == 303
    with site.client("audrey") as c:
        actions = [e["action"] for e in c.get("/v1/audit", params={"object": "user:carol"}).json()["entries"]]
    assert {"enrolment.create", "enrolment.use", "key.create"} <= set(actions)


def test_an_expired_secret_is_refused(site: Server) -> None:
    with site.client("adam") as c:
        c.post("/v1/users", json={"name": "dave", "role": "analyst"})
        secret = c.post("/v1/users/dave/enrolment").json()["secret"]
    with site.store.engine.begin() as conn:
        conn.execute(text("UPDATE enrolments SET expires_at = '2020-01-01 00:00:00'"))
    with site.client() as anon:
        r = anon.post("/v1/enrol", json={"user": "dave", "secret": secret})
    assert r.status_code == 403 and "expired" in r.json()["detail"]


def test_a_secret_for_an_existing_account_needs_its_password(site: Server) -> None:
    """An admin who makes a secret for alice (who has a password) still cannot become alice."""
    with site.client("adam") as c:
        secret = c.post("/v1/users/alice/enrolment").json()["secret"]
    with site.client() as anon:
        stolen = anon.post("/v1/enrol", json={"user": "alice", "secret": secret, "password": "guess-guess"})
        own = anon.post("/v1/enrol", json={"user": "alice", "secret": secret, "password": "pw-alice-secret"})
    assert stolen.status_code == 403
    assert own.status_code == 201


def test_the_command_line_bootstraps_the_first_admin(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from interdict.cli import app

    env = {"INTERDICT_HOME": str(tmp_path)}
    r = CliRunner().invoke(app, ["keys", "create", "root", "--role", "admin"], env=env)
    assert r.exit_code == 0, r.output
    assert r.output.strip().splitlines()[0].startswith("ik_")
    r = CliRunner().invoke(app, ["users", "add", "erin", "--role", "analyst"], env=env)
    assert r.exit_code == 0, r.output
    r = CliRunner().invoke(app, ["users", "enrol", "erin"], env=env)
    assert r.exit_code == 0 and "ie_" in r.output, r.output
