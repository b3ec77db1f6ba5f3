"""Tracing data in DuckDB: datasets of UTXO transactions, account transfers and tags.

Each load replaces one named dataset inside a single transaction, so loading the same file twice
gives the same tables (idempotent) and a failed load leaves the previous state (atomic). Files are
parsed completely before anything is written, so a malformed row loses nothing.
Rows go in through a temporary CSV and DuckDB's bulk reader, which is far faster than row inserts.
This is the one tracing module that talks to DuckDB: it also reads Parquet for the transfer source and
opens the stored ledger for the engines (`open_ledger`).
"""

from __future__ import annotations

import csv
import tempfile
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

import duckdb

from interdict.core.errors import TransferFormatError
from interdict.core.transfer import Transfer, TxInput, TxOutput, UtxoTx
from interdict.tracing.graph import utxo_graph
from interdict.tracing.ledger import Ledger
from interdict.tracing.tags import Tag, TagIndex, address_key, tags_from_entities

Connection = duckdb.DuckDBPyConnection

SCHEMA = """
CREATE TABLE IF NOT EXISTS trace_datasets (name VARCHAR PRIMARY KEY, kind VARCHAR, path VARCHAR,
    rows BIGINT, loaded_at TIMESTAMP DEFAULT current_timestamp);
CREATE TABLE IF NOT EXISTS trace_utxo_txs (dataset VARCHAR, seq BIGINT, tx_hash VARCHAR, height BIGINT,
    time BIGINT, coinbase BOOLEAN);
CREATE TABLE IF NOT EXISTS trace_utxo_outputs (dataset VARCHAR, tx_hash VARCHAR, n INTEGER, address VARCHAR,
    value BIGINT, spent_by VARCHAR);
CREATE TABLE IF NOT EXISTS trace_utxo_inputs (dataset VARCHAR, tx_hash VARCHAR, i INTEGER,
    prev_tx_hash VARCHAR, prev_n INTEGER, address VARCHAR, value BIGINT);
CREATE TABLE IF NOT EXISTS trace_transfers (dataset VARCHAR, seq BIGINT, tx_id VARCHAR, idx INTEGER,
    sender VARCHAR, receiver VARCHAR, asset VARCHAR, amount HUGEINT, time BIGINT, fee HUGEINT, kind VARCHAR);
CREATE TABLE IF NOT EXISTS trace_tags (dataset VARCHAR, akey VARCHAR, address VARCHAR, currency VARCHAR,
    label VARCHAR, category VARCHAR, source VARCHAR, confidence INTEGER, actor VARCHAR);
"""
TABLES = ("trace_utxo_txs", "trace_utxo_outputs", "trace_utxo_inputs", "trace_transfers", "trace_tags")


def ensure_schema(con: duckdb.DuckDBPyConnection) -> None:
    """Create the tracing tables if missing."""
    con.execute(SCHEMA)


