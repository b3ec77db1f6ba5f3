"""Issue 12 round 6: a person known by a second given name and the family name ("Boris Johnson"
for "Alexander Boris de Pfeffel Johnson", name_bench tuning part) is the partial-name reading of
`scoring._partial_name` extended from the first given name to the first two. Names below are not
benchmark rows."""

from __future__ import annotations

from interdict.core.entity import EntityKind
from interdict.screening.pairwise import match_names
from interdict.screening.threshold import DEFAULT_THRESHOLD

PERSON = EntityKind.PERSON


def test_a_second_given_name_and_the_family_name_are_a_partial_name() -> None:
    assert match_names("Ulysses Grant", "Hiram Ulysses Simpson Grant", PERSON).score >= DEFAULT_THRESHOLD


def test_a_third_word_and_the_family_name_are_not() -> None:
    assert match_names("Simpson Grant", "Hiram Ulysses Simpson Grant", PERSON).score < DEFAULT_THRESHOLD


def test_the_listed_order_still_counts() -> None:
    # Reversed, only the ordinary comparison applies (two of four words).
    assert match_names("Grant Ulysses", "Hiram Ulysses Simpson Grant", PERSON).score < DEFAULT_THRESHOLD
