"""End-to-end payment screening throughput and latency, MT103 and pacs.008, on all real lists.

    .venv/bin/python benchmarks/payments.py [--messages 5000] [--history 20000] [--workers 2] [--no-memo]

Builds the screening index of every real list in ../shared/data/lists, generates synthetic traffic
(recurring beneficiaries, business hours, corridors; synthetic/payments.py), learns the senders'
history, then decides the messages: parse + screen every party, address, identifier, country and
free text + behavioural controls + decision stored in DuckDB (batches of 256, one transaction each).
Messages are sharded by sender over `--workers` processes (one store file each, as a deployment
would shard by sender), so all cores are used. Latency per message = its parse time + its
decide time + its share of the batch's store transaction.
"""

from __future__ import annotations

import argparse
import gc
import multiprocessing as mp
import statistics
import sys
import tempfile
import time
import zlib
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from interdict.core import config  # noqa: E402
from interdict.core.store import connect  # noqa: E402
from interdict.lists.formats import parse_list  # noqa: E402
from interdict.payments import store  # noqa: E402
from interdict.payments.controls.features import features  # noqa: E402
from interdict.payments.decisions import Decision  # noqa: E402
from interdict.payments.iso20022 import SchemaSet  # noqa: E402
from interdict.payments.pipeline import PaymentPipeline  # noqa: E402
from interdict.payments.policy import Policy  # noqa: E402
from interdict.payments.reader import ReadItem, read_bytes  # noqa: E402
from interdict.payments.screen import PaymentScreener  # noqa: E402
from interdict.screening import ScreeningIndex, build_index  # noqa: E402
from synthetic.payments import TrafficGenerator, Transfer, render_mt103, render_pacs008  # noqa: E402

LIST_FILES = (
    "un/consolidated.xml",
    "ofac/sdn_advanced_2025-11/sdn_advanced.xml.bz2",
    "ofac/consolidated.xml",
    "opensanctions/t1/entities.ftm.json",
    "opensanctions/zala/entities.ftm.json",
)
SWIFT_FIN_PER_SECOND = 600  # world SWIFT FIN traffic, ~50 million messages a day on average
BATCH = 256

_INDEX: ScreeningIndex | None = None  # set before forking; children inherit it copy-on-write


def load_index() -> tuple[ScreeningIndex, int, float]:
    """The index of every real list, its entry count and its build time."""
    data = config.shared_data_dir()
    if data is None:
        raise SystemExit("../shared/data not found (set INTERDICT_SHARED_DATA)")
    start = time.perf_counter()
    entities = [e for rel in LIST_FILES for e in parse_list(data / "lists" / rel).entities]
    return build_index(entities), len(entities), time.perf_counter() - start


def shard(t: Transfer, workers: int) -> int:
    """The worker that owns a sender (stable across runs)."""
    return zlib.crc32(t.debtor.account.encode()) % workers


def worker(
    k: int,
    workers: int,
    history: list[Transfer],
    traffic: list[tuple[str, list[list[Transfer]]]],
    folder: str,
    memo: bool,
    xsd: str | None,
    out: mp.Queue,  # type: ignore[type-arg]
) -> None:
    """Learn this shard's history, then decide each kind's traffic; report timings per kind."""
    assert _INDEX is not None
    policy, schemas = Policy(), SchemaSet(Path(xsd) if xsd else None)
    conn = connect(Path(folder) / f"shard{k}.duckdb")
    store.ensure_schema(conn)
    mine = [t for t in history if shard(t, workers) == k]
    learned = [i.payment for t in mine for i in read_bytes(render_mt103(t).encode(), "h")]
    store.add_history(conn, [features(p, policy, datetime(2026, 11, 1)) for p in learned if p])
    for kind, passes in traffic:
        render: Callable[[Transfer], str] = render_mt103 if kind == "MT103" else render_pacs008
        # One screener per kind, kept over the passes: pass 1 meets most parties for the first time
        # (cold), pass 2 is new messages between the same, now familiar, parties (a running service).
        screener = PaymentScreener(_INDEX, policy.screening, memo=memo)
        for n, transfers in enumerate(passes, start=1):
            texts = [render(t).encode() for t in transfers if shard(t, workers) == k]
            pipeline = PaymentPipeline(conn, screener, policy)
            out.put((f"{kind} pass {n}", k, *decide(pipeline, texts, schemas)))
    conn.close()


