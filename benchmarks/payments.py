"""End-to-end payment screening throughput and latency, MT103 and pacs.008, on all real lists.

    .venv/bin/python benchmarks/payments.py [--messages 5000] [--history 20000] [--workers 2] [--no-memo]

Builds the screening index of every real list in ../shared/data/lists, generates synthetic traffic
(recurring beneficiaries, business hours, corridors; synthetic/payments.py), learns the senders'
history, then decides the messages: parse + screen every party, address, identifier, country and
free text + behavioural controls + decision stored in DuckDB (batches of 256, one transaction each).
The path is the CLI's (`interdict payments screen` on a large input): `--workers` forked processes
read and screen the files (interdict/payments/parallel.py), this process alone runs the controls,
decides and stores, in input order, into one DuckDB store. Latency per message = its share of its
file's parse + its screening (in a worker) + its controls and decision + its share of the batch's
store transaction (in this process); time queued between the two is not counted.
"""

from __future__ import annotations

import argparse
import gc
import statistics
import sys
import tempfile
import time
from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from interdict.core import config  # noqa: E402
from interdict.core.store import connect  # noqa: E402
from interdict.lists.formats import parse_list  # noqa: E402
from interdict.payments import store  # noqa: E402
from interdict.payments.controls.features import features  # noqa: E402
from interdict.payments.decisions import Decision  # noqa: E402
from interdict.payments.iso20022 import SchemaSet  # noqa: E402
from interdict.payments.parallel import ScreeningPool  # noqa: E402
from interdict.payments.pipeline import PaymentPipeline  # noqa: E402
from interdict.payments.policy import Policy  # noqa: E402
from interdict.payments.reader import ReadItem, read_bytes  # noqa: E402
from interdict.payments.screen import Hit, PaymentScreener  # noqa: E402
from interdict.screening import ScreeningIndex, build_index  # noqa: E402
from synthetic.payments import (  # noqa: E402
    TrafficGenerator,
    Transfer,
    mt_batch,
    render_mt103,
    render_pacs008,
)

LIST_FILES = (
    *config.SHARED_LIST_FILES,
    "opensanctions/t1/entities.ftm.json",
    "opensanctions/zala/entities.ftm.json",
)
SWIFT_FIN_PER_SECOND = 600  # world SWIFT FIN traffic, ~50 million messages a day on average


def load_index() -> tuple[ScreeningIndex, int, float]:
    """The index of every real list, its entry count and its build time."""
    data = config.shared_data_dir()
    if data is None:
        raise SystemExit("../shared/data not found (set INTERDICT_SHARED_DATA)")
    start = time.perf_counter()
    entities = [e for rel in LIST_FILES for e in parse_list(data / "lists" / rel).entities]
    return build_index(entities), len(entities), time.perf_counter() - start


def jobs_of(kind: str, transfers: list[Transfer]) -> list[tuple[bytes, str]]:
    """The traffic as files: MT103s in RJE batches of 100 (as a FIN drop folder), one pacs.008 per
    file (as an MX drop folder)."""
    if kind == "MT103":
        return [
            (mt_batch(transfers[i : i + 100], separator="$").encode(), f"mt{i}.rje")
            for i in range(0, len(transfers), 100)
        ]
    return [(render_pacs008(t).encode(), f"mx{i}.xml") for i, t in enumerate(transfers)]


def run_kind(
    kind: str, passes: list[list[Transfer]], index: ScreeningIndex, history: list[Transfer], args: Any
) -> list[tuple[str, list[float], dict[str, int], float]]:
    """Learn the history into a fresh store, then decide each pass of this kind's traffic through
    the CLI's path (`--workers` processes read and screen, this process decides and stores)."""
    policy = Policy()
    shared = config.shared_data_dir()
    schemas = SchemaSet(shared / "payments/iso20022/xsd" if shared else None)
    out = []
    with tempfile.TemporaryDirectory() as folder:
        conn = connect(Path(folder) / "bench.duckdb")
        store.ensure_schema(conn)
        learned = [i.payment for t in history for i in read_bytes(render_mt103(t).encode(), "h")]
        store.add_history(conn, [features(p, policy, datetime(2026, 11, 1)) for p in learned if p])
        # One screener (and pool) per kind, kept over the passes: pass 1 meets most parties for the
        # first time (cold), pass 2 is new messages between the same, now familiar, parties.
        screener = PaymentScreener(index, policy.screening, memo=not args.no_memo)
        with ScreeningPool(screener, schemas, args.workers) as pool:
            for n, transfers in enumerate(passes, start=1):
                pipeline = PaymentPipeline(conn, screener, policy)
                out.append((f"{kind} pass {n}", *decide(pipeline, pool, jobs_of(kind, transfers))))
        conn.close()
    return out


