"""Issue 12 §2, precision: folding that made different people the same is undone.

Pairs are screened through a one-entry index of the listed name (see test_defects_names).
"""

from __future__ import annotations

import pytest

from interdict.core.entity import EntityKind
from interdict.screening.threshold import DEFAULT_THRESHOLD
from tests.screening.test_defects_names import pair_score

PERSON = EntityKind.PERSON


@pytest.mark.parametrize(("query", "listed"), [
    ("김종은", "김정은"),  # 종 and 정 both romanize to "jong"
    ("SALMAN BIN MUHAMMAD", "MUHAMMAD BIN SALMAN"),  # the father's name is not the given name
    ("Sergey Viktorovich", "Sergey Viktorovich LAVROV"),  # given name + patronymic alone
    ("Denise Joubert", "Cuspert Denis"),  # j~c and ou~u folded at once made them one typo apart
    # One name in the same place differs on both sides: another person of the same family or
    # with the same given names (name_bench nk_checks; the "al" alone no longer carries them).
    ("Sergey Ivanevich Lavrov", "Sergey Viktorovich LAVROV"),
    ("AL BEN MAHMOUD, Isa Ben Tarif", "Shaikh Isa Bin Tarif Al Bin Ali"),
    ("BARZAN IBRAHIM HASSAN AL-MOSULI", "BARZAN IBRAHIM HASSAN AL-TIKRITI"),
    ("HABIB BEN MOHAMED AL-LOUBIRI", "HABIB BEN AHMED AL-LOUBIRI"),
])
def test_different_people_stay_apart(query: str, listed: str) -> None:
    assert pair_score(query, listed, PERSON) < DEFAULT_THRESHOLD


@pytest.mark.parametrize(("query", "listed"), [
    ("김정은", "김정은"),
    ("이영호", "리영호"),  # the same surname in South and North spelling
    ("김정은", "Kim Jong Un"),
    ("Sergey Lavrov", "Sergey Viktorovich LAVROV"),
    ("MUHAMMAD BIN SALMAN", "MUHAMMAD BIN SALMAN AL SAUD"),
    ("Jinhyok Pak", "Chinhyeok Park"),
    ("Saddam Hussein al-Tikriti", "SADDAM HUSSEIN AL-TIKRITI"),
    ("Usama bin Muhammad bin Awad bin Ladin", "BIN LADIN Usama bin Muhammad bin Awad"),
    ("Isa Bin Tarif", "Shaikh Isa Bin Tarif Al Bin Ali"),  # a longer listed name: nothing contradicts
])
def test_the_same_people_still_match(query: str, listed: str) -> None:
    assert pair_score(query, listed, PERSON) >= DEFAULT_THRESHOLD
