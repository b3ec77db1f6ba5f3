"""Versions of the ranker's model files in DuckDB: each saved model gets the next version number,
with its bytes, sha256, where it was written, when, its features, what it was trained on and its
figures. Saving the same bytes twice returns the existing version (the sha256 is unique)."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import duckdb

from interdict.core.errors import NotFoundError

SCHEMA = """
CREATE TABLE IF NOT EXISTS aml_models (version INTEGER PRIMARY KEY, sha256 VARCHAR UNIQUE, path VARCHAR,
    created TIMESTAMP DEFAULT current_timestamp, features VARCHAR, training VARCHAR, metrics VARCHAR,
    model BLOB);
"""


@dataclass(frozen=True, slots=True)
class ModelVersion:
    """One stored model (without its bytes)."""

    version: int
    sha256: str
    path: str
    created: datetime
    features: list[str]
    training: dict[str, Any]
    metrics: dict[str, Any]


def save(con: duckdb.DuckDBPyConnection, data: bytes, path: str, features: list[str],
         training: dict[str, Any], metrics: dict[str, Any]) -> ModelVersion:
    """Store a model file's bytes as the next version (or return the version holding the same bytes)."""
    con.execute(SCHEMA)
    sha = hashlib.sha256(data).hexdigest()
    found = _select(con, "WHERE sha256 = ?", [sha])
    if found:
        return found[0]
    row = con.execute("SELECT coalesce(max(version), 0) + 1 FROM aml_models").fetchone()
    version = int(row[0]) if row else 1
    con.execute(
        "INSERT INTO aml_models (version, sha256, path, features, training, metrics, model)"
        " VALUES (?, ?, ?, ?, ?, ?, ?)",
        [version, sha, path, json.dumps(features), json.dumps(training), json.dumps(metrics), data],
    )
    return _select(con, "WHERE version = ?", [version])[0]


def versions(con: duckdb.DuckDBPyConnection) -> list[ModelVersion]:
    """Every stored model, oldest first."""
    con.execute(SCHEMA)
    return _select(con, "", [])


def load(con: duckdb.DuckDBPyConnection, version: int | None = None) -> tuple[ModelVersion, bytes]:
    """A stored model's record and bytes: `version`, or the latest."""
    con.execute(SCHEMA)
    where = "WHERE version = ?" if version is not None else "ORDER BY version DESC LIMIT 1"
    args = [version] if version is not None else []
    row = con.execute(f"SELECT version, model FROM aml_models {where}", args).fetchone()
    if row is None:
        raise NotFoundError("no stored ranker model" + ("" if version is None else f" of version {version}"))
    return _select(con, "WHERE version = ?", [row[0]])[0], bytes(row[1])


def _select(con: duckdb.DuckDBPyConnection, where: str, args: list[Any]) -> list[ModelVersion]:
    rows = con.execute(
        f"SELECT version, sha256, path, created, features, training, metrics FROM aml_models {where}"
        " ORDER BY version", args).fetchall()
    return [ModelVersion(int(r[0]), str(r[1]), str(r[2]), r[3], json.loads(r[4]), json.loads(r[5]),
                         json.loads(r[6])) for r in rows]
