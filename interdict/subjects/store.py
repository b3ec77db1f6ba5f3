"""The subject base in the embedded DuckDB store (beside the lists): subjects, the list versions
each last saw, the hits found on them and the runs that found them.

Tables:
- `subjects`: id, name, the subject as JSON, and `seen`, the list versions (`{"list": version}`,
  canonical JSON) it was last screened against; NULL when never screened or changed since;
- `subject_hits`: one row per (subject, list, entry) ever hit, with the entry's content
  fingerprint when it was hit, the state (`open`, or `closed` with why and in which run) and the
  alert raised for it;
- `subject_runs`: every re-screen, with the list versions it used and its counts;
- the delta re-screen's pre-filter data (each subject's name tokens and their probes, keyed by
  integers), in `subjects.parts`.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import duckdb
import orjson

from interdict.core.errors import InputError
from interdict.subjects.model import Subject, subject_from_dict
from interdict.subjects.parts import SCHEMA as PARTS_SCHEMA
from interdict.subjects.parts import PartsOf, PartStore, ProbesOf, TokensOf
from interdict.subjects.rescreen import Closed, FoundHit, HitKey, KnownHit, Versions

_SCHEMA = """
CREATE TABLE IF NOT EXISTS subjects (
    id VARCHAR PRIMARY KEY, name VARCHAR NOT NULL, data VARCHAR NOT NULL, seen VARCHAR,
    updated_at VARCHAR NOT NULL);
CREATE TABLE IF NOT EXISTS subject_hits (
    subject_id VARCHAR NOT NULL, list VARCHAR NOT NULL, entry_id VARCHAR NOT NULL,
    fingerprint VARCHAR NOT NULL, score DOUBLE NOT NULL, state VARCHAR NOT NULL, alert_id BIGINT,
    run INTEGER NOT NULL, closed_run INTEGER, closed_why VARCHAR,
    PRIMARY KEY (subject_id, list, entry_id));
CREATE TABLE IF NOT EXISTS subject_runs (
    run INTEGER PRIMARY KEY, run_at VARCHAR NOT NULL, mode VARCHAR NOT NULL, list_versions VARCHAR NOT NULL,
    screened BIGINT NOT NULL, new_hits BIGINT NOT NULL, closed BIGINT NOT NULL);