def decide(
    pipeline: PaymentPipeline, pool: ScreeningPool, jobs: list[tuple[bytes, str]]
) -> tuple[list[float], dict[str, int], float]:
    """Decide all messages: per-message latencies, count of each decision and cause, wall time."""
    wall, cpu = time.perf_counter(), time.process_time()
    worker_seconds: list[float] = []

    def feed() -> Iterator[tuple[ReadItem, list[Hit] | None]]:
        for s in pool.screen(jobs):
            worker_seconds.append(s.seconds)
            yield s.item, s.hits

    latencies: list[float] = []
    counts: dict[str, int] = {}
    for k, o in enumerate(pipeline.run_screened(feed())):
        # worker: its share of the file's parse + screening; parent: controls, decision, store share
        latencies.append(worker_seconds[k] + o.seconds)
        counts[o.decision.decision] = counts.get(o.decision.decision, 0) + 1
        for cause in _causes(o.decision):
            counts[cause] = counts.get(cause, 0) + 1
    wall = time.perf_counter() - wall
    # How busy the deciding and storing process was: near 100 % means it, not the workers, limits.
    counts["parent CPU %"] = round(100 * (time.process_time() - cpu) / wall)
    return latencies, counts, wall


def _causes(d: Decision) -> set[str]:
    """Why a message was held: "sanctions: <listed name>", "control: <name>", "embargo: <code>"."""
    if d.decision == "release":
        return set()
    out = set()
    for r in d.reasons:
        if r.action in ("hold", "reject"):
            what = r.detail.get("entity_name") or r.detail.get("control") or r.message[:40]
            out.add(f"{r.kind}: {what}")
    return out


def pct(values: list[float], q: float) -> float:
    """The q-quantile in milliseconds."""
    ordered = sorted(values)
    return 1000 * ordered[min(len(ordered) - 1, int(q * len(ordered)))]


def main() -> None:
    """Run the benchmark and print its figures."""
    ap = argparse.ArgumentParser()
    ap.add_argument("--messages", type=int, default=5000, help="messages per kind (MT103, pacs.008)")
    ap.add_argument("--history", type=int, default=20000)
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--passes", type=int, default=2, help="passes of new messages per kind (memo kept)")
    ap.add_argument("--no-memo", action="store_true", help="screen every value again (no per-run memo)")
    args = ap.parse_args()
    index, n_entries, build = load_index()
    gc.freeze()  # as the CLI does: the read-only index stays out of garbage collection
    print(f"index: {n_entries} entries from {len(LIST_FILES)} list files, parsed and built in {build:.1f} s")
    gen = TrafficGenerator(seed=2026, senders=200)
    history = gen.transfers(args.history, date(2026, 8, 3), 80)
    start = time.perf_counter()
    results = []
    for kind in ("MT103", "pacs.008"):
        passes = [gen.transfers(args.messages, date(2026, 11, 2 + 7 * n), 5) for n in range(args.passes)]
        results += run_kind(kind, passes, index, history, args)
    print(
        f"workers: {args.workers} (+ this process deciding and storing); history learned: {args.history} "
        f"MT103; memo: {not args.no_memo}; total {time.perf_counter() - start:.1f} s"
    )
    report(results)


def report(results: list[tuple[str, list[float], dict[str, int], float]]) -> None:
    """Print throughput (messages / wall time, files in to decisions stored) and latency per kind."""
    for kind in sorted({r[0] for r in results}, key=lambda k: (k.startswith("pacs"), k)):
        mine = [r for r in results if r[0] == kind]
        lat = [x for r in mine for x in r[1]]
        wall = max(r[3] for r in mine)
        totals: dict[str, int] = {}
        for r in mine:
            for d, n in r[2].items():
                totals[d] = totals.get(d, 0) + n
        counts = {d: totals[d] for d in ("release", "hold", "reject") if d in totals}
        busy = max(r[2]["parent CPU %"] for r in mine)
        causes = sorted(((n, c) for c, n in totals.items() if ":" in c), reverse=True)[:6]
        rate = len(lat) / wall
        ratio = rate / SWIFT_FIN_PER_SECOND
        print(f"{kind}: {len(lat)} messages in {wall:.1f} s, {rate:,.0f} msg/s ({ratio:.1f}x world SWIFT FIN")
        print(
            f"  ~{SWIFT_FIN_PER_SECOND}/s); latency p50 {pct(lat, 0.5):.2f} ms, p99 {pct(lat, 0.99):.2f} ms, "
            f"mean {1000 * statistics.fmean(lat):.2f} ms; decisions {counts}; parent CPU {busy} %"
        )
        print("  held because: " + "; ".join(f"{c} ({n})" for n, c in causes))


if __name__ == "__main__":
    main()
