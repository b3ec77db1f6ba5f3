"""The case store: an engine, a data directory for attachments, and transactions to work in.

Every change runs in `store.write()` (one transaction: the change, its case event and its audit entry
commit together or not at all); views run in `store.read()`.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import Engine
from sqlalchemy.orm import Session

from interdict.cases import audit, audit_keys
from interdict.cases.db import open_engine
from interdict.core import config


class CaseStore:
    """The case store on SQLite or PostgreSQL, migrated on open."""

    def __init__(
        self,
        url: str | None = None,
        *,
        data_dir: Path | None = None,
        schema: str | None = None,
        audit_key_file: Path | None = None,
    ):
        self.engine: Engine = open_engine(url, schema=schema)
        self.data_dir = data_dir if data_dir is not None else config.home()
        self.audit_key_file = audit_key_file or audit_keys.default_path(self.data_dir)
        self._readonly = self.engine.execution_options(interdict_readonly=True)

    @contextmanager
    def write(self) -> Iterator[Session]:
        """A transaction that commits on success and rolls back on any error."""
        with Session(self.engine, expire_on_commit=False) as session, session.begin():
            session.info[audit.KEY_FILE] = str(self.audit_key_file)
            yield session
            # Rows changed after the transaction's last audit entry get one more, so none escapes the chain.
            audit.seal(session)

    @contextmanager
    def read(self) -> Iterator[Session]:
        """A read-only transaction (on SQLite it does not queue behind writers)."""
        with Session(self._readonly, expire_on_commit=False) as session, session.begin():
            session.info[audit.KEY_FILE] = str(self.audit_key_file)
            yield session

    @property
    def dialect(self) -> str:
        """`sqlite` or `postgresql`."""
        return self.engine.dialect.name

    def close(self) -> None:
        """Release the connection pool."""
        self.engine.dispose()
