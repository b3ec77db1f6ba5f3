"""Matching use cases: the score of two names (or a file of pairs) by a registered scorer.

Light on purpose: `interdict match` imports neither DuckDB nor FollowTheMoney
(tests/cli/test_startup.py), so the engine is imported inside each function.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from interdict.core.errors import InputError
from interdict.core.match import Explanation
from interdict.core.textfile import read_utf8

if TYPE_CHECKING:
    from interdict.core.entity import EntityKind
    from interdict.screening.pairs_input import Pair, PairProblem
    from interdict.screening.scorers import AlgorithmDocs, Scorer

__all__ = ["PairScore", "Scorer", "pair_record", "query_kind", "read_pairs_file", "score_pair", "scorer",
           "scorers", "summary"]


def scorer(name: str) -> Scorer:
    """The registered scorer `name` (an InputError naming the known ones otherwise)."""
    from interdict.screening.scorers import get_scorer

    return get_scorer(name)


def scorers() -> list[AlgorithmDocs]:
    """Every registered scorer with its threshold, parameters and features."""
    from interdict.screening.scorers import scorer_docs

    return list(scorer_docs())


def query_kind(text: str) -> EntityKind | None:
    """The entity kind named on the command line (`any`: None)."""
    from interdict.screening.batch_input import parse_kind

    try:
        return parse_kind(text)
    except ValueError as exc:
        raise InputError("command line", "--kind", str(exc)) from exc


@dataclass(frozen=True)
class PairScore:
    """One pair's score (rounded to 4 places, as printed), whether it matches, and why."""

    name1: str
    name2: str
    kind: EntityKind | None
    algorithm: str
    threshold: float
    raw_score: float
    explanation: dict[str, Any]

    @property
    def score(self) -> float:
        return round(self.raw_score, 4)

    @property
    def match(self) -> bool:
        """The flag agrees with the score as printed."""
        return self.score >= self.threshold

    def to_json(self) -> dict[str, Any]:
        """The object `interdict match NAME1 NAME2 --json` prints."""
        return {
            "name1": self.name1, "name2": self.name2, "kind": self.kind.value if self.kind else "any",
            "algorithm": self.algorithm, "threshold": self.threshold, "score": self.score,
            "match": self.match, "explanation": self.explanation}


def score_pair(used: Scorer, name1: str, name2: str, kind: EntityKind | None) -> PairScore:
    """Score `name1` (the query) against `name2` (a listed name) with one scorer."""
    from interdict.core.match import Query
    from interdict.screening.pairwise import pair_entity

    found = used.score(Query(name=name1, kind=kind), pair_entity([name2], kind))
    return PairScore(name1, name2, kind, used.NAME, used.THRESHOLD, found.score, found.explanation)


def read_pairs_file(path: Path, kind: EntityKind | None) -> tuple[list[Pair], list[PairProblem]]:
    """The pairs of a CSV file (name1,name2[,schema]) and the problems of its bad lines."""
    from interdict.screening.pairs_input import read_pairs

    text = read_utf8(path, "pairs file")
    pairs, problems = read_pairs(text, kind)
    return list(pairs), list(problems)


def pair_record(used: Scorer, pair: Pair, explain: bool) -> dict[str, Any]:
    """One JSON line of `interdict match --batch`."""
    found = score_pair(used, pair.name1, pair.name2, pair.kind)
    record: dict[str, Any] = {"row": pair.row, "score": found.score, "match": found.match,
                              "name1": pair.name1, "name2": pair.name2, "schema": pair.schema,
                              "algorithm": used.NAME}
    if explain:
        record["explanation"] = found.explanation
    return record


def summary(explanation: dict[str, Any]) -> str:
    """A one-line summary of a screening explanation (a scorer's JSON-ready explanation)."""
    from interdict.screening.summary import summarize

    return summarize(Explanation.from_dict(explanation))
