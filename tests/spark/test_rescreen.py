"""Continuous screening's delta re-screen with `--engine spark` gives the embedded run's outcome
(real UN list, two versions; the fixtures of tests/subjects)."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest

from interdict.services.lists import load_one
from interdict.services.subjects import RescreenRequest, load_subjects, rescreen
from tests.subjects.conftest import UnVersions, customer_file, un_versions  # noqa: F401 (fixtures)

pytestmark = pytest.mark.shared


def test_delta_rescreen_on_spark_equals_the_embedded_one(spark: Any, un_versions: UnVersions,  # noqa: F811
                                                        customer_file: Path, tmp_path: Path,  # noqa: F811
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    home = tmp_path / "home"
    monkeypatch.setenv("INTERDICT_HOME", str(home))
    load_one(None, un_versions.old, None)
    load_subjects(customer_file)
    first = rescreen(RescreenRequest(engine="spark", partitions=2, alerts=False)).to_json()
    assert first["list_versions"] == {"un": 1} and len(first["new_hits"]) > 40
    load_one(None, un_versions.new, None)
    shutil.copytree(home, tmp_path / "embedded")
    on_spark = rescreen(RescreenRequest(engine="spark", partitions=3, alerts=False)).to_json()
    monkeypatch.setenv("INTERDICT_HOME", str(tmp_path / "embedded"))
    embedded = rescreen(RescreenRequest(workers=1, alerts=False)).to_json()
    assert on_spark["list_versions"] == embedded["list_versions"] == {"un": 2}
    assert on_spark == embedded
    assert on_spark["new_hits"] and on_spark["closed"]
