"""Reading a file of name pairs (`interdict match --batch`): a CSV with a header holding `name1`,
`name2` and optionally `schema` (a FollowTheMoney schema name); other columns are ignored.

Every problem is collected with its line number, so one run reports all of them.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from typing import Any

from interdict.core.entity import EntityKind
from interdict.screening.pairwise import KIND_BY_SCHEMA

REQUIRED = ("name1", "name2")


@dataclass(frozen=True, slots=True)
class Pair:
    """One data row: its 0-based row number, file line, both names and their kind."""

    row: int
    line: int
    name1: str
    name2: str
    schema: str | None
    kind: EntityKind | None


@dataclass(frozen=True, slots=True)
class PairProblem:
    """Why one line of the file could not be read."""

    line: int
    error: str


def _pair(row_no: int, line: int, record: dict[Any, Any],
          default_kind: EntityKind | None) -> Pair | PairProblem:
    if None in record:  # csv.DictReader puts surplus fields under the key None
        return PairProblem(line, "more fields than the header has columns")
    values = {k: (v.strip() if isinstance(v, str) else None) for k, v in record.items()}
    missing = [c for c in REQUIRED if not values.get(c)]
    if missing:
        return PairProblem(line, f"empty or missing {' and '.join(missing)}")
    schema = values.get("schema") or None
    kind = default_kind
    if schema is not None:
        if schema not in KIND_BY_SCHEMA:
            known = ", ".join(sorted(KIND_BY_SCHEMA))
            return PairProblem(line, f"unknown schema {schema!r} (expected one of {known})")
        kind = KIND_BY_SCHEMA[schema]
    return Pair(row_no, line, str(values["name1"]), str(values["name2"]), schema, kind)


def read_pairs(text: str, default_kind: EntityKind | None = None) -> tuple[list[Pair], list[PairProblem]]:
    """Parse a pairs CSV; returns the pairs and the problems (a missing column is a line-1 problem)."""
    reader = csv.DictReader(io.StringIO(text, newline=""))
    header = [h.strip() for h in reader.fieldnames or []]
    reader.fieldnames = header
    absent = [c for c in REQUIRED if c not in header]
    if absent:
        found = ", ".join(header) if header else "no header"
        return [], [PairProblem(1, f"header lacks column {' and '.join(absent)} (found: {found})")]
    pairs: list[Pair] = []
    problems: list[PairProblem] = []
    start = reader.line_num + 1
    try:
        for row_no, record in enumerate(reader):
            parsed = _pair(row_no, start, record, default_kind)
            if isinstance(parsed, Pair):
                pairs.append(parsed)
            else:
                problems.append(parsed)
            start = reader.line_num + 1
    except csv.Error as exc:
        problems.append(PairProblem(reader.line_num, f"malformed CSV ({exc})"))
    return pairs, problems
