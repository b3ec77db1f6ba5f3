"""Issue 12 §2: a vessel screen also considers the listed vessel's owner/operator (real OFAC SDN:
vessels linked to their owner's entry, and a `Vessel Owner` given as free text)."""

from __future__ import annotations

from interdict.core.entity import EntityKind
from interdict.core.match import Query
from interdict.screening import ScreeningIndex, screen


def test_owner_named_in_a_vessel_query_finds_its_linked_vessels(real_index: ScreeningIndex) -> None:
    # ARTAVIL (15036) and SEA STAR III (15076) are "Owned or Controlled By" NITC (15117).
    found = screen(real_index, Query("National Iranian Tanker Co.", kind=EntityKind.VESSEL), limit=200)
    by_id = {c.list_id: c for c in found}
    assert {"15036", "15076"} <= set(by_id)
    assert all(c.kind == "vessel" for c in found)
    artavil = by_id["15036"]
    assert artavil.name == "ARTAVIL"
    assert artavil.explanation.extra["matched_through"] == "owner"
    assert artavil.explanation.extra["owner_entry"] == "ofac_sdn:15117"
    assert artavil.explanation.extra["owner_relation"] == "Owned or Controlled By"
    assert "through the owner" in (artavil.explanation.why or "")


def test_free_text_vessel_owner_is_matched(real_index: ScreeningIndex) -> None:
    # MAR AZUL (4238): "Vessel Owner: Samir de Navegacion S.A.", an owner with no entry of its own.
    found = screen(real_index, Query("Samir de Navegacion SA", kind=EntityKind.VESSEL))
    assert [c.list_id for c in found] == ["4238"]
    assert found[0].explanation.extra["owner"] == "Samir de Navegacion S.A."
    assert found[0].explanation.to_dict()["owner_relation"] == "Vessel Owner"


def test_vessel_names_still_match_directly_and_strangers_do_not(real_index: ScreeningIndex) -> None:
    direct = screen(real_index, Query("SEA STAR III", kind=EntityKind.VESSEL))
    assert direct[0].list_id == "15076"
    assert "matched_through" not in direct[0].explanation.extra
    assert screen(real_index, Query("Acme Shipping Holdings", kind=EntityKind.VESSEL)) == []


def test_owner_is_not_followed_without_vessel_kind(real_index: ScreeningIndex) -> None:
    found = screen(real_index, Query("National Iranian Tanker Company"), limit=50)
    assert all(c.kind != "vessel" for c in found)
