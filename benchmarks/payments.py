"""End-to-end payment screening on a mixed day, on all real lists, with learned history.

    .venv/bin/python benchmarks/payments.py [--messages 100000] [--small 1000] [--history 20000]
                                            [--workers 2] [--senders 200]

Builds the screening index of the real lists of `config.SHARED_LIST_FILES` (UN, OFAC SDN advanced,
OFAC consolidated), learns the senders' history (`payments learn`: MT103s over 12 weeks), then
decides a mixed day of traffic: MT103 (output messages timed by block 2 and input messages timed by
13C), MT202, MT202 COV, pacs.008 and pacs.009, as files (FIN in RJE batches of 100, one ISO 20022
message per file). Per message: parse + screen every field + the behavioural controls on the
message's own clock + decision stored (batches of 256, one DuckDB transaction each). The path is
the CLI's: `--workers` forked processes read and screen the files (payments/parallel.py), this
process alone decides and stores, in input order (exactly once; `--workers 0`: all in this
process). Two runs, `--small` then `--messages` messages of the same day's mix on fresh stores,
give the per-message cost at both sizes. Latency per message = its share of its file's parse +
its screening (in a worker) + its controls and decision + its share of its batch's store.
"""

from __future__ import annotations

import argparse
import gc
import os
import sys
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from interdict.core import config  # noqa: E402
from interdict.core.store import connect  # noqa: E402
from interdict.lists.formats import parse_list  # noqa: E402
from interdict.payments import parallel, store  # noqa: E402
from interdict.payments.controls.features import features  # noqa: E402
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
    render_mt103,
    render_mt202,
    render_pacs008,
    render_pacs009,
)

# The day's mix (share of messages): customer transfers, their covers, and bank-to-bank transfers.
MIX = (("MT103", 0.35), ("MT103 13C", 0.10), ("MT202 COV", 0.10), ("MT202", 0.05), ("pacs.008", 0.30),
       ("pacs.009", 0.10))  # fmt: skip
SWIFT_FIN_PER_SECOND = 600  # world SWIFT FIN traffic, ~50 million messages a day on average


@dataclass(slots=True)
class Run:
    """One run's figures."""

    messages: int
    wall: float
    latencies: list[float]
    decisions: dict[str, int]
    stages: dict[str, float]  # seconds per stage, summed over messages
    parent_cpu: float


def load_index() -> tuple[ScreeningIndex, int, float]:
    """The index of the real lists, its entry count and its build time."""
    data = config.shared_data_dir()
    if data is None:
        raise SystemExit("../shared/data not found (set INTERDICT_SHARED_DATA)")
    start = time.perf_counter()
    entities = [e for rel in config.SHARED_LIST_FILES for e in parse_list(data / "lists" / rel).entities]
    return build_index(entities), len(entities), time.perf_counter() - start


def day_files(transfers: list[Transfer]) -> list[tuple[bytes, str]]:
    """The day's traffic as files, in time order: each transfer becomes one message of the mix
    (by its position), FIN messages gathered into RJE files of 100, ISO 20022 one per file."""
    fin: list[str] = []
    out: list[tuple[bytes, str]] = []
    bounds = []
    acc = 0.0
    for kind, share in MIX:
        acc += share
        bounds.append((acc, kind))
    for n, t in enumerate(transfers):
        x = (n * 0.6180339887) % 1.0  # evenly spread, deterministic
        kind = next(k for b, k in bounds if x < b)
        if kind.startswith("pacs"):
            xml = render_pacs008(t) if kind == "pacs.008" else render_pacs009(t)
            out.append((xml.encode(), f"mx{n}.xml"))
            continue
        if kind.startswith("MT103"):
            fin.append(render_mt103(t, n + 1, "input" if kind.endswith("13C") else "output"))
        else:
            fin.append(render_mt202(t, n + 1, cov=kind.endswith("COV")))
        if len(fin) == 100:
            out.append(("\r\n$\r\n".join(fin).encode() + b"\r\n", f"fin{n}.rje"))
            fin = []
    if fin:
        out.append(("\r\n$\r\n".join(fin).encode() + b"\r\n", "fin-last.rje"))
    return out


def learn_history(conn: object, history: list[Transfer], policy: Policy) -> None:
    """`payments learn` on the history (MT103 output messages)."""
    items = [i.payment for t in history for i in read_bytes(render_mt103(t).encode(), "h")]
    store.add_history(conn, [features(p, policy, datetime(2026, 11, 1)) for p in items if p])  # type: ignore[arg-type]


def run(
    jobs: list[tuple[bytes, str]], index: ScreeningIndex, history: list[Transfer], args: argparse.Namespace
) -> Run:
    """Learn the history into a fresh store, then decide every message of the jobs."""
    policy = Policy()
    shared = config.shared_data_dir()
    schemas = SchemaSet(shared / "payments/iso20022/xsd" if shared else None)
    with tempfile.TemporaryDirectory() as folder:
        conn = connect(Path(folder) / "bench.duckdb")
        store.ensure_schema(conn)
        learn_history(conn, history, policy)
        screener = PaymentScreener(index, policy.screening)
        pipeline = PaymentPipeline(conn, screener, policy)
        pipeline.clock = parallel.CLOCK = time.thread_time  # per-stage CPU time, not wall time
        if args.workers > 0:
            with ScreeningPool(screener, schemas, args.workers) as pool:
                result = decide(pipeline, _pooled(pool, jobs))
        else:
            result = decide(pipeline, _inline(jobs, schemas))
        conn.close()
    return result


