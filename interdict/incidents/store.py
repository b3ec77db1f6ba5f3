"""The incident ledger on the embedded DuckDB: versions, events, traces and who received the funds.

Modelled on the list store: a load writes, in one transaction, a new version of every incident whose
content changed (a correction is a new version, never an edit; the same content again is a no-op)
and one event per version; given a `StateSink` (the keyed audit chain), the state of each version
and event is bound there before the commit. A trace of an incident is stored beside it with the
addresses that received its funds, which address screening reads back (`exposure`).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import duckdb
import orjson

from interdict.core.errors import NotFoundError
from interdict.core.state_sink import StateSink
from interdict.incidents.model import Incident, IncidentVersion, incident_from_dict

SCHEMA = """
CREATE TABLE IF NOT EXISTS incident_versions (
    id VARCHAR NOT NULL, version INTEGER NOT NULL, loaded_at VARCHAR NOT NULL,
    source_file VARCHAR NOT NULL, sha256 VARCHAR NOT NULL, data VARCHAR NOT NULL, links VARCHAR NOT NULL,
    PRIMARY KEY (id, version));
CREATE TABLE IF NOT EXISTS incident_events (
    "at" VARCHAR NOT NULL, id VARCHAR NOT NULL, version INTEGER NOT NULL, action VARCHAR NOT NULL,
    actor VARCHAR NOT NULL, detail VARCHAR NOT NULL);
CREATE TABLE IF NOT EXISTS incident_traces (
    id VARCHAR NOT NULL, trace INTEGER NOT NULL, version INTEGER NOT NULL, policy VARCHAR NOT NULL,
    traced_at VARCHAR NOT NULL, data VARCHAR NOT NULL, PRIMARY KEY (id, trace));
CREATE TABLE IF NOT EXISTS incident_received (
    id VARCHAR NOT NULL, trace INTEGER NOT NULL, address_key VARCHAR NOT NULL, address VARCHAR NOT NULL,
    asset VARCHAR NOT NULL, tainted_value HUGEINT NOT NULL, total_received HUGEINT NOT NULL,
    hops INTEGER NOT NULL);
"""
VERSION_KIND, EVENT_KIND, TRACE_KIND = "incidentversion", "incidentevent", "incidenttrace"
_LATEST = "SELECT id, max(version) AS version FROM incident_versions GROUP BY id"
_LATEST_TRACE = "SELECT id, max(trace) AS trace FROM incident_traces GROUP BY id"


@dataclass(frozen=True, slots=True)
class Loaded:
    """What one load did to one incident: a new version (`load` or `correction`) or nothing."""

    id: str
    version: int
    action: str  # load, correction, relink (same content, new links to the lists), unchanged


@dataclass(frozen=True, slots=True)
class Receiver:
    """An address that received an incident's funds in its latest trace, and the share it holds."""

    id: str
    address: str
    asset: str
    tainted_value: int
    total_received: int
    hops: int
    policy: str
    name: str = ""

    @property
    def share(self) -> float:
        """Tainted value over everything the address received in the data (1.0: all of it)."""
        return self.tainted_value / self.total_received if self.total_received else 1.0


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


