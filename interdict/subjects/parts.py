"""The subject base's pre-filter data in the store, in columns keyed by integers: made once when
subjects load, read as NumPy arrays by a delta re-screen (`subjects.prefilter`).

Tables:
- `subject_numbers`: a dense number per subject id (the arrays' subject key);
- `subject_vocab`: every distinct token of the base (name tokens, joined pairs, identifier keys,
  markers, whole forms) with a number;
- `subject_parts`: per subject, each token number with its position in the name's only form and
  what it is there (`probes.form_parts`);
- `subject_token_probes`: each token number's probe hashes (`probes.token_probes`);
- `subject_meta`: the engine fingerprint the rest was made by.

Storage only: no screening logic. Integers and `fetchnumpy` keep a delta run's reads of a million
subjects' parts to a fraction of a second, where strings in Python took tens of seconds.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import Any

import numpy as np
import numpy.typing as npt

from interdict.core.store import Connection
from interdict.subjects.model import Subject

SCHEMA = """
CREATE TABLE IF NOT EXISTS subject_numbers (id VARCHAR PRIMARY KEY, no INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS subject_vocab (token VARCHAR PRIMARY KEY, tid INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS subject_parts (no INTEGER NOT NULL, tid INTEGER NOT NULL, pos SMALLINT NOT NULL,
    part TINYINT NOT NULL);
CREATE TABLE IF NOT EXISTS subject_token_probes (tid INTEGER NOT NULL, probe UBIGINT NOT NULL);
CREATE TABLE IF NOT EXISTS subject_meta (key VARCHAR PRIMARY KEY, value VARCHAR NOT NULL);
"""
# Tables of earlier layouts (string-keyed), dropped when the probes are rebuilt.
OLD_TABLES = ("subject_tokens", "subject_probes")
TokensOf = Callable[[Subject], set[str]]
ProbesOf = Callable[[str], set[int]]
PartsOf = Callable[[Iterable[str]], list[tuple[str, int, int]]]
I32 = npt.NDArray[np.int32]


class PartStore:
    """The pre-filter's tables on an open connection (inside the caller's transaction)."""

    def __init__(self, conn: Connection) -> None:
        self.conn = conn

    def save(self, subjects: Sequence[Subject], tokens: TokensOf, probes: ProbesOf, parts: PartsOf) -> None:
        """Replace these subjects' parts; number new subjects and new tokens, with their probes."""
        if not subjects:
            return
        ids: list[str] = []
        toks: list[str] = []
        pos: list[int] = []
        kinds: list[int] = []
        for s in subjects:
            for token, at, kind in parts(tokens(s)):
                ids.append(s.id)
                toks.append(token)
                pos.append(at)
                kinds.append(kind)
        c = self.conn
        c.execute("CREATE OR REPLACE TEMP TABLE new_ids AS SELECT DISTINCT unnest(?) AS id",
                  [[s.id for s in subjects]])
        c.execute("INSERT INTO subject_numbers SELECT id, (SELECT coalesce(max(no), -1) FROM subject_numbers)"
                  " + row_number() OVER (ORDER BY id) FROM new_ids ANTI JOIN subject_numbers USING (id)")
        c.execute("DELETE FROM subject_parts WHERE no IN"
                  " (SELECT no FROM subject_numbers JOIN new_ids USING (id))")
        c.execute("CREATE OR REPLACE TEMP TABLE new_parts AS"
                  " SELECT unnest(?) AS id, unnest(?) AS token, unnest(?) AS pos, unnest(?) AS part",
                  [ids, toks, pos, kinds])
        fresh = [r[0] for r in c.execute("SELECT DISTINCT token FROM new_parts"
                                         " ANTI JOIN subject_vocab USING (token) ORDER BY token").fetchall()]
        if fresh:
            start = self._int("SELECT coalesce(max(tid), -1) + 1 FROM subject_vocab")
            c.execute("INSERT INTO subject_vocab SELECT unnest(?), unnest(?)",
                      [fresh, list(range(start, start + len(fresh)))])
            pairs = [(start + n, p) for n, t in enumerate(fresh) for p in probes(t)]
            if pairs:
                c.execute("INSERT INTO subject_token_probes SELECT unnest(?), unnest(?::UBIGINT[])",
                          [[t for t, _ in pairs], [p for _, p in pairs]])
        c.execute("INSERT INTO subject_parts SELECT n.no, v.tid, p.pos, p.part FROM new_parts p"
                  " JOIN subject_numbers n USING (id) JOIN subject_vocab v USING (token)")
        c.execute("DROP TABLE new_parts")
        c.execute("DROP TABLE new_ids")

    def remove(self, ids_table: str) -> None:
        """Forget the subjects whose ids a temp table (one `id` column) holds."""
        self.conn.execute(f"DELETE FROM subject_parts WHERE no IN (SELECT no FROM subject_numbers"
                          f" JOIN {ids_table} USING (id))")
        self.conn.execute(f"DELETE FROM subject_numbers WHERE id IN (SELECT id FROM {ids_table})")

    def clear(self) -> None:
        """Drop every part, token and probe (before a rebuild by another engine)."""
        for table in OLD_TABLES:
            self.conn.execute(f"DROP TABLE IF EXISTS {table}")
        for table in ("subject_parts", "subject_token_probes", "subject_vocab", "subject_numbers"):
            self.conn.execute(f"DELETE FROM {table}")

    # -- what a delta run reads -----------------------------------------------------------------

    def tokens_probing(self, probes: Iterable[int]) -> list[tuple[int, str]]:
        """The tokens (number, text) one of whose probes is among `probes`."""
        rows = self.conn.execute(
            "SELECT v.tid, v.token FROM subject_vocab v SEMI JOIN"
            " (SELECT tid FROM subject_token_probes WHERE probe IN (SELECT unnest(?::UBIGINT[]))) p"
            " USING (tid)",
            [list(probes)]).fetchall()
        return [(int(t), str(s)) for t, s in rows]

    def tids_of(self, tokens: Iterable[str]) -> list[int]:
        """The numbers of those of these tokens the base holds."""
        rows = self.conn.execute("SELECT tid FROM subject_vocab WHERE token IN (SELECT unnest(?))",
                                 [list(tokens)]).fetchall()
        return [int(r[0]) for r in rows]

    def parts_holding(self, tids: Sequence[int]) -> tuple[I32, I32, I32, I32]:
        """Every part (subject number, token number, position, part kind) of the subjects holding
        any of these tokens, by subject number."""
        cols = self._with_tids(
            list(tids), "SELECT p.no, p.tid, p.pos, p.part FROM subject_parts p SEMI JOIN"
            " (SELECT DISTINCT no FROM subject_parts SEMI JOIN wanted_tids USING (tid)) w USING (no)"
            " ORDER BY p.no")
        return (_i32(cols["no"]), _i32(cols["tid"]), _i32(cols["pos"]), _i32(cols["part"]))

    def persons_among(self, nos: I32) -> I32:
        """The subject numbers among these whose kind is person (screened with a person's
        weights), ascending."""
        rows = self.conn.execute(
            "SELECT n.no FROM subject_numbers n JOIN subjects s USING (id)"
            " WHERE n.no IN (SELECT unnest(?::INTEGER[]))"
            " AND json_extract_string(s.data, '$.kind') = 'person'"
            " ORDER BY n.no", [nos.tolist()]).fetchall()
        return np.array([r[0] for r in rows], dtype=np.int32)

    def token_probes(self, tids: I32) -> tuple[I32, npt.NDArray[np.uint64]]:
        """The probes of these tokens: (token number, probe hash) per row."""
        cols = self._with_tids(tids.tolist(), "SELECT tid, probe FROM subject_token_probes"
                                              " SEMI JOIN wanted_tids USING (tid)")
        return _i32(cols["tid"]), np.asarray(cols["probe"], dtype=np.uint64)

    def token_texts(self, tids: I32) -> dict[int, str]:
        """The text of these token numbers."""
        rows = self.conn.execute("SELECT tid, token FROM subject_vocab"
                                 " WHERE tid IN (SELECT unnest(?::INTEGER[]))", [tids.tolist()]).fetchall()
        return {int(t): str(s) for t, s in rows}

    def _with_tids(self, tids: list[int], sql: str) -> dict[str, Any]:
        """`sql`'s columns as arrays, run with the token numbers in a temp table `wanted_tids`."""
        self.conn.execute("CREATE OR REPLACE TEMP TABLE wanted_tids AS SELECT unnest(?::INTEGER[]) AS tid",
                          [tids])
        try:
            cols: dict[str, Any] = self.conn.execute(sql).fetchnumpy()
        finally:
            self.conn.execute("DROP TABLE wanted_tids")
        return cols

    def _int(self, sql: str) -> int:
        row = self.conn.execute(sql).fetchone()
        return int(row[0]) if row else 0


def _i32(values: object) -> I32:
    return np.asarray(values, dtype=np.int32)
