"""Payment decisions and sender history in the DuckDB store (the allow list and the controls'
state source over these tables are in `payments/storage/`).

A decision is stored once, keyed by the message identity (`INSERT OR IGNORE` on the primary key),
together with the message's control features, in one transaction per batch: a crash loses at most
the batch in flight, which is decided again on the next run, and nothing is ever stored twice.

Given a `StateSink` (the keyed audit chain), every stored decision's state is recorded in it in the
same transaction (the store commits only once the chain has it) and sealed with the chain's key in
`state_mac`; a stored decision whose seal does not match its row (a hold flipped to release in SQL)
is never served as a repeat: it comes back with unknown list versions, so it is decided again.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Sequence
from dataclasses import replace
from datetime import UTC, datetime
from typing import Any

import duckdb
import orjson

from interdict.core.errors import NotFoundError
from interdict.core.state_sink import StateSink
from interdict.payments.controls.features import PaymentFeatures
from interdict.payments.decisions import Decision, Reason
from interdict.payments.versions import UNKNOWN_VERSIONS, versions_from_json, versions_json

_DECISION_COLS = {
    "message_id": "VARCHAR PRIMARY KEY", "uetr": "VARCHAR", "type": "VARCHAR", "source": "VARCHAR",
    "sender": "VARCHAR", "reference": "VARCHAR", "decision": "VARCHAR", "reasons": "VARCHAR",
    "parties": "VARCHAR", "payment": "VARCHAR", "decided_at": "TIMESTAMP", "list_versions": "VARCHAR",
}  # fmt: skip
# When the controls said the payment happened and on which clock, and its risk score (added later:
# older stores get the columns by ALTER TABLE).
_EVENT_COLS = {"event_time": "TIMESTAMP", "clock": "VARCHAR", "risk": "DOUBLE"}
_DECISION_COLS |= _EVENT_COLS
# The columns `_decision` reads, in its order.
_DECISION_SELECT = (
    "message_id, uetr, type, source, decision, reasons, parties, sender, list_versions, "
    "event_time, clock, risk"
)
_FEATURE_COLS = {
    "message_id": "VARCHAR PRIMARY KEY", "sender": "VARCHAR", "ts": "TIMESTAMP", "local_ts": "TIMESTAMP",
    "amount": "DOUBLE", "currency": "VARCHAR", "bene_name": "VARCHAR", "bene_account": "VARCHAR",
    "bene_country": "VARCHAR", "debtor_country": "VARCHAR", "bank": "VARCHAR", "individual": "BOOLEAN",
    "uetr": "VARCHAR", "clock": "VARCHAR", "learned": "BOOLEAN", "released": "BOOLEAN",
}  # fmt: skip
_SCHEMA = f"""
CREATE TABLE IF NOT EXISTS payment_decisions ({", ".join(f"{c} {t}" for c, t in _DECISION_COLS.items())});
CREATE TABLE IF NOT EXISTS payment_features ({", ".join(f"{c} {t}" for c, t in _FEATURE_COLS.items())});
CREATE SEQUENCE IF NOT EXISTS payment_allow_seq;
CREATE TABLE IF NOT EXISTS payment_allow (
  id INTEGER PRIMARY KEY, query VARCHAR, entity_key VARCHAR, reason VARCHAR, author VARCHAR,
  expires DATE, created DATE, active BOOLEAN);
CREATE TABLE IF NOT EXISTS payment_allow_audit (
  logged_at TIMESTAMP, action VARCHAR, entry_id INTEGER, author VARCHAR, detail VARCHAR);
