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


@pytest.mark.parametrize(("query", "listed", "rule"), [
    ("Mao Tse-tung", "Mao Zedong", "split:wade-giles"),
    ("Hsi Chin-ping", "Xi Jinping", "wade-giles"),
    ("Chou En-lai", "Zhou Enlai", "wade-giles"),
    ("Teng Hsiao-ping", "Deng Xiaoping", "split:wade-giles"),
])
def test_wade_giles_spells_the_same_pinyin_syllables(query: str, listed: str, rule: str) -> None:
    assert score(query, listed) >= DEFAULT_THRESHOLD
    assert rule in rules(query, listed)


def test_wade_giles_table_is_generated_from_the_rules() -> None:
    from interdict.screening import tables, wade_giles

    lines = (tables.DATA / "wade_giles.tsv").read_text(encoding="utf-8").splitlines()
    assert [line for line in lines if not line.startswith("#")] == wade_giles.generate()
    assert wade_giles.to_pinyin()["hsi"] == {"xi"}
    assert {"ze", "ce"} <= wade_giles.to_pinyin()["tse"]  # the apostrophe that told them apart is gone


def test_wade_giles_does_not_make_different_syllables_alike() -> None:
    # Pinyin "shi" is Wade-Giles "shih", not "hsi": Shi and Xi are two family names.
    from interdict.screening import wade_giles

    assert not wade_giles.same_syllable("shi", "hsi")
    assert score("Wang Tse-tung", "Mao Zedong") < DEFAULT_THRESHOLD


@pytest.mark.parametrize(("query", "listed", "kind"), [
    ("Nikolai Plat Ono Vich Patrushev", "Nikolai Platonovich Patrushev", PERSON),  # nk_checks
    ("Van Der Bilt Corp", "Vanderbilt Corp", ORG),
])
def test_a_word_written_in_three_or_four_pieces(query: str, listed: str, kind: EntityKind) -> None:
    assert score(query, listed, kind) >= DEFAULT_THRESHOLD
    assert "split:exact" in rules(query, listed, kind)
    assert "joined:exact" in rules(listed, query, kind)


def test_pieces_must_spell_the_word_exactly() -> None:
    assert score("Nikolai Plat Ina Vich Patrushev", "Nikolai Platonovich Patrushev") < 0.9


def test_legal_forms_of_different_families_name_two_companies() -> None:
    # nk_checks: a joint-stock and a limited company of one group are two legal persons.
    assert score("Deutsche Bank AG", "Deutsche Bank GmbH", ORG) < DEFAULT_THRESHOLD
    # A mild penalty (scoring.CONFLICT): a longer name that agrees on every other word still alerts.
    vw = "Volkswagen Financial Services"
    assert score(f"{vw} Aktiengesellschaft", f"{vw} GmbH", ORG) < score(f"{vw} AG", f"{vw} PLC", ORG)


@pytest.mark.parametrize(("query", "listed"), [
    ("Deutsche Bank AG", "Deutsche Bank PLC"),  # both joint-stock
    ("Deutsche Bank Ltd", "Deutsche Bank LLC"),  # both limited
    ("Deutsche Bank Company", "Deutsche Bank LLC"),  # "company" names no family
])
def test_legal_forms_of_one_family_do_not_contradict(query: str, listed: str) -> None:
    assert score(query, listed, ORG) >= DEFAULT_THRESHOLD


def test_legal_form_families_come_from_rigour() -> None:
    from interdict.screening.legal_families import families

    assert families()["gmbh"] == families()["ltd"] == "llc"
    assert families()["ag"] == families()["jsc"] == "jsc"
    assert "sa" not in families()  # our "sa" also stands for SARL and SAS (limited): no family


def test_a_doubled_consonant_inside_a_word_is_no_korean_syllable() -> None:
    # nk_checks "Character Repetition": "joonng" was split as Korean "cho" + "onng" and lost "jong".
    from interdict.screening.joined import split_joined

    assert split_joined("joonng") is None
    assert split_joined("jongchul") == ("jong", "chol")  # a real joined name still splits
    assert score("Kim Joonng-un", "Kim Jong-un") >= DEFAULT_THRESHOLD
