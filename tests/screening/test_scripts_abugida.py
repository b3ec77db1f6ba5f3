"""Issue 12 §2, every script to Latin: names in the Brahmic and South-East Asian scripts (`abugida`,
`myanmar`, `khmer`) screen against their usual Latin spellings, and different names in the same
script stay apart. None of these names is a row of a benchmark set."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from interdict.core.entity import EntityKind
from interdict.screening.abugida import read
from interdict.screening.khmer import romanize
from interdict.screening.myanmar import syllables
from interdict.screening.normalize import latin_form, name_forms
from interdict.screening.thai import romanize as thai
from interdict.screening.threshold import DEFAULT_THRESHOLD
from interdict.screening.tibetan import romanize as tibetan
from tests.screening.test_defects_names import pair_score

PERSON = EntityKind.PERSON
ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize(("query", "listed"), [
    ("সাকিব আল হাসান", "Shakib Al Hasan"),  # Bengali
    ("শেখ রেহানা", "Sheikh Rehana"),  # শেখ "shekh": the title, as Sheikh
    ("ਅਮਰਿੰਦਰ ਸਿੰਘ", "Amarinder Singh"),  # Gurmukhi: tippi, final vowel
    ("ਪਰਕਾਸ਼ ਸਿੰਘ ਬਾਦਲ", "Parkash Singh Badal"),
    ("અમિત શાહ", "Amit Shah"),  # Gujarati
    ("கருணாநிதி", "Karunanidhi"),  # Tamil
    ("வேலுப்பிள்ளை பிரபாகரன்", "Velupillai Prabhakaran"),
    ("చంద్రబాబు నాయుడు", "Chandrababu Naidu"),  # Telugu
    ("ಸಿದ್ದರಾಮಯ್ಯ", "Siddaramaiah"),  # Kannada
    ("പിണറായി വിജയൻ", "Pinarayi Vijayan"),  # Malayalam: chillu
    ("ගෝඨාභය රාජපක්ෂ", "Gotabaya Rajapaksa"),  # Sinhala
    ("ဇော်မြင့်မောင်", "Zaw Myint Maung"),  # Myanmar: a word a syllable
    ("အောင်ဆန်းစုကြည်", "Aung San Suu Kyi"),
    ("ဦးနု", "U Nu"),
    ("ประยุทธ์ จันทร์โอชา", "Prayut Chan-o-cha"),  # Thai: silent letters, unwritten vowels
    ("ทักษิณ", "Thaksin"),
    ("བསྟན་འཛིན་རྒྱ་མཚོ", "Tenzin Gyatso"),  # Tibetan: silent prefixes, two syllables a word
    ("དགེ་འདུན་ཆོས་ཀྱི་ཉི་མ", "Gedhun Choekyi Nyima"),
    ("ហ៊ុន សែន", "Hun Sen"),  # Khmer
    ("ខៀវ សំផន", "Khieu Samphan"),
    ("អៀង សារី", "Ieng Sary"),
])
def test_names_find_their_latin_spelling(query: str, listed: str) -> None:
    assert pair_score(query, listed, PERSON) >= DEFAULT_THRESHOLD


@pytest.mark.parametrize(("query", "listed"), [
    ("খালেদা জিয়া", "Sheikh Hasina"),  # two Bengali names
    ("ਪਰਕਾਸ਼ ਸਿੰਘ ਬਾਦਲ", "Amarinder Singh"),  # Singh in common
    ("અમિત શાહ", "Anand Patel"),
    ("கருணாநிதி", "Jayalalithaa"),
    ("ಸಿದ್ದರಾಮಯ್ಯ", "Kumaraswamy"),
    ("ഉമ്മൻ ചാണ്ടി", "Pinarayi Vijayan"),
    ("ගෝඨාභය රාජපක්ෂ", "Mahinda Rajapaksa"),  # brothers: Rajapaksa in common
    ("နေဝင်း", "Min Aung Hlaing"),
    ("ဇော်မြင့်မောင်", "Zaw Min Tun"),
    ("ยิ่งลักษณ์ ชินวัตร", "Thaksin Shinawatra"),  # sister and brother
    ("ชวน หลีกภัย", "Prayut Chan-o-cha"),
    ("ហ៊ុន សែន", "Ieng Sary"),
    ("བསྟན་འཛིན་རྒྱ་མཚོ", "Gedhun Choekyi Nyima"),
    ("ཆོས་ཀྱི་རྒྱལ་མཚན", "Gedhun Choekyi Nyima"),  # Chökyi in common
])
def test_different_names_in_the_same_script_stay_apart(query: str, listed: str) -> None:
    assert pair_score(query, listed, PERSON) < DEFAULT_THRESHOLD


@pytest.mark.parametrize(("native", "latin"), [
    ("শিহাব হোসেন", ("shihab", "hosen")),  # no word-final inherent vowel; ś is sh
    ("ਨਰਿੰਦਰ ਸਿੰਘ", ("narindar", "singh")),  # tippi before a consonant: n
    ("ಕುಮಾರ್", ("kumar",)),
    ("মিত্র", ("mitra",)),  # a final conjunct keeps its vowel
])
def test_words_are_read_whole(native: str, latin: tuple[str, ...]) -> None:
    form = latin_form(native)
    assert form is not None and form.tokens == latin
    original = name_forms(native)[-1]
    assert original.tokens == tuple(native.split())  # marks are part of the word: no fragments


def test_latin_letters_inside_a_word_are_kept() -> None:
    form = latin_form("Xyzប៉ុល")
    assert form is not None and form.tokens == ("xyz", "pol")
    assert read("abcทักษิณ") == ["abc", "thaksin"] and read("Иван") is None


def test_burmese_names_are_a_word_per_syllable() -> None:
    assert syllables("မင်းအောင်လှိုင်") == ["min", "aung", "hlaing"]
    assert syllables("ဇော်မြင့်မောင်") == ["zaw", "myint", "maung"]  # the creaky nasal: "nt"
    assert syllables("ဦးနု") == ["u", "nu"]


def test_khmer_register_signs_and_inherent_vowels() -> None:
    assert romanize("ពត") == "pot"  # o-series inherent vowel, then a final
    assert romanize("ប៉ុល") == "pol"  # ៉ makes ប "p" and reads ុ in the a-series
    assert romanize("ប៊ុន") == "bun"  # ៊: the o-series reading of ុ
    assert romanize("វិជ្ជា") == "vichchea"  # a Pali cluster closes the syllable before


def test_tibetan_syllables() -> None:
    assert tibetan("དབང་ཕྱུག") == ["wangchuk"]  # དབ is w; ཕྱ is ch; final ག k
    assert tibetan("བཀྲ་ཤིས་བདེ་ལེགས") == ["trashi", "delek"]  # prefixes silent; ཀྲ tr
    assert tibetan("ཏཱ་ལའི") == ["tale"]  # the i on a-chung: e


def test_thai_unwritten_vowels_and_silent_letters() -> None:
    assert thai("ประยุทธ์") == "prayut"  # ธ under the thanthakhat is silent
    assert thai("ชวน") == "chuan"  # ว between consonants is the vowel ua
    assert thai("หลีกภัย") == "likphai"  # ห leading a sonorant; final ก is k, final ย i
    assert thai("บรรหาร") == "banhan"  # รร is an


def test_a_latin_name_loads_no_script_reader() -> None:
    code = ("import sys, json\n"
            "from interdict.screening.normalize import name_forms\n"
            "name_forms('Pak Jin Hyok')\n"
            "print(json.dumps(sorted(sys.modules)))\n")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                          cwd=ROOT, env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"})
    modules = set(json.loads(done.stdout))
    assert not modules & {"icu", "interdict.screening.myanmar", "interdict.screening.khmer",
                          "interdict.screening.thai", "interdict.screening.tibetan"}
