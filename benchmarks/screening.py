"""Screening benchmark on all real lists: load time, latency, throughput, memory, and nomenklatura.

    .venv/bin/python benchmarks/screening.py [--nk-sample 1500] [--write]

1. Load: parse UN + OFAC SDN (advanced XML) + OFAC consolidated from ../shared/data, store them in a
   fresh DuckDB list store, build the screening index from the store (with cross-list subjects).
2. Single-query latency p50/p95/p99 over every query of the labelled set (benchmarks/data/
   screening_labelled.jsonl: names in five scripts, identifiers, addresses, hard negatives).
3. Batch throughput (names/s) through `screen_many` on both cores.
4. Index memory: RSS growth while the index is built, and its pickled size.
5. nomenklatura `logic-v1` / `logic-v2` on the same entries and a stratified sample of the same
   queries: per-comparison time extrapolated to every entry, recall and false-positive rate
   (method and its limits in screening_nk.py). `--write` puts the figures into docs/benchmarks.md
   and docs/screening-evaluation.md (own sections only).
"""

from __future__ import annotations

import argparse
import gc
import pickle
import random
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import screening_nk as nk
from screening_eval import (
    LIST_FILES,
    Labelled,
    Metrics,
    Outcome,
    choose_threshold,
    fmt_pct,
    measure,
    read_labelled,
    thresholds,
)

from interdict.core.config import shared_data_dir
from interdict.core.entity import Entity
from interdict.core.match import Query
from interdict.core.store import connect
from interdict.lists.formats import parse_list
from interdict.lists.store import ListStore
from interdict.screening import DEFAULT_THRESHOLD, ScreeningIndex, build_index, screen, screen_many

ROOT = Path(__file__).resolve().parent.parent
BENCH_DOC = ROOT / "docs" / "benchmarks.md"
EVAL_DOC = ROOT / "docs" / "screening-evaluation.md"
MARK = "screening.py"


def rss_mib() -> float:
    """Resident memory of this process in MiB (Linux /proc)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def load(timings: dict[str, float]) -> tuple[list[Entity], ScreeningIndex, dict[str, float]]:
    """Parse, store and index all three lists, timing each step."""
    data = shared_data_dir()
    if data is None:
        raise SystemExit("../shared/data not found (set INTERDICT_SHARED_DATA)")
    with tempfile.TemporaryDirectory() as home:
        store = ListStore(connect(Path(home) / "bench.duckdb"))
        for rel in LIST_FILES:
            start = time.perf_counter()
            parsed = parse_list(data / "lists" / rel)
            timings[f"parse {rel}"] = time.perf_counter() - start
            start = time.perf_counter()
            store.load(parsed)
            timings[f"store {rel}"] = time.perf_counter() - start
        start = time.perf_counter()
        entities, subjects = store.active_entities(), store.subjects()
        timings["read entities back from the store"] = time.perf_counter() - start
    gc.collect()
    before = rss_mib()
    start = time.perf_counter()
    index = build_index(entities, subjects)
    timings["build index"] = time.perf_counter() - start
    gc.collect()
    memory = {"rss_growth_mib": rss_mib() - before,
              "pickle_mib": len(pickle.dumps(index, protocol=pickle.HIGHEST_PROTOCOL)) / 2**20}
    return entities, index, memory


def latencies(index: ScreeningIndex, queries: Sequence[Query]) -> list[float]:
    """Seconds per query, one query at a time, in a fixed shuffled order."""
    order = list(queries)
    random.Random(3).shuffle(order)
    out = []
    for q in order:
        start = time.perf_counter()
        screen(index, q)
        out.append(time.perf_counter() - start)
    return out


def throughput(index_bytes: bytes, queries: Sequence[Query], workers: int) -> float:
    """Names per second through the batch path, on a freshly loaded index (no warm memo)."""
    index = pickle.loads(index_bytes)
    start = time.perf_counter()
    n = sum(1 for _ in screen_many(index, queries, workers=workers, expected=len(queries)))
    return n / (time.perf_counter() - start)


def stratified(rows: Sequence[Labelled], size: int, seed: int = 11) -> list[Labelled]:
    """A sample with every category in proportion (at least 10 of each)."""
    groups: dict[str, list[Labelled]] = defaultdict(list)
    for row in rows:
        groups[row.category].append(row)
    rng = random.Random(seed)
    out: list[Labelled] = []
    for items in groups.values():
        k = min(len(items), max(10, round(size * len(items) / len(rows))))
        out.extend(rng.sample(items, k))
    return out


def ours(index: ScreeningIndex, rows: Sequence[Labelled]) -> list[Outcome]:
    """Our candidates ≥ 0.50 for each row."""
    return [[(f"{c.list}:{c.list_id}", c.score) for c in screen(index, r.query, threshold=0.5, limit=50)]
            for r in rows]


def ms(seconds: float) -> str:
    """Seconds as milliseconds with two decimals."""
    return f"{seconds * 1000:.2f} ms"


def quality_line(name: str, m: Metrics, names_only: Metrics) -> str:
    """One markdown row of the quality comparison."""
    return (f"| {name} | {m.threshold:.2f} | {fmt_pct(m.recall)} | {fmt_pct(m.fpr)} | {fmt_pct(m.precision)} | "
            f"{fmt_pct(names_only.recall)} | {fmt_pct(names_only.fpr)} |")


def compare_quality(rows: Sequence[Labelled], results: dict[str, list[Outcome]]) -> list[str]:
    """Side-by-side recall/FPR at each matcher's default and at its best threshold by our rule."""
    names_only = [i for i, r in enumerate(rows) if r.category != "identifier"]
    sub_rows = [rows[i] for i in names_only]
    lines = ["| matcher | threshold | recall | FPR | precision | recall (names only) | FPR (names only) |",
             "|---|---|---|---|---|---|---|"]
    defaults = {"interdict": DEFAULT_THRESHOLD, "logic-v1": nk.YENTE_THRESHOLD, "logic-v2": nk.YENTE_THRESHOLD}
    for name, outs in results.items():
        sub = [outs[i] for i in names_only]
        curve = [measure(rows, outs, t) for t in thresholds()]
        best = choose_threshold(curve, 0.01)
        for label, t in ((f"{name} (default)", defaults[name]), (f"{name} (best at FPR ≤ 1%)", best.threshold)):
            lines.append(quality_line(label, measure(rows, outs, t), measure(sub_rows, sub, t)))
    return lines


