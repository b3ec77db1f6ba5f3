"""Interdict on Spark: batch screening (embedded vs Spark local mode) and graph building.

Run (2-core machine; the Spark extra and Java installed):

    PYTHONPATH=. .venv/bin/python benchmarks/spark.py screen --home DIR --names 1000000
    PYTHONPATH=. .venv/bin/python benchmarks/spark.py graph --edges 5000000 --out /tmp/csr

`screen`: DIR is an Interdict data directory (UN + OFAC SDN are loaded into it from the shared data
if it has no lists). Generates `--names` customer-like names (engine_speed's distinct mix), screens
them with the embedded batch (`screen_many`, every core) and with `--engine spark` on local[2]
(the same names) and local[1] (`--per-core-names` of them: one executor core), and prints names/s,
the Spark start-up overhead (a 100-name batch end to end) and the throughput per executor core.

`graph`: generates a ledger of `--edges` transfers (Parquet, the generic schema; addresses = edges /
5, a few hubs), builds its CSR files with Spark (`interdict.spark.graph.build_flow_csr`) and prints
the time and the files.
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import orjson

from interdict.core import config

ROOT = Path(__file__).resolve().parent.parent


def _ensure_lists(home: Path) -> None:
    from interdict.core.store import connect
    from interdict.lists.formats import ofac_advanced, un
    from interdict.lists.store import ListStore

    conn = connect(home / "interdict.duckdb")
    try:
        store = ListStore(conn)
        if store.active_versions():
            return
        data = config.shared_data_dir()
        if data is None:
            sys.exit("no lists in --home and no shared data to load them from")
        lists = data / "lists"
        store.load(un.parse(lists / "un" / "consolidated.xml"))
        store.load(ofac_advanced.parse(lists / "ofac" / "sdn_advanced_2025-11" / "sdn_advanced.xml.bz2"))
    finally:
        conn.close()


def _write_names(path: Path, n: int) -> None:
    from engine_speed import names

    from interdict.services.name_screening import open_index

    listed = [e.primary_name for e in open_index().entities]
    queries = names(random.Random(16), n, listed, distinct=True)
    with path.open("wb") as fh:
        for i, q in enumerate(queries):
            fh.write(orjson.dumps({"id": f"c{i}", "name": q.name}) + b"\n")


def _tree_cpu(root: int) -> float:
    """CPU seconds of a process and its descendants, living or reaped (Linux /proc)."""
    total, stack, tick = 0.0, [root], os.sysconf("SC_CLK_TCK")
    while stack:
        pid = stack.pop()
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
            total += sum(int(v) for v in fields[11:15]) / tick  # utime stime cutime cstime
            for task in Path(f"/proc/{pid}/task").iterdir():
                stack += [int(c) for c in (task / "children").read_text().split()]
        except (OSError, ValueError):
            continue
    return total


def _tree_rss(root: int) -> int:
    """Resident bytes of a process and its living descendants (Linux /proc)."""
    total, stack = 0, [root]
    while stack:
        pid = stack.pop()
        try:
            total += int(Path(f"/proc/{pid}/statm").read_text().split()[1]) * os.sysconf("SC_PAGE_SIZE")
            for task in Path(f"/proc/{pid}/task").iterdir():
                stack += [int(c) for c in (task / "children").read_text().split()]
        except (OSError, ValueError):
            continue
    return total


class PeakMemory:
    """The highest resident size of this process tree (JVM and Python workers), sampled each second."""

    def __init__(self) -> None:
        import threading

        self.peak, self._stop = 0, threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def _run(self) -> None:
        while not self._stop.wait(1.0):
            self.peak = max(self.peak, _tree_rss(os.getpid()))

    def stop(self) -> int:
        self._stop.set()
        self._thread.join()
        return self.peak


def _load() -> str:
    return "load average " + " ".join(f"{v:.1f}" for v in os.getloadavg())


def _embedded(path: Path) -> tuple[float, float]:
    from interdict.screening import screen_many
    from interdict.services.name_screening import open_index, read_batch_file

    rows = read_batch_file(path).good
    index = open_index()
    before, start = os.times(), time.perf_counter()
    for _ in screen_many(index, (r.query for r in rows), expected=len(rows)):
        pass
    after = os.times()
    cpu = sum(after[:4]) - sum(before[:4])  # this process and its reaped workers
    return time.perf_counter() - start, cpu


def _spark(path: Path, out: Path, master: str) -> tuple[float, float]:
    from interdict.services.spark_screening import SparkBatchRequest, screen_batch_spark
    from interdict.spark.session import session

    session(master).stop()  # started and stopped once: page cache and JIT warm, as a cluster's would be
    before, start = _tree_cpu(os.getpid()), time.perf_counter()
    screen_batch_spark(SparkBatchRequest(path, out, master=master, partitions=8))
    took, cpu = time.perf_counter() - start, _tree_cpu(os.getpid()) - before
    from pyspark.sql import SparkSession

    active = SparkSession.getActiveSession()
    if active is not None:
        active.stop()
    return took, cpu


def bench_screen(home: Path, n: int, per_core: int, folder: Path) -> None:
    os.environ["INTERDICT_HOME"] = str(home)
    _ensure_lists(home)
    folder.mkdir(parents=True, exist_ok=True)
    big, small, part = folder / "names.jsonl", folder / "small.jsonl", folder / "part.jsonl"
    _write_names(big, n)
    _write_names(small, 100)
    _write_names(part, per_core)
    # CPU seconds (the process tree's, workers and JVM included) are what a loaded, shared machine
    # cannot distort: names per CPU second is the rate of one dedicated core.
    emb, cpu = _embedded(big)
    print(f"| embedded screen_many, 2 workers | {n:,} names | {emb:.1f} s wall, {cpu:.1f} s CPU "
          f"| {n / emb:,.0f} names/s wall | {n / cpu:,.0f} names per CPU s |")
    overhead, o_cpu = _spark(small, folder / "small.out.jsonl", "local[2]")
    print(f"| spark local[2], 100 names (start-up overhead) | 100 | {overhead:.1f} s wall, "
          f"{o_cpu:.1f} s CPU |")
    for master, path, count in (("local[2]", big, n), ("local[1]", part, per_core)):
        took, cpu = _spark(path, folder / "spark.out.jsonl", master)
        print(f"| spark {master} | {count:,} names | {took:.1f} s wall, {cpu:.1f} s CPU "
              f"| {count / took:,.0f} names/s wall | {count / max(cpu - o_cpu, 1e-9):,.0f} names per CPU s "
              "(start-up CPU taken off) |")


def _ledger(path: Path, edges: int) -> None:
    import duckdb

    nodes = max(edges // 5, 10)
    con = duckdb.connect()
    # A few hubs (exchanges) take a fifth of the transfers; the rest between random accounts.
    con.execute(f"""COPY (SELECT 'a' || CASE WHEN random() < 0.1 THEN (random() * 50)::BIGINT
                                           ELSE (random() * {nodes})::BIGINT END AS "from",
                                'a' || CASE WHEN random() < 0.1 THEN (random() * 50)::BIGINT
                                           ELSE (random() * {nodes})::BIGINT END AS "to",
                                'ETH' AS asset, (random() * 1e12)::BIGINT AS amount,
                                1600000000 + i AS time, 't' || i AS tx_id
                         FROM range({edges}) r(i)) TO '{path}' (FORMAT parquet)""")
    con.close()


def _timed_steps() -> None:
    """Print each step of the build as it ends (wall and process-tree CPU): the profile."""
    import functools

    from interdict.spark import graph

    def timed(name: str, fn: Any) -> Any:
        @functools.wraps(fn)
        def run(*args: Any, **kwargs: Any) -> Any:
            before, start = _tree_cpu(os.getpid()), time.perf_counter()
            out = fn(*args, **kwargs)
            label = name if name != "write_columns" else f"write_columns {[c.name for c in args[1]]}"
            print(f"  step {label}: {time.perf_counter() - start:.1f} s wall, "
                  f"{_tree_cpu(os.getpid()) - before:.1f} s CPU", flush=True)
            return out
        return run

    for name in ("_scan", "write_columns", "write_scattered", "write_pointers", "_address_ids", "_write_csr"):
        setattr(graph, name, timed(name, getattr(graph, name)))


def bench_graph(edges: int, out: Path, partitions: int, memory: str) -> None:
    from interdict.spark.graph import build_flow_csr
    from interdict.spark.session import session
    from interdict.tracing.sources.csr_files import read_flow_csr

    out.mkdir(parents=True, exist_ok=True)
    ledger = out / f"ledger-{edges}.parquet"
    if not ledger.exists():
        start = time.perf_counter()
        _ledger(ledger, edges)
        print(f"generated {edges:,} transfers in {time.perf_counter() - start:.1f} s "
              f"({ledger.stat().st_size / 1e6:.0f} MB Parquet)", flush=True)
    spark = session("local[2]", "interdict graph bench", partitions=partitions, driver_memory=memory)
    print(f"spark started, {_load()}", flush=True)
    _timed_steps()
    peak = PeakMemory()
    before, start = _tree_cpu(os.getpid()), time.perf_counter()
    summary = build_flow_csr(spark, str(ledger), out / f"csr-{edges}")
    took, cpu = time.perf_counter() - start, _tree_cpu(os.getpid()) - before
    spark.stop()
    size = sum(f.stat().st_size for f in summary.folder.iterdir())
    print(f"| spark local[2] CSR build, {partitions} shuffle partitions, driver {memory} | {edges:,} edges "
          f"| {summary.nodes:,} nodes | {summary.pairs:,} pairs | {took:.0f} s wall, {cpu:.0f} s CPU "
          f"| {edges / cpu:,.0f} edges per CPU s | peak {peak.stop() / 2**30:.1f} GiB resident "
          f"| {size / 1e6:.0f} MB of files | {_load()} |", flush=True)
    start = time.perf_counter()
    g = read_flow_csr(summary.folder)
    print(f"read_flow_csr (memory-mapped): {time.perf_counter() - start:.2f} s, {g.n_edges:,} edges")
    for f in sorted(summary.folder.iterdir()):
        print(f"  {f.name} {f.stat().st_size / 1e6:.1f} MB")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="what", required=True)
    s = sub.add_parser("screen")
    s.add_argument("--home", type=Path, required=True)
    s.add_argument("--names", type=int, default=1_000_000)
    s.add_argument("--per-core-names", type=int, default=200_000, help="names for the local[1] run")
    s.add_argument("--work", type=Path, default=Path("/tmp/interdict-spark-bench"))
    g = sub.add_parser("graph")
    g.add_argument("--edges", type=int, default=5_000_000)
    g.add_argument("--out", type=Path, default=Path("/tmp/interdict-spark-graph"))
    g.add_argument("--partitions", type=int, default=16, help="spark.sql.shuffle.partitions")
    g.add_argument("--driver-memory", default="8g", help="the local JVM's heap (executors live in it)")
    args = parser.parse_args()
    if args.what == "screen":
        bench_screen(args.home, args.names, args.per_core_names, args.work)
    else:
        bench_graph(args.edges, args.out, args.partitions, args.driver_memory)


if __name__ == "__main__":
    main()
