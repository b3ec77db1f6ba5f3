"""`interdict screen` while another process loads a list: it keeps screening, never a traceback.

Probe of issue 11: a screen during a list load printed DuckDB's lock traceback and exited 1, the
exit code of a match. Real processes, a real list load (OFAC SDN, several seconds of parsing).
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]

_HOLD_SCRIPT = """
import sys, time, duckdb
conn = duckdb.connect(sys.argv[1])
print("holding", flush=True)
time.sleep(float(sys.argv[2]))
conn.close()
"""


def _env(home: Path, **extra: str) -> dict[str, str]:
    return {**os.environ, "INTERDICT_HOME": str(home), "PYTHONPATH": str(REPO), "COLUMNS": "200", **extra}


def _cli(home: Path, *args: str, **extra: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "interdict", *args], capture_output=True, text=True,
                          env=_env(home, **extra), cwd=REPO, timeout=300)


def _hold(home: Path, seconds: float) -> subprocess.Popen[str]:
    """Another process holding the database file for writing, as a list load does."""
    db = str(home / "interdict.duckdb")
    proc = subprocess.Popen([sys.executable, "-c", _HOLD_SCRIPT, db, str(seconds)],
                            stdout=subprocess.PIPE, text=True)
    assert proc.stdout is not None and proc.stdout.readline().strip() == "holding"
    return proc


def test_screen_keeps_working_during_a_real_list_load(tmp_path: Path, test_data: Path,
                                                      shared_data: Path) -> None:
    home = tmp_path / "home"
    assert _cli(home, "lists", "load", str(test_data / "lists" / "un_v1.xml")).returncode == 0
    assert _cli(home, "screen", "RI WON HO").returncode == 1  # builds the cache
    ofac = shared_data / "lists" / "ofac" / "sdn_advanced_2025-11" / "sdn_advanced.xml.bz2"
    loader = subprocess.Popen([sys.executable, "-m", "interdict", "lists", "load", str(ofac)],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                              env=_env(home), cwd=REPO)
    screens: list[subprocess.CompletedProcess[str]] = []
    while loader.poll() is None and len(screens) < 6:
        screens.append(_cli(home, "screen", "RI WON HO"))
    _, err = loader.communicate()
    assert loader.returncode == 0, err
    assert len(screens) >= 2  # the load (parse + write) lasts several screens
    for done in screens:
        assert "Traceback" not in done.stderr
        assert done.returncode == 1, done.stderr  # a match, every time: the lists stayed readable
        assert "KPi.033" in done.stdout
    assert _cli(home, "screen", "RI WON HO").returncode == 1


def test_screen_waits_out_a_short_lock_and_fails_cleanly_on_a_long_one(tmp_path: Path,
                                                                      test_data: Path) -> None:
    home = tmp_path / "home"
    assert _cli(home, "lists", "load", str(test_data / "lists" / "un_v1.xml")).returncode == 0
    holder = _hold(home, 3.0)
    done = _cli(home, "screen", "RI WON HO")
    holder.wait()
    assert done.returncode == 1, done.stderr
    assert "KPi.033" in done.stdout

    holder = _hold(home, 60.0)
    try:
        started = time.monotonic()
        done = _cli(home, "screen", "RI WON HO", INTERDICT_LOCK_WAIT="1")
        assert time.monotonic() - started < 50
    finally:
        holder.kill()
        holder.wait()
    assert done.returncode == 2
    assert "Traceback" not in done.stderr
    lines = [line for line in done.stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and "another process" in lines[0], done.stderr
