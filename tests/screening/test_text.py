"""Listed names inside free text and address lines: the higher bar of `screen_text`.

Real cases from payment screening on the OFAC SDN list: the vessel "ROAD" (47310) held every
"... ROAD" address, the weak alias "ORION" (16974) matched company names, and number-only weak
aliases ("40", "07") matched house and invoice numbers; while the vessel "JUPITER" inside
"JUPITER STREET" (the 2016 Bangladesh Bank case) must still be found.
"""

from __future__ import annotations

import random
import sys
from pathlib import Path

import pytest

from interdict.core.entity import Entity, EntityKind, Name, NameQuality, NameType
from interdict.core.match import Query
from interdict.screening import ScreeningIndex, build_index, screen, screen_text
from interdict.screening.tables import address_words

REPO = Path(__file__).resolve().parent.parent.parent


def _entity(list_id: str, kind: EntityKind, name: str, weak: tuple[str, ...] = ()) -> Entity:
    names = (Name(name), *(Name(w, NameType.ALIAS, NameQuality.WEAK) for w in weak))
    return Entity(list="t", list_id=list_id, kind=kind, names=names)


@pytest.fixture(scope="module")
def text_index() -> ScreeningIndex:
    """Listed names that look like address words, numbers and first names, beside real ones."""
    return build_index([
        _entity("ROAD", EntityKind.VESSEL, "ROAD"),
        _entity("TOWER", EntityKind.VESSEL, "PLAZA TOWER"),
        _entity("JUP", EntityKind.VESSEL, "JUPITER"),
        _entity("EMMA", EntityKind.VESSEL, "EMMA"),
        _entity("ORI", EntityKind.PERSON, "Ahmad Nasser ZAHEDI", weak=("ORION", "40")),
        _entity("SAY", EntityKind.PERSON, "Sayed KHAN"),
        _entity("JS", EntityKind.PERSON, "John SMITH"),
        _entity("GF", EntityKind.ORGANIZATION, "GOLDEN FISH LLC"),
        _entity("KM", EntityKind.ORGANIZATION, "KOREA MINING DEVELOPMENT TRADING CORPORATION"),
    ])


def _ids(index: ScreeningIndex, text: str) -> set[str]:
    return {c.list_id for c in screen_text(index, text)}


def test_address_vocabulary_table_is_loaded() -> None:
    assert {"road", "street", "avenue", "lane", "house", "building", "tower", "plaza"} <= address_words()
    assert not {"jupiter", "international", "bank", "trading"} & address_words()


@pytest.mark.parametrize("text", ["25 STATION ROAD", "CHURCH ROAD, LONDON", "ROAD", "4 PLAZA TOWER"])
def test_a_name_made_of_address_words_is_not_found_in_addresses(text_index: ScreeningIndex,
                                                                text: str) -> None:
    assert _ids(text_index, text) == set()
    # The same names typed as a name query are still found: the bar is for free text only.
    assert {c.list_id for c in screen(text_index, Query("Road"))} == {"ROAD"}


@pytest.mark.parametrize("text", ["12 JUPITER STREET, LIMASSOL", "JUPITER STREET BRANCH",
                                  "FREIGHT ON MV JUPITER", "JUPITER HOUSE 4"])
def test_a_distinctive_name_inside_an_address_is_still_found(text_index: ScreeningIndex, text: str) -> None:
    [cand] = screen_text(text_index, text)
    assert cand.list_id == "JUP" and cand.explanation.window == "jupiter"


def test_weak_aliases_and_numbers_need_more_than_one_word(text_index: ScreeningIndex) -> None:
    assert _ids(text_index, "ORION SHIPPING LTD") == set()
    assert _ids(text_index, "PAYMENT 40 TO ORION") == set()
    assert {c.list_id for c in screen(text_index, Query("Orion"))} == {"ORI"}  # a name query still finds it
    assert _ids(text_index, "ON BEHALF OF AHMAD NASSER ZAHEDI") == {"ORI"}


def test_one_word_names_stand_alone_and_keep_their_order(text_index: ScreeningIndex) -> None:
    assert _ids(text_index, "EMMA SMITH 12 MAIN STREET") == set()  # a longer name than the vessel
    assert _ids(text_index, "CARGO ON EMMA") == {"EMMA"}
    assert _ids(text_index, "14 KHAN STREET") == set()  # a surname alone is not the listed person
    assert _ids(text_index, "CONSULTING FISH GOLDEN") == set()  # an organisation's words in its order
    assert _ids(text_index, "INV 7 GOLDEN FISH LLC") == {"GF"}
    assert _ids(text_index, "FOR KOREA MINING DEVELOPMENT TRADING CORP INVOICE 7") == {"KM"}


def test_real_lists_road_vessel_and_jupiter(real_index: ScreeningIndex) -> None:
    for text in ("109 HARBOUR ROAD", "25 STATION ROAD", "ORION SHIPPING LTD", "INVOICE 40 PAYMENT 07"):
        assert screen_text(real_index, text) == [], text
    jupiter = {(c.list, c.list_id) for c in screen_text(real_index, "12 JUPITER STREET, LIMASSOL")}
    assert ("ofac_sdn", "51569") in jupiter


def test_synthetic_payment_addresses_are_seldom_held(real_index: ScreeningIndex) -> None:
    """Realistic address lines and remittance texts: almost none may match a listed name."""
    if str(REPO) not in sys.path:
        sys.path.insert(0, str(REPO))
    from synthetic.payments import COUNTRIES, LAST, ORG_A, STREETS

    rng = random.Random(11)
    towns = [c.town for c in COUNTRIES]
    texts = {f"{rng.randint(1, 250)} {rng.choice(STREETS)}, {rng.choice(towns)}" for _ in range(300)}
    texts |= {f"{rng.choice(LAST)} {rng.choice(('ROAD', 'STREET', 'AVENUE', 'LANE'))}" for _ in range(100)}
    texts |= {f"/INV/{rng.randint(1, 99999)} PAYMENT FOR {rng.choice(ORG_A)} GOODS" for _ in range(100)}
    held = [t for t in texts if screen_text(real_index, t, threshold=0.85)]
    assert len(held) <= 0.02 * len(texts), held[:10]
