"""Issue 12 §2, precision: legal-form words inside person names, and Korean surname spellings
folded in names that are not Korean ("PAO Yu Yi" was read as ПАО + the Korean Ri Ryu).

Pairs go through a one-entry index of the listed name (`pair_score`); the real-list cases use the
session's `real_index` (UN + OFAC SDN).
"""

from __future__ import annotations

import pytest

from interdict.core.entity import Entity, EntityKind, Name
from interdict.core.match import Query
from interdict.screening import ScreeningIndex, build_index, screen
from interdict.screening.pairwise import match_names
from interdict.screening.threshold import DEFAULT_THRESHOLD
from tests.screening.test_defects_names import pair_score

PERSON = EntityKind.PERSON
# Legal forms that are also family or given names (Chinese Pao/Ao/Sa, the Tuareg "Ag" of Iyad Ag
# Ghali, Malay "Ab" for Abdul) and short legal forms in other languages.
LEGAL_WORDS_IN_NAMES = ["PAO", "AG", "SA", "AB", "OOO", "AO", "Kft", "SAS", "Co"]


def test_li_yu_is_not_pao_yu_yi() -> None:
    result = match_names("Li Yu", "PAO Yu Yi", PERSON)
    assert result.score < DEFAULT_THRESHOLD


@pytest.mark.parametrize("word", LEGAL_WORDS_IN_NAMES)
def test_a_legal_form_word_in_a_person_name_weighs_as_a_name(word: str) -> None:
    """A listed person's word left out of the query costs as much whether or not it is also a
    legal form: "Wei Ming" against "AO Wei Ming" scores as against "ZHU Wei Ming"."""
    control = pair_score("Wei Ming", "ZHU Wei Ming", PERSON)
    assert pair_score("Wei Ming", f"{word} Wei Ming", PERSON) == pytest.approx(control, abs=0.01)


@pytest.mark.parametrize("word", LEGAL_WORDS_IN_NAMES)
def test_one_name_word_does_not_find_a_two_word_person(word: str) -> None:
    assert pair_score("Ghali", f"{word} Ghali", PERSON) < DEFAULT_THRESHOLD


@pytest.mark.parametrize("word", ["AO", "OOO", "AG"])
def test_a_person_query_weighs_its_legal_form_words_as_names(word: str) -> None:
    index = build_index([Entity(list="t", list_id="1", kind=PERSON, names=(Name("Ghali"),))])
    found = screen(index, Query(f"{word} Ghali", kind=PERSON), threshold=0.01, limit=1)
    assert not found or found[0].score < DEFAULT_THRESHOLD


def test_organisations_keep_their_legal_form_weights() -> None:
    org = EntityKind.ORGANIZATION
    with_legal_form = pair_score("Mokran", "OOO Mokran", org)
    assert with_legal_form >= DEFAULT_THRESHOLD
    assert with_legal_form > pair_score("Mokran", "Zhuravl Mokran", org) + 0.1


def test_li_yu_does_not_alert_on_pao_yu_yi_on_the_real_lists(real_index: ScreeningIndex) -> None:
    for kind in (PERSON, None):
        found = screen(real_index, Query("Li Yu", kind=kind))
        assert not [c for c in found if c.name.upper() == "PAO YU YI"]


@pytest.mark.parametrize(("query", "list_id"), [
    ("Lee Won Ho", "KPi.033"),  # RI WON HO
    ("Yi Su Yong", "KPi.052"),  # RI SU YONG
    ("Yu Jin", "KPi.027"),  # RYU JIN
    ("Li Je Son", "KPi.002"),  # RI JE-SON
    ("Ryu Chol U", "KPi.028"),  # YU CHOL U
])
def test_korean_surname_spellings_still_find_korean_names(real_index: ScreeningIndex, query: str,
                                                         list_id: str) -> None:
    found = screen(real_index, Query(query, kind=PERSON))
    assert list_id in {c.list_id for c in found}


@pytest.mark.parametrize(("query", "listed"), [
    ("Li Yu", "Ri Ryu"), ("Lee Jong Ho", "Ri Jong Ho"), ("Yu Kwang Ho", "Ryu Kwang Ho"),
    ("Li Cheng Yu", "LI Cheng Yu"), ("Li Yu", "LI Cheng Yu"),
])
# ("Li Yu" ~ "Yu Yi" stays a match: every word of both could be Korean, where they are one name.)
def test_korean_and_chinese_readings_both_match(query: str, listed: str) -> None:
    assert pair_score(query, listed, PERSON) >= DEFAULT_THRESHOLD


@pytest.mark.parametrize(("query", "listed"), [
    ("Li Xiaoming", "Yi Xiaoming"), ("Yu Xiaowei", "Lyu Xiaowei"), ("Li Yu", "PAO Yu Yi"),
])
def test_chinese_li_yi_yu_lyu_stay_apart(query: str, listed: str) -> None:
    assert pair_score(query, listed, PERSON) < DEFAULT_THRESHOLD


def test_a_lone_korean_spelling_keeps_its_other_reading() -> None:
    """"L. S. Lee" has no word besides "Lee" to say it is Korean: the listed "Lee Lap Shun" (Hong
    Kong, not folded to "ri") is still found."""
    assert pair_score("L. S. Lee", "Lee Lap Shun", PERSON) > pair_score("L. S. Ri", "Lee Lap Shun", PERSON)
