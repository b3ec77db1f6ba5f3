"""`interdict demo` on the real shared lists: loads, screens, and is idempotent."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from interdict.cli import app
from interdict.core import config

runner = CliRunner()


def _demo(*args: str) -> str:
    result = runner.invoke(app, ["demo", *args], env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.stderr or result.output
    return result.stdout


def _row(out: str, query: str) -> str:
    return next(line for line in out.splitlines() if line.startswith(f"│ {query} "))


@pytest.mark.shared
def test_demo_on_shared_data_is_idempotent(interdict_home: Path, shared_data: Path) -> None:
    first = _demo("--source", "shared")
    assert "the real lists in" in first
    assert first.count(" new ") >= 3
    assert "24918" in _row(first, "Pak Jin Hyok")  # OFAC's Park Jin Hyok (Lazarus Group)
    assert "24918" in _row(first, "박진혁")
    assert "KOREA DAESONG BANK" in _row(first, "KDBKKPPY")
    assert "Kim Jong Un" in _row(first, "Kim Jong Un")
    assert "no match" in _row(first, "Kookmin Bank")
    second = _demo()
    assert second.count("no-op (already loaded)") >= 3 and " new " not in second
    assert "24918" in _row(second, "Pak Jin Hyok")


def test_demo_on_the_bundled_samples(interdict_home: Path) -> None:
    if not any((config.bundled_data_dir() / "lists").glob("*")):
        pytest.skip("the bundled samples are not written yet")
    out = _demo("--source", "bundled")
    assert "samples bundled with Interdict" in out
    assert "no match" in _row(out, "Kookmin Bank")
