"""A tiny or future-dated list file must not replace the real one; `lists activate` rolls back.

Probe of issue 11: a one-entry UN file dated 2099 became the active UN list (1,003 -> 1 entries) and
genuine later files were then stored "not active", with no way back. Run through the real CLI on the
real UN consolidated list.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from lxml import etree
from typer.testing import CliRunner

from interdict.cli import app
from interdict.core.store import connect
from interdict.lists.activation import LoadPolicy, LoadRefused
from interdict.lists.formats import un
from interdict.lists.store import ListStore

runner = CliRunner()


def _run(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


def _dated(source: Path, target: Path, when: str, *, keep: int | None = None) -> Path:
    """A copy of a UN list file with another `dateGenerated`, optionally cut to its first entries."""
    tree = etree.parse(str(source))
    root = tree.getroot()
    root.set("dateGenerated", when)
    if keep is not None:
        entries = [*root.iter("INDIVIDUAL"), *root.iter("ENTITY")]
        for entry in entries[keep:]:
            entry.getparent().remove(entry)
    tree.write(str(target), xml_declaration=True, encoding="UTF-8")
    return target


def _active(list_name: str = "un") -> tuple[int, int]:
    code, out, err = _run("lists", "status", list_name, "--json")
    assert code == 0, err
    [row] = json.loads(out)["active"]
    return row["version"], row["entities"]


@pytest.fixture()
def real_un(shared_data: Path) -> Path:
    return shared_data / "lists" / "un" / "consolidated.xml"


def test_a_tiny_future_dated_file_is_refused_and_forcing_it_is_recorded(
    interdict_home: Path, real_un: Path, tmp_path: Path
) -> None:
    assert _run("lists", "load", str(real_un))[0] == 0
    assert _active() == (1, 1003)
    tiny = _dated(real_un, tmp_path / "un_tiny_2099.xml", "2099-01-01T00:00:00Z", keep=1)

    code, _, err = _run("lists", "load", str(tiny))
    assert code == 2
    flat = " ".join(err.split())
    assert "un_tiny_2099.xml" in flat and "in the future" in flat and "drop of 99.9%" in flat
    assert "--force" in flat
    assert _active() == (1, 1003)

    code, out, err = _run("lists", "load", "--force", "--reason", "probe", "--json", str(tiny))
    assert code == 0, err
    [row] = json.loads(out)
    assert row["active"] and row["entities"] == 1 and len(row["forced"]) == 2
    assert _active() == (2, 1)
    events = json.loads(_run("lists", "status", "--json")[1])["events"]
    assert events[0]["action"] == "load.forced" and events[0]["version"] == 2
    assert events[0]["detail"]["reason"] == "probe" and events[0]["actor"].startswith("cli")


def test_activate_rolls_back_and_later_genuine_files_become_active_again(
    interdict_home: Path, real_un: Path, tmp_path: Path
) -> None:
    assert _run("lists", "load", str(real_un))[0] == 0
    tiny = _dated(real_un, tmp_path / "un_tiny_2099.xml", "2099-01-01T00:00:00Z", keep=1)
    assert _run("lists", "load", "--force", str(tiny))[0] == 0
    yesterday = (datetime.now(UTC) - timedelta(days=1)).strftime("%Y-%m-%dT00:00:00Z")
    genuine = _dated(real_un, tmp_path / "un_genuine.xml", yesterday)
    code, out, _ = _run("lists", "load", "--json", str(genuine))
    assert code == 0 and json.loads(out)[0]["active"] is False  # 2099 still outranks it
    assert _active() == (2, 1)

    code, out, err = _run("lists", "activate", "un", "3", "--reason", "2099 file was a test")
    assert code == 0, err
    assert "version 3" in out and "version 2 was" in out
    assert _active() == (3, 1003)
    code, out, _ = _run("lists", "status")
    assert code == 0 and "activate" in out and "load.forced" in out
    last = json.loads(_run("lists", "status", "--json")[1])["events"][0]
    assert (last["action"], last["version"]) == ("activate", 3)
    assert last["detail"] == {"from": 2, "reason": "2099 file was a test"}
    # The screen reads the active version: a name only in the full list matches again.
    assert _run("screen", "RI WON HO")[0] == 1

    code, _, err = _run("lists", "activate", "un", "9")
    assert code == 2 and "no version 9" in err


def test_a_pointer_rollback_sticks_until_a_newer_publication(test_data: Path, tmp_path: Path) -> None:
    store = ListStore(connect(":memory:"))
    v1 = un.parse(test_data / "lists" / "un_v1.xml")  # 2026-01-15
    v2 = un.parse(test_data / "lists" / "un_v2.xml")  # 2026-02-27
    store.load(v1)
    store.load(v2)
    store.activate("un", 1, actor="test", reason="rollback")
    assert [(v.version, v.active) for v in store.versions("un")] == [(1, True), (2, False)]
    assert store.default_diff_versions("un") == (2, 1)
    # Reopened (another process): the rollback holds.
    later = _dated(test_data / "lists" / "un_v2.xml", tmp_path / "un_v3.xml", "2026-03-01T00:00:00Z")
    result = store.load_path(later)
    assert result.version.version == 3 and result.version.active


def test_drop_share_is_configurable_and_only_guards_the_active_version(
    test_data: Path, tmp_path: Path
) -> None:
    store = ListStore(connect(":memory:"))
    store.load(un.parse(test_data / "lists" / "un_v2.xml"))  # 3 entries, 2026-02-27
    newer = _dated(test_data / "lists" / "un_v2.xml", tmp_path / "un_two.xml", "2026-03-01", keep=2)
    with pytest.raises(LoadRefused, match=r"un_two.xml.*drop of 33.3%; at most 20% is allowed"):
        store.load_path(newer)
    assert [v.version for v in store.versions("un")] == [1]
    assert store.load_path(newer, LoadPolicy(max_drop=0.5)).version.active
    # An older publication never becomes active, so dropping entries there is not refused.
    older = _dated(test_data / "lists" / "un_v2.xml", tmp_path / "un_old.xml", "2025-01-01", keep=1)
    assert not store.load_path(older).version.active
