"""Speed and memory of `aml scan` (every detector) on a generated HI-Small-sized transfer graph.

The generator is about speed, not realism: `--accounts` accounts whose activity follows a power
law (Zipf weights), `--hubs` hub accounts taking `--hub-share` of all transfers (payment processors,
exchanges), log-normal amounts, times spread over `--days` days. Prints one JSON object: per
detector seconds and alerts, total seconds, peak RSS, and the cycle search's worst case on the
hubs (transfers inspected by the start account that inspected most; starts cut at the budget).

    PYTHONPATH=. .venv/bin/python benchmarks/aml_scan.py --transfers 5000000
"""

from __future__ import annotations

import argparse
import json
import resource
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import overload

import numpy as np

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from interdict.aml.detectors.cycle import CycleParams  # noqa: E402
from interdict.aml.detectors.cycle_kernel import find_cycles  # noqa: E402
from interdict.aml.scan import scan  # noqa: E402
from interdict.aml.table import TransferTable  # noqa: E402


class RowIds(Sequence[str]):
    """Transfer ids `r<row>` made on demand (5 M Python strings would cost ~400 MB)."""

    def __init__(self, n: int) -> None:
        self.n = n

    def __len__(self) -> int:
        return self.n

    @overload
    def __getitem__(self, i: int) -> str: ...
    @overload
    def __getitem__(self, i: slice) -> Sequence[str]: ...
    def __getitem__(self, i: int | slice) -> str | Sequence[str]:
        if isinstance(i, slice):
            return [f"r{k}" for k in range(*i.indices(self.n))]
        return f"r{i}"


def generate(n_tx: int, n_acc: int, hubs: int, hub_share: float, days: int, seed: int) -> TransferTable:
    """A power-law transfer graph with hubs, sorted by time."""
    rng = np.random.default_rng(seed)
    weights = 1.0 / np.arange(1, n_acc + 1) ** 0.8
    weights /= weights.sum()
    src = rng.choice(n_acc, n_tx, p=weights)
    dst = rng.permutation(n_acc)[rng.choice(n_acc, n_tx, p=weights)]
    to_hub = rng.random(n_tx) < hub_share
    hub_ids = rng.choice(n_acc, hubs, replace=False)
    half = rng.random(n_tx) < 0.5
    src[to_hub & half] = rng.choice(hub_ids, int((to_hub & half).sum()))
    dst[to_hub & ~half] = rng.choice(hub_ids, int((to_hub & ~half).sum()))
    keep = src != dst
    src, dst = src[keep].astype(np.int64), dst[keep].astype(np.int64)
    n = src.shape[0]
    time_ = np.sort(rng.integers(0, days * 86_400, n)).astype(np.int64) + 1_661_990_400
    amount = np.round(np.exp(rng.normal(7.0, 1.5, n)), 2)
    return TransferTable(
        accounts=[str(a) for a in range(n_acc)], src=src, dst=dst, amount=amount, time=time_,
        currency=np.zeros(n, dtype=np.int64), currencies=["USD"], tx=RowIds(n),
    )


def peak_rss_mb() -> float:
    """Peak resident memory of this process so far (Linux: ru_maxrss in KiB)."""
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)


def cycle_worst_case(table: TransferTable, ordered: bool) -> dict[str, object]:
    """The bounded cycle search's cost on the hubs: seconds, most transfers one start inspected."""
    p = CycleParams(time_respecting=ordered, window_days=30.0)
    out = table.outgoing
    start, start_cpu = time.perf_counter(), time.process_time()
    _, cptr, work = find_cycles(
        out.ptr, out.ids, table.dst, table.amount, table.time, p.min_hops, p.max_hops,
        p.margin, int(p.window_days * 86_400), p.time_respecting, p.budget, p.per_start,
    )
    degree = out.degree()
    hub = int(np.argmax(degree))
    return {"time_respecting": ordered, "seconds": round(time.perf_counter() - start, 2),
            "cpu_seconds": round(time.process_time() - start_cpu, 2),
            "cycles": int(len(cptr) - 1), "max_work_one_start": int(work.max()),
            "starts_cut_at_budget": int((work >= p.budget).sum()), "budget": p.budget,
            "top_hub_out_degree": int(degree[hub]), "top_hub_work": int(work[hub])}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--transfers", type=int, default=5_000_000)
    ap.add_argument("--accounts", type=int, default=500_000)
    ap.add_argument("--hubs", type=int, default=5)
    ap.add_argument("--hub-share", type=float, default=0.05)
    ap.add_argument("--days", type=int, default=18)
    ap.add_argument("--seed", type=int, default=15)
    args = ap.parse_args()
    t0 = time.perf_counter()
    table = generate(args.transfers, args.accounts, args.hubs, args.hub_share, args.days, args.seed)
    generated = round(time.perf_counter() - t0, 1)
    t1, c1 = time.perf_counter(), time.process_time()
    result = scan(table)
    total, total_cpu = round(time.perf_counter() - t1, 1), round(time.process_time() - c1, 1)
    report = {
        "transfers": table.n_transfers, "accounts": table.n_accounts, "generate_seconds": generated,
        "scan_seconds": total, "scan_cpu_seconds": total_cpu, "seconds": result.seconds,
        "cpu_seconds": result.cpu_seconds, "alerts": result.counts,
        "peak_rss_mb_after_scan": peak_rss_mb(),
        "cycle_worst_case": [cycle_worst_case(table, True), cycle_worst_case(table, False)],
        "peak_rss_mb": peak_rss_mb(),
    }
    print(json.dumps(report))


if __name__ == "__main__":
    main()
