"""The delta re-screen on the real UN list gives what a full re-screen gives: the same new hits
(subject, list, entry, score) and the same closed ones."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest

from interdict.services.lists import load_one
from interdict.services.subjects import RescreenRequest, load_subjects, pending_changes, rescreen
from tests.subjects.conftest import UnVersions


def _use(monkeypatch: pytest.MonkeyPatch, home: Path) -> None:
    monkeypatch.setenv("INTERDICT_HOME", str(home))


@pytest.fixture(scope="module")
def screened_on_old(un_versions: UnVersions, customer_file: Path,
                    tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, Any]]:
    """A data directory: the older UN version loaded, the base screened on it, the newer loaded."""
    home = tmp_path_factory.mktemp("rescreen") / "home"
    with pytest.MonkeyPatch.context() as mp:
        _use(mp, home)
        assert load_one(None, un_versions.old, None).version.active
        load_subjects(customer_file)
        first = rescreen(RescreenRequest()).to_json()
        assert pending_changes() == (load_subjects(customer_file).total, 0)
        newer = load_one(None, un_versions.new, None)
        assert newer.version.active and newer.version.version == 2
    return home, first


def _copy(home: Path, dest: Path) -> Path:
    shutil.copytree(home, dest)
    return dest


def _keys(hits: list[dict[str, Any]]) -> set[tuple[str, str, str]]:
    return {(h["subject_id"], h["list"], h["entry_id"]) for h in hits}


def test_first_run_screens_everyone_and_names_its_versions(
        screened_on_old: tuple[Path, dict[str, Any]]) -> None:
    _, first = screened_on_old
    assert first["list_versions"] == {"un": 1}
    assert first["screened"] == 2500 + 2 * (15 + 10 + 10 + 6)
    assert len(first["new_hits"]) > 40 and first["closed"] == []
    assert set(first) == {"list_versions", "screened", "new_hits", "closed"}


def test_delta_equals_full(screened_on_old: tuple[Path, dict[str, Any]], un_versions: UnVersions,
                           tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    home, _ = screened_on_old
    _use(monkeypatch, _copy(home, tmp_path / "delta"))
    subjects, changed = pending_changes()
    assert changed == 15 + 10 + 6
    delta = rescreen(RescreenRequest()).to_json()
    _use(monkeypatch, _copy(home, tmp_path / "full"))
    full = rescreen(RescreenRequest(full=True)).to_json()
    assert delta["list_versions"] == full["list_versions"] == {"un": 2}
    assert delta["screened"] == full["screened"] == subjects
    assert _keys(delta["new_hits"]) == _keys(full["new_hits"])
    assert delta["new_hits"] == full["new_hits"]
    assert delta["closed"] == full["closed"]
    # What the edits should give: hits on the added and changed entries, closures of the delisted.
    entries = {h["entry_id"] for h in delta["new_hits"]}
    assert len(entries) >= 15 + 10 - 3
    closed_entries = {(c["entry_id"], c["why"]) for c in delta["closed"]}
    assert {e for e, why in closed_entries if why == "entry removed"} == {f"ZZi.{900 + n}" for n in range(6)}
    assert any(why == "no longer matches" for _, why in closed_entries)


def test_a_second_run_finds_nothing_new(screened_on_old: tuple[Path, dict[str, Any]], tmp_path: Path,
                                        monkeypatch: pytest.MonkeyPatch) -> None:
    home, _ = screened_on_old
    _use(monkeypatch, _copy(home, tmp_path / "again"))
    assert rescreen(RescreenRequest()).to_json()["new_hits"]
    again = rescreen(RescreenRequest()).to_json()
    assert again["new_hits"] == [] and again["closed"] == []
    assert pending_changes()[1] == 0
    # A full run after it agrees: every hit it finds is known, none to close.
    full = rescreen(RescreenRequest(full=True)).to_json()
    assert full["new_hits"] == [] and full["closed"] == []
