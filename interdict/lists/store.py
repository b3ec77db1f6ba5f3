"""The versioned list store on the embedded DuckDB: every load is a version, loaded atomically.

Each entry is kept compactly as one JSON document (orjson) beside its list, list id and content
fingerprint, so that reading every active entry at the start of a screening run is one bulk query.
Which version of a list is active, and what a load may not do to it, is `activation`'s business:
loading an older publication keeps it as a version but never rolls the list back; a file dated in
the future or dropping most of the list is refused unless forced; `activate` rolls back or forward.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

import duckdb
import orjson

from interdict.core.entity import Entity, entity_from_dict
from interdict.core.errors import ListFormatError, NotFoundError
from interdict.core.state_sink import StateSink
from interdict.lists import activation
from interdict.lists.activation import LoadPolicy
from interdict.lists.diff import ListDiff, diff_documents, entity_json, fingerprint_json, previous_version
from interdict.lists.formats import parse_list
from interdict.lists.normalize import file_sha256
from interdict.lists.parsed import ParsedList
from interdict.lists.storage import activation as pointer
from interdict.lists.subjects import LinkFacts, SubjectLink, Subjects, link_facts, subjects_from_facts
from interdict.lists.versions import ListVersion, LoadResult

# Part of the state token: bump it when the stored form or subject linking changes, so that stored
# subjects are relinked and screening indexes cached under the old token are rebuilt.
SCHEMA_VERSION = "2"
_BATCH = 5000
_ACTIVE = pointer.POINTER_ACTIVE

_SCHEMA = """
CREATE TABLE IF NOT EXISTS list_versions (
    list VARCHAR NOT NULL, version INTEGER NOT NULL, format VARCHAR, published VARCHAR,
    sha256 VARCHAR NOT NULL, source VARCHAR, loaded_at VARCHAR NOT NULL, entity_count INTEGER NOT NULL,
    PRIMARY KEY (list, version));
CREATE TABLE IF NOT EXISTS list_entities (
    list VARCHAR NOT NULL, version INTEGER NOT NULL, seq INTEGER NOT NULL, list_id VARCHAR NOT NULL,
    fingerprint VARCHAR NOT NULL, data VARCHAR NOT NULL, facts VARCHAR NOT NULL);
CREATE TABLE IF NOT EXISTS list_subjects (entity_key VARCHAR NOT NULL, subject_id VARCHAR NOT NULL);
CREATE TABLE IF NOT EXISTS list_subject_links (
    a VARCHAR NOT NULL, b VARCHAR NOT NULL, evidence VARCHAR NOT NULL, value VARCHAR NOT NULL);
