"""Issue 12 §2, every script to Latin: Hebrew names read with their vowels (as Arabic ones are),
and both readings compared; the Hebrew table is checked against rigour's name symbols."""

from __future__ import annotations

import pytest
import rigour._core as rigour_core
from rigour.names import NameTypeTag

from interdict.core.entity import EntityKind
from interdict.screening.normalize import name_forms
from interdict.screening.tables import DATA
from interdict.screening.threshold import DEFAULT_THRESHOLD
from tests.screening.test_defects_names import pair_score

PERSON = EntityKind.PERSON


@pytest.mark.parametrize(("query", "listed"), [
    ("נתניהו", "Netanyahu"),
    ("בנימין נתניהו", "Benjamin Netanyahu"),
    ("Benjamin Netanyahu", "בנימין נתניהו"),
    ("יצחק רבין", "Yitzhak Rabin"),
    ("אהוד ברק", "Ehud Barak"),
    ("בְּנְיָמִין נְתַנְיָהוּ", "Benjamin Netanyahu"),  # with vowel points
])
def test_hebrew_names_find_their_latin_spelling(query: str, listed: str) -> None:
    assert pair_score(query, listed, PERSON) >= DEFAULT_THRESHOLD


def test_a_hebrew_word_the_table_lacks_keeps_its_skeleton() -> None:
    forms = name_forms("בנימין זלמנוביץ")
    unknown = forms[0].tokens[1]
    assert forms[0].tokens == ("benjamin", unknown) and unknown.isascii() and unknown.startswith("zlmn")
    assert ("bnymyn", unknown) in [f.tokens for f in forms]  # the letter-by-letter form, compared too


def test_different_hebrew_names_stay_apart() -> None:
    assert pair_score("בנימין נתניהו", "Benjamin Gantz", PERSON) < DEFAULT_THRESHOLD


def _symbols(text: str) -> set[str]:
    return {str(span.symbol) for name in rigour_core.analyze_names(NameTypeTag.PER, [text])
            for span in name.spans if len(span.parts) == 1 and str(span.symbol).startswith("[NAME")}


def test_every_table_row_shares_a_rigour_name_symbol() -> None:
    text = (DATA / "hebrew_names.tsv").read_text(encoding="utf-8")
    rows = [line.split("\t") for line in text.splitlines() if line and not line.startswith("#")]
    assert len(rows) >= 90
    unconfirmed = [(h, latin) for h, latin in rows if not _symbols(h) & _symbols(latin)]
    assert not unconfirmed
