"""The payments allow list in the DuckDB store: entries, their withdrawal and their own audit trail."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime
from typing import Any

import duckdb

from interdict.core.errors import NotFoundError
from interdict.screening import AllowEntry, AllowList


def add_allow(conn: duckdb.DuckDBPyConnection, entry: AllowEntry) -> int:
    """Store an allow-list entry and audit its creation; returns its id."""
    conn.execute("BEGIN TRANSACTION")
    try:
        row = conn.execute(
            "INSERT INTO payment_allow VALUES (nextval('payment_allow_seq'), ?, ?, ?, ?, ?, ?, true) "
            "RETURNING id",
            [
                entry.query,
                entry.entity_key,
                entry.reason,
                entry.author,
                entry.expires,
                entry.created or date.today().isoformat(),
            ],
        ).fetchone()
        entry_id = int(row[0]) if row else -1
        _audit(
            conn,
            "add",
            entry_id,
            entry.author,
            {
                "query": entry.query,
                "entity_key": entry.entity_key,
                "reason": entry.reason,
                "expires": entry.expires,
            },
        )
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    return entry_id


def revoke_allow(conn: duckdb.DuckDBPyConnection, entry_id: int, author: str, reason: str) -> None:
    """Withdraw an allow-list entry (kept for the audit trail, no longer active)."""
    if not conn.execute("SELECT 1 FROM payment_allow WHERE id = ? AND active", [entry_id]).fetchone():
        raise NotFoundError(f"no active allow-list entry {entry_id}")
    conn.execute("UPDATE payment_allow SET active = false WHERE id = ?", [entry_id])
    _audit(conn, "revoke", entry_id, author, {"reason": reason})


def _audit(
    conn: duckdb.DuckDBPyConnection, action: str, entry_id: int, author: str, detail: dict[str, Any]
) -> None:
    conn.execute(
        "INSERT INTO payment_allow_audit VALUES (?, ?, ?, ?, ?)",
        [datetime.now(UTC).replace(tzinfo=None), action, entry_id, author, json.dumps(detail)],
    )


def allow_entries(
    conn: duckdb.DuckDBPyConnection, *, active_only: bool = True
) -> list[tuple[int, AllowEntry]]:
    """Stored allow-list entries with their ids."""
    rows = conn.execute(
        "SELECT id, query, entity_key, reason, author, expires, created FROM payment_allow"
        + (" WHERE active" if active_only else "")
        + " ORDER BY id"
    ).fetchall()
    return [
        (
            r[0],
            AllowEntry(
                r[1], r[2], r[3], r[4], r[5].isoformat() if r[5] else None, r[6].isoformat() if r[6] else None
            ),
        )
        for r in rows
    ]


def allow_list(conn: duckdb.DuckDBPyConnection, today: date | None = None) -> AllowList:
    """The active allow list, for the screener."""
    return AllowList((e for _, e in allow_entries(conn)), today=today)


def audit_log(conn: duckdb.DuckDBPyConnection) -> list[tuple[Any, ...]]:
    """The allow-list audit trail, oldest first."""
    return conn.execute(
        "SELECT logged_at, action, entry_id, author, detail FROM payment_allow_audit ORDER BY logged_at"
    ).fetchall()
