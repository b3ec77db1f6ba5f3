"""OpenSanctions' name benchmark (nomenklatura `contrib/name_bench`): 826 labelled name pairs, scored
by the same path as `interdict match --batch` (a registered scorer; by default the list-screening
engine on a one-entity index), side by side with nomenklatura logic-v2's own frozen result.

Run: `.venv/bin/python benchmarks/name_bench.py` (about 2 s). Options: `--algorithm ofac-sls`,
`--threshold 0.8`, `--quiet` (no disagreement list), `--json` (figures only, for scripts).
From Python (the quick check while tuning): `from name_bench import evaluate; evaluate().summary()`.

The split is fixed so that tuning does not leak into what we report: the *tuning* part is the
peer's hand-written checks and unit tests (`nk_checks`, `nk_unit_tests`), the *held-out* part is
everything generated or collected elsewhere (`synth_people`, `synth_companies`, `cluster_align`,
`cust_cases`). Thresholds and weights may be chosen on the first, never on the second.

Metrics treat a pair as predicted a match when its score is ≥ the scorer's default threshold:
accuracy, precision, recall and F1 of that prediction against `is_match`. The peer's figures come
from `logicv2-frozen.csv` (an earlier 812-case version of the file): its rows are paired with ours
by (case_group, name1, name2, schema) and occurrence, and scored against *today's* labels; peer
figures cover only the paired rows, and ours are given on the same rows beside them.
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
import time
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from interdict.core.config import shared_data_dir
from interdict.core.match import Query
from interdict.screening.pairwise import KIND_BY_SCHEMA, pair_entity
from interdict.screening.scorers import DEFAULT_SCORER, get_scorer

TUNING = ("nk_checks", "nk_unit_tests")
HELD_OUT = ("synth_people", "synth_companies", "cluster_align", "cust_cases")


def bench_dir() -> Path:
    """The shared folder holding cases.csv, logicv2-frozen.csv and entity_checks.yml."""
    base = shared_data_dir()
    if base is None:
        raise SystemExit("shared data not found (set INTERDICT_SHARED_DATA)")
    return base / "screening" / "nomenklatura_name_bench"


@dataclass(slots=True)
class Case:
    """One labelled pair, our score and prediction, and the peer's prediction where paired."""

    group: str
    schema: str
    name1: str
    name2: str
    label: bool
    category: str
    quality: str = ""  # how sure the label is: STRONG, MEDIUM, WEAK (the file's own column)
    score: float = 0.0
    predicted: bool = False
    peer: bool | None = None
    peer_score: float | None = None


@dataclass(frozen=True, slots=True)
class Metrics:
    """Confusion counts and the usual ratios."""

    tp: int
    fp: int
    fn: int
    tn: int

    @classmethod
    def of(cls, pairs: Iterable[tuple[bool, bool]]) -> Metrics:
        """From (predicted, label) pairs."""
        c = Counter(pairs)
        return cls(c[(True, True)], c[(True, False)], c[(False, True)], c[(False, False)])

    @property
    def n(self) -> int:
        return self.tp + self.fp + self.fn + self.tn

    @property
    def accuracy(self) -> float:
        return (self.tp + self.tn) / self.n if self.n else 0.0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def row(self) -> str:
        """n, accuracy, precision, recall, F1 as table cells (dashes when there is nothing)."""
        if not self.n:
            return "0 | — | — | — | —"
        return f"{self.n} | {self.accuracy:.3f} | {self.precision:.3f} | {self.recall:.3f} | {self.f1:.3f}"

    def to_dict(self) -> dict[str, float | int]:
        return {"n": self.n, "accuracy": round(self.accuracy, 4), "precision": round(self.precision, 4),
                "recall": round(self.recall, 4), "f1": round(self.f1, 4)}


def ours(cases: Iterable[Case]) -> Metrics:
    """Our metrics over some cases."""
    return Metrics.of((c.predicted, c.label) for c in cases)


def peers(cases: Iterable[Case]) -> Metrics:
    """The peer's metrics over the cases it has a result for."""
    return Metrics.of((c.peer, c.label) for c in cases if c.peer is not None)


@dataclass(slots=True)
class Result:
    """Every case scored, and how long it took."""

    algorithm: str
    threshold: float
    cases: list[Case]
    seconds: float
    groups: dict[str, list[Case]] = field(default_factory=dict)

    def part(self, groups: tuple[str, ...]) -> list[Case]:
        return [c for c in self.cases if c.group in groups]

    def summary(self) -> dict[str, object]:
        """The headline figures (what a tuning loop watches)."""
        paired = [c for c in self.cases if c.peer is not None]
        return {"algorithm": self.algorithm, "threshold": self.threshold,
                "all": ours(self.cases).to_dict(), "tuning": ours(self.part(TUNING)).to_dict(),
                "held_out": ours(self.part(HELD_OUT)).to_dict(),
                "paired_ours": ours(paired).to_dict(), "paired_logic_v2": peers(paired).to_dict(),
                "seconds": round(self.seconds, 2)}


