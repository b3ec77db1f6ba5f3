"""The hand-written labelled set (tests/data/screening/labelled.csv) against the real index.

True variants of real UN / OFAC SDN entries must be found at DEFAULT_THRESHOLD (overall and per
category), and hard negatives (ordinary people, South Korean banks and companies, addresses holding
a listed word) must not alert. Rows the engine still gets wrong are listed in KNOWN_* below with
what it returns, so that a new miss or a new false alert fails the suite, and a fixed one shows as
XPASS. The larger generated set and the threshold curve are in benchmarks/threshold.py.
"""

from __future__ import annotations

import csv
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from interdict.core.entity import EntityKind
from interdict.core.match import Query
from interdict.screening import screen
from interdict.screening.threshold import DEFAULT_THRESHOLD

LABELLED = Path(__file__).resolve().parent.parent / "data" / "screening" / "labelled.csv"
KINDS = {"person": EntityKind.PERSON, "organization": EntityKind.ORGANIZATION, "vessel": EntityKind.VESSEL}
OVERALL_RECALL_FLOOR = 0.95  # at most 1 in 20 true variants missed
CATEGORY_RECALL_FLOOR = 0.75  # and at least 3 in 4 of every kind of variation

# Engine findings (2026-11-26): variants it misses and hard negatives it alerts on at the default
# threshold, with what it returned. Reported to the lead; remove a row here once it passes.
KNOWN_MISSES = {
    "Gazprombnak": "typo inside a joined word: Gazprombank Joint Stock Company scores 0.78",
    "أيمن الظواهري": "Arabic script not on the list: un:QDi.006 scores 0.80, right at the threshold",
}
KNOWN_FALSE_ALERTS = {
    "Mohamed Salah": "Saleh Mohammad (un:TAi.149) 0.89: Salah (صلاح) is taken for a spelling of Saleh (صالح)",
}


@dataclass(frozen=True)
class Row:
    """One labelled query."""

    query: Query
    expected: frozenset[str]
    category: str
    note: str

    @property
    def negative(self) -> bool:
        """A hard negative (no listed entry should alert)."""
        return not self.expected


def read_rows() -> list[Row]:
    """The labelled set, as written by hand."""
    with LABELLED.open(encoding="utf-8", newline="") as fh:
        return [Row(Query(r["query"], kind=KINDS.get(r["kind"]), dob=r["dob"] or None,
                          country=r["country"] or None),
                    frozenset(e for e in r["expected"].split("|") if e), r["category"], r["note"])
                for r in csv.DictReader(fh)]


ROWS = read_rows()


@pytest.fixture(scope="module")
def outcomes(real_index: Any) -> dict[str, list[tuple[str, float]]]:
    """Every row's candidates ≥ 0.5 as (list:list_id, score), screened once."""
    out = {}
    for row in ROWS:
        cands = screen(real_index, row.query, threshold=0.5, limit=20)
        out[row.query.name] = [(f"{c.list}:{c.list_id}", c.score) for c in cands]
    return out


def found(row: Row, outcome: list[tuple[str, float]]) -> bool:
    """The row is right: an expected entry at or above the threshold, or (negatives) nothing."""
    above = [key for key, score in outcome if score >= DEFAULT_THRESHOLD]
    return not above if row.negative else any(key in row.expected for key in above)


def test_the_set_is_what_it_says() -> None:
    assert 100 <= len(ROWS) <= 160
    assert len({r.query.name for r in ROWS}) == len(ROWS), "queries must be unique"
    categories = {r.category for r in ROWS}
    for needed in ("korean_romanization", "hangul", "arabic", "cyrillic", "order", "typo", "initials",
                   "org_legal_form", "identifier", "hard_negative_common_name",
                   "hard_negative_south_korean_bank", "hard_negative_address_word"):
        assert needed in categories
    assert all(r.category.startswith("hard_negative") == r.negative for r in ROWS)


@pytest.mark.shared
def test_every_expected_entry_exists_in_the_real_lists(real_index: Any) -> None:
    keys = {e.key for e in real_index.entities}
    missing = sorted(k for r in ROWS for k in r.expected if k not in keys)
    assert not missing


# A same-name person with another date of birth is judged by the score drop, not by the threshold.
ROW_TESTS = [r for r in ROWS if r.category != "hard_negative_dob_conflict"]


@pytest.mark.shared
@pytest.mark.parametrize("row", ROW_TESTS, ids=[f"{r.category}:{r.query.name}" for r in ROW_TESTS])
def test_row(row: Row, outcomes: dict[str, list[tuple[str, float]]]) -> None:
    known = KNOWN_MISSES.get(row.query.name) or KNOWN_FALSE_ALERTS.get(row.query.name)
    if known and not found(row, outcomes[row.query.name]):
        pytest.xfail(known)
    assert found(row, outcomes[row.query.name]), (row.note, outcomes[row.query.name][:3])


@pytest.mark.shared
def test_overall_recall_and_no_new_false_alerts(outcomes: dict[str, list[tuple[str, float]]]) -> None:
    positives = [r for r in ROWS if not r.negative]
    recall = sum(found(r, outcomes[r.query.name]) for r in positives) / len(positives)
    assert recall >= OVERALL_RECALL_FLOOR, f"recall {recall:.3f}"
    alerts = {r.query.name for r in ROW_TESTS if r.negative and not found(r, outcomes[r.query.name])}
    assert alerts <= set(KNOWN_FALSE_ALERTS), sorted(alerts - set(KNOWN_FALSE_ALERTS))
    misses = {r.query.name for r in positives if not found(r, outcomes[r.query.name])}
    assert misses <= set(KNOWN_MISSES), sorted(misses - set(KNOWN_MISSES))


@pytest.mark.shared
def test_recall_of_every_category(outcomes: dict[str, list[tuple[str, float]]]) -> None:
    hits: dict[str, list[bool]] = defaultdict(list)
    for r in ROWS:
        if not r.negative:
            hits[r.category].append(found(r, outcomes[r.query.name]))
    low = {cat: sum(v) / len(v) for cat, v in hits.items() if sum(v) / len(v) < CATEGORY_RECALL_FLOOR}
    assert not low


@pytest.mark.shared
def test_a_conflicting_date_of_birth_lowers_the_score(real_index: Any) -> None:
    for r in (r for r in ROWS if r.category == "hard_negative_dob_conflict"):
        plain = Query(r.query.name, kind=r.query.kind)
        best_plain = max(c.score for c in screen(real_index, plain, threshold=0.5))
        conflicting = screen(real_index, r.query, threshold=0.5)
        best_conflict = max((c.score for c in conflicting), default=0.0)
        assert best_conflict < best_plain
