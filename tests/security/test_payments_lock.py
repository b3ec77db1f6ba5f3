"""Issue 11 §5: `interdict payments screen`, `learn` and `show` while another process holds the
database (a list load): they wait a bounded time, then fail with one line and exit 2, nothing
decided; never DuckDB's lock traceback with exit 1 (the exit code of a held payment).

Real processes: a second Python process holds the DuckDB file for writing, as a list load does."""

from __future__ import annotations

import subprocess
import time
from pathlib import Path

import duckdb

from tests.security.messages import pacs008
from tests.security.test_lists_concurrent_screen import _cli, _hold


def _decisions(home: Path) -> int:
    conn = duckdb.connect(str(home / "interdict.duckdb"), read_only=True)
    try:
        row = conn.execute("SELECT count(*) FROM payment_decisions").fetchone()
    finally:
        conn.close()
    return int(row[0]) if row else 0


def _one_line(done: subprocess.CompletedProcess[str]) -> str:
    assert done.returncode == 2, (done.returncode, done.stdout, done.stderr)
    assert "Traceback" not in done.stderr
    lines = [line for line in done.stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and "another process" in lines[0], done.stderr
    return lines[0]


def test_payments_screen_waits_out_a_short_lock(tmp_path: Path, test_data: Path) -> None:
    home = tmp_path / "home"
    assert _cli(home, "lists", "load", str(test_data / "lists" / "un_v1.xml")).returncode == 0
    message = tmp_path / "pay.xml"
    message.write_bytes(pacs008("LOCK-SHORT-1"))
    holder = _hold(home, 3.0)
    done = _cli(home, "payments", "screen", str(message), "--json")
    holder.wait()
    assert done.returncode == 0, done.stderr
    assert '"decision":"release"' in done.stdout
    assert _decisions(home) == 1


def test_payments_commands_fail_cleanly_on_a_long_lock_and_decide_nothing(
    tmp_path: Path, test_data: Path
) -> None:
    home = tmp_path / "home"
    assert _cli(home, "lists", "load", str(test_data / "lists" / "un_v2.xml")).returncode == 0
    first, listed = tmp_path / "first.xml", tmp_path / "listed.xml"
    first.write_bytes(pacs008("LOCK-FIRST-1"))
    listed.write_bytes(pacs008("LOCK-LONG-1", "FOREIGN TRADE BANK"))
    assert _cli(home, "payments", "screen", str(first)).returncode == 0
    before = _decisions(home)

    holder = _hold(home, 120.0)
    try:
        started = time.monotonic()
        screen = _cli(home, "payments", "screen", str(listed), "--json", INTERDICT_LOCK_WAIT="1")
        learn = _cli(home, "payments", "learn", str(first), INTERDICT_LOCK_WAIT="1")
        show = _cli(home, "payments", "show", "LOCK-FIRST-1", INTERDICT_LOCK_WAIT="1")
        assert time.monotonic() - started < 100  # each waited about a second, not for the holder
    finally:
        holder.kill()
        holder.wait()
    assert "cannot open the database" in _one_line(screen)
    assert screen.stdout.strip() == ""  # no decision printed
    _one_line(learn)
    _one_line(show)
    assert _decisions(home) == before  # nothing decided
