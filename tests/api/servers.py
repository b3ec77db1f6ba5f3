"""Real servers for the API and web tests: uvicorn on 127.0.0.1 and a free port, over a real case store."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import httpx
import uvicorn

from interdict.api import create_app
from interdict.cases import audit_external, users
from interdict.cases.store import CaseStore
from interdict.core import config
from interdict.core.store import connect
from interdict.lists.store import ListStore
from interdict.screening import ScreeningIndex

ROLES = {"alice": "analyst", "bob": "analyst", "sue": "supervisor", "adam": "admin", "audrey": "auditor"}


def free_port() -> int:
    """A TCP port free on 127.0.0.1 right now."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def load_lists(home: Path, files: list[Path]) -> None:
    """Load list files into the list store of a data directory (as `interdict lists load` does)."""
    conn = connect(home / "interdict.duckdb")
    try:
        store = ListStore(conn)
        for path in files:
            store.load_path(path)
    finally:
        conn.close()


def bind_lists(store: CaseStore) -> None:
    """Bind the lists `load_lists` put in the data directory into `store`'s audit chain, as `lists
    load` does when it runs with the server's case store (`audit verify` checks both stores)."""
    from interdict.lists.storage import activation

    path = config.database_path()
    if not path.exists():
        return
    conn = connect(path, read_only=True)
    try:
        states = activation.states(conn)
    finally:
        conn.close()
    for kind, records in states.items():
        if records:
            audit_external.record_in(store, "lists", kind, records)


@dataclass
class Server:
    """A running server: its base URL, its store, and one API key per test user."""

    url: str
    store: CaseStore
    keys: dict[str, str] = field(default_factory=dict)

    def client(self, user: str | None = None) -> httpx.Client:
        """An HTTP client, authenticated as `user` when given."""
        headers = {"Authorization": f"Bearer {self.keys[user]}"} if user else {}
        return httpx.Client(base_url=self.url, headers=headers, timeout=30)


@contextmanager
def running(store: CaseStore, index: ScreeningIndex, *, passwords: bool = False) -> Iterator[Server]:
    """Start uvicorn with the app over `store` in a thread; stop it afterwards."""
    keys = {}
    with store.write() as s:
        for name, role in ROLES.items():
            users.create_user(s, users.SYSTEM, name, role, f"pw-{name}-secret" if passwords else None)
            keys[name] = users.create_key(s, users.SYSTEM, name, "test")
    bind_lists(store)
    port = free_port()
    app = create_app(store, index=index)
    server = uvicorn.Server(
        uvicorn.Config(
            app, host="127.0.0.1", port=port, log_level="warning", lifespan="off", access_log=False
        )
    )
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 15
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("uvicorn did not start")
        time.sleep(0.02)
    try:
        yield Server(f"http://127.0.0.1:{port}", store, keys)
    finally:
        server.should_exit = True
        thread.join(10)