class IncidentStore:
    """Versioned incidents, their events and traces in one DuckDB database."""

    def __init__(self, conn: duckdb.DuckDBPyConnection, audit: StateSink | None = None) -> None:
        self.conn, self.audit = conn, audit
        row = conn.execute("SELECT readonly FROM duckdb_databases() WHERE database_name = current_database()"
                           ).fetchone()
        read_only = bool(row and row[0])
        present = conn.execute(
            "SELECT count(*) FROM duckdb_tables() WHERE table_name = 'incident_received'").fetchone()
        if not (present and present[0]):
            conn.execute(SCHEMA.replace("CREATE TABLE", "CREATE TEMP TABLE") if read_only else SCHEMA)

    # -- loading -----------------------------------------------------------------------------

    def load(self, incidents: Sequence[Incident], source_file: str, actor: str,
             links: dict[str, list[dict[str, Any]]] | None = None) -> list[Loaded]:
        """Store every changed incident as its next version, all or nothing. `links` None means the
        lists could not be consulted: the stored links stand. Otherwise an incident whose content is
        the same but whose links to the lists differ (the lists changed) gets a `relink` version."""
        rows = self.conn.execute(
            f"SELECT v.id, v.sha256, v.links FROM incident_versions v JOIN ({_LATEST}) l USING (id, version)"
        ).fetchall()
        latest = {i: sha for i, sha, _ in rows}
        linked = {i: orjson.loads(found) for i, _, found in rows}
        numbers = dict(self.conn.execute(_LATEST).fetchall())
        out: list[Loaded] = []
        versions: dict[str, dict[str, Any]] = {}
        self.conn.begin()
        try:
            for inc in incidents:
                sha = inc.fingerprint()
                same = latest.get(inc.id) == sha
                if same and (links is None or linked.get(inc.id) == links.get(inc.id, [])):
                    out.append(Loaded(inc.id, int(numbers[inc.id]), "unchanged"))
                    continue
                version = int(numbers.get(inc.id, 0)) + 1
                action = "relink" if same else "correction" if version > 1 else "load"
                at = _now()
                self.conn.execute("INSERT INTO incident_versions VALUES (?, ?, ?, ?, ?, ?, ?)", [
                    inc.id, version, at, source_file, sha, orjson.dumps(inc.to_dict()).decode(),
                    orjson.dumps(linked.get(inc.id, []) if links is None else links.get(inc.id, [])
                                 ).decode()])
                self._event(inc.id, version, action, actor, {"file": source_file, "sha256": sha,
                                                              "previous": latest.get(inc.id)})
                versions[f"{inc.id}:{version}"] = {"id": inc.id, "version": version, "sha256": sha,
                                                   "loaded_at": at, "source_file": source_file}
                out.append(Loaded(inc.id, version, action))
            self._bind(VERSION_KIND, versions)
            self.conn.commit()
        except BaseException:
            self.conn.rollback()
            raise
        return out

    def _event(self, ident: str, version: int, action: str, actor: str, detail: dict[str, Any]) -> None:
        self.conn.execute("INSERT INTO incident_events VALUES (?, ?, ?, ?, ?, ?)",
                          [_now(), ident, version, action, actor, orjson.dumps(detail).decode()])

    def _bind(self, kind: str, records: dict[str, dict[str, Any]]) -> None:
        """Bind new records and the events just written into the audit chain (before the commit)."""
        if self.audit is None or not records:
            return
        self.audit.record(kind, records)
        rows = self.conn.execute(
            'SELECT rowid, "at", id, version, action, actor, detail FROM incident_events'
            " ORDER BY rowid DESC LIMIT ?", [len(records)]).fetchall()
        cols = ("at", "id", "version", "action", "actor", "detail")
        self.audit.record(EVENT_KIND, {str(r[0]): dict(zip(cols, r[1:], strict=True)) for r in rows})

    # -- reading -----------------------------------------------------------------------------

    def latest(self) -> list[IncidentVersion]:
        """The latest version of every incident, by date then id."""
        rows = self.conn.execute(
            "SELECT v.id, v.version, v.loaded_at, v.source_file, v.sha256, v.data, v.links"
            f" FROM incident_versions v JOIN ({_LATEST}) l USING (id, version)").fetchall()
        found = [_version(row) for row in rows]
        return sorted(found, key=lambda v: (v.incident.date, v.incident.id))

    def get(self, ident: str, version: int | None = None) -> IncidentVersion:
        """One incident: its latest version, or the one asked for."""
        rows = self.conn.execute(
            "SELECT id, version, loaded_at, source_file, sha256, data, links FROM incident_versions"
            " WHERE id = ? ORDER BY version", [ident]).fetchall()
        if not rows:
            raise NotFoundError(f"incident {ident!r}: not in the ledger (run `interdict incidents load`)")
        if version is None:
            return _version(rows[-1])
        for row in rows:
            if int(row[1]) == version:
                return _version(row)
        known = ", ".join(str(r[1]) for r in rows)
        raise NotFoundError(f"incident {ident!r} has no version {version} (versions: {known})")

    def events(self, ident: str | None = None, limit: int = 100) -> list[dict[str, Any]]:
        """Loads, corrections and traces, newest first."""
        rows = self.conn.execute(
            'SELECT "at", id, version, action, actor, detail FROM incident_events'
            " WHERE (? IS NULL OR id = ?) ORDER BY rowid DESC LIMIT ?", [ident, ident, limit]).fetchall()
        return [{"at": at, "id": i, "version": int(v), "action": a, "actor": who,
                 "detail": orjson.loads(d)} for at, i, v, a, who, d in rows]

    # -- traces ------------------------------------------------------------------------------

    def add_trace(self, ident: str, version: int, policy: str, data: dict[str, Any], actor: str,
                  received: Iterable[tuple[str, str, str, int, int, int]]) -> int:
        """Store a trace of an incident version with its receivers (key, address, asset, tainted,
        total received, hops); returns the trace number."""
        row = self.conn.execute("SELECT coalesce(max(trace), 0) + 1 FROM incident_traces WHERE id = ?",
                                [ident]).fetchone()
        trace = int(row[0]) if row else 1
        rows = list(received)
        at = _now()
        self.conn.begin()
        try:
            self.conn.execute("INSERT INTO incident_traces VALUES (?, ?, ?, ?, ?, ?)",
                              [ident, trace, version, policy, at, orjson.dumps(data).decode()])
            if rows:
                cols = [[r[i] for r in rows] for i in range(6)]
                self.conn.execute(
                    "INSERT INTO incident_received SELECT ?, ?, unnest(?), unnest(?), unnest(?),"
                    " unnest(?::HUGEINT[]), unnest(?::HUGEINT[]), unnest(?)",
                    [ident, trace, *[[str(x) if i in (3, 4) else x for x in col]
                                     for i, col in enumerate(cols)]])
            self._event(ident, version, "trace", actor, {"trace": trace, "policy": policy,
                                                        "receivers": len(rows)})
            self._bind(TRACE_KIND, {f"{ident}:{trace}": {"id": ident, "trace": trace, "version": version,
                                                          "policy": policy, "traced_at": at,
                                                          "receivers": len(rows)}})
            self.conn.commit()
        except BaseException:
            self.conn.rollback()
            raise
        return trace

    def latest_traces(self) -> dict[str, dict[str, Any]]:
        """Incident id -> its latest stored trace (with `trace`, `version`, `policy`, `traced_at`)."""
        rows = self.conn.execute(
            "SELECT t.id, t.trace, t.version, t.policy, t.traced_at, t.data FROM incident_traces t"
            f" JOIN ({_LATEST_TRACE}) l USING (id, trace)").fetchall()
        return {i: {**orjson.loads(d), "trace": int(n), "version": int(v), "policy": p, "traced_at": at}
                for i, n, v, p, at, d in rows}