""" + PARTS_SCHEMA


def seen_json(versions: Versions | None) -> str | None:
    """The canonical text of a set of list versions (the `seen` column)."""
    return None if versions is None else orjson.dumps(dict(sorted(versions.items()))).decode()


def seen_of(text: str | None) -> Versions | None:
    """The list versions of a `seen` value."""
    return None if text is None else {str(k): int(v) for k, v in orjson.loads(text).items()}


class SubjectStore:
    """The subject base on an open DuckDB connection (the list store's database)."""

    def __init__(self, conn: duckdb.DuckDBPyConnection) -> None:
        self.conn = conn
        row = conn.execute("SELECT readonly FROM duckdb_databases() WHERE database_name = current_database()"
                           ).fetchone()
        read_only = bool(row and row[0])
        if not read_only:
            conn.execute(_SCHEMA)
            return
        exists = conn.execute("SELECT count(*) FROM duckdb_tables() WHERE table_name = 'subject_runs'"
                              " AND database_name = current_database()").fetchone()
        if not (exists and exists[0]):  # nothing loaded yet: read an empty base from temp tables
            conn.execute(_SCHEMA.replace("CREATE TABLE", "CREATE TEMP TABLE"))

    # -- the base ----------------------------------------------------------------------------

    def upsert(self, subjects: Sequence[Subject], tokens: TokensOf, probes: ProbesOf,
               parts: PartsOf) -> tuple[int, int, int]:
        """Add new subjects and update changed ones by id (a changed one is re-screened in full
        next time), with their pre-filter tokens; answers (added, updated, unchanged)."""
        now = _now()
        ids = [s.id for s in subjects]
        names = [s.name for s in subjects]
        docs = [orjson.dumps(s.to_dict()).decode() for s in subjects]
        self.conn.begin()
        try:
            self.conn.execute("CREATE OR REPLACE TEMP TABLE incoming AS"
                              " SELECT unnest(?) AS id, unnest(?) AS name, unnest(?) AS data",
                              [ids, names, docs])
            added = self._count("SELECT count(*) FROM incoming i ANTI JOIN subjects s USING (id)")
            updated = self._count("SELECT count(*) FROM incoming i JOIN subjects s USING (id)"
                                  " WHERE s.data <> i.data")
            fresh = {r[0] for r in self.conn.execute(
                "SELECT i.id FROM incoming i LEFT JOIN subjects s USING (id)"
                " WHERE s.id IS NULL OR s.data <> i.data").fetchall()}
            self.conn.execute("UPDATE subjects SET name = i.name, data = i.data, seen = NULL, updated_at = ?"
                              " FROM incoming i WHERE subjects.id = i.id AND subjects.data <> i.data", [now])
            self.conn.execute("INSERT INTO subjects SELECT i.id, i.name, i.data, NULL, ? FROM incoming i"
                              " ANTI JOIN subjects s USING (id)", [now])
            self.conn.execute("DROP TABLE incoming")
            PartStore(self.conn).save([s for s in subjects if s.id in fresh], tokens, probes, parts)
            self.conn.commit()
        except BaseException:
            self.conn.rollback()
            raise
        return added, updated, len(subjects) - added - updated

    def remove(self, ids: Sequence[str]) -> int:
        """Remove subjects by id (their open hits close as `subject removed`); answers how many
        were there."""
        self.conn.begin()
        try:
            self.conn.execute("CREATE OR REPLACE TEMP TABLE gone AS SELECT unnest(?) AS id", [list(ids)])
            removed = self._count("SELECT count(*) FROM subjects JOIN gone USING (id)")
            self.conn.execute("UPDATE subject_hits SET state = 'closed', closed_why = 'subject removed'"
                              " WHERE state = 'open' AND subject_id IN (SELECT id FROM gone)")
            self.conn.execute("DELETE FROM subjects WHERE id IN (SELECT id FROM gone)")
            PartStore(self.conn).remove("gone")
            self.conn.execute("DROP TABLE gone")
            self.conn.commit()
        except BaseException:
            self.conn.rollback()
            raise
        return removed

    def count(self) -> int:
        """How many subjects the base holds."""
        return self._count("SELECT count(*) FROM subjects")

    def page(self, limit: int, offset: int = 0) -> list[tuple[Subject, Versions | None]]:
        """Subjects in id order, with the list versions each last saw."""
        rows = self.conn.execute("SELECT data, seen FROM subjects ORDER BY id LIMIT ? OFFSET ?",
                                 [limit, offset]).fetchall()
        return [(subject_from_dict(orjson.loads(d)), seen_of(s)) for d, s in rows]

    def get(self, subject_id: str) -> tuple[Subject, Versions | None] | None:
        """One subject and the list versions it last saw, if present."""
        row = self.conn.execute("SELECT data, seen FROM subjects WHERE id = ?", [subject_id]).fetchone()
        return None if row is None else (subject_from_dict(orjson.loads(row[0])), seen_of(row[1]))

    def seen_groups(self) -> list[tuple[Versions | None, int]]:
        """The distinct sets of list versions subjects last saw, with how many saw each."""
        rows = self.conn.execute("SELECT seen, count(*) FROM subjects GROUP BY seen ORDER BY seen NULLS FIRST"
                                 ).fetchall()
        return [(seen_of(s), int(n)) for s, n in rows]

    def subjects_seen(self, seen: Versions | None, ids: Iterable[str] | None = None) -> list[Subject]:
        """The subjects that last saw `seen` (None: never screened), in id order; only `ids` if given."""
        params: list[Any] = [] if seen is None else [seen_json(seen)]
        where = "seen IS NULL" if seen is None else "seen = ?"
        if ids is not None:
            where += " AND id IN (SELECT unnest(?))"
            params.append(list(ids))
        rows = self.conn.execute(f"SELECT data FROM subjects WHERE {where} ORDER BY id", params).fetchall()
        return [subject_from_dict(orjson.loads(r[0])) for r in rows]

    # -- the pre-filter ------------------------------------------------------------------------

    def probes_made_by(self) -> str | None:
        """The engine fingerprint the stored tokens and probes were made by."""
        row = self.conn.execute("SELECT value FROM subject_meta WHERE key = 'probes'").fetchone()
        return None if row is None else str(row[0])

    def rebuild_probes(self, fingerprint: str, tokens: TokensOf, probes: ProbesOf, parts: PartsOf) -> None:
        """Make every subject's tokens and probes again (the engine that shapes them changed)."""
        self.conn.begin()
        try:
            store = PartStore(self.conn)
            store.clear()
            rows = self.conn.execute("SELECT data FROM subjects").fetchall()
            store.save([subject_from_dict(orjson.loads(r[0])) for r in rows], tokens, probes, parts)
            self.conn.execute("INSERT OR REPLACE INTO subject_meta VALUES ('probes', ?)", [fingerprint])
            self.conn.commit()
        except BaseException:
            self.conn.rollback()
            raise

    def mark_probes(self, fingerprint: str) -> None:
        """Record the engine fingerprint of the stored probes (after a load into an empty base)."""
        self.conn.execute("INSERT OR REPLACE INTO subject_meta VALUES ('probes', ?)", [fingerprint])

    def ids_numbered(self, numbers: Sequence[int], seen: Versions | None) -> list[str]:
        """The ids of the subjects with these pre-filter numbers (`subjects.parts`) that last saw `seen`."""
        where, params = ("s.seen IS NULL", []) if seen is None else ("s.seen = ?", [seen_json(seen)])
        rows = self.conn.execute(
            "SELECT n.id FROM subject_numbers n JOIN subjects s ON s.id = n.id"
            f" WHERE n.no IN (SELECT unnest(?::INTEGER[])) AND {where}", [list(numbers), *params]).fetchall()
        return [str(r[0]) for r in rows]

    # -- hits and runs -------------------------------------------------------------------------

    def known_hits(self) -> dict[HitKey, KnownHit]:
        """Every hit recorded, by (subject id, list, entry id)."""
        rows = self.conn.execute("SELECT subject_id, list, entry_id, fingerprint, state, alert_id"
                                 " FROM subject_hits").fetchall()
        return {(s, li, e): KnownHit(s, li, e, fp, st, a) for s, li, e, fp, st, a in rows}

    def hits_of(self, subject_id: str) -> list[dict[str, Any]]:
        """A subject's recorded hits (open and closed), JSON-ready."""
        cols = ("list", "entry_id", "score", "state", "alert_id", "run", "closed_run", "closed_why")
        rows = self.conn.execute(f"SELECT {', '.join(cols)} FROM subject_hits WHERE subject_id = ?"
                                 " ORDER BY state DESC, score DESC, list, entry_id", [subject_id]).fetchall()
        return [dict(zip(cols, r, strict=True)) for r in rows]

    def record_run(self, mode: str, versions: Versions,
                   groups: Sequence[tuple[Versions | None, Sequence[str]]],
                   found: Sequence[FoundHit], closed: Sequence[Closed], counts: tuple[int, int],
                   alert_ids: Mapping[HitKey, int] | None = None) -> int:
        """Store one run in one transaction: the hits it found (with the alerts raised for the new
        ones), those it closed, the subjects' new versions seen, and the run; answers its number."""
        screened, new = counts
        self.conn.begin()
        try:
            run = self._count("SELECT coalesce(max(run), 0) + 1 FROM subject_runs")
            self._save_found(found, run, alert_ids or {})
            self._save_closed(closed, run)
            for seen, ids in groups:
                # Never-screened subjects by id: one added while the run screened was not screened.
                where, params = (("seen IS NULL AND id IN (SELECT unnest(?))", [list(ids)]) if seen is None
                                 else ("seen = ?", [seen_json(seen)]))
                self.conn.execute(f"UPDATE subjects SET seen = ? WHERE {where}",
                                  [seen_json(versions), *params])
            self.conn.execute("INSERT INTO subject_runs VALUES (?, ?, ?, ?, ?, ?, ?)",
                              [run, _now(), mode, seen_json(versions), screened, new, len(closed)])
            self.conn.commit()
        except BaseException:
            self.conn.rollback()
            raise
        return run

    def _save_found(self, found: Sequence[FoundHit], run: int, alert_ids: Mapping[HitKey, int]) -> None:
        if not found:
            return
        cols = [[h.subject_id for h in found], [h.list for h in found], [h.entry_id for h in found],
                [h.fingerprint for h in found], [h.score for h in found],
                [alert_ids.get(h.key) for h in found]]
        self.conn.execute(
            "INSERT INTO subject_hits SELECT unnest(?), unnest(?), unnest(?), unnest(?), unnest(?), 'open',"
            " unnest(?::BIGINT[]), ?, NULL, NULL ON CONFLICT (subject_id, list, entry_id) DO UPDATE SET"
            " fingerprint = excluded.fingerprint, score = excluded.score, state = 'open',"
            " alert_id = coalesce(excluded.alert_id, subject_hits.alert_id),"
            " run = CASE WHEN subject_hits.state = 'closed'"
            " OR subject_hits.fingerprint <> excluded.fingerprint THEN excluded.run"
            " ELSE subject_hits.run END,"
            " closed_run = NULL, closed_why = NULL",
            [*cols, run])

    def _save_closed(self, closed: Sequence[Closed], run: int) -> None:
        if not closed:
            return
        self.conn.execute(
            "UPDATE subject_hits SET state = 'closed', closed_run = ?, closed_why = c.why FROM"
            " (SELECT unnest(?) AS s, unnest(?) AS li, unnest(?) AS e, unnest(?) AS why) c"
            " WHERE subject_id = c.s AND list = c.li AND entry_id = c.e",
            [run, [c.subject_id for c in closed], [c.list for c in closed], [c.entry_id for c in closed],
             [c.why for c in closed]])

    def withdrawn_alerts(self) -> set[int]:
        """The alerts whose hit no longer stands."""
        rows = self.conn.execute("SELECT alert_id FROM subject_hits WHERE state = 'closed'"
                                 " AND alert_id IS NOT NULL").fetchall()
        return {int(r[0]) for r in rows}

    def runs(self, limit: int = 20) -> list[dict[str, Any]]:
        """The latest runs, newest first."""
        cols = ("run", "run_at", "mode", "list_versions", "screened", "new_hits", "closed")
        rows = self.conn.execute("SELECT * FROM subject_runs ORDER BY run DESC LIMIT ?", [limit]).fetchall()
        return [dict(zip(cols, (*r[:3], orjson.loads(r[3]), *r[4:]), strict=True)) for r in rows]

    def _count(self, sql: str) -> int:
        row = self.conn.execute(sql).fetchone()
        return int(row[0]) if row else 0


def parquet_rows(path: Path) -> Iterator[tuple[int, dict[str, Any]]]:
    """The rows of a Parquet subject file, numbered from 1, with lower-case column names."""
    con = duckdb.connect(":memory:")
    try:
        rel = con.execute("SELECT * FROM read_parquet(?)", [str(path)])
        cols = [str(d[0]).strip().lower() for d in rel.description]
        rows = rel.fetchall()
    except duckdb.Error as exc:
        raise InputError(str(path), None, f"not a readable Parquet file ({exc})") from exc
    finally:
        con.close()
    if not {"id", "name"} <= set(cols):
        raise InputError(str(path), None, f"the Parquet file must have columns `id` and `name`, found {cols}")
    for n, row in enumerate(rows, start=1):
        yield n, dict(zip(cols, row, strict=True))


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")
