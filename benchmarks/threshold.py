"""Choose the default screening threshold from the labelled set, and publish the curve.

    .venv/bin/python benchmarks/threshold.py [--max-fpr 0.01] [--no-write]

Runs the engine over benchmarks/data/screening_labelled.jsonl (true variants of real UN/OFAC
entries and hard negatives) against an index of all three real lists, sweeps the threshold
0.50..0.99, prints precision / recall / F1 / false-positive rate, recommends the threshold by the
rule "highest recall with FPR ≤ --max-fpr", checks that every strong listed name finds its own
entry, and writes the results section of docs/screening-evaluation.md and the curve
docs/img/screening-pr-curve.svg.
"""

from __future__ import annotations

import argparse
import datetime
import sys
import time
from collections import defaultdict
from collections.abc import Sequence
from pathlib import Path

from screening_eval import (
    Labelled,
    Metrics,
    Outcome,
    by_category,
    choose_threshold,
    fmt_pct,
    load_entities,
    measure,
    read_labelled,
    thresholds,
)

from interdict.core.entity import Entity, NameQuality
from interdict.core.match import Query
from interdict.lists.subjects import link_subjects
from interdict.screening.batch import screen_many
from interdict.screening.index import ScreeningIndex, build_index
from interdict.screening.threshold import DEFAULT_THRESHOLD

ROOT = Path(__file__).resolve().parent.parent
DOC = ROOT / "docs" / "screening-evaluation.md"
SVG = ROOT / "docs" / "img" / "screening-pr-curve.svg"
START, END = "<!-- threshold.py results: start -->", "<!-- threshold.py results: end -->"
FLOOR = 0.50


def engine_outcomes(index: ScreeningIndex, rows: Sequence[Labelled]) -> list[Outcome]:
    """Every candidate ≥ FLOOR for every row (scores do not depend on the threshold asked)."""
    results = screen_many(index, [r.query for r in rows], threshold=FLOOR, limit=50, expected=len(rows))
    members: dict[str, list[str]] = defaultdict(list)
    for i, e in enumerate(index.entities):
        members[index.subject_of(i)].append(e.key)
    # A candidate stands for its whole cross-list subject (the same person on UN and OFAC).
    return [[(key, c.score) for c in cands for key in members.get(c.subject_id, [f"{c.list}:{c.list_id}"])]
            for cands in results]


