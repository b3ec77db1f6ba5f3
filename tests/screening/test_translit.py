"""The screening engine's calls into rigour's compiled core give rigour's own results, and a Latin
name is screened without importing rigour's Python text layer (normality, ICU: start-up cost)."""

from __future__ import annotations

import subprocess
import sys

import pytest
from rigour.names.org_types import replace_org_types_compare as rigour_org_types
from rigour.text.translit import ascii_text as rigour_ascii

from interdict.screening.translit import ascii_text, replace_org_types_compare

SAMPLES = ["Pak Jin Hyok", "Шевченко", "Αλέξανδρος", "محمد علي", "习近平", "ប៉ុល ពត", "Ølstad Ærø",
           "박진혁", "Siemens Aktiengesellschaft", "публичное акционерное общество газпром",
           "societatea cu raspundere limitata x", "gesellschaft mit beschränkter haftung"]


@pytest.mark.parametrize("text", SAMPLES)
def test_the_same_results_as_rigour(text: str) -> None:
    assert ascii_text(text) == rigour_ascii(text)
    folded = text.casefold()
    assert replace_org_types_compare(folded) == rigour_org_types(folded)


def test_the_pinyin_table_is_rigours() -> None:
    from interdict.screening import tables

    assert tables.pinyin_syllables() == tables.pinyin_from_rigour()
    assert {"wang", "zhang", "xi", "jin", "ping"} <= tables.pinyin_syllables()


def test_the_country_table_is_rigours() -> None:
    from interdict.screening import countries

    table = countries.country_phrases()
    assert {k: v for k, v in table.items() if len(k) > 1} == countries.phrases_from_rigour()
    assert table[("north", "korea")] == "kp" and ("niu", "ai") not in table  # Niue, romanized from Chinese


def test_a_latin_name_is_screened_without_rigours_python_text_layer() -> None:
    code = ("import sys\n"
            "from interdict.core.entity import Entity, EntityKind, Name\n"
            "from interdict.core.match import Query\n"
            "from interdict.screening.engine import screen\n"
            "from interdict.screening.index import build_index\n"
            "index = build_index([Entity(list='t', list_id='1', kind=EntityKind.PERSON,"
            " names=(Name('Park Jin Hyok'),))])\n"
            "assert screen(index, Query('Pak Jin Hyok'))\n"
            "layers = ('normality', 'rigour.text', 'rigour.names', 'icu')\n"
            "print(sorted(m for m in layers if m in sys.modules))\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
