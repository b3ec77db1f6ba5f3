"""Shared by the screening benchmarks: the labelled set, the real index, and the quality metrics.

A labelled query is *positive* when it names the entries it should find (`expected`, any one of them
is a hit) and a *hard negative* when `expected` is empty. At a threshold t:

- recall = positives with an expected entry scored ≥ t / positives;
- false-positive rate (FPR) = negatives with any candidate ≥ t / negatives;
- precision = correct alerts / all alerts, where an alert is a query with any candidate ≥ t and a
  correct alert is a positive whose candidates ≥ t include an expected entry;
- F1 = harmonic mean of precision and recall.

Precision depends on the mix of positives and negatives in the set (here roughly half and half);
FPR and recall do not, which is why the threshold rule uses them.
"""

from __future__ import annotations

import json
import time
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from interdict.core.config import SHARED_LIST_FILES, shared_data_dir
from interdict.core.entity import Entity, EntityKind
from interdict.core.match import Query
from interdict.lists.formats import parse_list

HERE = Path(__file__).resolve().parent
LABELLED = HERE / "data" / "screening_labelled.jsonl"
LIST_FILES = SHARED_LIST_FILES
KINDS = {"person": EntityKind.PERSON, "organization": EntityKind.ORGANIZATION,
         "vessel": EntityKind.VESSEL, "aircraft": EntityKind.AIRCRAFT}

# One query's outcome: (entry key, score) for every candidate the matcher returned.
Outcome = list[tuple[str, float]]


@dataclass(frozen=True, slots=True)
class Labelled:
    """One row of the labelled set."""

    id: str
    query: Query
    expected: frozenset[str]
    category: str

    @property
    def positive(self) -> bool:
        """True for a true variant, False for a hard negative."""
        return bool(self.expected)


@dataclass(frozen=True, slots=True)
class Metrics:
    """Quality at one threshold."""

    threshold: float
    positives: int
    negatives: int
    true_pos: int
    false_pos: int  # negatives that alerted
    wrong_alerts: int  # positives that alerted on other entries only

    @property
    def recall(self) -> float:
        """Share of positives that found an expected entry."""
        return self.true_pos / self.positives if self.positives else 0.0

    @property
    def fpr(self) -> float:
        """Share of hard negatives that alerted."""
        return self.false_pos / self.negatives if self.negatives else 0.0

    @property
    def precision(self) -> float:
        """Share of alerts that were right."""
        alerts = self.true_pos + self.false_pos + self.wrong_alerts
        return self.true_pos / alerts if alerts else 1.0

    @property
    def f1(self) -> float:
        """Harmonic mean of precision and recall."""
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def query_of(row: dict[str, object]) -> Query:
    """The engine query for one labelled row."""
    kind = KINDS.get(str(row.get("kind") or ""))
    dob = row.get("dob")
    country = row.get("country")
    return Query(name=str(row["query"]), kind=kind, dob=str(dob) if dob else None,
                 country=str(country) if country else None)


def read_labelled(path: Path = LABELLED) -> list[Labelled]:
    """The large labelled set written by make_labelled.py."""
    rows = []
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            row = json.loads(line)
            rows.append(Labelled(row["id"], query_of(row), frozenset(row["expected"]), row["category"]))
    return rows


def load_entities() -> tuple[list[Entity], dict[str, float]]:
    """All entries of the three real lists, and the parse time of each file in seconds."""
    data = shared_data_dir()
    if data is None:
        raise SystemExit("../shared/data not found (set INTERDICT_SHARED_DATA)")
    entities: list[Entity] = []
    timings: dict[str, float] = {}
    for rel in LIST_FILES:
        start = time.perf_counter()
        entities.extend(parse_list(data / "lists" / rel).entities)
        timings[rel] = time.perf_counter() - start
    return entities, timings


def measure(rows: Sequence[Labelled], outcomes: Sequence[Outcome], threshold: float) -> Metrics:
    """Recall, FPR, precision and F1 of outcomes (aligned with rows) at one threshold."""
    tp = fp = wrong = pos = neg = 0
    for row, outcome in zip(rows, outcomes, strict=True):
        above = [key for key, score in outcome if score >= threshold - 1e-9]
        if row.positive:
            pos += 1
            if any(key in row.expected for key in above):
                tp += 1
            elif above:
                wrong += 1
        else:
            neg += 1
            fp += bool(above)
    return Metrics(threshold, pos, neg, tp, fp, wrong)


def by_category(rows: Sequence[Labelled], outcomes: Sequence[Outcome],
                threshold: float) -> dict[str, Metrics]:
    """`measure` for each category separately."""
    groups: dict[str, list[int]] = defaultdict(list)
    for i, row in enumerate(rows):
        groups[row.category].append(i)
    return {cat: measure([rows[i] for i in idx], [outcomes[i] for i in idx], threshold)
            for cat, idx in sorted(groups.items())}


def thresholds(start: float = 0.50, stop: float = 0.99, step: float = 0.01) -> list[float]:
    """The thresholds of the sweep, 0.50..0.99 by default."""
    n = round((stop - start) / step)
    return [round(start + i * step, 2) for i in range(n + 1)]


def choose_threshold(curve: Sequence[Metrics], max_fpr: float) -> Metrics:
    """The rule: the highest recall with FPR ≤ max_fpr; among ties, the highest threshold."""
    allowed = [m for m in curve if m.fpr <= max_fpr] or [curve[-1]]
    return max(allowed, key=lambda m: (round(m.recall, 6), m.threshold))


def run(matcher: Callable[[Query], Outcome], rows: Sequence[Labelled]) -> list[Outcome]:
    """Outcomes of a matcher over the rows, in order."""
    return [matcher(row.query) for row in rows]


def fmt_pct(x: float) -> str:
    """A share as a percentage with one decimal."""
    return f"{100 * x:.1f}%"