def self_check(index: ScreeningIndex, entities: Sequence[Entity]) -> list[str]:
    """Every strong name of every listed entry, screened as it is written, must find its own entry."""
    pairs = [(e.key, n.full) for e in entities for n in e.names if n.quality == NameQuality.STRONG]
    results = screen_many(index, [Query(name) for _, name in pairs], limit=50, expected=len(pairs))
    subject = {e.key: index.subject_of(i) for i, e in enumerate(index.entities)}
    lost = [(key, name, cands) for (key, name), cands in zip(pairs, results, strict=True)
            if not any(c.subject_id == subject.get(key, key) or f"{c.list}:{c.list_id}" == key
                       for c in cands)]
    lines = [f"**Self-check:** {len(pairs) - len(lost):,} of {len(pairs):,} strong names of the listed "
             f"entries, screened exactly as the list writes them, find their own entry (or its cross-list "
             f"subject) at the default threshold; {len(lost)} do not" + (", for example:" if lost else "."),
             ""]
    for key, name, cands in lost[:: max(1, len(lost) // 12)][:12]:
        best = ", ".join(f"{c.list}:{c.list_id} ({c.score:.2f})" for c in cands[:2]) or "nothing"
        lines.append(f"- `{name}` ({key}) → {best}")
    return lines


def curve_table(curve: Sequence[Metrics], every: float = 0.05, extra: Sequence[float] = ()) -> list[str]:
    """Markdown rows of the sweep at round thresholds plus the chosen and current ones."""
    keep = {round(FLOOR + i * every, 2) for i in range(20)} | {round(x, 2) for x in extra}
    lines = ["| threshold | recall | FPR (hard negatives) | precision | F1 |", "|---|---|---|---|---|"]
    for m in curve:
        if m.threshold in keep or m.threshold == curve[-1].threshold:
            lines.append(f"| {m.threshold:.2f} | {fmt_pct(m.recall)} | {fmt_pct(m.fpr)} | "
                         f"{fmt_pct(m.precision)} | {m.f1:.3f} |")
    return lines


def category_table(cats: dict[str, Metrics]) -> list[str]:
    """Markdown rows: recall for variant categories, FPR for negative categories."""
    lines = ["| category | queries | recall / FPR |", "|---|---|---|"]
    for name, m in cats.items():
        if m.positives:
            lines.append(f"| {name} | {m.positives} | recall {fmt_pct(m.recall)} |")
        else:
            lines.append(f"| {name} | {m.negatives} | FPR {fmt_pct(m.fpr)} |")
    return lines


def misses(rows: Sequence[Labelled], outcomes: Sequence[Outcome], t: float, per_cat: int = 3) -> list[str]:
    """A few missed variants and false alerts per category, to show what the engine gets wrong."""
    shown: dict[str, int] = {}
    lines = ["| category | query | expected | best candidates (score) |", "|---|---|---|---|"]
    for row, out in zip(rows, outcomes, strict=True):
        hit = any(k in row.expected and s >= t for k, s in out)
        alerted = any(s >= t for _, s in out)
        bad = (row.positive and not hit) or (not row.positive and alerted)
        if not bad or shown.get(row.category, 0) >= per_cat:
            continue
        shown[row.category] = shown.get(row.category, 0) + 1
        best = ", ".join(f"{k} ({s:.2f})" for k, s in out[:2]) or "none ≥ 0.50"
        query = row.query.name.replace("|", "/")
        lines.append(f"| {row.category} | {query} | {', '.join(sorted(row.expected)) or '—'} | {best} |")
    return lines


def write_svg(curve: Sequence[Metrics], chosen: Metrics, path: Path) -> None:
    """Precision/recall and FPR/recall curves as one SVG (matplotlib, from the `bench` extra)."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, (ax1, ax2) = plt.subplots(1, 2, figsize=(10, 4.2))
    ax1.plot([m.recall for m in curve], [m.precision for m in curve], marker=".", lw=1)
    ax1.scatter([chosen.recall], [chosen.precision], color="red", zorder=3,
                label=f"threshold {chosen.threshold:.2f}")
    ax1.set(xlabel="recall", ylabel="precision", title="Precision / recall (thresholds 0.50–0.99)")
    ax1.legend(loc="lower left")
    ax1.grid(alpha=0.3)
    ts = [m.threshold for m in curve]
    ax2.plot(ts, [m.recall for m in curve], label="recall")
    ax2.plot(ts, [m.fpr for m in curve], label="false-positive rate (hard negatives)")
    ax2.plot(ts, [m.precision for m in curve], label="precision", ls="--")
    ax2.axvline(chosen.threshold, color="red", lw=0.8)
    ax2.set(xlabel="threshold", ylabel="share", title="By threshold")
    ax2.legend(loc="center left", fontsize=8)
    ax2.grid(alpha=0.3)
    fig.tight_layout()
    path.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(path, format="svg", metadata={"Date": None})
    plt.close(fig)


def write_doc(section: list[str]) -> None:
    """Replace the results section of docs/screening-evaluation.md (or append it)."""
    text = DOC.read_text(encoding="utf-8") if DOC.exists() else "# Screening evaluation\n"
    block = "\n".join([START, *section, END])
    if START in text and END in text:
        head, rest = text.split(START, 1)
        text = head + block + rest.split(END, 1)[1]
    else:
        text = text.rstrip("\n") + "\n\n" + block + "\n"
    DOC.write_text(text, encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    """Measure, print, recommend, and (unless --no-write) write the doc and the curve."""
    parser = argparse.ArgumentParser(description="Choose the default screening threshold.")
    parser.add_argument("--max-fpr", type=float, default=0.01)
    parser.add_argument("--no-write", action="store_true")
    args = parser.parse_args(argv)
    rows = read_labelled()
    entities, _ = load_entities()
    start = time.perf_counter()
    index = build_index(tuple(entities), link_subjects(entities).members)
    print(f"index: {len(entities)} entries, built in {time.perf_counter() - start:.1f} s", file=sys.stderr)
    start = time.perf_counter()
    outcomes = engine_outcomes(index, rows)
    print(f"screened {len(rows)} labelled queries in {time.perf_counter() - start:.1f} s", file=sys.stderr)
    curve = [measure(rows, outcomes, t) for t in thresholds()]
    chosen = choose_threshold(curve, args.max_fpr)
    current = measure(rows, outcomes, DEFAULT_THRESHOLD)
    section = results_section(rows, outcomes, curve, chosen, current, args.max_fpr)
    section += ["", *self_check(index, entities)]
    print("\n".join(section))
    if not args.no_write:
        write_svg(curve, chosen, SVG)
        write_doc(section)
        print(f"\nwrote {DOC.relative_to(ROOT)} and {SVG.relative_to(ROOT)}", file=sys.stderr)
    return 0


def results_section(rows: Sequence[Labelled], outcomes: Sequence[Outcome], curve: Sequence[Metrics],
                    chosen: Metrics, current: Metrics, max_fpr: float) -> list[str]:
    """The markdown written between the result markers of the evaluation doc."""
    pos = sum(r.positive for r in rows)
    out = [
        "## Results (written by `benchmarks/threshold.py`)", "",
        f"Labelled set: {len(rows)} queries ({pos} true variants, {len(rows) - pos} hard negatives); "
        "index: UN + OFAC SDN (advanced XML) + OFAC consolidated, as loaded by the benchmark. "
        f"Machine: 2 cores, 24 GiB; date {datetime.date.today().isoformat()}.", "",
        f"**Rule:** the highest recall with a false-positive rate on hard negatives ≤ {fmt_pct(max_fpr)}. "
        f"**Recommended threshold: {chosen.threshold:.2f}** — recall {fmt_pct(chosen.recall)}, "
        f"FPR {fmt_pct(chosen.fpr)}, precision {fmt_pct(chosen.precision)}, F1 {chosen.f1:.3f}. "
        f"(`DEFAULT_THRESHOLD` when this ran: {current.threshold:.2f} — recall {fmt_pct(current.recall)}, "
        f"FPR {fmt_pct(current.fpr)}.)", "",
        "![precision/recall curve](img/screening-pr-curve.svg)", "",
        *curve_table(curve, extra=(chosen.threshold, current.threshold)), "",
        f"### By category at {chosen.threshold:.2f}", "",
        *category_table(by_category(rows, outcomes, chosen.threshold)), "",
        f"### Examples of misses and false alerts at {chosen.threshold:.2f}", "",
        *misses(rows, outcomes, chosen.threshold),
    ]
    return out


if __name__ == "__main__":
    raise SystemExit(main())
