"""Start-up: `interdict --help` imports no engine; the lazy command table agrees with the commands."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from typer.core import TyperGroup

from interdict.cli.lazy import COMMANDS, load_command

ROOT = Path(__file__).resolve().parents[2]
HEAVY = ("duckdb", "followthemoney", "numpy", "numba", "lxml", "interdict.screening", "interdict.lists",
         "interdict.payments", "interdict.tracing", "sqlalchemy", "fastapi")


def modules_after(args: list[str], home: Path) -> set[str]:
    """The modules loaded by running the CLI with `args` in a fresh interpreter."""
    code = ("import sys, json\nfrom interdict.cli import app\n"
            f"try:\n    app({args!r})\nexcept SystemExit:\n    pass\n"
            "sys.stderr.write('\\nMODULES' + json.dumps(sorted(sys.modules)))\n")
    env = {**os.environ, "PYTHONPATH": str(ROOT), "INTERDICT_HOME": str(home)}
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env,
                          check=False, cwd=ROOT)
    return set(json.loads(done.stderr.rsplit("MODULES", 1)[1]))


def test_help_imports_no_engine(tmp_path: Path) -> None:
    loaded = modules_after(["--help"], tmp_path)
    assert "typer" in loaded and "interdict.cli.lazy" in loaded
    assert not [m for m in loaded if m.split(".")[0] in HEAVY or m.startswith(HEAVY)]


def test_match_imports_neither_duckdb_nor_followthemoney(tmp_path: Path) -> None:
    loaded = modules_after(["match", "Pak Jin Hyok", "Park Jin Hyok"], tmp_path)
    assert "interdict.screening.engine" in loaded
    assert not {"duckdb", "followthemoney", "interdict.cli.payments"} & loaded


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_lazy_table_agrees_with_each_command(name: str) -> None:
    command = load_command(name)
    assert command.name == name
    assert command.get_short_help_str(limit=300) == COMMANDS[name].help
    assert isinstance(command, TyperGroup) == (COMMANDS[name].attr.endswith("app"))
