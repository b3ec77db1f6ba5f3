"""Issue 11 §2: web sessions live on the server and end on logout, key revocation and role change."""

from __future__ import annotations

import httpx
from sqlalchemy import text

from tests.api.servers import Server
from tests.security import test_auth_keys as shared

lists_home, index, site = shared.lists_home, shared.index, shared.site


def _login(site: Server, **form: str) -> str:
    with httpx.Client(base_url=site.url, timeout=30) as c:
        r = c.post("/web/login", data=form)
        assert r.status_code == 303, r.text
        return str(c.cookies["interdict_session"])


def _live(site: Server, cookie: str) -> bool:
    with httpx.Client(base_url=site.url, timeout=30, cookies={"interdict_session": cookie}) as c:
        r = c.get("/web/queue")
    assert r.status_code in (200, 303)
    return r.status_code == 200


def test_logout_ends_the_session_on_the_server(site: Server) -> None:
    cookie = _login(site, user="alice", password="pw-alice-secret")
    assert _live(site, cookie)
    with httpx.Client(base_url=site.url, timeout=30, cookies={"interdict_session": cookie}) as c:
        assert c.post("/web/logout").status_code == 303
    assert not _live(site, cookie), "a copied cookie still works after logout"


def test_revoking_the_key_ends_its_sessions(site: Server) -> None:
    key = site.keys["bob"]
    cookie = _login(site, key=key)
    assert _live(site, cookie)
    with site.client("adam") as c:
        assert c.delete(f"/v1/keys/{key[:10]}").status_code == 200
    assert not _live(site, cookie), "the session outlived the revoked key"


def test_a_role_change_ends_the_sessions(site: Server) -> None:
    cookie = _login(site, user="sue", password="pw-sue-secret")
    with site.client("adam") as c:
        assert c.put("/v1/users/sue/role", json={"role": "analyst"}).status_code == 200
    assert not _live(site, cookie), "the session kept the old role"
    again = _login(site, user="sue", password="pw-sue-secret")
    assert _live(site, again)


def test_a_role_changed_in_the_database_also_ends_the_session(site: Server) -> None:
    cookie = _login(site, user="audrey", password="pw-audrey-secret")
    with site.store.engine.begin() as conn:
        conn.execute(text("UPDATE users SET role = 'admin' WHERE name = 'audrey'"))
    assert not _live(site, cookie)


def test_the_cookie_is_a_random_token_stored_hashed(site: Server) -> None:
    cookie = _login(site, user="alice", password="pw-alice-secret")
    assert "alice" not in cookie
    with site.store.read() as s:
        stored = s.execute(text("SELECT token_hash FROM web_sessions")).scalars().all()
    assert stored and cookie not in stored


def test_a_password_change_ends_the_sessions(site: Server) -> None:
    from interdict.cases import users

    cookie = _login(site, user="bob", password="pw-bob-secret")
    with site.store.write() as s:
        users.set_password(s, users.CLI, "bob", "a new one, long enough")
    assert not _live(site, cookie)
