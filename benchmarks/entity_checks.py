"""nomenklatura's whole-entity checks (`entity_checks.yml`, 228 checks): a query entity against a
candidate entity, both with FollowTheMoney properties, labelled match / no match.

Run: `.venv/bin/python benchmarks/entity_checks.py` (about a second; `--quiet`, `--json`,
`--algorithm`). Each side becomes what the screen reads: names (`name`, or `firstName`
`middleName` `fatherName` `lastName` joined in that order), birth dates, nationality / country and
identifiers (registration, tax, passport, IMO, BIC, LEI numbers) → the engine's date-of-birth,
country and exact-identifier context. A query with several names scores its best one. The
version of the file in the shared data holds names only (no dates, countries or numbers), so
today the context paths are exercised only where the file provides them.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from name_bench import Metrics, bench_dir

from interdict.core.entity import Identifier, IdentifierType
from interdict.core.match import Query
from interdict.screening.pairwise import KIND_BY_SCHEMA, pair_entity
from interdict.screening.scorers import DEFAULT_SCORER, get_scorer

ID_PROPS = {"registrationNumber": IdentifierType.REGISTRATION, "idNumber": IdentifierType.NATIONAL_ID,
            "passportNumber": IdentifierType.PASSPORT, "taxNumber": IdentifierType.TAX_ID,
            "innCode": IdentifierType.TAX_ID, "imoNumber": IdentifierType.IMO,
            "swiftBic": IdentifierType.BIC, "leiCode": IdentifierType.LEI}
NAME_PARTS = ("firstName", "middleName", "fatherName", "lastName")


def values(props: dict[str, Any], key: str) -> list[str]:
    """A property's values as a list of non-empty strings."""
    raw = props.get(key)
    items = raw if isinstance(raw, list) else [raw] if raw is not None else []
    return [str(v).strip() for v in items if str(v).strip()]


def names_of(props: dict[str, Any]) -> list[str]:
    """`name` values, plus the name the parts make when parts are given."""
    names = values(props, "name")
    parts = [p for key in NAME_PARTS for p in values(props, key)]
    joined = " ".join(parts)
    if parts and joined not in names:
        names.append(joined)
    return names


def identifiers_of(props: dict[str, Any]) -> tuple[Identifier, ...]:
    return tuple(Identifier(t, v) for key, t in ID_PROPS.items() for v in values(props, key))


@dataclass(slots=True)
class Check:
    """One check, our best score over the query's names, and the prediction."""

    schema: str
    label: bool
    category: str
    query: dict[str, Any]
    candidate: dict[str, Any]
    score: float = 0.0
    predicted: bool = False


def score_check(check: Check, algorithm: str) -> float:
    """The best score of any query name against the candidate entity, with context."""
    scorer = get_scorer(algorithm)
    kind = KIND_BY_SCHEMA.get(check.schema)
    cand = check.candidate
    entity = pair_entity(names_of(cand), kind, birth_dates=tuple(values(cand, "birthDate")),
                         nationalities=tuple(v.lower() for k in ("nationality", "country")
                                             for v in values(cand, k)),
                         identifiers=identifiers_of(cand))
    q = check.query
    dob = next(iter(values(q, "birthDate")), None)
    country = next(iter(values(q, "nationality") + values(q, "country")), None)
    return max(scorer.score(Query(name, kind, dob=dob, country=country, identifiers=identifiers_of(q)),
                            entity).score for name in names_of(q))


def evaluate(algorithm: str = DEFAULT_SCORER, threshold: float | None = None) -> tuple[list[Check], float]:
    """Score every check; returns the checks and the threshold used."""
    data = yaml.safe_load((bench_dir() / "entity_checks.yml").read_text(encoding="utf-8"))
    thr = get_scorer(algorithm).THRESHOLD if threshold is None else threshold
    checks = [Check(c["schema"], bool(c["match"]), c.get("label") or "(none)", c["query"], c["candidate"])
              for c in data["checks"]]
    for c in checks:
        c.score = round(score_check(c, algorithm), 4)
        c.predicted = c.score >= thr
    return checks, thr


def main() -> None:
    parser = argparse.ArgumentParser(description="nomenklatura entity checks through our scorers")
    parser.add_argument("--algorithm", default=DEFAULT_SCORER)
    parser.add_argument("--threshold", type=float, default=None)
    parser.add_argument("--quiet", action="store_true")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    checks, thr = evaluate(args.algorithm, args.threshold)
    overall = Metrics.of((c.predicted, c.label) for c in checks)
    if args.json:
        print(json.dumps({"algorithm": args.algorithm, "threshold": thr, **overall.to_dict()}, indent=2))
        return
    print(f"entity_checks: {len(checks)} checks, algorithm {args.algorithm}, threshold {thr:.2f}\n")
    print("| part | n | accuracy | precision | recall | F1 |\n| --- | --- | --- | --- | --- | --- |")
    print(f"| all | {overall.row()} |")
    for schema, _ in Counter(c.schema for c in checks).most_common():
        part = Metrics.of((c.predicted, c.label) for c in checks if c.schema == schema)
        print(f"| {schema} | {part.row()} |")
    wrong = [c for c in checks if c.predicted != c.label]
    print(f"\n{len(wrong)} disagreements with the label.")
    if args.quiet:
        return
    print("\n| schema | query | candidate | label | ours | category |\n| --- | --- | --- | --- | --- | --- |")
    for c in wrong:
        print(f"| {c.schema} | {' / '.join(names_of(c.query))} | {' / '.join(names_of(c.candidate))} | "
              f"{'match' if c.label else 'no'} | {c.score:.2f} | {c.category} |")


if __name__ == "__main__":
    main()