CREATE TABLE IF NOT EXISTS list_meta (key VARCHAR NOT NULL, value VARCHAR NOT NULL);
"""

class ListStore:
    """Versioned sanctions lists, their entries and cross-list subjects in one DuckDB database."""

    def __init__(self, conn: duckdb.DuckDBPyConnection, audit: StateSink | None = None) -> None:
        self.conn = conn
        self.audit = audit  # where loads and activations are recorded (the audit chain), if anywhere
        row = conn.execute(
            "SELECT readonly FROM duckdb_databases() WHERE database_name = current_database()"
        ).fetchone()
        self.read_only = bool(row and row[0])
        row = conn.execute(
            "SELECT count(*) FROM duckdb_tables() WHERE database_name = current_database()"
            " AND schema_name = current_schema() AND table_name = 'list_meta'"
        ).fetchone()
        if row and row[0]:
            if not self.read_only:
                self._upgrade()
        elif self.read_only:
            # Nothing loaded yet and nothing may be written: read an empty store from temp tables.
            conn.execute(_SCHEMA.replace("CREATE TABLE", "CREATE TEMP TABLE"))
        else:
            conn.execute(_SCHEMA)
        if not pointer.has_pointer(conn):
            # A store written before the pointer existed: a reader ranks in memory, a writer adds it.
            pointer.create(conn, temp=self.read_only)

    def _upgrade(self) -> None:
        """Bring a store written by an earlier development schema (no `facts` column) up to date."""
        columns = {r[0] for r in self.conn.execute(
            "SELECT column_name FROM duckdb_columns() WHERE database_name = current_database()"
            " AND schema_name = current_schema() AND table_name = 'list_entities'").fetchall()}
        if "facts" in columns:
            return
        rows = self.conn.execute("SELECT rowid, data FROM list_entities").fetchall()
        facts = [link_facts(entity_from_dict(orjson.loads(data))).to_json().decode() for _, data in rows]
        self.conn.begin()
        try:
            self.conn.execute("ALTER TABLE list_entities ADD COLUMN facts VARCHAR")
            self.conn.execute(
                "UPDATE list_entities SET facts = f.facts FROM (SELECT unnest(?) AS id, unnest(?) AS facts) f"
                " WHERE list_entities.rowid = f.id", [[r[0] for r in rows], facts])
            self.conn.commit()
        except BaseException:
            self.conn.rollback()
            raise

    # -- loading -----------------------------------------------------------------------------

    def load_path(self, path: Path, policy: LoadPolicy | None = None) -> LoadResult:
        """Detect, parse and load one list file or folder (a file already loaded is not parsed again)."""
        known = self.known_file(path)
        if known is not None:
            return LoadResult(known, new=False)
        return self.load(parse_file(path), policy)

    def known_file(self, path: Path) -> ListVersion | None:
        """The version already holding this very file (same sha256), if any; None for a folder."""
        path = Path(path)
        return self._version_with_sha(file_sha256(path)) if path.is_file() else None

    def load(self, parsed: ParsedList, policy: LoadPolicy | None = None) -> LoadResult:
        """Store `parsed` as the list's next version in one transaction (a no-op if its sha256 is known).

        It becomes active if it outranks the active version; `policy` (default: 20 % drop at most, no
        future date, not forced) may refuse it with `LoadRefused`, leaving the store unchanged.
        """
        policy = policy or LoadPolicy()
        known = self._version_with_sha(parsed.sha256, parsed.list)
        if known is not None:
            return LoadResult(known, new=False)
        current = self._active_of(parsed.list)
        becomes_active = current is None or activation.ranks_above(parsed.published, current.published)
        replaced = current if becomes_active else None
        forced = activation.check(
            parsed, (replaced.version, replaced.published, replaced.entities) if replaced else None, policy)
        self.conn.begin()
        try:
            version = self._next_version(parsed.list)
            self.conn.execute(
                "INSERT INTO list_versions VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                [parsed.list, version, parsed.format, parsed.published, parsed.sha256, parsed.source,
                 datetime.now(UTC).isoformat(timespec="seconds"), len(parsed.entities)],
            )
            for start in range(0, len(parsed.entities), _BATCH):
                self._insert_batch(parsed, version, start)
            if becomes_active:
                pointer.set_active(self.conn, parsed.list, version)
            pointer.record(self.conn, parsed.list, version, "load.forced" if forced else "load",
                              policy.actor, {"active": becomes_active, "file": parsed.source,
                                             "sha256": parsed.sha256, "entries": len(parsed.entities),
                                             "replaced": replaced.version if replaced else None,
                                             "forced": forced, "reason": policy.reason})
            links = self._refresh_subjects()
            pointer.record_change(self.conn, self.audit, parsed.list, version)
            self.conn.commit()
        except BaseException:
            self.conn.rollback()
            raise
        return LoadResult(self._version(parsed.list, version), new=True, links=links, forced=tuple(forced))

    def activate(self, list_name: str, version: int, *, actor: str | None = None,
                 reason: str | None = None) -> tuple[ListVersion, int | None]:
        """Make a stored version the active one (rollback or roll-forward), recorded with who and why.

        Returns the version now active and the one it replaced (None if it was already active).
        """
        target = self._version(list_name, version)
        current = self._active_of(list_name)
        if current is not None and current.version == version:
            return target, None
        self.conn.begin()
        try:
            pointer.set_active(self.conn, list_name, version)
            pointer.record(self.conn, list_name, version, "activate", actor or activation.default_actor(),
                              {"from": current.version if current else None, "reason": reason})
            self._refresh_subjects()
            pointer.record_change(self.conn, self.audit, list_name, None)
            self.conn.commit()
        except BaseException:
            self.conn.rollback()
            raise
        return self._version(list_name, version), current.version if current else None

    def events(self, list_name: str | None = None, limit: int = 50) -> list[activation.ListEvent]:
        """The recorded loads and activations, newest first."""
        return pointer.events(self.conn, list_name, limit)

    def _active_of(self, list_name: str) -> ListVersion | None:
        return next((v for v in self.versions(list_name) if v.active), None)

    def _insert_batch(self, parsed: ParsedList, version: int, start: int) -> None:
        batch = parsed.entities[start:start + _BATCH]
        ids, fps, docs, facts = [], [], [], []
        for pos, entity in enumerate(batch, start=start):
            try:
                data = entity_json(entity)
            except TypeError as exc:
                raise ListFormatError(parsed.source, f"entry {pos + 1} ({entity.list_id})",
                                      f"cannot be stored as JSON: {exc}") from exc
            ids.append(entity.list_id)
            fps.append(fingerprint_json(data))
            docs.append(data.decode())
            facts.append(link_facts(entity).to_json().decode())
        # unnest of list parameters is a single bulk insert, far faster than executemany.
        self.conn.execute(
            "INSERT INTO list_entities SELECT ?, ?, s.seq, s.list_id, s.fp, s.data, s.facts FROM ("
            "SELECT unnest(?) AS seq, unnest(?) AS list_id, unnest(?) AS fp, unnest(?) AS data,"
            " unnest(?) AS facts) s",
            [parsed.list, version, list(range(start, start + len(batch))), ids, fps, docs, facts],
        )

    def _next_version(self, list_name: str) -> int:
        row = self.conn.execute(
            "SELECT coalesce(max(version), 0) + 1 FROM list_versions WHERE list = ?", [list_name]
        ).fetchone()
        return int(row[0]) if row else 1

    # -- versions ----------------------------------------------------------------------------

    def versions(self, list: str | None = None) -> list[ListVersion]:
        """Every stored version (of one list, or of all), by list then version."""
        sql = (
            "SELECT v.list, v.version, v.format, v.published, v.sha256, v.source, v.loaded_at,"
            " v.entity_count, a.version IS NOT NULL FROM list_versions v"
            f" LEFT JOIN ({_ACTIVE}) a ON a.list = v.list AND a.version = v.version"
        )
        if list is not None:
            sql += " WHERE v.list = ?"
        params = [] if list is None else [list]
        rows = self.conn.execute(sql + " ORDER BY v.list, v.version", params).fetchall()
        return [ListVersion(*row) for row in rows]

    def active_versions(self) -> list[ListVersion]:
        """The active version of every list."""
        return [v for v in self.versions() if v.active]

    def _version(self, list_name: str, version: int) -> ListVersion:
        for v in self.versions(list_name):
            if v.version == version:
                return v
        known = ", ".join(str(v.version) for v in self.versions(list_name)) or "none"
        raise NotFoundError(f"list {list_name!r} has no version {version} (versions: {known})")

    def _version_with_sha(self, sha256: str, list_name: str | None = None) -> ListVersion | None:
        row = self.conn.execute(
            "SELECT list, version FROM list_versions WHERE sha256 = ? AND (? IS NULL OR list = ?)"
            " ORDER BY version LIMIT 1",
            [sha256, list_name, list_name],
        ).fetchone()
        return self._version(row[0], int(row[1])) if row else None

    def state_token(self) -> str:
        """A token that changes whenever the set of active versions changes (cache key for indexes)."""
        rows = self.conn.execute(
            f"SELECT v.list, v.version, v.sha256 FROM list_versions v JOIN ({_ACTIVE}) a"
            " USING (list, version) ORDER BY v.list"
        ).fetchall()
        text = SCHEMA_VERSION + "|" + "|".join(f"{li}:{ver}:{sha}" for li, ver, sha in rows)
        return hashlib.sha256(text.encode()).hexdigest()[:24]

    # -- entries -----------------------------------------------------------------------------

    def active_entities(self) -> list[Entity]:
        """Every entry of the active version of every list, in list then file order."""
        rows = self.conn.execute(
            f"SELECT e.data FROM list_entities e JOIN ({_ACTIVE}) a USING (list, version)"
            " ORDER BY e.list, e.seq"
        ).fetchall()
        return [entity_from_dict(orjson.loads(row[0])) for row in rows]

    def entities(self, list: str, version: int) -> list[Entity]:
        """Every entry of one version of a list, in file order."""
        self._version(list, version)
        rows = self.conn.execute(
            "SELECT data FROM list_entities WHERE list = ? AND version = ? ORDER BY seq", [list, version]
        ).fetchall()
        return [entity_from_dict(orjson.loads(row[0])) for row in rows]

    def _documents(self, list_name: str, version: int) -> dict[str, tuple[str, str]]:
        rows = self.conn.execute(
            "SELECT list_id, fingerprint, data FROM list_entities WHERE list = ? AND version = ?"
            " ORDER BY seq",
            [list_name, version],
        ).fetchall()
        return {list_id: (fp, data) for list_id, fp, data in rows}

    # -- diffs -------------------------------------------------------------------------------

    def default_diff_versions(self, list: str) -> tuple[int, int]:
        """(previous, active) for a list: the active version and the one ranked just before it."""
        rows = self.conn.execute(
            f"SELECT version FROM ({pointer.RANKED}) WHERE list = ? ORDER BY rank", [list]
        ).fetchall()
        if not rows:
            loaded = ", ".join(self.list_names()) or "none"
            raise NotFoundError(f"no list {list!r} is loaded (loaded: {loaded})")
        if len(rows) < 2:
            raise NotFoundError(f"list {list!r} has only one version ({rows[0][0]}): load another to compare")
        active = self._active_of(list)
        ranked = [int(r[0]) for r in rows]
        new = active.version if active else ranked[0]
        return previous_version(ranked, new), new

    def diff(self, list: str, old: int | None = None, new: int | None = None) -> ListDiff:
        """Entries added, removed and changed from version `old` to `new` (default: previous -> active)."""
        if old is None or new is None:
            prev, active = self.default_diff_versions(list)
            old = prev if old is None else old
            new = active if new is None else new
        self._version(list, old)
        self._version(list, new)
        return diff_documents(list, old, new, self._documents(list, old), self._documents(list, new))

    def list_names(self) -> list[str]:
        """The names of the lists with at least one version."""
        rows = self.conn.execute("SELECT DISTINCT list FROM list_versions ORDER BY 1").fetchall()
        return [r[0] for r in rows]

    # -- subjects ----------------------------------------------------------------------------

    def subjects(self) -> dict[str, str]:
        """Entity key (`list:list_id`) -> subject id, for every active entry."""
        computed = self._ensure_subjects()
        if computed is not None:
            return dict(computed.members)
        rows = self.conn.execute("SELECT entity_key, subject_id FROM list_subjects").fetchall()
        return dict(rows)

    def subject_links(self) -> list[SubjectLink]:
        """The evidence that joined entries into subjects."""
        computed = self._ensure_subjects()
        if computed is not None:
            return sorted(computed.links, key=lambda x: (x.a, x.b))
        rows = self.conn.execute(
            "SELECT a, b, evidence, value FROM list_subject_links ORDER BY a, b"
        ).fetchall()
        return [SubjectLink(*row) for row in rows]

    def _ensure_subjects(self) -> Subjects | None:
        """Relink if the stored subjects are stale; on a read-only connection return them instead."""
        row = self.conn.execute("SELECT value FROM list_meta WHERE key = 'subjects_token'").fetchone()
        if row is not None and row[0] == self.state_token():
            return None
        if self.read_only:
            return self._link()
        self.conn.begin()
        try:
            self._refresh_subjects()
            self.conn.commit()
        except BaseException:
            self.conn.rollback()
            raise
        return None

    def _link(self) -> Subjects:
        rows = self.conn.execute(
            f"SELECT e.list || ':' || e.list_id, e.list, e.facts FROM list_entities e"
            f" JOIN ({_ACTIVE}) a USING (list, version) ORDER BY e.list, e.seq"
        ).fetchall()
        return subjects_from_facts([LinkFacts.from_json(key, li, facts) for key, li, facts in rows])

    def _refresh_subjects(self) -> int:
        """Recompute subjects over the active entries (inside the caller's transaction)."""
        result = self._link()
        self.conn.execute("DELETE FROM list_subjects")
        self.conn.execute("DELETE FROM list_subject_links")
        self.conn.execute("DELETE FROM list_meta WHERE key = 'subjects_token'")
        if result.members:
            keys, subjects = zip(*result.members.items(), strict=True)
            self.conn.execute(
                "INSERT INTO list_subjects SELECT unnest(?), unnest(?)", [list(keys), list(subjects)]
            )
        if result.links:
            columns = _columns([(x.a, x.b, x.evidence, x.value) for x in result.links], 4)
            self.conn.execute(
                "INSERT INTO list_subject_links SELECT unnest(?), unnest(?), unnest(?), unnest(?)", columns
            )
        self.conn.execute("INSERT INTO list_meta VALUES ('subjects_token', ?)", [self.state_token()])
        return len(result.links)


def parse_file(path: Path) -> ParsedList:
    """Parse a list file or folder for `ListStore.load`, recording where it was, whatever the working
    directory of a later reader (no database needed: a loader parses before it takes the lock)."""
    parsed = parse_list(Path(path))
    return replace(parsed, source=str(Path(path).resolve()))


def _columns(rows: Sequence[tuple[str, ...]], width: int) -> list[list[str]]:
    return [[row[i] for row in rows] for i in range(width)] if rows else [[] for _ in range(width)]
