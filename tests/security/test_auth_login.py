"""Issue 11 §2: web login is throttled per user and per address, failures are audited, and an unknown
user name costs as much time as a known one."""

from __future__ import annotations

import statistics
import time

import httpx

from interdict.cases import users
from interdict.cases.store import CaseStore
from tests.api.servers import Server
from tests.security import test_auth_keys as shared

lists_home, index, site = shared.lists_home, shared.index, shared.site
USER_LIMIT = 5  # failures per user name within 15 minutes (interdict.cases.logins)
ADDRESS_LIMIT = 20  # failures per client address within 15 minutes


def _try(c: httpx.Client, user: str, password: str) -> int:
    return c.post("/web/login", data={"user": user, "password": password}).status_code


def test_five_failures_lock_the_user_out(site: Server) -> None:
    with httpx.Client(base_url=site.url, timeout=30) as c:
        codes = [_try(c, "alice", f"wrong-{n}") for n in range(USER_LIMIT)]
        locked = _try(c, "alice", "pw-alice-secret")  # even the right password, while locked
        other = _try(c, "bob", "pw-bob-secret")
        page = c.post("/web/login", data={"user": "alice", "password": "x"})
    assert codes == [401] * USER_LIMIT
    assert locked == 429 and page.status_code == 429 and "too many" in page.text
    assert "retry-after" in page.headers
    assert other == 303  # another user from the same address is not locked yet
    with site.client("audrey") as api:
        entries = api.get("/v1/audit", params={"object": "user:alice"}).json()["entries"]
    failures = [e for e in entries if e["action"] == "web.login_failed"]
    assert len(failures) == USER_LIMIT
    assert failures[0]["detail"] == {"address": "127.0.0.1", "with": "password"}


def test_failures_from_one_address_are_throttled(site: Server) -> None:
    with httpx.Client(base_url=site.url, timeout=30) as c:
        codes = [_try(c, f"nobody-{n}", "x") for n in range(ADDRESS_LIMIT)]
        after = _try(c, "carl", "x")
    assert set(codes) == {401}
    assert after == 429


def _median_seconds(store: CaseStore, name: str, rounds: int = 7) -> float:
    times = []
    for _ in range(rounds):
        with store.read() as s:
            start = time.perf_counter()
            assert users.actor_for_password(s, name, "not-the-password") is None
            times.append(time.perf_counter() - start)
    return statistics.median(times)


def test_unknown_and_known_users_take_about_the_same_time(site: Server) -> None:
    _median_seconds(site.store, "alice", 1)  # warm up (the dummy hash is made once)
    known = _median_seconds(site.store, "alice")
    unknown = _median_seconds(site.store, "no-such-user")
    assert 0.5 < unknown / known < 2.0, (unknown, known)
