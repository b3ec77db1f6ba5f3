"""The engine on the real UN and OFAC SDN lists (shared data), index built once per session."""

from __future__ import annotations

import pytest

from interdict.core.entity import EntityKind
from interdict.core.match import Candidate, Query
from interdict.screening import DEFAULT_THRESHOLD, ScreeningIndex, blocking, screen, screen_text
from interdict.screening.scoring import compare
from interdict.screening.tokens import skeleton

pytestmark = pytest.mark.shared


def keys(found: list[Candidate]) -> set[str]:
    return {f"{c.list}:{c.list_id}" for c in found}


@pytest.mark.parametrize(("name", "expected"), [
    ("Pak Jin Hyok", {"ofac_sdn:24918"}),
    ("PARK JIN-HYOK", {"ofac_sdn:24918"}),
    ("박진혁", {"ofac_sdn:24918"}),
    ("Korea Mining Development Trading Corp", {"un:KPe.001", "ofac_sdn:9345"}),
    ("Kim Jong Un", {"ofac_sdn:20157"}),
    ("Foreign Trade Bank of the DPRK", {"ofac_sdn:15603"}),
    ("Foreign Trade Bank", {"un:KPe.047"}),
    ("KDBKKPPY", {"ofac_sdn:12312"}),
    ("Saddam Hussein al-Tikriti", {"un:IQi.001", "ofac_sdn:7843"}),
    ("Умаров Доку", {"ofac_sdn:12110", "un:QDi.290"}),
    ("Huaxin Shipping Hong Kong Ltd", {"un:KPe.059", "ofac_sdn:23777"}),
    ("Gazprombank Open Joint Stock Company", {"ofac_sdn:17016"}),
])
def test_listed_names_are_found(real_index: ScreeningIndex, name: str, expected: set[str]) -> None:
    found = screen(real_index, Query(name))
    assert expected <= keys(found), (name, [(c.list_id, c.name, c.score) for c in found])
    best = found[0]
    assert f"{best.list}:{best.list_id}" in expected and best.score >= 0.9


@pytest.mark.parametrize("name", ["Kookmin Bank", "Korea Development Bank", "Shinhan Bank",
                                  "Industrial Bank of Korea", "Korea Exchange Bank", "Jupiter Street",
                                  "Samsung Electronics", "Hyundai Merchant Marine", "Kim", "Trading Company"])
def test_hard_negatives_do_not_match(real_index: ScreeningIndex, name: str) -> None:
    found = screen(real_index, Query(name))
    assert found == [], (name, [(c.list_id, c.matched_name, c.score) for c in found])


def test_identifiers_on_the_real_list(real_index: ScreeningIndex) -> None:
    entity = next(e for e in real_index.entities if e.kind == EntityKind.VESSEL and any(
        i.type.value == "imo" for i in e.identifiers))
    imo = next(i.value for i in entity.identifiers if i.type.value == "imo")
    assert entity.list_id in {c.list_id for c in screen(real_index, Query(imo))}
    wallet = next((e, i.value) for e in real_index.entities for i in e.identifiers
                  if i.type.value == "crypto" and i.currency == "XBT")
    found = screen(real_index, Query(wallet[1]))
    assert found and found[0].list_id == wallet[0].list_id
    assert found[0].explanation.identifier_type == "crypto"


def test_dprk_address_words_are_found_inside_text(real_index: ScreeningIndex) -> None:
    found = screen_text(real_index, "Room 1201, Korea Daesong Bank building, Pyongyang")
    assert "ofac_sdn:12312" in keys(found)
    assert all(c.score >= DEFAULT_THRESHOLD for c in found)


def test_a_query_touches_only_a_few_hundred_records(real_index: ScreeningIndex) -> None:
    for name in ("Kim Jong Un", "Korea Trading Company", "Mohammed Ali", "Ivanov"):
        found = screen(real_index, Query(name), threshold=0.3, limit=50)
        assert found, name
        assert all((c.explanation.records_scored or 0) <= 100 for c in found)


@pytest.mark.parametrize("token", ["karovin", "mohammed", "hyok", "shiping", "trading", "aleksandr"])
def test_small_and_array_postings_merges_agree(real_index: ScreeningIndex, token: str,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    vids = blocking.related_keys(real_index, token)
    own = real_index.vocab.get(skeleton(token))
    monkeypatch.setattr(blocking, "SMALL_HITS", 10**9)
    small = blocking._hits_of_keys(real_index, vids, own)
    monkeypatch.setattr(blocking, "SMALL_HITS", -1)
    array = blocking._hits_of_keys(real_index, vids, own)
    assert small.size == array.size
    assert small.records.tolist() == array.records.tolist()
    assert small.factors.tolist() == array.factors.tolist()
    assert small.weights.tolist() == array.weights.tolist()


def test_split_and_joined_tokens_still_align() -> None:
    joined = compare(("jinhyok", "pak"), (1.0, 0.5), ("pak", "jin", "hyok"), (0.5, 0.6, 0.8))
    split = compare(("pak", "jin", "hyok"), (0.5, 0.6, 0.8), ("pak", "jinhyok"), (0.5, 1.0))
    assert [m.rule for m in joined.matches] == ["exact", "joined:exact"]
    assert [m.rule for m in split.matches] == ["exact", "split:exact"]
    typo = compare(("jinhyak",), (1.0,), ("jin", "hyok"), (0.6, 0.8))
    assert not any(m.rule.startswith(("joined", "split")) for m in typo.matches)
