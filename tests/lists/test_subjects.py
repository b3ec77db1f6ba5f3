"""Subjects across lists: references and shared strong identifiers, union-find, stored per state."""

from __future__ import annotations

from pathlib import Path

import pytest

from interdict.core.entity import Entity, EntityKind, Identifier, IdentifierType, Name
from interdict.core.store import connect
from interdict.lists.formats import un
from interdict.lists.parsed import ParsedList
from interdict.lists.store import ListStore
from interdict.lists.subjects import link_subjects
from tests.lists._real_store import copy_real_database


def _e(list_: str, list_id: str, kind: EntityKind = EntityKind.PERSON, *,
       ids: tuple[Identifier, ...] = (), refs: tuple[str, ...] = ()) -> Entity:
    return Entity(list=list_, list_id=list_id, kind=kind, names=(Name(f"{list_} {list_id}"),),
                  identifiers=ids, references=refs)


IMO = Identifier(IdentifierType.IMO, "IMO 9187629")
BTC = Identifier(IdentifierType.CRYPTO, "134r8iHv69xdT6p5qVKTsHrcUEuBVZAYak", currency="XBT")
ETH_UPPER = Identifier(IdentifierType.CRYPTO, "0x098B716B8Aaf21512996dC57EB0615e2383E2f96", currency="ETH")
ETH_LOWER = Identifier(IdentifierType.CRYPTO, "0x098b716b8aaf21512996dc57eb0615e2383e2f96", currency="ETH")


def test_reference_links_eu_and_uk_entries_to_the_un_entry() -> None:
    entities = [
        _e("un", "KPi.033"),
        _e("eu", "EU.123.45", refs=("un:KPi.033",)),
        _e("uk", "DPR0042", refs=("UN:kpi.033",)),  # case differs: still the same reference
        _e("eu", "EU.999.1", refs=("un:KPi.999",)),  # cites an entry that is not loaded
    ]
    subjects = link_subjects(entities)
    assert subjects.members["eu:EU.123.45"] == "un:KPi.033"
    assert subjects.members["uk:DPR0042"] == "un:KPi.033"
    assert subjects.members["eu:EU.999.1"] == "eu:EU.999.1"
    assert subjects.evidence_counts() == {"reference": 2}
    assert subjects.linked_subjects() == {"un:KPi.033": ["eu:EU.123.45", "uk:DPR0042", "un:KPi.033"]}


def test_shared_strong_identifiers_link_across_lists_only() -> None:
    entities = [
        _e("ofac_sdn", "1", EntityKind.VESSEL, ids=(IMO,)),
        _e("uk", "V1", EntityKind.VESSEL, ids=(Identifier(IdentifierType.IMO, "9187629"),)),
        _e("ofac_sdn", "2", ids=(ETH_UPPER,)),
        _e("internal", "W7", ids=(ETH_LOWER,)),  # hex addresses compare case-insensitively
        _e("ofac_sdn", "3", ids=(BTC,)),
        _e("internal", "W8", EntityKind.ORGANIZATION, ids=(BTC,)),  # person vs organisation: no link
        _e("eu", "P1", ids=(Identifier(IdentifierType.PASSPORT, "381310014", country="kp"),)),
        _e("uk", "P2", ids=(Identifier(IdentifierType.PASSPORT, "381 310 014", country="KP"),)),
        _e("eu", "P3", ids=(Identifier(IdentifierType.PASSPORT, "111222333"),)),  # no country: weak
        _e("uk", "P4", ids=(Identifier(IdentifierType.PASSPORT, "111222333"),)),
        _e("eu", "B1", EntityKind.ORGANIZATION, ids=(Identifier(IdentifierType.BIC, "KDBKKPPYXXX"),)),
        _e("un", "B2", EntityKind.ORGANIZATION, ids=(Identifier(IdentifierType.BIC, "KDBKKPPY"),)),
    ]
    subjects = link_subjects(entities)
    m = subjects.members
    assert m["uk:V1"] == m["ofac_sdn:1"]
    assert m["internal:W7"] == m["ofac_sdn:2"]
    assert m["internal:W8"] != m["ofac_sdn:3"]
    assert m["eu:P1"] == m["uk:P2"]
    assert m["eu:P3"] != m["uk:P4"]
    assert m["eu:B1"] == m["un:B2"] == "un:B2"  # the UN entry names the subject
    assert subjects.evidence_counts() == {"imo": 1, "crypto": 1, "passport": 1, "bic": 1}


