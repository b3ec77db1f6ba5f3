"""Session-wide fixtures: the shared real data, and real lists parsed once per test session."""

from __future__ import annotations

from pathlib import Path

import pytest

from interdict.core import config

REPO = Path(__file__).resolve().parent.parent
TEST_DATA = Path(__file__).resolve().parent / "data"


@pytest.fixture(scope="session")
def shared_data() -> Path:
    """`../shared/data` (present on development machines and in CI); tests needing it skip elsewhere."""
    path = config.shared_data_dir()
    if path is None:
        pytest.skip("../shared/data is not present on this machine")
    return path


@pytest.fixture(scope="session")
def test_data() -> Path:
    """Small hand-written fixtures in official formats, kept in the repo."""
    return TEST_DATA


@pytest.fixture()
def interdict_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A fresh, empty data directory for one test."""
    home = tmp_path / "home"
    monkeypatch.setenv("INTERDICT_HOME", str(home))
    return home
