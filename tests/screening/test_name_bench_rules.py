"""Issue 12, name_bench round 3: general matching rules chosen on name_bench's tuning part
(nk_checks + nk_unit_tests), each shown on real names, with the counter-examples it must not
turn into matches. Pairs are scored as `interdict match` scores them (`pairwise.match_names`)."""

from __future__ import annotations

import pytest

from interdict.core.entity import EntityKind
from interdict.screening.pairwise import match_names
from interdict.screening.threshold import DEFAULT_THRESHOLD

PERSON, ORG, VESSEL = EntityKind.PERSON, EntityKind.ORGANIZATION, EntityKind.VESSEL


def score(query: str, listed: str, kind: EntityKind | None = PERSON) -> float:
    return match_names(query, listed, kind).score


def rules(query: str, listed: str, kind: EntityKind | None = PERSON) -> set[str]:
    return {t.rule for t in match_names(query, listed, kind).explanation.tokens}


@pytest.mark.parametrize(("query", "listed"), [
    ("Bill Cates", "Bill Gates"),
    ("Lionel Bessi", "Lionel Messi"),
    ("Larry Allison", "Larry Ellison"),
])
def test_a_slip_on_the_first_letter_of_a_long_word_is_a_typo(query: str, listed: str) -> None:
    assert score(query, listed) >= DEFAULT_THRESHOLD
    assert "typo:first-letter" in rules(query, listed)


@pytest.mark.parametrize(("query", "listed"), [
    ("Wang Ming", "Wang Jing"),  # short words: a different first letter is another name
    ("Kim Hyok", "Kim Pyok"),
])
def test_a_different_first_letter_in_a_short_word_is_another_name(query: str, listed: str) -> None:
    assert score(query, listed) < DEFAULT_THRESHOLD


def test_bibi_is_the_hebrew_short_form_of_benjamin() -> None:
    # name_bench nk_checks "Nickname Usage"; the short form comes from data/nicknames_extra.tsv.
    assert score("Bibi Netanyahu", "Benjamin Netanyahu") >= DEFAULT_THRESHOLD
    assert "nickname" in rules("Bibi Netanyahu", "Benjamin Netanyahu")
    assert score("Bibi Netanyahu", "Binyamin Netanyahu") >= DEFAULT_THRESHOLD


@pytest.mark.parametrize(("query", "listed"), [
    ("JC Juncker", "Jean-Claude Juncker"),  # name_bench nk_checks "Initials Usage"
    ("Jean-Claude Juncker", "JC Juncker"),
    ("GW Bush", "George Walker Bush"),
])
def test_initials_written_as_one_word_stand_for_the_words(query: str, listed: str) -> None:
    assert score(query, listed) >= DEFAULT_THRESHOLD
    assert "initials" in rules(query, listed)


def test_a_syllable_is_not_read_as_initials() -> None:
    # "Li" has a vowel: a Chinese family name, not the initials of "Lee Ing".
    assert "initials" not in rules("Li Wei", "Lee Ing Wei")
