"""`--engine spark` without Java (or pyspark) stops with what to install, before touching anything."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from tests.conftest import REPO


def test_spark_without_java_says_what_to_install(tmp_path: Path) -> None:
    batch = tmp_path / "in.jsonl"
    batch.write_text('{"id": "1", "name": "Kim Jong Un"}\n')
    env = {k: v for k, v in os.environ.items() if k != "JAVA_HOME"}
    env.update(PATH=str(tmp_path), INTERDICT_HOME=str(tmp_path / "home"), PYTHONPATH=str(REPO))
    done = subprocess.run([sys.executable, "-m", "interdict", "screen", "--batch", str(batch), "--out",
                           str(tmp_path / "out.jsonl"), "--engine", "spark"],
                          env=env, cwd=REPO, capture_output=True, text=True, check=False)
    assert done.returncode == 2
    assert "openjdk-17-jre-headless" in done.stderr and "JAVA_HOME" in done.stderr
    assert not (tmp_path / "out.jsonl").exists()


def test_an_unknown_engine_is_refused(tmp_path: Path) -> None:
    env = {**os.environ, "INTERDICT_HOME": str(tmp_path), "PYTHONPATH": str(REPO)}
    args = ["screen", "--batch", "x.csv", "--engine", "dask"]
    done = subprocess.run([sys.executable, "-m", "interdict", *args], env=env, cwd=REPO,
                          capture_output=True, text=True, check=False)
    assert done.returncode == 2 and "embedded or spark" in done.stderr
