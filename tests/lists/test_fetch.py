"""`fetch_lists` against a real HTTP server on 127.0.0.1 serving the shared UN list."""

from __future__ import annotations

import hashlib
import json
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import ClassVar

import pytest

from interdict.lists import fetch
from interdict.lists.fetch import ListFetchError, fetch_lists, source_urls


class _Handler(BaseHTTPRequestHandler):
    files: ClassVar[dict[str, bytes]] = {}

    def do_GET(self) -> None:
        body = self.files.get(self.path)
        if self.path == "/truncated.xml":
            full = self.files["/un.xml"]
            self.send_response(200)
            self.send_header("Content-Length", str(len(full)))
            self.end_headers()
            self.wfile.write(full[: len(full) // 3])
            self.wfile.flush()
            self.close_connection = True
            return
        if body is None:
            self.send_error(404, "Not Found")
            return
        self.send_response(200)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:  # keep test output clean
        pass


@pytest.fixture(scope="module")
def server(shared_data: Path) -> Iterator[str]:
    _Handler.files = {
        "/un.xml": (shared_data / "lists/un/consolidated.xml").read_bytes(),
        "/error.html": b"<!DOCTYPE html><html><body>Service unavailable</body></html>\n",
    }
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def test_official_table_covers_the_lists() -> None:
    assert fetch.OFFICIAL_SOURCES["un"].url == "https://scsanctions.un.org/resources/xml/en/consolidated.xml"
    assert set(fetch.DEFAULT_NAMES) <= set(fetch.OFFICIAL_SOURCES)
    assert all(s.url.startswith("https://") for s in fetch.OFFICIAL_SOURCES.values())


def test_downloads_the_un_list(server: str, shared_data: Path, tmp_path: Path) -> None:
    seen: list[int] = []
    paths = fetch_lists(tmp_path, ["un"], urls={"un": f"{server}/un.xml"},
                        progress=lambda name, done, total: seen.append(done))
    assert paths == [tmp_path / "un_consolidated.xml"]
    original = (shared_data / "lists/un/consolidated.xml").read_bytes()
    assert hashlib.sha256(paths[0].read_bytes()).hexdigest() == hashlib.sha256(original).hexdigest()
    assert seen and seen[-1] == len(original)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["un_consolidated.xml"]


def test_env_table_points_at_the_local_server(
    server: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    table = tmp_path / "urls.toml"
    table.write_text(f'un = "{server}/un.xml"\nmirror_un = "{server}/un.xml"\n', encoding="utf-8")
    monkeypatch.setenv(fetch.ENV_URLS, str(table))
    assert source_urls()["un"] == f"{server}/un.xml"
    paths = fetch_lists(tmp_path / "out", ["un", "mirror_un"])
    assert [p.name for p in paths] == ["un_consolidated.xml", "un.xml"]
    as_json = tmp_path / "urls.json"
    as_json.write_text(json.dumps({"uk": f"{server}/uk.xml"}), encoding="utf-8")
    assert source_urls(as_json)["uk"] == f"{server}/uk.xml"


@pytest.mark.parametrize(
    ("path", "reason"),
    [("/missing.xml", "HTTP 404"), ("/truncated.xml", "RemoteProtocolError|connection ended"),
     ("/error.html", "not a list format")],
)
def test_failures_name_the_url_and_keep_the_old_file(
    server: str, tmp_path: Path, path: str, reason: str
) -> None:
    previous = tmp_path / "un_consolidated.xml"
    previous.write_bytes(b"previous version")
    url = f"{server}{path}"
    with pytest.raises(ListFetchError, match=reason) as err:
        fetch_lists(tmp_path, ["un"], urls={"un": url})
    assert err.value.url == url and url in str(err.value)
    assert previous.read_bytes() == b"previous version"
    assert [p.name for p in tmp_path.iterdir()] == ["un_consolidated.xml"]  # no .part left behind


def test_unreachable_server_and_unknown_name(tmp_path: Path) -> None:
    with pytest.raises(ListFetchError, match="ConnectError"):
        fetch_lists(tmp_path, ["un"], urls={"un": "http://127.0.0.1:9/un.xml"}, timeout=5)
    with pytest.raises(ListFetchError, match="unknown list"):
        fetch_lists(tmp_path, ["nowhere"])
    assert list(tmp_path.iterdir()) == []