-- Each batch looks up its UETRs (reuse check): without an index that scans every decision, and a
-- batch costs more the more was decided before (31 ms at 100,000 decisions, 81 ms at 400,000).
CREATE INDEX IF NOT EXISTS payment_decisions_uetr ON payment_decisions (uetr);
""" + "".join(
    f"ALTER TABLE {table} ADD COLUMN IF NOT EXISTS {c} {t};\n"
    for table, cols in (
        ("payment_decisions", _EVENT_COLS),
        ("payment_features", {"clock": "VARCHAR", "released": "BOOLEAN"}),
    )
    for c, t in cols.items()
)
_FEATURES = tuple(c for c in _FEATURE_COLS if c not in ("learned", "released"))
# The columns a profile counts (with the sender first), in PaymentFeatures order from `sender`.
COMBO = (
    "sender",
    "currency",
    "bene_name",
    "bene_account",
    "bene_country",
    "debtor_country",
    "bank",
    "individual",
)
DECISION_KIND = "decision"  # the records' kind in the audit chain
_STATE_COLS = ", ".join(_DECISION_COLS)


def _dumps(value: Any) -> str:
    return orjson.dumps(value, default=str).decode()


def ensure_schema(conn: duckdb.DuckDBPyConnection) -> None:
    """Create the payment tables if they do not exist (and add columns a store of an earlier
    release lacks: its decisions have no list versions, so a repeat is screened again)."""
    conn.execute(_SCHEMA)
    conn.execute("ALTER TABLE payment_decisions ADD COLUMN IF NOT EXISTS list_versions VARCHAR")
    conn.execute("ALTER TABLE payment_decisions ADD COLUMN IF NOT EXISTS state_mac VARCHAR")


def _insert_many(
    conn: duckdb.DuckDBPyConnection,
    table: str,
    columns: dict[str, str],
    rows: Sequence[dict[str, Any]],
    verb: str = "INSERT OR IGNORE",
) -> None:
    """Insert rows (skipping keys already stored) as one JSON parameter per chunk.

    Binding one JSON document and unnesting it in DuckDB is ~10x faster than binding every value
    (DuckDB's per-parameter cost dominates; executemany runs one statement per row)."""
    spec = _dumps([{c: t.split()[0] for c, t in columns.items()}])
    names = ", ".join(f"r.{c}" for c in columns)
    cols = ", ".join(columns)
    sql = f"{verb} INTO {table} ({cols}) SELECT {names} FROM (SELECT unnest(from_json(?, '{spec}')) AS r)"
    for i in range(0, len(rows), 500):
        conn.execute(sql, [_dumps(list(rows[i : i + 500]))])


def save_batch(
    conn: duckdb.DuckDBPyConnection,
    decisions: Sequence[tuple[Decision, str | None, dict[str, Any] | None]],
    features: Sequence[PaymentFeatures],
    renewed: Iterable[str] = (),
    released: Iterable[str] = (),
    sink: StateSink | None = None,
) -> None:
    """Store decisions (with reference and payment JSON) and their features in one transaction.

    A message already decided is stored once; those in `renewed` (decided again because the lists
    changed, or because their row no longer matched its seal) replace their stored decision. The
    features of the `released` message ids join their sender's profile. With a `sink`, the
    decisions' states go into it before the commit (a sink that fails stores nothing)."""
    if not decisions and not features:
        return
    now = datetime.now(UTC).replace(tzinfo=None)
    rows = [
        {
            "message_id": d.message_id,
            "uetr": d.uetr,
            "type": d.type,
            "source": d.source,
            "sender": d.sender,
            "reference": ref,
            "decision": d.decision,
            "reasons": _dumps([r.to_dict() for r in d.reasons]),
            "parties": _dumps(list(d.parties)),
            "payment": _dumps(payment) if payment else None,
            "decided_at": now,
            "list_versions": versions_json(d.list_versions),
            "event_time": d.event_time,
            "clock": d.clock,
            "risk": d.risk,
        }
        for d, ref, payment in decisions
    ]
    again = set(renewed)
    freed = set(released)
    conn.execute("BEGIN TRANSACTION")
    try:
        columns = _DECISION_COLS
        if sink is not None and rows:
            states = {str(r["message_id"]): _state(r) for r in rows}
            sink.record(DECISION_KIND, states)
            for r in rows:
                r["state_mac"] = sink.seal(_seal_text(states[str(r["message_id"])]))
            columns = {**_DECISION_COLS, "state_mac": "VARCHAR"}
        first = [r for r in rows if r["message_id"] not in again]
        if first:
            _insert_many(conn, "payment_decisions", columns, first)
        if again:
            rows = [r for r in rows if r["message_id"] in again]
            _insert_many(conn, "payment_decisions", columns, rows, "INSERT OR REPLACE")
        if features:
            rows_f = [_feature_row(f, False, f.message_id in freed) for f in features]
            _insert_many(conn, "payment_features", _FEATURE_COLS, rows_f)
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise


def _plain(column: str, value: Any) -> Any:
    """A stored value as the audit chain hashes it: timestamps as ISO text, as read back (a
    TIMESTAMP column written from ISO text is read back as a datetime)."""
    if isinstance(value, str) and _DECISION_COLS.get(column) == "TIMESTAMP":
        value = datetime.fromisoformat(value)
    return value.isoformat(timespec="microseconds") if isinstance(value, datetime) else value


def _state(row: dict[str, Any]) -> dict[str, Any]:
    """A decision row's state: every decision column (not its seal)."""
    return {c: _plain(c, row.get(c)) for c in _DECISION_COLS}


def _seal_text(state: dict[str, Any]) -> str:
    """What a decision's seal is a MAC of: its message id and the SHA-256 of its state."""
    body = orjson.dumps(state, option=orjson.OPT_SORT_KEYS, default=str)
    return f"{DECISION_KIND}:{state['message_id']}:{hashlib.sha256(body).hexdigest()}"


def decision_states(conn: duckdb.DuckDBPyConnection) -> dict[str, dict[str, Any]]:
    """Every stored decision's state by message id (what `interdict audit verify` compares)."""
    if not _has_table(conn, "payment_decisions"):
        return {}
    cursor = conn.execute(f"SELECT {_STATE_COLS} FROM payment_decisions")
    return {
        r[0]: {c: _plain(c, v) for c, v in zip(_DECISION_COLS, r, strict=True)} for r in cursor.fetchall()
    }


def _has_table(conn: duckdb.DuckDBPyConnection, table: str) -> bool:
    row = conn.execute(
        "SELECT count(*) FROM duckdb_tables() WHERE database_name = current_database() AND table_name = ?",
        [table],
    ).fetchone()
    return bool(row and row[0])


def _feature_row(f: PaymentFeatures, learned: bool, released: bool = False) -> dict[str, Any]:
    return {**{c: getattr(f, c) for c in _FEATURES}, "learned": learned, "released": released}


def add_history(conn: duckdb.DuckDBPyConnection, features: Iterable[PaymentFeatures]) -> int:
    """Store learned history (idempotent by message identity); returns the number of new rows."""
    rows = [_feature_row(f, True) for f in features]
    before = _count(conn, "payment_features")
    conn.execute("BEGIN TRANSACTION")
    try:
        if rows:
            _insert_many(conn, "payment_features", _FEATURE_COLS, rows)
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    return _count(conn, "payment_features") - before


def _count(conn: duckdb.DuckDBPyConnection, table: str) -> int:
    row = conn.execute(f"SELECT count(*) FROM {table}").fetchone()
    return int(row[0]) if row else 0


def features(
    conn: duckdb.DuckDBPyConnection,
    *,
    learned_only: bool = False,
    sender: str | None = None,
    senders: Sequence[str] | None = None,
    since: datetime | None = None,
) -> list[PaymentFeatures]:
    """Stored features, oldest first: learned history only, or all (for the time-window controls),
    of one sender, from a time (UTC) on."""
    sql = f"SELECT {', '.join(_FEATURES)} FROM payment_features WHERE true"
    params: list[Any] = []
    if since is not None:
        sql += " AND ts >= ?"
        params.append(since)
    if learned_only:
        sql += " AND learned"
    if sender is not None:
        sql += " AND sender = ?"
        params.append(sender)
    if senders is not None:
        sql += f" AND sender IN ({','.join('?' * len(senders))})"
        params.extend(senders)
    rows = conn.execute(sql + " ORDER BY ts, message_id", params).fetchall()
    return [PaymentFeatures(*row) for row in rows]


def decided(
    conn: duckdb.DuckDBPyConnection, ids: Sequence[str], sink: StateSink | None = None
) -> dict[str, Decision]:
    """The stored decisions among these message ids; with a `sink`, one whose row does not match its
    seal (changed outside Interdict, or stored without one) has unknown list versions: never a repeat."""
    if not ids:
        return {}
    marks = ",".join("?" * len(ids))
    rows = conn.execute(
        f"SELECT {_DECISION_SELECT}, {_STATE_COLS}, state_mac "
        f"FROM payment_decisions WHERE message_id IN ({marks})",
        list(ids),
    ).fetchall()
    out: dict[str, Decision] = {}
    for r in rows:
        d = _decision(r)
        if sink is not None:
            state = {c: _plain(c, v) for c, v in zip(_DECISION_COLS, r[12:-1], strict=True)}
            if not sink.sealed(_seal_text(state), r[-1]):
                d = replace(d, list_versions=UNKNOWN_VERSIONS)
        out[r[0]] = d
    return out


def _decision(r: Sequence[Any]) -> Decision:
    reasons = tuple(
        Reason(x["kind"], x["action"], x["message"], x.get("detail", {})) for x in json.loads(r[5])
    )
    versions = versions_from_json(r[8])
    # A decision stored without its list versions gets the unknown marker, never equal to a state.
    known = versions if versions is not None else UNKNOWN_VERSIONS
    when = r[9].isoformat() if r[9] is not None else None
    return Decision(
        r[0], r[1], r[2], r[3], r[4], reasons, tuple(json.loads(r[6])), r[7], known,
        event_time=when, clock=r[10], risk=r[11],
    )


def find(conn: duckdb.DuckDBPyConnection, key: str) -> tuple[Decision, dict[str, Any] | None]:
    """A stored decision and its payment, by message id, UETR or reference (most recent first)."""
    row = conn.execute(
        f"SELECT {_DECISION_SELECT}, payment FROM payment_decisions "
        "WHERE message_id = ? OR uetr = ? OR reference = ? "
        "ORDER BY (message_id = ?) DESC, decided_at DESC LIMIT 1",
        [key, key, key, key],
    ).fetchone()
    if row is None:
        raise NotFoundError(f"no decision for message {key!r} (give a message id, UETR or reference)")
    return _decision(row), json.loads(row[12]) if row[12] else None


def counts(conn: duckdb.DuckDBPyConnection) -> dict[str, int]:
    """Number of stored decisions per outcome."""
    return {
        d: n
        for d, n in conn.execute("SELECT decision, count(*) FROM payment_decisions GROUP BY 1").fetchall()
    }


def uetr_users(conn: duckdb.DuckDBPyConnection, uetrs: Sequence[str]) -> list[tuple[str, str, str, str]]:
    """(UETR, type, sender BIC, message id) of the stored decisions using these UETRs."""
    if not uetrs:
        return []
    marks = ",".join("?" * len(uetrs))
    rows = conn.execute(
        f"SELECT uetr, type, parties, message_id FROM payment_decisions WHERE uetr IN ({marks})", list(uetrs)
    ).fetchall()
    out = []
    for uetr, kind, parties, mid in rows:
        bic = next((p.get("bic", "") for p in json.loads(parties) if p.get("role") == "sender"), "")
        out.append((uetr, kind, bic, mid))
    return out
