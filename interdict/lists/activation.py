"""Which stored version of each list is active, what a load may not do to it, and the record of both.

The active version is a pointer (`list_active`), not a ranking recomputed on every read: a load
moves it forward only when its publication ranks above the active one (a later date; a dated
version above an undated one; among equals, the later load), and `interdict lists activate` moves
it to any stored version (rollback or roll-forward). A pointer is what makes a rollback stick: with
a pure ranking, a file dated 2099 would outrank every genuine publication for ever.

A load that would become active is refused (unless forced) when it states a publication date in the
future, or when it would drop more than a set share of the active version's entries: both are the
marks of a truncated, test or tampered file, and screening against it would release payments to
listed parties. Every load, forced load and activation is recorded in `list_events` (who, when,
why), which `interdict lists status` shows. Given a `StateSink` (the keyed audit chain, which lives
in the case store), the store also records there the state of each version, pointer and event it
writes, before it commits; `states` reads them all back for `interdict audit verify`.
"""

from __future__ import annotations

import getpass
import os
from dataclasses import asdict, dataclass, field
from datetime import UTC, date, datetime, timedelta
from typing import Any

import duckdb
import orjson

from interdict.core.errors import ConfigError, InputError
from interdict.core.state_sink import StateSink
from interdict.lists.parsed import ParsedList

DEFAULT_MAX_DROP = 0.20
MAX_DROP_ENV = "INTERDICT_LIST_MAX_DROP"
# Publication dates are written in the publisher's time zone; one day covers any zone and a clock
# that is a little behind.
CLOCK_SKEW = timedelta(days=1)

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


class LoadRefused(InputError):
    """A list file that would replace the active version fails a safety rule (`--force` overrides)."""


@dataclass(frozen=True, slots=True)
class LoadPolicy:
    """The rules a load that would become active must pass, unless forced."""

    max_drop: float = DEFAULT_MAX_DROP  # largest share of the active version's entries a load may drop
    force: bool = False
    actor: str = field(default_factory=lambda: default_actor())
    reason: str | None = None

    @classmethod
    def from_env(cls, *, force: bool = False, max_drop_percent: float | None = None,
                 reason: str | None = None) -> LoadPolicy:
        """The policy of a command: `--max-drop` if given, else `$INTERDICT_LIST_MAX_DROP`, else 20 %."""
        if max_drop_percent is None:
            text = os.environ.get(MAX_DROP_ENV)
            try:
                max_drop_percent = float(text) if text else DEFAULT_MAX_DROP * 100
            except ValueError as exc:
                raise ConfigError(f"${MAX_DROP_ENV}={text!r}: expected a percentage such as 20") from exc
        if not 0 <= max_drop_percent <= 100:
            raise ConfigError(f"the largest drop of entries is a percentage 0-100, not {max_drop_percent}")
        return cls(max_drop=max_drop_percent / 100, force=force, reason=reason)


@dataclass(frozen=True, slots=True)
class ListEvent:
    """One recorded change of a list: a load, a forced load, an activation."""

    at: str
    list: str
    version: int
    action: str  # "load", "load.forced", "activate"
    actor: str
    detail: dict[str, Any]

    def to_dict(self) -> dict[str, Any]:
        """JSON shape for `interdict lists status --json`."""
        return asdict(self)


def default_actor() -> str:
    """Who runs this command, as recorded in `list_events`."""
    try:
        return f"cli:{getpass.getuser()}"
    except (KeyError, OSError):  # no passwd entry (some containers)
        return "cli"


def earliest_day(published: str) -> date | None:
    """The first day a publication date (`2026`, `2026-02`, `2026-02-27...`) can mean."""
    parts = published[:10].split("-")
    try:
        year, month, day = (int(parts[0]), int(parts[1]) if len(parts) > 1 else 1,
                            int(parts[2]) if len(parts) > 2 else 1)
        return date(year, month, day)
    except (ValueError, IndexError):
        return None


def ranks_above(new_published: str | None, active_published: str | None) -> bool:
    """Whether a new load outranks the active version (equal publications: the newer load wins)."""
    if new_published is None:
        return active_published is None
    return active_published is None or new_published >= active_published


def refusals(parsed: ParsedList, active: tuple[int, str | None, int] | None, policy: LoadPolicy,
             today: date | None = None) -> list[str]:
    """Every rule `parsed` breaks; `active` is (version, published, entries) of the version it would
    replace, or None when it would not become active (nothing of it would then be screened)."""
    today = today or datetime.now(UTC).date()
    broken: list[str] = []
    day = earliest_day(parsed.published) if parsed.published else None
    if day is not None and day > today + CLOCK_SKEW:
        broken.append(f"its publication date {parsed.published} is in the future (today is {today})")
    if active is not None:
        version, _, count = active
        kept = len(parsed.entities)
        if count and (count - kept) / count > policy.max_drop:
            broken.append(
                f"it holds {kept:,} entries against {count:,} in the active {parsed.list} version {version}"
                f" (a drop of {(count - kept) / count:.1%}; at most {policy.max_drop:.0%} is allowed)")
    return broken


def check(parsed: ParsedList, active: tuple[int, str | None, int] | None, policy: LoadPolicy) -> list[str]:
    """The rules broken (to record when forced); raise LoadRefused when any is broken and not forced."""
    broken = refusals(parsed, active, policy)
    if broken and not policy.force:
        keep = f"; the active version {active[0]} stays" if active else ""
        raise LoadRefused(parsed.source or parsed.list, None,
                          f"refused to load the {parsed.list} list: " + "; ".join(broken) + keep
                          + ". Check the file; load it anyway with --force.")
    return broken


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
