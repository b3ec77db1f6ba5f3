"""The delta re-screen across two real OFAC SDN publications (the 2021 legacy CSV, then the 2025
advanced XML: thousands of entries added, changed and delisted) gives what a full re-screen gives."""

from __future__ import annotations

import random
import shutil
from pathlib import Path

import pytest

from interdict.core.store import connect
from interdict.lists.formats import ofac_csv
from interdict.lists.parsed import ParsedList
from interdict.lists.store import ListStore
from interdict.services.subjects import RescreenRequest, load_subjects, pending_changes, rescreen
from synthetic.customers import customer_names


def _load(parsed: ParsedList) -> None:
    conn = connect()
    try:
        assert ListStore(conn).load(parsed).version.active
    finally:
        conn.close()


def _names(parsed: ParsedList, ids: set[str]) -> list[str]:
    return [e.primary_name for e in parsed.entities if e.list_id in ids]


def test_delta_equals_full_across_ofac_publications(shared_data: Path, ofac_sdn_parsed: ParsedList,
                                                    tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    old = ofac_csv.parse(shared_data / "lists" / "ofac" / "sdn_csv_2021-07")
    old_ids = {e.list_id for e in old.entities}
    new_ids = {e.list_id for e in ofac_sdn_parsed.entities}
    rng = random.Random(11)
    names = customer_names(rng, 2000)
    for ids, parsed in ((old_ids - new_ids, old), (new_ids - old_ids, ofac_sdn_parsed),
                        (old_ids & new_ids, ofac_sdn_parsed)):
        picked = rng.sample(_names(parsed, ids), 60)
        names += picked + [n[:-2] + n[-1] + n[-2] for n in picked]  # as written, and two letters swapped
    subjects = tmp_path / "subjects.jsonl"
    subjects.write_text("".join(f'{{"id": "S{n}", "name": {name!r}}}\n'.replace("'", '"')
                                for n, name in enumerate(names) if '"' not in name and "'" not in name),
                        encoding="utf-8")
    home = tmp_path / "home"
    monkeypatch.setenv("INTERDICT_HOME", str(home))
    _load(old)
    load_subjects(subjects)
    first = rescreen(RescreenRequest(alerts=False)).to_json()
    assert first["list_versions"] == {"ofac_sdn": 1} and len(first["new_hits"]) > 100
    _load(ofac_sdn_parsed)
    assert pending_changes()[1] > 5000
    shutil.copytree(home, tmp_path / "full")
    delta = rescreen(RescreenRequest(alerts=False)).to_json()
    monkeypatch.setenv("INTERDICT_HOME", str(tmp_path / "full"))
    full = rescreen(RescreenRequest(full=True, alerts=False)).to_json()
    assert delta["list_versions"] == full["list_versions"] == {"ofac_sdn": 2}
    assert delta["new_hits"] == full["new_hits"]
    assert delta["closed"] == full["closed"]
    assert len(delta["new_hits"]) > 60
    assert any(c["why"] == "entry removed" for c in delta["closed"])