def _bulk(con: duckdb.DuckDBPyConnection, table: str, rows: Iterable[Sequence[Any]], tmp: Path) -> int:
    path = tmp / f"{table}.csv"
    n = 0
    with path.open("w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        for r in rows:
            w.writerow(["\\N" if v is None else v for v in r])
            n += 1
    if n:
        cols = [d[0] for d in con.execute(f"SELECT * FROM {table} LIMIT 0").description]
        types = {
            c: t
            for c, t in con.execute(
                "SELECT column_name, data_type FROM information_schema.columns WHERE table_name = ?", [table]
            ).fetchall()
        }
        spec = "{" + ", ".join(f"'{c}': '{types[c]}'" for c in cols) + "}"
        con.execute(
            f"INSERT INTO {table} SELECT * FROM read_csv(?, header=false, nullstr='\\N', "
            f"columns={spec}, quote='\"', escape='\"')",
            [str(path)],
        )
    return n


def _replace(
    con: duckdb.DuckDBPyConnection,
    name: str,
    kind: str,
    path: str,
    tables: dict[str, Iterable[Sequence[Any]]],
) -> int:
    ensure_schema(con)
    total = 0
    with tempfile.TemporaryDirectory(prefix="interdict-load-") as tmp:
        con.execute("BEGIN TRANSACTION")
        try:
            for t in TABLES:
                con.execute(f"DELETE FROM {t} WHERE dataset = ?", [name])
            con.execute("DELETE FROM trace_datasets WHERE name = ?", [name])
            for table, rows in tables.items():
                total += _bulk(con, table, rows, Path(tmp))
            con.execute(
                "INSERT INTO trace_datasets (name, kind, path, rows) VALUES (?, ?, ?, ?)",
                [name, kind, path, total],
            )
            con.execute("COMMIT")
        except BaseException:
            con.execute("ROLLBACK")
            raise
    return total


def save_utxo(con: duckdb.DuckDBPyConnection, name: str, path: str, txs: Sequence[UtxoTx]) -> int:
    """Replace dataset `name` with these UTXO transactions; returns rows written."""
    return _replace(
        con,
        name,
        "utxo",
        path,
        {
            "trace_utxo_txs": ((name, i, t.tx_hash, t.height, t.time, t.coinbase) for i, t in enumerate(txs)),
            "trace_utxo_outputs": (
                (name, o.tx_hash, o.n, o.address, o.value, o.spent_by) for t in txs for o in t.outputs
            ),
            "trace_utxo_inputs": (
                (name, t.tx_hash, i, x.prev_tx_hash, x.prev_n, x.address, x.value)
                for t in txs
                for i, x in enumerate(t.inputs)
            ),
        },
    )


def save_transfers(
    con: duckdb.DuckDBPyConnection, name: str, path: str, transfers: Sequence[Transfer]
) -> int:
    """Replace dataset `name` with these account transfers."""
    return _replace(
        con,
        name,
        "transfers",
        path,
        {
            "trace_transfers": (
                (name, i, t.tx_id, t.index, t.sender, t.receiver, t.asset, t.amount, t.time, t.fee, t.kind)
                for i, t in enumerate(transfers)
            )
        },
    )


def save_tags(con: duckdb.DuckDBPyConnection, name: str, path: str, tags: Sequence[Tag]) -> int:
    """Replace dataset `name` with these tags."""
    return _replace(
        con,
        name,
        "tags",
        path,
        {
            "trace_tags": (
                (
                    name,
                    address_key(t.address),
                    t.address,
                    t.currency,
                    t.label,
                    t.category,
                    t.source,
                    t.confidence,
                    t.actor,
                )
                for t in tags
            )
        },
    )


def datasets(con: duckdb.DuckDBPyConnection) -> list[tuple[str, str, str, int]]:
    """(name, kind, path, rows) of every loaded dataset."""
    ensure_schema(con)
    return [
        tuple(r)
        for r in con.execute("SELECT name, kind, path, rows FROM trace_datasets ORDER BY name").fetchall()
    ]


def load_utxo(con: duckdb.DuckDBPyConnection, names: Sequence[str] | None = None) -> list[UtxoTx]:
    """Every stored UTXO transaction (of the named datasets, or all), in stored order."""
    ensure_schema(con)
    where, args = ("WHERE dataset IN (SELECT unnest(?))", [list(names)]) if names else ("", [])
    outs: dict[tuple[str, str], list[TxOutput]] = {}
    for d, h, n, a, v, s in con.execute(
        f"SELECT dataset, tx_hash, n, address, value, spent_by FROM trace_utxo_outputs {where} ORDER BY n",
        args,
    ).fetchall():
        outs.setdefault((d, h), []).append(TxOutput(h, n, a, v, s))
    ins: dict[tuple[str, str], list[TxInput]] = {}
    for d, h, p, pn, a, v in con.execute(
        f"SELECT dataset, tx_hash, prev_tx_hash, prev_n, address, value FROM trace_utxo_inputs {where} "
        "ORDER BY i",
        args,
    ).fetchall():
        ins.setdefault((d, h), []).append(TxInput(p, pn, a, v))
    return [
        UtxoTx(h, tuple(ins.get((d, h), ())), tuple(outs.get((d, h), ())), height, time, cb)
        for d, h, height, time, cb in con.execute(
            f"SELECT dataset, tx_hash, height, time, coinbase FROM trace_utxo_txs {where} "
            "ORDER BY dataset, seq",
            args,
        ).fetchall()
    ]


def load_transfers(con: duckdb.DuckDBPyConnection) -> list[Transfer]:
    """Every stored account transfer, in stored order."""
    ensure_schema(con)
    return [
        Transfer(tx, s, r, int(a), asset, t, int(f or 0), idx, kind)
        for tx, idx, s, r, asset, a, t, f, kind in con.execute(
            "SELECT tx_id, idx, sender, receiver, asset, amount, time, fee, kind FROM trace_transfers "
            "ORDER BY dataset, seq"
        ).fetchall()
    ]


def load_tags(con: duckdb.DuckDBPyConnection, addresses: Sequence[str] | None = None) -> list[Tag]:
    """Stored tags (only those on `addresses` if given)."""
    ensure_schema(con)
    sql = "SELECT address, currency, label, category, source, confidence, actor FROM trace_tags"
    args: list[Any] = []
    if addresses is not None:
        sql += " WHERE akey IN (SELECT unnest(?))"
        args = [[address_key(a) for a in addresses]]
    return [Tag(*r) for r in con.execute(sql, args).fetchall()]


def exit_addresses(con: duckdb.DuckDBPyConnection) -> set[str]:
    """Addresses tagged as exchange, mixer or bridge."""
    ensure_schema(con)
    return {
        r[0]
        for r in con.execute(
            "SELECT DISTINCT akey FROM trace_tags WHERE category IN ('exchange', 'mixer', 'bridge')"
        ).fetchall()
    }


def list_tags(con: duckdb.DuckDBPyConnection) -> list[Tag]:
    """Crypto identifiers from the loaded sanctions lists, when the lists capability is present."""
    try:
        from interdict.lists.store import ListStore
    except ImportError:  # lists capability not installed in this build
        return []
    try:
        entities: list[Any] = ListStore(con).active_entities()
    except duckdb.Error:  # no lists loaded yet: the tables do not exist
        return []
    return tags_from_entities(entities)


def open_ledger(con: duckdb.DuckDBPyConnection) -> Ledger:
    """Read every stored tracing dataset and build the engines' structures."""
    txs = load_utxo(con)
    tags = TagIndex(load_tags(con))
    tags.add(list_tags(con))
    exits = {k for k, ts in tags.by_key.items() if any(t.is_exit for t in ts)}
    return Ledger(utxo_graph(txs) if txs else None, load_transfers(con), tags, exits)


def parquet_records(path: Path) -> tuple[list[str], list[dict[str, str | None]]]:
    """Column names and rows (values as text) of a Parquet file, read by DuckDB (no pyarrow needed)."""
    con = duckdb.connect(":memory:")
    try:
        rel = con.execute("SELECT * FROM read_parquet(?)", [str(path)])
        cols = [d[0] for d in rel.description]
        rows = [
            dict(zip(cols, (None if v is None else str(v) for v in rec), strict=True))
            for rec in rel.fetchall()
        ]
    except duckdb.Error as exc:
        raise TransferFormatError(str(path), None, f"not a readable Parquet file ({exc})") from exc
    finally:
        con.close()
    return cols, rows
