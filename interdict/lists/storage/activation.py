"""The storage of list activation: the `list_active` pointer and `list_events` tables, and the records
of both (and of each version) for the keyed audit chain.

Given a `StateSink` (the keyed audit chain, which lives in the case store), the list store records
there the state of each version, pointer and event it writes, before it commits; `states` reads them
all back for `interdict audit verify`. The rules a load must pass are in `interdict.lists.activation`.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import duckdb
import orjson

from interdict.core.state_sink import StateSink
from interdict.lists.activation import ListEvent

SCHEMA = """
CREATE TABLE IF NOT EXISTS list_active (list VARCHAR NOT NULL, version INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS list_events (
    "at" VARCHAR NOT NULL, list VARCHAR NOT NULL, version INTEGER NOT NULL, action VARCHAR NOT NULL,
    actor VARCHAR NOT NULL, detail VARCHAR NOT NULL);
"""

# The ranking a load is measured against (and that initialises the pointer of a store written
# before it existed): latest publication, then latest load; undated below every dated version, so
# that a file that does not say when it was published (the OFAC CSV set) never displaces a dated one.
RANKED = """
SELECT list, version, row_number() OVER (
    PARTITION BY list ORDER BY published IS NULL, published DESC, version DESC) AS rank
FROM list_versions
"""
RANKED_ACTIVE = f"SELECT list, version FROM ({RANKED}) WHERE rank = 1"
POINTER_ACTIVE = "SELECT list, version FROM list_active"

# The kinds of list records in the audit chain: `listversion:un:3`, `listactive:un`, `listevent:7`.
VERSION_KIND, ACTIVE_KIND, EVENT_KIND = "listversion", "listactive", "listevent"
_VERSION_COLS = ("list", "version", "format", "published", "sha256", "source", "loaded_at", "entity_count")
_EVENT_COLS = ("at", "list", "version", "action", "actor", "detail")


def has_pointer(conn: duckdb.DuckDBPyConnection) -> bool:
    """Whether this store has the `list_active` table (a store written before it existed has not)."""
    row = conn.execute(
        "SELECT count(*) FROM duckdb_tables() WHERE database_name IN (current_database(), 'temp')"
        " AND table_name = 'list_active'").fetchone()
    return bool(row and row[0])


def create(conn: duckdb.DuckDBPyConnection, *, temp: bool = False) -> None:
    """Create the pointer and event tables, pointing each list at its top-ranked version."""
    fresh = not has_pointer(conn)
    conn.execute(SCHEMA.replace("CREATE TABLE", "CREATE TEMP TABLE") if temp else SCHEMA)
    if fresh:
        conn.execute(f"INSERT INTO list_active {RANKED_ACTIVE}")


def set_active(conn: duckdb.DuckDBPyConnection, list_name: str, version: int) -> None:
    """Point a list at one version (inside the caller's transaction)."""
    conn.execute("DELETE FROM list_active WHERE list = ?", [list_name])
    conn.execute("INSERT INTO list_active VALUES (?, ?)", [list_name, version])


def record(conn: duckdb.DuckDBPyConnection, list_name: str, version: int, action: str, actor: str,
           detail: dict[str, Any]) -> None:
    """Append one event (inside the caller's transaction: the change and its record commit together)."""
    conn.execute("INSERT INTO list_events VALUES (?, ?, ?, ?, ?, ?)",
                 [datetime.now(UTC).isoformat(timespec="seconds"), list_name, version, action, actor,
                  orjson.dumps(detail).decode()])


def events(conn: duckdb.DuckDBPyConnection, list_name: str | None = None, limit: int = 50) -> list[ListEvent]:
    """The latest events, newest first (of one list, or of all)."""
    rows = conn.execute(
        "SELECT \"at\", list, version, action, actor, detail FROM list_events WHERE (? IS NULL OR list = ?)"
        " ORDER BY rowid DESC LIMIT ?", [list_name, list_name, limit]).fetchall()
    return [ListEvent(at, li, int(v), action, actor, orjson.loads(detail))
            for at, li, v, action, actor, detail in rows]


def _tables(conn: duckdb.DuckDBPyConnection) -> set[str]:
    rows = conn.execute("SELECT table_name FROM duckdb_tables() WHERE database_name = current_database()")
    return {str(r[0]) for r in rows.fetchall()}


# One SHA-256 over the SHA-256 of every stored entry of a version, in order: an entry removed,
# added or edited in SQL (a listed name deleted) changes it. Done in DuckDB: 200,000 rows take ~1 s.
_ENTRIES_DIGEST = """
SELECT list, version, sha256(string_agg(
    sha256(concat_ws(chr(31), seq, list_id, fingerprint, data, facts)), '' ORDER BY seq))
FROM list_entities WHERE (? IS NULL OR (list = ? AND version = ?)) GROUP BY list, version
"""


def _entries_digests(conn: duckdb.DuckDBPyConnection, one: tuple[str, int] | None = None,
                     ) -> dict[str, str]:
    name, version = one if one else (None, None)
    rows = conn.execute(_ENTRIES_DIGEST, [name, name, version]).fetchall()
    return {f"{li}:{v}": str(digest) for li, v, digest in rows}


def states(conn: duckdb.DuckDBPyConnection, version: tuple[str, int] | None = None,
           ) -> dict[str, dict[str, dict[str, Any]]]:
    """Every stored version (or only `version`: list, number) with the digest of its entries, every
    active pointer and event, as records for the audit chain, by kind.

    Events are numbered in the order they were written (they are only ever appended), so a deleted
    event shifts the numbers of those after it and each of them is named."""
    found = _tables(conn)
    out: dict[str, dict[str, dict[str, Any]]] = {VERSION_KIND: {}, ACTIVE_KIND: {}, EVENT_KIND: {}}
    if "list_versions" in found:
        digests = _entries_digests(conn, version) if "list_entities" in found else {}
        for row in conn.execute(f"SELECT {', '.join(_VERSION_COLS)} FROM list_versions").fetchall():
            key = f"{row[0]}:{row[1]}"
            if version is None or key == f"{version[0]}:{version[1]}":
                out[VERSION_KIND][key] = {**dict(zip(_VERSION_COLS, row, strict=True)),
                                          "entries_sha256": digests.get(key)}
    if "list_active" in found:
        for name, number in conn.execute(POINTER_ACTIVE).fetchall():
            # Two pointer rows for one list (an INSERT in SQL) differ from the one recorded.
            out[ACTIVE_KIND].setdefault(str(name), {"versions": []})["versions"].append(int(number))
    if "list_events" in found:
        cols = ", ".join(f'"{c}"' for c in _EVENT_COLS)
        rows = conn.execute(f"SELECT {cols} FROM list_events ORDER BY rowid").fetchall()
        for n, row in enumerate(rows, start=1):
            out[EVENT_KIND][str(n)] = dict(zip(_EVENT_COLS, row, strict=True))
    for pointer in out[ACTIVE_KIND].values():
        pointer["versions"].sort()
    return out


def record_change(conn: duckdb.DuckDBPyConnection, sink: StateSink | None, list_name: str,
                  version: int | None) -> None:
    """Record in `sink` (inside the caller's transaction) the state of a list's pointer, of one of
    its versions (a load) and of the latest event: the records a load or an activation writes."""
    if sink is None:
        return
    now = states(conn, (list_name, version) if version is not None else ("", -1))
    sink.record(ACTIVE_KIND, {list_name: now[ACTIVE_KIND].get(list_name, {"versions": []})})
    if version is not None:
        key = f"{list_name}:{version}"
        sink.record(VERSION_KIND, {key: now[VERSION_KIND][key]})
    if now[EVENT_KIND]:
        last = str(len(now[EVENT_KIND]))
        sink.record(EVENT_KIND, {last: now[EVENT_KIND][last]})
