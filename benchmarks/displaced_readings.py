"""Where does a derived reading of a name displace the name as written? A search over the benchmarks.

    PYTHONPATH=. .venv/bin/python benchmarks/displaced_readings.py [STEP ...] [--own]

Normalisation reads a name through several steps (a word split as two Korean syllables, a title
dropped from its head, ship words, legal-form typo fixing, countries, number words, rigour's org
types). Each step replaces what it reads. For each step in turn this script switches it off, adds
the reading it leaves *beside* the usual forms (never instead of them), rescores name_bench and the
entity checks, and lists every pair whose score moved: a pair that gains is one where the step
displaced the written form; a pair that loses or becomes a false match shows what the step is for.
With `--own` the own labelled set is screened too (about a minute per step) and the rows that
cross the default threshold are listed. Used for issue 12, name_bench round 6 (docs/benchmarks.md).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import entity_checks
import name_bench

from interdict.screening import engine, normalize
from interdict.screening.normalize import Form
from interdict.screening.threshold import DEFAULT_THRESHOLD

STEPS: dict[str, dict[str, Callable[..., Any]]] = {
    "korean-split": {"split_joined": lambda w: None},
    "titles": {"drop_honorifics": lambda ws: ws},
    "ship-words": {"drop_vessel_words": lambda ws: ws},
    "legal-typos": {"fix_legal_typo": lambda w: w, "split_legal_affix": lambda w: (w,)},
    "countries": {"read_countries": lambda ws: ws},
    "numbers": {"read_numbers": lambda ws: ws},
    "org-types": {"_org_types_words": lambda ws: ws},
}
Row = tuple[str, float, bool, str, str]  # part, score, label, query, candidate


def _clear() -> None:
    normalize.canonical_tokens.cache_clear()
    normalize.latin_form.cache_clear()


@contextmanager
def _switched_off(step: str) -> Iterator[None]:
    saved = {name: getattr(normalize, name) for name in STEPS[step]}
    for name, replacement in STEPS[step].items():
        setattr(normalize, name, replacement)
    _clear()
    try:
        yield
    finally:
        for name, original in saved.items():
            setattr(normalize, name, original)
        _clear()


@contextmanager
def _beside(step: str) -> Iterator[None]:
    """Every name's forms, plus its Latin form with `step` switched off when that differs."""
    usual = normalize.name_forms
    memo: dict[str, Form | None] = {}

    def forms(text: str) -> list[Form]:
        found = usual(text)
        if text not in memo:
            with _switched_off(step):
                memo[text] = normalize.latin_form(text)
        extra = memo[text]
        new = extra is not None and all(extra.tokens != f.tokens for f in found)
        return [*found, extra] if new and extra is not None else found

    normalize.name_forms = forms  # type: ignore[assignment]
    engine.name_forms = forms  # type: ignore[assignment]
    try:
        yield
    finally:
        normalize.name_forms = usual  # type: ignore[assignment]
        engine.name_forms = usual  # type: ignore[assignment]


def bench_rows() -> list[Row]:
    rows = [(c.group, c.score, c.label, c.name1, c.name2) for c in name_bench.evaluate().cases]
    checks, _ = entity_checks.evaluate()
    return rows + [("entity_checks", c.score, c.label, " / ".join(entity_checks.names_of(c.query)),
                    " / ".join(entity_checks.names_of(c.candidate))) for c in checks]


def own_rows() -> list[Row]:
    from screening_eval import load_entities, read_labelled
    from threshold import engine_outcomes

    from interdict.lists.subjects import link_subjects
    from interdict.screening.index import build_index

    rows = read_labelled()
    entities, _ = load_entities()
    index = build_index(tuple(entities), link_subjects(entities).members)
    out: list[Row] = []
    for row, outcome in zip(rows, engine_outcomes(index, rows), strict=True):
        best = max((s for k, s in outcome if (k in row.expected) == row.positive), default=0.0)
        expected = ", ".join(sorted(row.expected))
        out.append((f"own:{row.category}", best, row.positive, row.query.name, expected))
    return out


def report(step: str, before: list[Row], after: list[Row]) -> None:
    print(f"\n## {step}\n")
    t = DEFAULT_THRESHOLD
    for (part, s0, label, query, cand), (_, s1, _, _, _) in zip(before, after, strict=True):
        if abs(s1 - s0) <= 0.005:
            continue
        crossed = (s0 >= t) != (s1 >= t)
        verdict = ("fixed" if (s1 >= t) == label else "broken") if crossed else ""
        said = "match" if label else "no"
        print(f"- {part}: {s0:.2f} → {s1:.2f} (label {said}) {verdict} | {query} ~ {cand}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("steps", nargs="*", help=f"steps to try (default all: {', '.join(STEPS)})")
    parser.add_argument("--own", action="store_true", help="also screen the own labelled set")
    args = parser.parse_args()
    unknown = set(args.steps) - set(STEPS)
    if unknown:
        parser.error(f"unknown step(s): {', '.join(sorted(unknown))}")
    score: Callable[[], list[Row]] = (lambda: bench_rows() + own_rows()) if args.own else bench_rows
    before = score()
    for step in args.steps or STEPS:
        with _beside(step):
            report(step, before, score())


if __name__ == "__main__":
    main()
