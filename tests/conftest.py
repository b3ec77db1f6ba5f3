"""Session-wide fixtures: the shared real data, and real lists parsed once per test session."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest

from interdict.core import config
from interdict.lists.parsed import ParsedList

REPO = Path(__file__).resolve().parent.parent
TEST_DATA = Path(__file__).resolve().parent / "data"


def in_ci() -> bool:
    """True when the suite runs in CI (`CI=true`, as `.ci/run` sets it)."""
    return os.environ.get("CI", "").lower() in {"1", "true", "yes"}


def skip_or_fail(reason: str) -> None:
    """Skip a test whose service or data is missing, except in CI (`CI=true`), where it must be there."""
    if in_ci():
        pytest.fail(f"required in CI: {reason}")
    pytest.skip(reason)


@pytest.fixture(scope="session")
def shared_data() -> Path:
    """`../shared/data` (present on development machines and in CI); tests needing it skip elsewhere."""
    path = config.shared_data_dir()
    if path is None:
        skip_or_fail("../shared/data is not present on this machine")
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


@pytest.fixture(scope="session")
def un_parsed(shared_data: Path) -> ParsedList:
    """The real UN consolidated list (shared data), parsed once per session."""
    from interdict.lists.formats import un

    return un.parse(shared_data / "lists" / "un" / "consolidated.xml")


@pytest.fixture(scope="session")
def ofac_sdn_parsed(shared_data: Path) -> ParsedList:
    """The real OFAC SDN advanced XML (2025-11, bzip2 stream), parsed once per session (~7 s)."""
    from interdict.lists.formats import ofac_advanced

    folder = shared_data / "lists" / "ofac" / "sdn_advanced_2025-11"
    return ofac_advanced.parse(folder / "sdn_advanced.xml.bz2")


@pytest.fixture(scope="session")
def real_index(un_parsed: ParsedList, ofac_sdn_parsed: ParsedList) -> Any:
    """The screening index over the real UN and OFAC SDN lists, built once per session (~8 s)."""
    from interdict.screening import build_index

    return build_index([*un_parsed.entities, *ofac_sdn_parsed.entities])
