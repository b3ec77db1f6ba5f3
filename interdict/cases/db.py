"""The case store's database: an SQLite file by default, PostgreSQL when INTERDICT_DATABASE_URL says so.

Migrations run on first use (Alembic, driven from code, no alembic.ini). On SQLite every writing
transaction starts with `BEGIN IMMEDIATE`, so writers queue instead of failing half-way; on PostgreSQL
rows are locked with `SELECT ... FOR UPDATE`.
"""

from __future__ import annotations

import os
import threading
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import Connection

from interdict.core import config

MIGRATIONS = Path(__file__).resolve().parent / "migrations"
_migrated: set[str] = set()
_lock = threading.Lock()


def database_url() -> str:
    """`$INTERDICT_DATABASE_URL`, else the SQLite file `cases.sqlite` in the data directory."""
    url = os.environ.get("INTERDICT_DATABASE_URL")
    if url:
        return normalise_url(url)
    return f"sqlite:///{config.home() / 'cases.sqlite'}"


def normalise_url(url: str) -> str:
    """Use the psycopg 3 driver for plain `postgres://` / `postgresql://` URLs."""
    for prefix in ("postgres://", "postgresql://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix) :]
    return url


def open_engine(url: str | None = None, *, schema: str | None = None) -> Engine:
    """Create an engine for the case store and bring its schema up to date."""
    url = normalise_url(url) if url else database_url()
    if url.startswith("sqlite"):
        engine = _sqlite_engine(url)
    else:
        connect_args: dict[str, Any] = {}
        if schema:
            connect_args["options"] = f"-csearch_path={schema}"
        engine = create_engine(url, pool_size=10, max_overflow=20, connect_args=connect_args)
    migrate(engine)
    return engine


def _sqlite_engine(url: str) -> Engine:
    if url.startswith("sqlite:///") and not url.startswith("sqlite:///:memory:"):
        Path(url[len("sqlite:///") :]).parent.mkdir(parents=True, exist_ok=True)
    engine = create_engine(url, connect_args={"timeout": 30, "check_same_thread": False})

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn: Any, _record: Any) -> None:
        # Let SQLAlchemy, not the sqlite3 module, decide when transactions begin.
        dbapi_conn.isolation_level = None
        cur = dbapi_conn.cursor()
        cur.execute("PRAGMA journal_mode=WAL")
        cur.execute("PRAGMA foreign_keys=ON")
        cur.execute("PRAGMA busy_timeout=30000")
        cur.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Connection) -> None:
        readonly = conn.get_execution_options().get("interdict_readonly", False)
        conn.exec_driver_sql("BEGIN" if readonly else "BEGIN IMMEDIATE")

    return engine


def migrate(engine: Engine) -> None:
    """Run the Alembic migrations up to head (once per engine URL and schema in this process)."""
    key = f"{engine.url!r}|{engine.dialect.name}|{id(engine)}"
    with _lock:
        if key in _migrated:
            return
        cfg = Config()
        cfg.set_main_option("script_location", str(MIGRATIONS))
        with engine.begin() as conn:
            if engine.dialect.name == "postgresql":
                # Two processes starting at once must not both create the schema.
                conn.exec_driver_sql("SELECT pg_advisory_xact_lock(74827391)")
            cfg.attributes["connection"] = conn
            command.upgrade(cfg, "head")
        _migrated.add(key)