def exposure_of(conn: duckdb.DuckDBPyConnection, keys: Sequence[str]) -> list[Receiver]:
    """The addresses (by `address_key`) that received an incident's funds in its latest trace;
    none if no incident was ever traced in this store (nothing is created to find that out)."""
    present = conn.execute("SELECT count(*) FROM duckdb_tables() WHERE table_name = 'incident_received'"
                           ).fetchone()
    if not keys or not (present and present[0]):
        return []
    rows = conn.execute(
        "SELECT r.id, r.address, r.asset, r.tainted_value::VARCHAR, r.total_received::VARCHAR,"
        " r.hops, t.policy, v.data->>'name' FROM incident_received r"
        f" JOIN ({_LATEST_TRACE}) l USING (id, trace)"
        " JOIN incident_traces t ON t.id = r.id AND t.trace = r.trace"
        " JOIN incident_versions v ON v.id = t.id AND v.version = t.version"
        " WHERE r.address_key IN (SELECT unnest(?)) ORDER BY r.id, r.address", [list(keys)]).fetchall()
    return [Receiver(i, a, asset, int(v), int(total), int(h), p, name or "")
            for i, a, asset, v, total, h, p, name in rows]


def version_states(conn: duckdb.DuckDBPyConnection) -> dict[str, dict[str, Any]]:
    """Every stored version as the audit chain holds it, its sha256 computed again from the stored
    content: a version edited in SQL no longer matches the state recorded when it was loaded."""
    present = conn.execute("SELECT count(*) FROM duckdb_tables() WHERE database_name = current_database()"
                           " AND table_name = 'incident_versions'").fetchone()
    if not (present and present[0]):
        return {}
    rows = conn.execute("SELECT id, version, loaded_at, source_file, data FROM incident_versions").fetchall()
    return {f"{i}:{v}": {"id": i, "version": int(v),
                         "sha256": incident_from_dict(orjson.loads(d)).fingerprint(),
                         "loaded_at": at, "source_file": src} for i, v, at, src, d in rows}


def _version(row: tuple[Any, ...]) -> IncidentVersion:
    _, version, loaded_at, source_file, sha, data, links = row
    return IncidentVersion(incident_from_dict(orjson.loads(data)), int(version), loaded_at, source_file,
                           sha, tuple(orjson.loads(links)))
