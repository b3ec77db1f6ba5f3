"""Web tests: a real server and the system Chromium driven by Playwright (never a downloaded browser)."""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from interdict.core import config
from interdict.screening import ScreeningIndex
from interdict.services.screening import load_store_index
from tests.api.servers import Server, load_lists, running
from tests.cases.dbs import make_store
from tests.conftest import skip_or_fail

# The README's pictures are refreshed only on request (INTERDICT_SCREENSHOTS=docs/screenshots): a test
# run must not rewrite tracked files. Otherwise the shots go to a throw-away folder (still taken, so a
# page that cannot render fails the test).
SCREENSHOTS = (
    Path(os.environ["INTERDICT_SCREENSHOTS"])
    if os.environ.get("INTERDICT_SCREENSHOTS")
    else Path(tempfile.gettempdir()) / "interdict-screenshots"
)
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]


def chromium_path() -> str:
    """The system Chromium, or skip with the reason."""
    path = os.environ.get("INTERDICT_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
    if not Path(path).exists():
        note = (
            os.environ.get("INTERDICT_SERVICES_NOTE")
            or "install Debian's chromium (./dev test does, as root)"
        )
        skip_or_fail(f"no system Chromium: {note}")
    return path


@pytest.fixture(scope="session")
def web_lists_home(tmp_path_factory: pytest.TempPathFactory, test_data: Path) -> Path:
    """Two small UN versions (for the diff page), plus the real UN list when the shared data is here."""
    home = tmp_path_factory.mktemp("web-lists")
    files = [test_data / "lists/un_v1.xml", test_data / "lists/un_v2.xml"]
    shared = config.shared_data_dir()
    if shared is not None and (shared / "lists/un/consolidated.xml").exists():
        files.append(shared / "lists/un/consolidated.xml")
    load_lists(home, files)
    return home


@pytest.fixture(scope="session")
def web_index(web_lists_home: Path) -> ScreeningIndex:
    """The index of those lists."""
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("INTERDICT_HOME", str(web_lists_home))
        return load_store_index()


@pytest.fixture()
def web_server(
    tmp_path: Path, web_lists_home: Path, web_index: ScreeningIndex, monkeypatch: pytest.MonkeyPatch
) -> Iterator[Server]:
    """A running server (SQLite case store) whose users also have passwords."""
    monkeypatch.setenv("INTERDICT_HOME", str(web_lists_home))
    with make_store("sqlite", tmp_path) as store, running(store, web_index, passwords=True) as srv:
        yield srv


@pytest.fixture()
def browser() -> Iterator[Any]:
    """Headless system Chromium."""
    path = chromium_path()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=path, args=CHROMIUM_ARGS, headless=True)
        try:
            yield b
        finally:
            b.close()
