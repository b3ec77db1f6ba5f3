"""Diffs between two versions of a list: added, removed and changed entries, field by field."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import orjson
import pytest

from interdict.core.entity import Entity, EntityKind, Name
from interdict.core.errors import NotFoundError
from interdict.core.store import connect
from interdict.lists.diff import describe_change, diff_entities, fingerprint, previous_version
from interdict.lists.formats import un
from interdict.lists.store import ListStore


@pytest.fixture()
def two_versions(test_data: Path) -> ListStore:
    store = ListStore(connect(":memory:"))
    store.load(un.parse(test_data / "lists" / "un_v1.xml"))
    store.load(un.parse(test_data / "lists" / "un_v2.xml"))
    return store


def test_store_diff_defaults_to_previous_vs_active(two_versions: ListStore) -> None:
    diff = two_versions.diff("un")
    assert (diff.old_version, diff.new_version) == (1, 2)
    assert [e.list_id for e in diff.added] == ["KPe.047"]
    assert [e.list_id for e in diff.removed] == ["KPi.066"]
    assert [c.list_id for c in diff.changed] == ["KPe.001"]
    assert diff.changed[0].fields == ("names", "addresses")
    assert diff.unchanged == 1
    assert not diff.empty


def test_diff_json_names_old_and_new_values(two_versions: ListStore) -> None:
    data = orjson.loads(orjson.dumps(two_versions.diff("un").to_dict()))
    assert data["counts"] == {"added": 1, "removed": 1, "changed": 1, "unchanged": 1}
    change = data["changed"][0]
    assert change["list_id"] == "KPe.001"
    old_streets = [a["street"] for a in change["changes"]["addresses"]["old"]]
    new_streets = [a["street"] for a in change["changes"]["addresses"]["new"]]
    assert old_streets == ["Central District"] and new_streets == ["Jung-guyok"]
    assert data["added"][0]["name"] == "FOREIGN TRADE BANK (FTB)"


def test_reverse_diff_swaps_added_and_removed(two_versions: ListStore) -> None:
    diff = two_versions.diff("un", 2, 1)
    assert [e.list_id for e in diff.added] == ["KPi.066"]
    assert [e.list_id for e in diff.removed] == ["KPe.047"]


def test_diff_of_a_version_with_itself_is_empty(two_versions: ListStore) -> None:
    assert two_versions.diff("un", 2, 2).empty


def test_diff_errors_name_the_list_and_versions(two_versions: ListStore, test_data: Path) -> None:
    with pytest.raises(NotFoundError, match="no version 9"):
        two_versions.diff("un", 1, 9)
    with pytest.raises(NotFoundError, match="no list 'eu' is loaded"):
        two_versions.diff("eu")
    single = ListStore(connect(":memory:"))
    single.load(un.parse(test_data / "lists" / "un_v1.xml"))
    with pytest.raises(NotFoundError, match="only one version"):
        single.diff("un")


def test_pure_diff_matches_store_diff(test_data: Path) -> None:
    old = un.parse(test_data / "lists" / "un_v1.xml").entities
    new = un.parse(test_data / "lists" / "un_v2.xml").entities
    diff = diff_entities("un", 1, 2, old, new)
    assert ([e.list_id for e in diff.added], [e.list_id for e in diff.removed]) == (["KPe.047"], ["KPi.066"])
    assert [(c.list_id, c.fields) for c in diff.changed] == [("KPe.001", ("names", "addresses"))]


def test_fingerprint_changes_with_content_only() -> None:
    entity = Entity(list="x", list_id="1", kind=EntityKind.PERSON, names=(Name("A B"),))
    assert fingerprint(entity) == fingerprint(replace(entity))
    assert fingerprint(entity) != fingerprint(replace(entity, birth_dates=("1970",)))


def test_describe_change_lists_items_added_and_removed(two_versions: ListStore) -> None:
    [change] = two_versions.diff("un").changed
    lines = describe_change(change)
    assert lines[0] == "names: +EXTERNAL TECHNOLOGY GENERAL CORPORATION"
    assert lines[1].startswith("addresses: +Jung-guyok") and "-Central District" in lines[1]
    renamed = replace(change, fields=("remarks",), new=replace(change.new, remarks="Moved."))
    assert describe_change(renamed)[0].endswith("→ 'Moved.'")


def test_previous_version_is_next_down_the_ranking_or_next_up_at_the_bottom() -> None:
    assert previous_version([3, 2, 1], 3) == 2
    assert previous_version([3, 2, 1], 2) == 1
    assert previous_version([3, 2, 1], 1) == 2  # after a rollback to the lowest
