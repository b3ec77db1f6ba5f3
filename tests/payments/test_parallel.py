"""The multi-process path of `payments screen`: workers read and screen, the parent decides and
stores; it must give exactly the single-process decisions, in the same order."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

import pytest

from interdict.core.errors import MessageFormatError
from interdict.core.store import connect
from interdict.payments.iso20022 import SchemaSet
from interdict.payments.parallel import screen_parallel
from interdict.payments.reader import iter_files, read_bytes
from synthetic.payments import TrafficGenerator, mt_batch, render_pacs008
from tests.payments.conftest import PipelineFactory
from tests.payments.test_cli import WATCHLIST


def _jobs(payments_data: Path) -> list[tuple[bytes, str]]:
    transfers = TrafficGenerator(seed=5, senders=12).transfers(400, date(2026, 11, 2), 5)
    jobs = [(mt_batch(transfers[:300], separator="$").encode(), "big.rje")]  # one file of many messages
    jobs += [(render_pacs008(t).encode(), f"mx{k}.xml") for k, t in enumerate(transfers[300:])]
    jobs += [(f.read_bytes(), f.name) for f in iter_files([payments_data])]  # broken files too
    return jobs


@pytest.mark.shared
def test_parallel_gives_the_single_process_decisions_in_order(
    make_pipeline: PipelineFactory, payments_data: Path, schemas: SchemaSet
) -> None:
    jobs = _jobs(payments_data)
    items = [i for data, source in jobs for i in read_bytes(data, source, schemas)]
    single = [o.decision for o in make_pipeline().run(items)]

    pipeline = make_pipeline()
    found = list(screen_parallel(jobs, pipeline.screener, schemas, 2))
    assert [s.item.message_id for s in found] == [i.message_id for i in items]
    # format errors cross the process boundary intact (source, place and detail)
    errors = [e for s in found for e in s.item.errors]
    assert errors and all(isinstance(e, MessageFormatError) and e.source and e.detail for e in errors)
    assert [str(e) for e in errors] == [str(e) for i in items for e in i.errors]
    parallel = [o.decision for o in pipeline.run_screened((s.item, s.hits) for s in found)]
    assert parallel == single
    assert {d.decision for d in parallel} == {"release", "hold"}


def test_kill_9_with_worker_processes_then_rerun_decides_each_message_once(
    interdict_home: Path, tmp_path: Path
) -> None:
    env = {**os.environ, "INTERDICT_HOME": str(interdict_home)}
    load = [sys.executable, "-m", "interdict", "lists", "load", str(WATCHLIST)]
    subprocess.run(load, env=env, check=True, capture_output=True, timeout=120)
    folder = tmp_path / "mx"
    folder.mkdir()
    for k, t in enumerate(TrafficGenerator(seed=12, senders=30).transfers(3000, date(2026, 11, 2), 5)):
        (folder / f"{k:05d}.xml").write_text(render_pacs008(t))
    out = tmp_path / "out.jsonl"
    cmd = [sys.executable, "-m", "interdict", "payments", "screen", str(folder), "--out", str(out)]
    cmd += ["--workers", "2"]
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline and proc.poll() is None:
        if out.exists() and out.read_bytes().count(b"\n") >= 300:
            break
        time.sleep(0.02)
    assert proc.poll() is None, "the run finished before it could be killed: make it larger"
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    rerun = subprocess.run(cmd, env=env, capture_output=True, timeout=180, check=False)
    assert rerun.returncode in (0, 1), rerun.stderr
    with connect(interdict_home / "interdict.duckdb") as conn:
        rows = conn.execute("SELECT message_id, count(*) FROM payment_decisions GROUP BY 1").fetchall()
    lines = [json.loads(x)["message_id"] for x in out.read_text().splitlines()]
    assert len(lines) == 3000 and len(rows) == 3000 and all(n == 1 for _, n in rows)
    assert {m for m, _ in rows} == set(lines)