def main(argv: list[str] | None = None) -> int:
    """Run every measurement, print the report, and with --write put it into the docs."""
    parser = argparse.ArgumentParser(description="Screening benchmark on all real lists.")
    parser.add_argument("--nk-sample", type=int, default=1500, help="labelled queries for nomenklatura")
    parser.add_argument("--write", action="store_true")
    args = parser.parse_args(argv)
    timings: dict[str, float] = {}
    entities, index, memory = load(timings)
    rows = read_labelled()
    queries = [r.query for r in rows]
    index_bytes = pickle.dumps(index, protocol=pickle.HIGHEST_PROTOCOL)
    lat = latencies(index, queries)
    batch = queries + [Query(e.primary_name) for e in entities if e.primary_name]
    tput = throughput(index_bytes, batch, workers=2)
    report = speed_section(entities, timings, memory, lat, len(batch), tput)
    report += nomenklatura_section(entities, index, rows, lat, args.nk_sample)
    print("\n".join(report))
    if args.write:
        write_section(BENCH_DOC, report)
        write_section(EVAL_DOC, report[report.index("### Against nomenklatura"):])
    return 0


def speed_section(entities: Sequence[Entity], timings: dict[str, float], memory: dict[str, float],
                  lat: Sequence[float], n_batch: int, tput: float) -> list[str]:
    """The markdown for load time, latency, throughput and memory."""
    total = sum(timings.values())
    lines = ["## Screening (`benchmarks/screening.py`)", "",
             "Command: `.venv/bin/python benchmarks/screening.py --write` · machine: 2 cores, 24 GiB · "
             "date: 2026-11-26 · lists: UN consolidated (2026-02-27), OFAC SDN advanced XML (2025-11-19), "
             f"OFAC consolidated (2025-03-28): {len(entities):,} entries.", "",
             f"**Load** (parse + store + index): {total:.1f} s", ""]
    lines += [f"- {step}: {sec:.2f} s" for step, sec in timings.items()]
    lines += ["", f"**Single-query latency** over {len(lat):,} labelled queries (one at a time, default "
              f"threshold): p50 {ms(nk.percentile(lat, 50))}, p95 {ms(nk.percentile(lat, 95))}, "
              f"p99 {ms(nk.percentile(lat, 99))}, max {ms(max(lat))} (target p95 ≤ 5 ms).", "",
              f"**Batch throughput** (`screen_many`, 2 worker processes, {n_batch:,} names = the labelled "
              f"queries + every entry's primary name): {tput:,.0f} names/s (target ≥ 20,000).", "",
              f"**Index memory**: RSS growth while building {memory['rss_growth_mib']:.0f} MiB "
              f"(the entries themselves excluded); pickled index {memory['pickle_mib']:.0f} MiB.", ""]
    return lines


