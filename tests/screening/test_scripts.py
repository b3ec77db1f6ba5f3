"""Issue 12 §2, every script to Latin: scripts written with vowel signs and viramas (Devanagari,
Khmer...) keep them through normalisation, so the maintained transliterator reads whole words."""

from __future__ import annotations

import pytest

from interdict.core.entity import EntityKind
from interdict.screening.normalize import name_forms
from interdict.screening.threshold import DEFAULT_THRESHOLD
from tests.screening.test_defects_names import pair_score

PERSON = EntityKind.PERSON


def test_devanagari_vowel_signs_are_read() -> None:
    forms = name_forms("नरेन्द्र मोदी")
    assert forms[0].tokens == ("narendra", "modi")
    assert forms[1].tokens == ("नरेन्द्र", "मोदी")  # the original script, a word a word


@pytest.mark.parametrize(("query", "listed"), [
    ("नरेन्द्र मोदी", "Narendra Modi"),
    ("Narendra Modi", "नरेन्द्र मोदी"),
    ("राहुल गांधी", "Rahul Gandhi"),
])
def test_devanagari_names_find_their_latin_spelling(query: str, listed: str) -> None:
    assert pair_score(query, listed, PERSON) >= DEFAULT_THRESHOLD


def test_different_devanagari_names_stay_apart() -> None:
    assert pair_score("नरेन्द्र मोदी", "Rahul Gandhi", PERSON) < DEFAULT_THRESHOLD
