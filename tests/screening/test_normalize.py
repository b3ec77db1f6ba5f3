"""Normalisation: Unicode clean-up, transliteration, Hangul, variant tables, legal forms."""

from __future__ import annotations

import pytest

from interdict.screening.hangul import romanize_syllable, romanize_word
from interdict.screening.normalize import (
    LATIN,
    ORIGINAL,
    clean,
    latin_form,
    listed_name_forms,
    name_forms,
    original_form,
    query_key,
)


def tokens(text: str) -> tuple[str, ...]:
    form = latin_form(text)
    assert form is not None
    return form.tokens


def test_clean_removes_invisible_characters_and_folds_case() -> None:
    assert clean("Pak\u200dJin\u200eHyok\u202b") == "pakjinhyok"
    assert clean("ＰＡＫ") == "pak"  # NFKC folds full-width letters
    assert clean("Jin\u200bHyok") == "jin hyok"  # a zero-width *space* still separates words


def test_diacritics_punctuation_and_hyphens() -> None:
    assert tokens("Muḥammad ʿAbd al-Raḥmān") == ("muhammad", "abd", "al", "rahman")
    assert tokens("PARK JIN-HYOK") == ("pak", "jin", "hyok")
    assert tokens("O'Brien, Seán") == ("obrien", "sean")


def test_honorifics_are_dropped_from_the_head_only() -> None:
    assert tokens("Mr. Dr. Kim Jong Un") == ("kim", "jong", "un")
    assert tokens("Sheikh Ahmad") == ("ahmad",)
    assert tokens("Mr") == ("mr",)  # never drop the whole name


def test_variant_tables_map_spellings_to_one_token() -> None:
    assert tokens("Mohammed") == tokens("Muhammad") == tokens("Mohamed") == ("muhammad",)
    assert tokens("Abdulrahman") == ("abd", "al", "rahman")
    assert tokens("Rhee") == tokens("Lee") == tokens("Ri") == ("ri",)
    assert tokens("Choi") == ("choe",)
    form = latin_form("Park Jin Hyok")
    assert form is not None and ("park", "pak") in form.variants


def test_legal_form_phrases_become_one_weak_token() -> None:
    assert tokens("VTB Bank Public Joint-Stock Co.") == ("vtb", "bank", "jsc")
    assert tokens("Mokran Limited Liability Company") == ("mokran", "llc")
    assert tokens("OOO Mokran") == ("llc", "mokran")
    assert tokens("Korea Mining Development Trading Corporation")[-1] == "corp"


@pytest.mark.parametrize(("hangul", "latin"), [("박진혁", ["pak", "jin", "hyok"]),
                                                ("김정은", ["kim", "jong", "un"]),
                                                ("리원호", ["ri", "won", "ho"]),
                                                ("이원호", ["ri", "won", "ho"]),
                                                ("최룡해", ["choe", "ryong", "hae"])])
def test_hangul_names_are_romanized_by_syllable(hangul: str, latin: list[str]) -> None:
    assert romanize_word(hangul) == latin


def test_hangul_syllable_decomposition() -> None:
    assert romanize_syllable("혁") == "hyok"
    assert romanize_syllable("광") == "kwang"
    assert romanize_syllable("성") == "song"


def test_non_latin_names_keep_an_original_script_form() -> None:
    forms = name_forms("박진혁")
    assert [f.script for f in forms] == [LATIN, ORIGINAL]
    assert forms[0].rule == "hangul romanized"
    assert forms[1].tokens == ("박", "진", "혁")  # CJK: one token per character
    cyr = original_form("Шевченко Юлия")
    assert cyr is not None and cyr.tokens == ("шевченко", "юлия")
    assert tokens("Шевченко Юлия") == ("shevchenko", "yuliya")
    assert original_form("Muḥammad") is None


def test_listed_names_also_index_the_form_without_brackets() -> None:
    forms = listed_name_forms("FOREIGN TRADE BANK (FTB)")
    assert ("foreign", "trade", "bank", "ftb") in [f.tokens for f in forms]
    assert ("foreign", "trade", "bank") in [f.tokens for f in forms]


def test_query_key_is_order_insensitive_and_idempotent() -> None:
    key = query_key("PARK Jin-Hyok")
    assert key == query_key("Jin Hyok Pak") == "hyok jin pak"
    assert query_key(key) == key


def test_dotted_acronyms_spaced_letters_and_misspelt_legal_words() -> None:
    assert tokens("IK-Management L.L.C.") == ("ik", "management", "llc")
    assert tokens("Comercializadora Cacho S.A. de C.V.") == ("comercializadora", "cacho", "sa")
    assert tokens("Kave  S  A") == ("kave", "sa")
    assert tokens("J.M. Smithson") == ("j", "m", "smithson")  # initials stay initials
    assert tokens("Sky Trade Compaany") == ("sky", "trade", "co")
    assert tokens("Limited Laibility Company ID Solution") == ("llc", "id", "solution")
    assert tokens("Point Trading") == ("point", "trading")  # not "joint": first letters differ


def test_joined_words_are_split_when_both_parts_are_known() -> None:
    assert tokens("Ri Jongchul") == ("ri", "jong", "chol")
    assert tokens("Park Youngsik") == ("pak", "yong", "sik")
    assert tokens("Turiracompany") == ("turira", "co")
    assert tokens("Hanson") == ("hanson",)  # two Korean syllables, but no variant spelling in it
    assert tokens("Madison") == ("madison",)


def test_chinese_given_names_keep_their_syllables_together() -> None:
    assert tokens("王 东明") == ("wang", "dongming")
    assert tokens("王东明") == ("wang", "dongming")
    assert name_forms("王东明")[1].tokens == ("王", "东", "明")


def test_glued_legal_words_and_numbers_are_split() -> None:
    assert tokens("Limited Liabilitycompany Armor Engineering") == ("llc", "armor", "engineering")
    assert tokens("Taban1") == tokens("TABAN 1") == ("taban", "1")
    assert tokens("Publicity Co") == ("publicity", "co")  # short legal words are not split off
    assert tokens("Stockholm Holding") == ("stockholm", "holding")