def read_cases(path: Path) -> list[Case]:
    """cases.csv as Case rows."""
    with path.open(encoding="utf-8", newline="") as fh:
        return [Case(r["case_group"], r["schema"], r["name1"], r["name2"], r["is_match"] == "true",
                     r["category"] or "(none)", r.get("quality") or "(none)") for r in csv.DictReader(fh)]


def attach_peer(cases: list[Case], frozen: Path) -> None:
    """Pair the peer's frozen predictions with our cases by key and occurrence."""
    found: defaultdict[tuple[str, str, str, str], list[tuple[bool, float]]] = defaultdict(list)
    with frozen.open(encoding="utf-8", newline="") as fh:
        for r in csv.DictReader(fh):
            key = (r["case_group"], r["name1"], r["name2"], r["schema"])
            found[key].append((r["predicted_match"] == "true", float(r["score"])))
    for c in cases:
        queue = found.get((c.group, c.name1, c.name2, c.schema))
        if queue:
            c.peer, c.peer_score = queue.pop(0)


def evaluate(algorithm: str = DEFAULT_SCORER, threshold: float | None = None,
             folder: Path | None = None) -> Result:
    """Score every case of the benchmark with one registered scorer."""
    folder = folder or bench_dir()
    scorer = get_scorer(algorithm)
    thr = scorer.THRESHOLD if threshold is None else threshold
    cases = read_cases(folder / "cases.csv")
    attach_peer(cases, folder / "logicv2-frozen.csv")
    start = time.perf_counter()
    for c in cases:
        kind = KIND_BY_SCHEMA[c.schema]
        c.score = round(scorer.score(Query(c.name1, kind), pair_entity([c.name2], kind)).score, 4)
        c.predicted = c.score >= thr
    return Result(scorer.NAME, thr, cases, time.perf_counter() - start)


def _table(title: str, rows: list[tuple[str, list[Case]]]) -> None:
    print(f"\n### {title}\n")
    print("| part | n | accuracy | precision | recall | F1 "
          "| logic-v2 n | accuracy | precision | recall | F1 |")
    print("| --- |" + " --- |" * 10)
    for label, part in rows:
        print(f"| {label} | {ours(part).row()} | {peers(part).row()} |")


def report(result: Result, quiet: bool) -> None:
    """Print the markdown tables and (unless quiet) every disagreement."""
    cases = result.cases
    print(f"name_bench: {len(cases)} cases, algorithm {result.algorithm}, threshold {result.threshold:.2f}, "
          f"{result.seconds:.2f} s ({1000 * result.seconds / len(cases):.2f} ms/pair)")
    _table("Overall and split", [("all", cases), ("tuning (nk_checks + nk_unit_tests)", result.part(TUNING)),
                                  ("held-out (synth_*, cluster_align, cust_cases)", result.part(HELD_OUT)),
                                  ("paired with logic-v2", [c for c in cases if c.peer is not None])])
    by_group = sorted({c.group for c in cases})
    _table("Per case_group", [(g, [c for c in cases if c.group == g]) for g in by_group])
    # A WEAK label is one its writers were unsure of: read the figures on STRONG labels beside.
    _table("Per label quality", [(q, [c for c in cases if c.quality == q])
                                 for q in sorted({c.quality for c in cases})])
    cats = Counter(c.category for c in cases)
    _table("Per category", [(k, [c for c in cases if c.category == k]) for k, _ in cats.most_common()])
    wrong = [c for c in cases if c.predicted != c.label]
    split = sum(c.peer is not None and c.peer != c.predicted for c in cases)
    print(f"\n{len(wrong)} disagreements with the label; ours and logic-v2 differ on {split} paired cases.")
    if quiet:
        return
    print("\n| group | schema | name1 | name2 | label | ours | logic-v2 | category |")
    print("| --- | --- | --- | --- | --- | --- | --- | --- |")
    for c in sorted(wrong, key=lambda c: (c.group, c.label, c.category)):
        peer = "—" if c.peer is None else f"{c.peer_score:.2f} {'ok' if c.peer == c.label else 'wrong'}"
        print(f"| {c.group} | {c.schema} | {c.name1} | {c.name2} | {'match' if c.label else 'no'} | "
              f"{c.score:.2f} | {peer} | {c.category} |")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("--algorithm", default=DEFAULT_SCORER)
    parser.add_argument("--threshold", type=float, default=None)
    parser.add_argument("--quiet", action="store_true", help="no list of disagreements")
    parser.add_argument("--json", action="store_true", help="print the headline figures as JSON")
    args = parser.parse_args()
    result = evaluate(args.algorithm, args.threshold)
    if args.json:
        print(json.dumps(result.summary(), indent=2))
    else:
        report(result, args.quiet)


if __name__ == "__main__":
    main()
