"""Names cut at the end of a 35-character MT name line (`screening.partial`, `screening.written`):
a cut word that begins a listed word the tables rewrote, and a line cut at a word's end (34
characters once the space before the dropped word went). Names here are rows of no benchmark set
nor of the variant probe; the counter-examples must stay apart."""

from __future__ import annotations

import pytest

from interdict.core.entity import EntityKind
from interdict.screening import ScreeningIndex, build_index
from interdict.screening.blocking import block, query_weights
from interdict.screening.normalize import name_forms
from interdict.screening.pairwise import match_names
from interdict.screening.scoring import compare
from interdict.screening.threshold import DEFAULT_THRESHOLD
from interdict.screening.written import readings, spellings
from tests.screening.conftest import org, person

PERSON, ORG = EntityKind.PERSON, EntityKind.ORGANIZATION
BELHADJ = "BELHADJ Noureddine Salem Kaci Mohammed"  # listed as "... muhammad" (the variant family's word)
VOSTOK = "Vostokneftegaz Yamal Limited Liability Company"  # listed as "... llc"
ADRIATIC = "Adriatic Pearl Hotels Mostar, Bosnia and Herzegovina"  # listed as "... c_ba"
SEVEROMORSK = "Severomorsk Polar Instrument Works Scientific Production Association"


def _rules(query: str, listed: str, kind: EntityKind) -> set[str]:
    return {t.rule for t in match_names(query, listed, kind).explanation.tokens}


def test_a_rewritten_token_reads_back_as_its_written_spellings() -> None:
    assert ("mohamed",) in spellings()["muhammad"]
    assert ("limited", "liability", "company") in spellings()["llc"]
    assert ("bosnia", "and", "herzegovina") in spellings()["c_ba"]
    assert ("muhammad", 0) in readings((), "mohame")
    assert ("llc", 1) in readings(("ltd",), "liabili")  # "Limited" was read as "ltd"
    assert ("c_ba", 2) in readings(("bosnia", "and"), "herz")
    assert ("llc", 1) not in readings(("trading",), "liabili")  # the phrase's first word is missing
    assert ("muhammad", 0) not in readings((), "mahmou")


# Before: 0.72, 0.67, 0.72, 0.57 (the cut word began no listed token: the tables had rewritten it).
@pytest.mark.parametrize(("query", "listed", "kind"), [
    ("BELHADJ Noureddine Salem Kaci Moham", BELHADJ, PERSON),
    ("Vostokneftegaz Yamal Limited Liabil", VOSTOK, ORG),
    ("Adriatic Pearl Hotels Mostar, Bosni", ADRIATIC, ORG),
    ("Adriatic Pearl Hotel, Bosnia and He", "Adriatic Pearl Hotel, Bosnia and Herzegovina", ORG),
])
def test_a_cut_word_begins_a_written_spelling_of_the_listed_token(query: str, listed: str,
                                                                  kind: EntityKind) -> None:
    assert len(query) == 35
    assert match_names(query, listed, kind).score >= DEFAULT_THRESHOLD
    assert "cut" in _rules(query, listed, kind)


@pytest.mark.parametrize(("query", "listed", "kind"), [
    ("BELHADJ Noureddine Salem Kaci Mahmo", BELHADJ, PERSON),  # another family's spelling begun
    ("Vostokneftegaz Yamal Trading Liabil", VOSTOK, ORG),  # "Trading" is no word of the phrase
    ("Adriatic Pearl Hotels Mostar, Bosni", "Adriatic Pearl Hotels Mostar, Bolivia", ORG),  # another country
    ("Adriatic Pearl Hotel Mostar, Bosni", "Adriatic Pearl Hotel Mostar, Bosnia and Herzegovina", ORG),  # 34
])
def test_a_cut_word_begun_otherwise_or_short_of_the_line_stays_apart(query: str, listed: str,
                                                                     kind: EntityKind) -> None:
    assert match_names(query, listed, kind).score < DEFAULT_THRESHOLD
    assert "cut" not in _rules(query, listed, kind)


