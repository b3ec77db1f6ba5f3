"""Issue 12 round 6: a legal form whose one-word spellings rigour does not know takes its family
from its written-out spellings ("ANO" is `avtonomnaya nekommercheskaya organizatsiya`, which
rigour reads as a non-profit), so an ANO and an LLC of the same words are two legal persons (read
off name_bench's tuning part, `ANO Iskusstvo Krasoty`; the names below are no benchmark rows)."""

from __future__ import annotations

from interdict.core.entity import EntityKind
from interdict.screening import legal_families
from interdict.screening.pairwise import match_names
from interdict.screening.threshold import DEFAULT_THRESHOLD

ORG = EntityKind.ORGANIZATION


def test_ano_is_a_non_profit() -> None:
    assert legal_families.families()["ano"] == "ngo"
    assert legal_families.contradict("ano", "llc")


def test_an_ano_and_an_llc_of_the_same_words_are_two_legal_persons() -> None:
    # The conflict multiplies by 0.9: with two name words the pair falls under the threshold, and
    # an LLC written in another language (one family) does not.
    assert match_names("ANO Tsentr Razvitiya", "OOO Tsentr Razvitiya", ORG).score < DEFAULT_THRESHOLD
    assert match_names("Tsentr Razvitiya LLC", "OOO Tsentr Razvitiya", ORG).score >= DEFAULT_THRESHOLD


def test_the_written_out_form_reads_as_ano() -> None:
    query = "Avtonomnaya Nekommercheskaya Organizatsiya Tsentr Razvitiya Goroda"
    assert match_names(query, "ANO Tsentr Razvitiya Goroda", ORG).score >= 0.99