def decide(
    pipeline: PaymentPipeline, texts: list[bytes], schemas: SchemaSet
) -> tuple[list[float], dict[str, int], float]:
    """Decide all messages in batches: per-message latencies, count of each decision, wall time."""
    wall = time.perf_counter()
    latencies: list[float] = []
    counts: dict[str, int] = {}
    for i in range(0, len(texts), BATCH):
        parse_times: list[float] = []
        items: list[ReadItem] = []
        for raw in texts[i : i + BATCH]:
            t0 = time.perf_counter()
            items.extend(read_bytes(raw, "bench", schemas))
            parse_times.append(time.perf_counter() - t0)
        t0 = time.perf_counter()
        outcomes = list(pipeline.run(items))
        overhead = (time.perf_counter() - t0 - sum(o.seconds for o in outcomes)) / max(len(outcomes), 1)
        for p, o in zip(parse_times, outcomes, strict=True):
            latencies.append(p + o.seconds + overhead)
            counts[o.decision.decision] = counts.get(o.decision.decision, 0) + 1
            for cause in _causes(o.decision):
                counts[cause] = counts.get(cause, 0) + 1
    return latencies, counts, time.perf_counter() - wall


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
    global _INDEX
    _INDEX, n_entries, build = load_index()
    gc.freeze()  # as the CLI does: the read-only index stays out of garbage collection
    print(f"index: {n_entries} entries from {len(LIST_FILES)} list files, parsed and built in {build:.1f} s")
    gen = TrafficGenerator(seed=2026, senders=200)
    history = gen.transfers(args.history, date(2026, 8, 3), 80)
    traffic = [
        (kind, [gen.transfers(args.messages, date(2026, 11, 2 + 7 * n), 5) for n in range(args.passes)])
        for kind in ("MT103", "pacs.008")
    ]
    shared = config.shared_data_dir()
    xsd = str(shared / "payments/iso20022/xsd") if shared else None
    ctx = mp.get_context("fork")
    with tempfile.TemporaryDirectory() as folder:
        queue = ctx.Queue()
        start = time.perf_counter()
        procs = [
            ctx.Process(
                target=worker, args=(k, args.workers, history, traffic, folder, not args.no_memo, xsd, queue)
            )
            for k in range(args.workers)
        ]
        for p in procs:
            p.start()
        results = [queue.get() for _ in range(len(traffic) * args.passes * args.workers)]
        for p in procs:
            p.join()
        print(
            f"workers: {args.workers}; history learned: {args.history} MT103; memo: {not args.no_memo}; "
            f"total {time.perf_counter() - start:.1f} s"
        )
    report(results)


def report(results: list[tuple[str, int, list[float], dict[str, int], float]]) -> None:
    """Print throughput (messages / slowest worker's wall time) and latency per kind."""
    for kind in sorted({r[0] for r in results}, key=lambda k: (k.startswith("pacs"), k)):
        mine = [r for r in results if r[0] == kind]
        lat = [x for r in mine for x in r[2]]
        wall = max(r[4] for r in mine)
        totals: dict[str, int] = {}
        for r in mine:
            for d, n in r[3].items():
                totals[d] = totals.get(d, 0) + n
        counts = {d: totals[d] for d in ("release", "hold", "reject") if d in totals}
        causes = sorted(((n, c) for c, n in totals.items() if ":" in c), reverse=True)[:6]
        rate = len(lat) / wall
        ratio = rate / SWIFT_FIN_PER_SECOND
        print(f"{kind}: {len(lat)} messages in {wall:.1f} s, {rate:,.0f} msg/s ({ratio:.1f}x world SWIFT FIN")
        print(
            f"  ~{SWIFT_FIN_PER_SECOND}/s); latency p50 {pct(lat, 0.5):.2f} ms, p99 {pct(lat, 0.99):.2f} ms, "
            f"mean {1000 * statistics.fmean(lat):.2f} ms; decisions {counts}"
        )
        print("  held because: " + "; ".join(f"{c} ({n})" for n, c in causes))


if __name__ == "__main__":
    main()