def nomenklatura_section(entities: Sequence[Entity], index: ScreeningIndex, rows: Sequence[Labelled],
                         lat: Sequence[float], sample_size: int) -> list[str]:
    """The markdown comparing nomenklatura's matchers with ours on the same entries and queries."""
    proxies = {e.key: nk.entity_proxy(e) for e in entities}
    sample = stratified(rows, sample_size)
    our_out = ours(index, sample)
    pools_of = nk.Pools(entities)
    start = time.perf_counter()
    pools = [pools_of.pool(r, o) for r, o in zip(sample, our_out, strict=True)]
    print(f"pools built in {time.perf_counter() - start:.0f} s", file=sys.stderr)
    results: dict[str, list[Outcome]] = {"interdict": our_out}
    speed: list[str] = []
    p50_ours = nk.percentile(lat, 50)
    for name in ("logic-v1", "logic-v2"):
        compare = nk.comparer(name)
        per = nk.compare_latency(compare, rows, proxies)
        brute = [p * len(proxies) for p in per]
        results[name] = nk.outcomes(compare, sample, pools, proxies)
        speed.append(f"| {name} | {ms(statistics_mean(per))} | {ms(nk.percentile(brute, 50))} | "
                     f"{ms(nk.percentile(brute, 95))} | {nk.percentile(brute, 50) / p50_ours:,.0f}× |")
    pos = sum(r.positive for r in sample)
    return ["### Against nomenklatura", "",
            f"nomenklatura {_nk_version()} on the same {len(entities):,} entries (FollowTheMoney proxies "
            "built from our entities: names, weak aliases, birth dates, nationalities, passport/IMO/BIC "
            "numbers). **Latency is extrapolated**: one comparison was timed on 100 labelled queries × "
            "100 random entries, then multiplied by the number of entries, since these matchers compare "
            "a query with every entry.", "",
            "| matcher | per comparison (mean) | per query, all entries: p50 | p95 | p50 vs ours |",
            "|---|---|---|---|---|",
            f"| interdict (index) | — | {ms(p50_ours)} | {ms(nk.percentile(lat, 95))} | 1× |", *speed, "",
            f"**Quality** on a stratified sample of {len(sample):,} labelled queries ({pos} true variants, "
            f"{len(sample) - pos} hard negatives). nomenklatura scores each query's pool (its expected "
            "entries, our candidates ≥ 0.50 and the 20 closest names by rapidfuzz), so its recall is "
            "exact and its false-positive rate a lower bound. Default thresholds: ours "
            f"{DEFAULT_THRESHOLD:.2f}, nomenklatura 0.70 (yente's default). \"Names only\" leaves out the "
            "pasted identifiers, which nomenklatura would need in an identifier field.", "",
            *compare_quality(sample, results), ""]


def statistics_mean(values: Sequence[float]) -> float:
    """The arithmetic mean."""
    return sum(values) / len(values)


def _nk_version() -> str:
    from importlib.metadata import version

    return version("nomenklatura")


def write_section(path: Path, lines: list[str]) -> None:
    """Replace this script's marked section of a doc (or append it), leaving the rest untouched."""
    start, end = f"<!-- {MARK}: start -->", f"<!-- {MARK}: end -->"
    text = path.read_text(encoding="utf-8") if path.exists() else ""
    block = "\n".join([start, *lines, end])
    if start in text and end in text:
        head, rest = text.split(start, 1)
        text = head + block + rest.split(end, 1)[1]
    else:
        text = text.rstrip("\n") + "\n\n" + block + "\n"
    path.write_text(text, encoding="utf-8")


if __name__ == "__main__":
    raise SystemExit(main())