def test_identifier_on_two_entries_of_one_list_is_ambiguous() -> None:
    entities = [
        _e("ofac_sdn", "1", EntityKind.VESSEL, ids=(IMO,)),
        _e("ofac_sdn", "2", EntityKind.VESSEL, ids=(IMO,)),
        _e("uk", "V1", EntityKind.VESSEL, ids=(IMO,)),
    ]
    subjects = link_subjects(entities)
    assert subjects.links == ()
    assert len(set(subjects.members.values())) == 3


def test_links_chain_through_union_find() -> None:
    entities = [
        _e("un", "KPi.033"),
        _e("eu", "E1", refs=("un:KPi.033",), ids=(BTC,)),
        _e("internal", "W1", ids=(BTC,)),
    ]
    subjects = link_subjects(entities)
    assert set(subjects.members.values()) == {"un:KPi.033"}


def test_store_recomputes_subjects_when_active_versions_change(test_data: Path) -> None:
    store = ListStore(connect(":memory:"))
    store.load(un.parse(test_data / "lists" / "un_v1.xml"))
    eu = ParsedList(list="eu", format="test", published="2026-01-20", source="eu.test", sha256="e" * 64,
                    entities=(_e("eu", "EU.1", refs=("un:KPi.066",)), _e("eu", "EU.2", refs=("un:KPe.047",))))
    result = store.load(eu)
    assert result.links == 1
    subjects = store.subjects()
    assert subjects["eu:EU.1"] == "un:KPi.066"
    assert subjects["eu:EU.2"] == "eu:EU.2"
    assert len(subjects) == 5
    # Version 2 of the UN list drops KPi.066 and adds KPe.047: the links follow.
    store.load(un.parse(test_data / "lists" / "un_v2.xml"))
    subjects = store.subjects()
    assert subjects["eu:EU.1"] == "eu:EU.1"
    assert subjects["eu:EU.2"] == "un:KPe.047"
    assert [(x.a, x.b, x.evidence) for x in store.subject_links()] == [("eu:EU.2", "un:KPe.047", "reference")]


def test_subjects_are_rebuilt_if_stale(test_data: Path) -> None:
    store = ListStore(connect(":memory:"))
    store.load(un.parse(test_data / "lists" / "un_v1.xml"))
    store.conn.execute("DELETE FROM list_subjects")
    store.conn.execute("UPDATE list_meta SET value = 'stale' WHERE key = 'subjects_token'")
    assert len(store.subjects()) == 3


@pytest.fixture(scope="module")
def real_store(shared_data: Path, test_data: Path, tmp_path_factory: pytest.TempPathFactory) -> ListStore:
    """The real UN and OFAC lists (loaded once per session) with the EU and UK fixtures added."""
    path = copy_real_database(shared_data, tmp_path_factory.mktemp("real") / "interdict.duckdb")
    store = ListStore(connect(path))
    for fixture in (test_data / "lists" / "eu" / "eu_fsf_sample.xml",
                    test_data / "lists" / "uk" / "UK-Sanctions-List.xml"):
        assert store.load_path(fixture).new
    return store


@pytest.mark.shared
def test_real_lists_link_by_reference_and_passport(real_store: ListStore) -> None:
    subjects = real_store.subjects()
    assert subjects["eu:EU.2616.36"] == subjects["uk:DPR0001"] == "un:KPe.001"
    assert subjects["ofac_sdn:22326"] == "un:KPi.077"  # same DPRK passport kp:654234735
    evidence = {(x.a, x.b): (x.evidence, x.value) for x in real_store.subject_links()}
    assert evidence[("ofac_sdn:22326", "un:KPi.077")] == ("passport", "kp:654234735")
    counts: dict[str, int] = {}
    for link in real_store.subject_links():
        counts[link.evidence] = counts.get(link.evidence, 0) + 1
    assert counts["reference"] >= 4 and counts["passport"] >= 50


@pytest.mark.shared
def test_real_active_entities_read_back_fully(real_store: ListStore, shared_data: Path) -> None:
    entities = real_store.active_entities()
    parsed_un = un.parse(shared_data / "lists" / "un" / "consolidated.xml").entities
    assert [e for e in entities if e.list == "un"] == list(parsed_un)  # exact round trip
    assert len(entities) == 1003 + 18_367 + 443 + 4 + 3
    assert len(real_store.subjects()) == len(entities)
    by_key = {e.key: e for e in entities}
    assert by_key["un:KPe.001"].primary_name == "KOREA MINING DEVELOPMENT TRADING CORPORATION"