# Weights as the lists give them: "limit" is on no list (weight 1.0), "llc" is light. Read as the
# listed "llc", the cut word weighs as "llc" does; with its own weight it carried a query whose two
# other words are missing past the threshold (0.80, from a near-miss cut at the line).
def test_a_cut_word_read_through_the_tables_weighs_as_the_listed_word() -> None:
    q, qw = ("orsha", "equipment", "co", "limit"), (1.0, 0.61, 0.066, 1.0)
    apart = compare(q, qw, ("orsha", "llc", "interservis"), (1.0, 0.06, 0.9), person=False, cut=True)
    assert "cut" in {m.rule for m in apart.matches}
    assert apart.score < DEFAULT_THRESHOLD
    same = compare(q, qw, ("orsha", "equipment", "co", "llc", "interservis"), (1.0, 0.61, 0.066, 0.06, 0.9),
                   person=False, cut=True)
    assert same.score >= 0.95


@pytest.fixture(scope="module")
def cut_index() -> ScreeningIndex:
    return build_index((person("B1", "Muhammad Qarawi"), person("B2", "Mahmud Qarawi"),
                        org("B3", "Vostok Limited Liability Company"),
                        org("B4", "Vostok Joint Stock Company")))


def _reached(index: ScreeningIndex, tokens: tuple[str, ...]) -> set[str]:
    weights = query_weights(index, tokens)
    blocked = block(index, tokens, weights, 0.3, cut=True)
    return {index.entities[index.rows().entity[r]].list_id for r in blocked.records.tolist()}


def test_the_candidate_stage_reaches_the_token_a_cut_word_spells(cut_index: ScreeningIndex) -> None:
    # "xqzw" is on no list: only the cut word can find a record
    assert "B1" in _reached(cut_index, ("xqzw", "mohame"))
    assert "B3" in _reached(cut_index, ("xqzw", "ltd", "liabili"))


def test_the_candidate_stage_keeps_apart_what_the_cut_word_does_not_spell(cut_index: ScreeningIndex) -> None:
    assert "B1" not in _reached(cut_index, ("xqzw", "mahmou"))
    assert "B3" not in _reached(cut_index, ("xqzw", "trading", "liabili"))
    assert "B4" not in _reached(cut_index, ("xqzw", "ltd", "liabili"))


# A line cut where a space followed its last word: 34 characters once the space went. Before: 0.60.
def test_a_name_cut_at_a_word_end_is_not_held_to_the_listed_words_after_it() -> None:
    query = "Severomorsk Polar Instrument Works"
    assert len(query) == 34
    form = name_forms(query)[0]
    assert form.line and not form.cut  # its last word is whole: no prefix reading
    assert match_names(query, SEVEROMORSK, ORG).score >= DEFAULT_THRESHOLD


@pytest.mark.parametrize("query", [
    "Severomorsk Dairy Farmers Cooperat",  # a customer of 34 characters sharing the first word
    "Polar Severomorsk Instrument Works",  # not the listed order
    "Severomorsk Polar Instrument Holdg",  # its last word matches nothing listed
    "Severomorsk Polar Instrument Plant",  # 34 characters, the last word another
    "Severomorsk Polar Instrument Wrks",  # 33 characters: no line filled
])
def test_a_34_character_name_that_is_no_start_of_the_listed_name_stays_apart(query: str) -> None:
    assert match_names(query, SEVEROMORSK, ORG).score < DEFAULT_THRESHOLD



# The line reading is the query read whole as the listed name's first words: a query word left
# unread (here the legal form, written first on one side and last on the other) is no such
# reading, and the listed words after the match count again. Before: 0.875 for each (a line of
# 35 characters was read so since the cut reading came; one of 34 would have been by this branch).
@pytest.mark.parametrize(("query", "listed"), [
    ("Limited Liability Company Vostrixen", "Vostrixen Energy Trading Limited"),
    ("Public Joint Stock Company Kalvenor", "Kalvenor Shipping Holdings"),
    ("Limited Liability Company Vostrixe", "Vostrixe Energy Trading Limited"),
    ("Public Joint Stock Company Kalveno", "Kalveno Shipping Holdings"),
])
def test_a_line_with_a_word_left_unread_is_held_to_the_listed_words_after_it(query: str, listed: str) -> None:
    assert len(query) in (34, 35)
    assert match_names(query, listed, ORG).score < DEFAULT_THRESHOLD


def test_a_line_read_whole_still_is_not_held_to_the_words_after_it() -> None:
    listed = "Vostrixen Energy Trading Limited Liability Company"
    assert match_names("Vostrixen Energy Trading Limited Li", listed, ORG).score >= 0.95
