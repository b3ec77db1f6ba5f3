"""`interdict lists load/show/diff` through the real CLI, on a fresh data directory."""

from __future__ import annotations

import functools
import http.server
import json
import os
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from interdict.cli import app
from interdict.core.store import connect

runner = CliRunner()


def _run(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture()
def lists(test_data: Path) -> Path:
    return test_data / "lists"


def test_load_then_reload_is_a_noop(interdict_home: Path, lists: Path) -> None:
    code, out, err = _run("lists", "load", str(lists / "un_v1.xml"))
    assert code == 0, err
    assert "un_v1.xml" in out and "new" in out and "2026-01-15" in out
    assert (interdict_home / "interdict.duckdb").exists()
    code, out, err = _run("lists", "load", "--json", str(lists / "un_v1.xml"))
    assert code == 0
    [row] = json.loads(out)
    assert row["new"] is False and row["version"] == 1 and row["entities"] == 3


def test_a_bad_file_is_reported_and_the_others_still_load(
    interdict_home: Path, lists: Path, tmp_path: Path
) -> None:
    truncated = tmp_path / "un_cut.xml"
    data = (lists / "un_v2.xml").read_bytes()
    truncated.write_bytes(data[: len(data) // 2])
    code, out, err = _run("lists", "load", str(lists / "un_v1.xml"), str(truncated), str(lists / "un_v2.xml"))
    assert code == 2
    assert "un_cut.xml" in err and "error" in err
    code, out, _ = _run("lists", "show", "--json")
    versions = json.loads(out)["versions"]
    assert [(v["version"], v["active"], v["published"]) for v in versions] == [
        (1, False, "2026-01-15"), (2, True, "2026-02-27")]


def test_folder_load_skips_files_that_are_not_lists(
    interdict_home: Path, lists: Path, tmp_path: Path
) -> None:
    folder = tmp_path / "downloads"
    folder.mkdir()
    (folder / "un.xml").write_bytes((lists / "un_v1.xml").read_bytes())
    (folder / "NOTES.md").write_text("<CONSOLIDATED_LIST> is the UN root element\n")
    code, out, err = _run("lists", "load", "--json", str(folder))
    assert code == 0, err
    assert [Path(r["file"]).name for r in json.loads(out)] == ["un.xml"]


def test_diff_table_and_json(interdict_home: Path, lists: Path) -> None:
    assert _run("lists", "load", str(lists / "un_v1.xml"), str(lists / "un_v2.xml"))[0] == 0
    result = runner.invoke(app, ["lists", "diff", "un"], env={"COLUMNS": "200"})
    code, out = result.exit_code, result.stdout
    assert code == 0
    assert "1 added, 1 removed, 1 changed" in out.replace("\n", " ")
    assert "KPe.047" in out and "KPi.066" in out
    assert "names: +EXTERNAL TECHNOLOGY GENERAL CORPORATION" in out
    code, out, _ = _run("lists", "diff", "un", "--from", "2", "--to", "1", "--json")
    data = json.loads(out)
    assert [e["list_id"] for e in data["added"]] == ["KPi.066"]
    assert data["changed"][0]["fields"] == ["names", "addresses"]


def test_unknown_list_or_version_exits_2(interdict_home: Path, lists: Path) -> None:
    assert _run("lists", "load", str(lists / "un_v1.xml"))[0] == 0
    code, _, err = _run("lists", "diff", "eu")
    assert code == 2 and "no list 'eu' is loaded (loaded: un)" in err
    code, _, err = _run("lists", "diff", "un")
    assert code == 2 and "only one version" in err
    code, _, err = _run("lists", "show", "uk")
    assert code == 2 and "no list 'uk'" in err


def test_show_on_an_empty_store(interdict_home: Path) -> None:
    code, out, _ = _run("lists", "show")
    assert code == 0 and "No lists loaded yet" in out


def test_console_script_exit_codes(interdict_home: Path, lists: Path, tmp_path: Path) -> None:
    env = {**os.environ, "INTERDICT_HOME": str(interdict_home)}
    ok = subprocess.run([sys.executable, "-m", "interdict", "lists", "load", str(lists / "un_v1.xml")],
                        env=env, capture_output=True, text=True, check=False)
    assert ok.returncode == 0, ok.stderr
    notes = tmp_path / "notes.txt"
    notes.write_text("not a list\n")
    bad = subprocess.run([sys.executable, "-m", "interdict", "lists", "load", str(notes)],
                         env=env, capture_output=True, text=True, check=False)
    assert bad.returncode == 2
    assert "notes.txt" in bad.stderr and "known formats" in bad.stderr


@pytest.mark.shared
def test_load_the_real_un_list(interdict_home: Path, shared_data: Path) -> None:
    code, out, err = _run("lists", "load", "--json", str(shared_data / "lists" / "un" / "consolidated.xml"))
    assert code == 0, err
    [row] = json.loads(out)
    assert row["list"] == "un" and row["entities"] == 1003 and row["published"] == "2026-02-27"


@pytest.fixture()
def list_server(lists: Path) -> Iterator[str]:
    """A real HTTP server on 127.0.0.1 serving the hand-written list fixtures."""
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(lists))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def test_fetch_and_load_from_a_local_server(
    interdict_home: Path, list_server: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    table = tmp_path / "urls.json"
    table.write_text(json.dumps({"un": f"{list_server}/un_v2.xml", "eu": f"{list_server}/absent.xml"}))
    monkeypatch.setenv("INTERDICT_LIST_URLS", str(table))
    dest = tmp_path / "downloads"
    code, out, err = _run("lists", "fetch", "--list", "un", "--dest", str(dest), "--load")
    assert code == 0, err
    assert (dest / "un_consolidated.xml").read_bytes() == (Path(__file__).parent.parent / "data" / "lists"
                                                           / "un_v2.xml").read_bytes()
    assert "downloaded" in out and "new" in out
    code, out, _ = _run("lists", "show", "--json")
    assert [v["published"] for v in json.loads(out)["versions"]] == ["2026-02-27"]
    code, _, err = _run("lists", "fetch", "--list", "eu", "--dest", str(dest))
    assert code == 2 and "HTTP 404" in err and "'eu'" in err


def test_database_held_by_another_process_is_a_clear_error(interdict_home: Path) -> None:
    holder = connect(interdict_home / "interdict.duckdb")
    try:
        env = {**os.environ, "INTERDICT_HOME": str(interdict_home)}
        busy = subprocess.run([sys.executable, "-m", "interdict", "lists", "show"],
                              env=env, capture_output=True, text=True, check=False)
    finally:
        holder.close()
    assert busy.returncode == 2
    assert "cannot open the database" in busy.stderr and "interdict.duckdb" in busy.stderr


def test_show_a_list_with_its_linked_subjects(interdict_home: Path, lists: Path) -> None:
    code, _, err = _run("lists", "load", str(lists / "un_v2.xml"), str(lists / "eu" / "eu_fsf_sample.xml"))
    assert code == 0, err
    result = runner.invoke(app, ["lists", "show", "eu"], env={"COLUMNS": "200"})
    assert result.exit_code == 0
    row = next(line for line in result.stdout.splitlines() if line.startswith("│ un:KPe.001 "))
    assert "eu:EU.2616.36" in row and "reference un:KPe.001" in row
    code, out, _ = _run("lists", "show", "eu", "--json")
    data = json.loads(out)
    # The UN entry's SWIFT/BIC, read from its comments since issue 12, is the EU entry's too: one
    # more piece of evidence for a link the reference already made (same subjects).
    assert data["subjects"] == {"entries": 7, "subjects": 5, "linked_subjects": 2,
                                "links": {"reference": 2, "bic": 1}}
    links = data["links"]
    assert {(x["a"], x["b"], x["evidence"]) for x in links} >= {("eu:EU.2616.36", "un:KPe.001", "reference")}


def test_a_folder_without_lists_exits_2(interdict_home: Path, tmp_path: Path) -> None:
    folder = tmp_path / "empty"
    folder.mkdir()
    (folder / "README.md").write_text("nothing here\n")
    code, _, err = _run("lists", "load", str(folder))
    assert code == 2 and "no list files found" in err
