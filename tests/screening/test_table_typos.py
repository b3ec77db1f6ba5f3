"""A misspelt word the tables would read (a legal-form word, a country's name, a spelling of a
variant family) is read as the word it misspells, where one table word only is that close; short
words and words two table words claim are left alone. Names are no benchmark row."""

from __future__ import annotations

import pytest

from interdict.core.entity import Entity, EntityKind, Name
from interdict.core.match import Query
from interdict.screening import ScreeningIndex, build_index, screen
from interdict.screening.normalize import latin_form
from interdict.screening.pairwise import match_names
from interdict.screening.table_typos import country_word, legal_typo, variant_typo
from interdict.screening.threshold import DEFAULT_THRESHOLD

PERSON, ORG = EntityKind.PERSON, EntityKind.ORGANIZATION


def tokens(name: str) -> tuple[str, ...]:
    form = latin_form(name)
    assert form is not None
    return form.tokens


@pytest.mark.parametrize(("query", "listed"), [
    ("Velmora State Enterpris", "Velmora State Enterprise"),
    ("Federal State Unitiry Enterprise Kerlovo Works", "Federal State Unitary Enterprise Kerlovo Works"),
    ("Aktsionernoe Tbshchestvo Kerlovgaz", "Aktsionernoe Obshchestvo Kerlovgaz"),
    ("Ojint Stock Company Dravellin", "Joint Stock Company Dravellin"),
    ("Trading Company of the Philippnes Dravell", "Trading Company of the Philippines Dravell"),
    ("Alxander Petrovich Kerlovin", "Alexander Petrovich Kerlovin"),
    ("Alexandetr Petrovich Kerlovin", "Aleksandr Petrovich Kerlovin"),
    ("Yousseff Kerlovin", "Youssef Kerlovin"),  # a doubled letter: a slip, not a spelling
])
def test_a_misspelt_table_word_reads_as_the_word(query: str, listed: str) -> None:
    assert tokens(query) == tokens(listed)


@pytest.mark.parametrize("word", ["co", "sa", "ag", "ao", "sae", "corp", "point", "stake", "capitol",
                                  "limited", "limitada", "anonima", "anonyme"])
def test_short_words_and_legal_words_themselves_are_not_corrected(word: str) -> None:
    assert legal_typo(word) == word


def test_two_different_legal_forms_stay_two() -> None:
    assert tokens("Kerlovo Corporatin") == tokens("Kerlovo Corporation") != tokens("Kerlovo Company")


@pytest.mark.parametrize(("a", "b"), [
    ("Bank of the Republic of Austria", "Bank of the Commonwealth of Australia"),
    ("Oil Company of the Republic of Niger", "Oil Company of the Federal Republic of Nigeria"),
])
def test_two_countries_stay_two(a: str, b: str) -> None:
    assert tokens(a) != tokens(b)


@pytest.mark.parametrize("word", ["nigera", "austrlia"])  # one edit from two countries: no correction
def test_a_word_two_countries_claim_is_not_corrected(word: str) -> None:
    assert country_word(word) is None


def test_a_country_word_that_completes_no_name_is_not_corrected() -> None:
    # "Philipines" is one edit from "philippines", yet alone it names no country in the table.
    assert tokens("Philipines Kerlov") == ("philipines", "kerlov")


# "hussean", "khaleed", "mahomad": a vowel other or more in a short spelling is often a name of its
# own (the lists write such spellings); "mohamid" is one edit from three spellings.
@pytest.mark.parametrize("word", ["hassani", "aleksandrov", "alexandra", "ivanov", "hussean", "khaleed",
                                  "mahomad", "mohamid"])
def test_another_name_near_a_variant_spelling_stays_itself(word: str) -> None:
    assert variant_typo(word) is None


def _entity(list_id: str, name: str, kind: EntityKind) -> Entity:
    return Entity(list="test", list_id=list_id, kind=kind, names=(Name(name),), programs=("TEST",))


@pytest.fixture(scope="module")
def small_index() -> ScreeningIndex:
    return build_index([
        _entity("T1", "Velmora State Enterprise Kerlovgaz", ORG),
        _entity("T2", "Marine Union of the Philippines", ORG),
        _entity("T3", "Alexander Kerlovin", PERSON),
        _entity("T4", "Marine Union of Australia", ORG),
    ])


@pytest.mark.parametrize(("query", "kind", "target"), [
    ("Velmora State Enterpris Kerlovgaz", ORG, "T1"),
    ("Marine Union of the Philippnes", ORG, "T2"),  # the country is the name's distinctive word
    ("Alxander Kerlovin", PERSON, "T3"),
])
def test_blocking_reaches_the_listed_name(small_index: ScreeningIndex, query: str, kind: EntityKind,
                                          target: str) -> None:
    found = screen(small_index, Query(query, kind=kind))
    assert any(c.list_id == target for c in found)
    assert match_names(query, query.replace("Enterpris ", "Enterprise ").replace("Philippnes", "Philippines")
                       .replace("Alxander", "Alexander"), kind).score >= DEFAULT_THRESHOLD


def test_another_country_is_not_reached(small_index: ScreeningIndex) -> None:
    found = screen(small_index, Query("Marine Union of the Philippnes", kind=ORG))
    assert all(c.list_id != "T4" for c in found)