# message position -> (wall seconds in the worker, parse CPU, screen CPU)
_WORKER: dict[int, tuple[float, float, float]] = {}


def _pooled(
    pool: ScreeningPool, jobs: list[tuple[bytes, str]]
) -> Iterator[tuple[ReadItem, list[Hit] | None]]:
    for n, s in enumerate(pool.screen(jobs)):
        _WORKER[n] = (s.seconds, s.parse_cpu, s.screen_cpu)
        yield s.item, s.hits


def _inline(jobs: list[tuple[bytes, str]], schemas: SchemaSet) -> Iterator[tuple[ReadItem, list[Hit] | None]]:
    n = 0
    for data, name in jobs:
        t0, c0 = time.perf_counter(), time.thread_time()
        items = list(read_bytes(data, name, schemas))
        each = (time.perf_counter() - t0) / max(len(items), 1)
        each_cpu = (time.thread_time() - c0) / max(len(items), 1)  # per file: the syscall is cheap here
        for item in items:
            _WORKER[n] = (each, each_cpu, 0.0)  # screening is then timed by the pipeline
            n += 1
            yield item, None


def decide(pipeline: PaymentPipeline, pairs: Iterator[tuple[ReadItem, list[Hit] | None]]) -> Run:
    """Decide everything; latencies, decisions, per-stage seconds and the parent's CPU share."""
    _WORKER.clear()
    wall, cpu = time.perf_counter(), time.process_time()
    latencies: list[float] = []
    counts: dict[str, int] = {}
    for k, o in enumerate(pipeline.run_screened(pairs)):
        latencies.append(_WORKER[k][0] + o.seconds)
        counts[o.decision.decision] = counts.get(o.decision.decision, 0) + 1
    wall = time.perf_counter() - wall
    parent = 100 * (time.process_time() - cpu) / wall
    stages = {"parse": sum(w[1] for w in _WORKER.values())}
    stages["screen"] = sum(w[2] for w in _WORKER.values()) + pipeline.timings["screen"]
    stages |= {k: v for k, v in pipeline.timings.items() if k != "screen"}
    return Run(len(latencies), wall, latencies, counts, stages, parent)


def pct(values: list[float], q: float) -> float:
    """The q-quantile in milliseconds."""
    ordered = sorted(values)
    return 1000 * ordered[min(len(ordered) - 1, int(q * len(ordered)))]


def report(name: str, r: Run) -> None:
    """Print one run's throughput, latency, decisions and per-stage costs."""
    rate = r.messages / r.wall
    print(
        f"{name}: {r.messages:,} messages in {r.wall:.1f} s = {rate:,.0f} msg/s "
        f"({rate / SWIFT_FIN_PER_SECOND:.1f}x world SWIFT FIN); latency p50 {pct(r.latencies, 0.5):.2f} ms, "
        f"p99 {pct(r.latencies, 0.99):.2f} ms; decisions {r.decisions}; parent CPU {r.parent_cpu:.0f} %"
    )
    total = sum(r.stages.values())
    print(
        "  per message (ms): "
        + ", ".join(f"{k} {1000 * v / r.messages:.3f}" for k, v in r.stages.items())
        + f"; total {1000 * total / r.messages:.3f} (CPU time, all processes)"
    )


def main() -> None:
    """Run the benchmark and print its figures."""
    ap = argparse.ArgumentParser()
    ap.add_argument("--messages", type=int, default=100_000, help="messages of the large run")
    ap.add_argument("--small", type=int, default=1_000, help="messages of the small run")
    ap.add_argument("--history", type=int, default=20_000, help="learned MT103s")
    ap.add_argument("--senders", type=int, default=200)
    ap.add_argument("--workers", type=int, default=2, help="processes that parse and screen (0: none)")
    args = ap.parse_args()
    index, n_entries, build = load_index()
    gc.freeze()  # as the CLI does: the read-only index stays out of garbage collection
    print(
        f"index: {n_entries} entries from {len(config.SHARED_LIST_FILES)} list files, built in {build:.1f} s"
    )
    print(f"machine: {os.cpu_count()} cores, load average {' '.join(f'{x:.1f}' for x in os.getloadavg())}")
    gen = TrafficGenerator(seed=2026, senders=args.senders)
    history = gen.transfers(args.history, date(2026, 8, 3), 84)
    day = gen.transfers(args.messages, date(2026, 11, 2), 1)
    results = []
    for size in (args.small, args.messages):
        jobs = day_files(day[:size])
        results.append((size, run(jobs, index, history, args)))
        report(f"{size:,} messages, {args.workers} workers", results[-1][1])
    (n1, small), (n2, large) = results
    per1 = 1000 * small.wall / n1
    per2 = 1000 * large.wall / n2
    print(
        f"wall per message: {per1:.3f} ms at {n1:,}, {per2:.3f} ms at {n2:,} ({per2 / per1:.2f}x); "
        f"load average now {' '.join(f'{x:.1f}' for x in os.getloadavg())}"
    )


if __name__ == "__main__":
    main()
