"""The `interdict payments` command line: in-process through typer's runner, and as a real
subprocess for the kill -9 in the middle of a batch."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from datetime import date, datetime
from pathlib import Path

import pytest
from typer.testing import CliRunner

from interdict.cli import app
from interdict.core.store import connect
from interdict.payments.reader import iter_files, read_bytes
from synthetic.payments import TrafficGenerator, mt_batch, render_pacs008

REPO = Path(__file__).resolve().parents[2]
WATCHLIST = REPO / "tests" / "data" / "payments" / "watchlist.csv"


runner = CliRunner()


class Run:
    """The outcome of one in-process CLI invocation (bytes, like a subprocess's)."""

    def __init__(self, args: tuple[str, ...], stdin: bytes | None) -> None:
        result = runner.invoke(app, list(args), input=stdin)
        self.returncode = result.exit_code
        self.stdout = result.stdout_bytes
        self.stderr = result.stderr_bytes


def _env(home: Path) -> dict[str, str]:
    return {**os.environ, "INTERDICT_HOME": str(home)}


def _cli(home: Path, *args: str, stdin: bytes | None = None) -> Run:
    assert os.environ["INTERDICT_HOME"] == str(home)
    return Run(args, stdin)


@pytest.fixture()
def home(interdict_home: Path) -> Path:
    """A data directory with the hand-written payments watchlist loaded."""
    assert _cli(interdict_home, "lists", "load", str(WATCHLIST)).returncode == 0
    return interdict_home


@pytest.mark.shared
def test_screen_show_allow_and_rescreen(home: Path, payments_data: Path, tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    run = _cli(home, "payments", "screen", str(payments_data), "--out", str(out))
    assert run.returncode == 1, run.stderr  # some held
    assert b"Payment decisions" in run.stdout
    lines = [json.loads(x) for x in out.read_text().splitlines()]
    base = {"message_id", "uetr", "type", "source", "decision", "reasons", "parties"}
    base |= {"list_versions", "repeat"}
    assert set(lines[0]) == base | {"event_time", "clock", "risk"}  # the clock the controls used
    jup = next(x for x in lines if x["source"].endswith("pacs008_unstructured.xml"))
    assert jup["decision"] == "hold"
    hit = next(r for r in jup["reasons"] if r["kind"] == "sanctions")
    assert (
        hit["detail"]["entity"] == "internal:PAY-0001" and hit["detail"]["value"] == "JUPITER STREET BRANCH"
    )
    assert all(x["decision"] == "hold" for x in lines if Path(x["source"]).name.startswith("broken_"))

    show = _cli(home, "payments", "show", jup["uetr"])
    assert show.returncode == 0 and b"JUPITER" in show.stdout and b"HOLD" in show.stdout

    add = _cli(
        home,
        "payments",
        "allow",
        "add",
        "--query",
        "JUPITER STREET BRANCH",
        "--entity",
        "internal:PAY-0001",
        "--reason",
        "street of the beneficiary bank branch, not the vessel",
        "--author",
        "analyst.kim",
        "--expires",
        "2099-12-31",
    )
    assert add.returncode == 0, add.stderr
    audit = _cli(home, "payments", "allow", "list", "--audit")
    assert b"analyst.kim" in audit.stdout and b"add" in audit.stdout

    # The stored decision stands (decided once); a new message with the same branch address is released.
    again = _cli(home, "payments", "screen", str(payments_data / "pacs008_unstructured.xml"), "--json")
    assert json.loads(again.stdout.splitlines()[0])["decision"] == "hold"
    assert json.loads(again.stdout.splitlines()[0])["repeat"] is True
    fresh = (payments_data / "pacs008_unstructured.xml").read_text()
    fresh = fresh.replace("HAND-PACS8-1", "HAND-PACS8-2").replace(
        "0c1f3f8e-6a55-4f2c-9d0e-5b2a7c9e1d01", "0c1f3f8e-6a55-4f2c-9d0e-5b2a7c9e1d02"
    )
    fresh = fresh.replace("2026-11-21T03:12:00", "2026-11-23T11:12:00").replace("2026-11-21", "2026-11-23")
    new = _cli(home, "payments", "screen", "-", "--json", stdin=fresh.encode())
    decision = json.loads(new.stdout.splitlines()[0])
    assert decision["decision"] == "release", decision
    assert any(r["kind"] == "suppressed" and "analyst.kim" in r["message"] for r in decision["reasons"])


def test_learn_then_screen(home: Path, tmp_path: Path) -> None:
    gen = TrafficGenerator(seed=3, senders=3)
    history = gen.transfers(60, date(2026, 10, 1), 20)
    today = [gen.repeat(t, datetime(2026, 11, 3, 10, n)) for n, t in enumerate(history[:5])]
    (tmp_path / "history.fin").write_text(mt_batch(history))
    (tmp_path / "today").mkdir()
    for n, t in enumerate(today):
        (tmp_path / "today" / f"{n}.xml").write_text(render_pacs008(t))
    learn = _cli(home, "payments", "learn", str(tmp_path / "history.fin"))
    assert learn.returncode == 0 and b"learned 60 new payments" in learn.stdout
    again = _cli(home, "payments", "learn", str(tmp_path / "history.fin"))
    assert b"learned 0 new payments (60 known)" in again.stdout
    run = _cli(home, "payments", "screen", str(tmp_path / "today"), "--json")
    decisions = [json.loads(x) for x in run.stdout.splitlines()]
    assert len(decisions) == 5
    fired = {
        r.get("detail", {}).get("control") for d in decisions for r in d["reasons"] if r["kind"] == "control"
    }
    assert "new_beneficiary" not in fired  # recurring beneficiaries are known after learning


def test_missing_path_and_bad_policy_are_input_errors(home: Path, tmp_path: Path) -> None:
    run = _cli(home, "payments", "screen", str(tmp_path / "nope.fin"))
    assert run.returncode == 2 and b"no such file or folder" in run.stderr
    bad = tmp_path / "policy.yaml"
    bad.write_text("controls:\n  velocity: sometimes\n")
    run = _cli(home, "payments", "screen", str(WATCHLIST), "--policy", str(bad))
    assert run.returncode == 2 and b"controls.velocity" in run.stderr


def test_kill_9_mid_batch_then_rerun_decides_every_message_exactly_once(home: Path, tmp_path: Path) -> None:
    gen = TrafficGenerator(seed=11, senders=30)
    batch = tmp_path / "batch"
    batch.mkdir()
    transfers = gen.transfers(3000, date(2026, 11, 2), 5)
    for k in range(3):
        (batch / f"part{k}.fin").write_text(
            mt_batch(transfers[k * 1000 : (k + 1) * 1000], separator="$" if k else "")
        )
    expected = {i.message_id for f in iter_files([batch]) for i in read_bytes(f.read_bytes(), f.name)}
    assert len(expected) == 3000
    out = tmp_path / "out.jsonl"
    cmd = [sys.executable, "-m", "interdict", "payments", "screen", str(batch), "--out", str(out)]
    proc = subprocess.Popen(cmd, env=_env(home), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and proc.poll() is None:
        if out.exists() and out.read_bytes().count(b"\n") >= 300:
            break
        time.sleep(0.02)
    assert proc.poll() is None, "the batch finished before it could be killed: make it larger"
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    with connect(home / "interdict.duckdb") as conn:
        (partial,) = conn.execute("SELECT count(*) FROM payment_decisions").fetchone()  # type: ignore[misc]
    assert 256 <= partial < 3000

    rerun = subprocess.run(cmd, env=_env(home), capture_output=True, timeout=120, check=False)
    assert rerun.returncode in (0, 1), rerun.stderr
    with connect(home / "interdict.duckdb") as conn:
        rows = conn.execute("SELECT message_id, count(*) FROM payment_decisions GROUP BY 1").fetchall()
    assert {m for m, _ in rows} == expected and all(n == 1 for _, n in rows)
    lines = [json.loads(x)["message_id"] for x in out.read_text().splitlines()]
    assert len(lines) == 3000 and set(lines) == expected


@pytest.mark.shared
def test_screen_every_shared_sample_from_the_cli(home: Path, shared_data: Path, tmp_path: Path) -> None:
    out = tmp_path / "shared.jsonl"
    run = _cli(home, "payments", "screen", str(shared_data / "payments"), "--out", str(out))
    assert run.returncode == 1 and b"MT202 COV" in run.stdout and b"pacs.009.001.11 COV" in run.stdout
    lines = [json.loads(x) for x in out.read_text().splitlines()]
    assert len(lines) == 156  # every message and transaction of the 149 files, none dropped
    assert {x["decision"] for x in lines} <= {"release", "hold", "reject"}
    held_files = {
        Path(x["source"].split("#")[0]).name
        for x in lines
        if x["reasons"] and x["reasons"][0]["kind"] == "error"
    }
    assert "prowide_MT103-out-ack_11.fin" in held_files and "ballerina_MT202_fin1.fin" in held_files
