"""Screening speed as a user meets it: CLI start-up, single-query latency, batch names per second.

Run: `.venv/bin/python benchmarks/screening_speed.py --home DIR` where DIR is an Interdict data
directory with UN + OFAC SDN (+ OFAC consolidated) loaded (`interdict lists load ...`); the index is
read from its cache as `interdict screen` reads it. Options: `--names 20000`, `--runs 5`,
`--startup-only`.

1. Start-up: `python -m interdict --help` and `python -m interdict screen NAME` in fresh processes,
   median wall time and median CPU time (user + system of the child) over `--runs` runs.
2. Single query: p50 / p95 / p99 of `screen()` over 2,000 distinct customer-like names, after a
   warm-up of 1,000 others (the memo of a long-running server is warm).
3. Batch: `screen_many(workers=2)` over `--names` *distinct* names (engine_speed's distinct mix,
   duplicates removed): wall names/s, and names/s by CPU time (2 × names / CPU seconds of parent
   and workers: what two idle cores would do; the machine is shared, so wall time is inflated).

`--answers OUT.jsonl` (with `--workers N`) screens the batch's names only and writes each name's
candidates (`Candidate.to_dict()` plus the unrounded score) one JSON line per name: a speed change
must leave this file byte-identical (`cmp BEFORE.jsonl AFTER.jsonl`), with 2 workers and with 1.
`--batch-only` skips the start-ups and the single-query latencies. `--with-address` puts one street
address among the batch's names (its 1,001st), as a customer file may hold: the batch then needs
the address index of the listed addresses (read from the index cache since format 7; built from
rigour's fingerprints before).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from engine_speed import names

from interdict.core.match import Query
from interdict.screening import ScreeningIndex, screen, screen_many

ROOT = Path(__file__).resolve().parent.parent
ADDRESS = "28 Timiryazev St., Almaty, Kazakhstan"  # listed by OFAC as "28 Timiryazev Street, Almaty, ..."


def run_cli(args: list[str], home: Path) -> tuple[float, float]:
    """Wall and CPU seconds of one fresh `python -m interdict ...`."""
    env = {**os.environ, "PYTHONPATH": str(ROOT), "INTERDICT_HOME": str(home)}
    # As installed: with .pyc files (a shell with PYTHONDONTWRITEBYTECODE=1 would compile every
    # interdict module on each start, ~0.08 s that no user pays).
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    before = os.times()
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "interdict", *args], env=env, cwd=ROOT, check=False,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    wall = time.perf_counter() - start
    after = os.times()
    cpu = (after.children_user - before.children_user) + (after.children_system - before.children_system)
    return wall, cpu


def startup(home: Path, runs: int) -> None:
    commands = (("interdict --help", ["--help"]),
                ("interdict screen 'Pak Jin Hyok'", ["screen", "Pak Jin Hyok"]))
    for label, args in commands:
        run_cli(args, home)  # page cache and .pyc files warm
        samples = [run_cli(args, home) for _ in range(runs)]
        wall = statistics.median(s[0] for s in samples)
        cpu = statistics.median(s[1] for s in samples)
        print(f"| start-up: {label} | {wall * 1000:.0f} ms wall | {cpu * 1000:.0f} ms CPU |")


def distinct_names(index: ScreeningIndex, n: int) -> list[Query]:
    listed = [e.primary_name for e in index.entities]
    seen: set[Query] = set()
    out: list[Query] = []
    for q in names(random.Random(3), 3 * n, listed, True):
        if q not in seen:
            seen.add(q)
            out.append(q)
    return out


def latency(index: ScreeningIndex, queries: list[Query]) -> None:
    for q in queries[:1000]:
        screen(index, q)
    wall, cpu = [], []
    for q in queries[1000:3000]:
        start, start_cpu = time.perf_counter(), time.thread_time()
        screen(index, q)
        wall.append(time.perf_counter() - start)
        cpu.append(time.thread_time() - start_cpu)
    for label, took in (("wall", wall), ("CPU", cpu)):
        took.sort()
        p = [took[int(len(took) * f) - 1] * 1000 for f in (0.5, 0.95, 0.99)]
        print(f"| single query, {label} (2,000 distinct names, warm) | p50 {p[0]:.2f} ms | p95 {p[1]:.2f} ms "
              f"| p99 {p[2]:.2f} ms |")


def batch(index: ScreeningIndex, queries: list[Query], workers: int = 2) -> None:
    index.memo.clear()
    address = " (one an address)" if any(q.name == ADDRESS for q in queries) else ""
    before, start = os.times(), time.perf_counter()
    done = sum(1 for _ in screen_many(index, queries, workers=workers))
    wall, after = time.perf_counter() - start, os.times()
    cpu = sum(after[i] - before[i] for i in range(4))
    print(f"| batch, {done:,} distinct names, {workers} workers{address} | {done / wall:,.0f} names/s wall | "
          f"{2 * done / cpu:,.0f} names/s by CPU time ({cpu:.1f} s CPU) | load {os.getloadavg()[0]:.1f} |")


def write_answers(index: ScreeningIndex, queries: list[Query], out: Path, workers: int) -> None:
    """Every batch name's candidates, one JSON line each, in input order."""
    index.memo.clear()
    with out.open("w", encoding="utf-8") as fh:
        for i, found in enumerate(screen_many(index, queries, workers=workers)):
            row = {"name": i, "candidates": [{**c.to_dict(), "raw_score": c.score} for c in found]}
            fh.write(json.dumps(row) + "\n")
    print(f"wrote {out} ({len(queries):,} names, {workers} workers)")


def main() -> None:
    parser = argparse.ArgumentParser(description="screening speed: start-up, latency, batch")
    parser.add_argument("--home", type=Path, required=True, help="data directory with the lists loaded")
    parser.add_argument("--names", type=int, default=20_000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--startup-only", action="store_true", help="measure the start-ups only")
    parser.add_argument("--batch-only", action="store_true", help="measure the batch only")
    parser.add_argument("--workers", type=int, default=2, help="batch worker processes")
    parser.add_argument("--answers", type=Path, help="write the batch's answers here (JSONL), no timing")
    parser.add_argument("--with-address", action="store_true", help="one street address among the names")
    args = parser.parse_args()
    os.environ["INTERDICT_HOME"] = str(args.home)
    print(f"load average at start {os.getloadavg()[0]:.1f}, {os.cpu_count()} cores\n")
    if not (args.batch_only or args.answers):
        startup(args.home, args.runs)
    if args.startup_only:
        return
    from interdict.services.name_screening import open_index

    start = time.process_time()
    index = open_index()
    print(f"| index load from cache ({len(index):,} entries) | {time.process_time() - start:.2f} s CPU | |")
    queries = distinct_names(index, args.names)
    if args.with_address:
        queries[3000 + 1000] = Query(ADDRESS)
    if args.answers:
        write_answers(index, queries[3000:3000 + args.names], args.answers, args.workers)
        return
    if not args.batch_only:
        latency(index, queries)
    batch(index, queries[3000:3000 + args.names], args.workers)


if __name__ == "__main__":
    main()
