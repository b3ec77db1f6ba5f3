"""`interdict demo` on the real shared lists: loads, screens, and is idempotent."""

from __future__ import annotations

import functools
import http.server
import json
import socket
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from interdict.cli import app
from tests.lists._real_store import copy_real_database

runner = CliRunner()
REPO = Path(__file__).resolve().parent.parent.parent


def _demo(*args: str) -> str:
    result = runner.invoke(app, ["demo", *args], env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.stderr or result.output
    return result.stdout


def _row(out: str, query: str) -> str:
    return next(line for line in out.splitlines() if line.startswith(f"│ {query} "))


@pytest.mark.shared
def test_demo_on_shared_data_is_idempotent(interdict_home: Path, shared_data: Path) -> None:
    # The real lists as a first demo run leaves them (parsed once per session, see _real_store).
    copy_real_database(shared_data, interdict_home / "interdict.duckdb")
    first = _demo("--source", "shared")
    assert "the real lists in" in first
    assert first.count("no-op (already loaded)") == 3 and " new " not in first
    assert "24918" in _row(first, "Pak Jin Hyok")  # OFAC's Park Jin Hyok (Lazarus Group)
    assert "24918" in _row(first, "박진혁")
    assert "KOREA DAESONG BANK" in _row(first, "KDBKKPPY")
    assert "Kim Jong Un" in _row(first, "Kim Jong Un")
    assert "no match" in _row(first, "Kookmin Bank")
    assert "no match" in _row(first, "Maria Fernanda Gonzalez")
    second = _demo()
    assert second.count("no-op (already loaded)") == 3
    assert _row(second, "Pak Jin Hyok") == _row(first, "Pak Jin Hyok")


def test_demo_loads_new_lists_then_is_a_noop(interdict_home: Path) -> None:
    first = _demo("--source", "bundled")
    assert first.count(" new ") >= 3 and "no-op" not in first
    second = _demo("--source", "bundled")
    assert " new " not in second and second.count("no-op (already loaded)") == first.count(" new ")


def test_demo_on_the_bundled_samples(interdict_home: Path) -> None:
    out = _demo("--source", "bundled")
    assert "samples bundled with Interdict" in out
    assert "20157" in _row(out, "Kim Jong Un")
    assert "no match" in _row(out, "Kookmin Bank")


@pytest.fixture()
def repo_server() -> Iterator[str]:
    """A real HTTP server on 127.0.0.1 standing in for the list publishers (serves the repo)."""
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(REPO))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture()
def no_shared_data(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("INTERDICT_SHARED_DATA", str(tmp_path / "absent"))


def _url_table(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, urls: dict[str, str]) -> None:
    table = tmp_path / "urls.json"
    table.write_text(json.dumps(urls))
    monkeypatch.setenv("INTERDICT_LIST_URLS", str(table))


def test_demo_fetches_when_there_is_no_shared_data(
    interdict_home: Path, no_shared_data: None, repo_server: str, tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    _url_table(tmp_path, monkeypatch, {
        "un": f"{repo_server}/interdict/data/lists/un_consolidated_sample.xml",
        "ofac_sdn_advanced": f"{repo_server}/tests/data/lists/ofac_advanced_small.xml",
        "ofac_consolidated": f"{repo_server}/interdict/data/lists/ofac_sdn_sample.xml",
        "eu": f"{repo_server}/interdict/data/lists/eu_fsf_sample.xml",
        "uk": f"{repo_server}/interdict/data/lists/uk_sanctions_list_sample.xml",
    })
    out = _demo()
    assert "downloaded now from their official URLs" in out
    assert (interdict_home / "lists" / "un_consolidated.xml").exists()
    assert "no match" in _row(out, "Kookmin Bank")


def test_demo_falls_back_to_the_bundled_samples_offline(
    interdict_home: Path, no_shared_data: None, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A port just released on 127.0.0.1: nothing listens, so the download fails at once, as offline.
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    _url_table(tmp_path, monkeypatch, {"un": f"http://127.0.0.1:{port}/consolidated.xml"})
    out = _demo()
    assert "samples bundled with Interdict" in out
    assert "24918" in _row(out, "Pak Jin Hyok")
