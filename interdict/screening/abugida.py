"""Names in the Brahmic and South-East Asian scripts read as their usual Latin spellings.

These scripts write vowels and viramas as combining marks around the consonants, so a word is its
letters *and* marks (Python's \\w holds no marks: "শেখ" would fall apart into "শ", "খ"). Each word is
read whole:

- Bengali, Gurmukhi, Gujarati, Oriya, Tamil, Telugu, Kannada, Malayalam: ICU's maintained
  transliterator (Any-Latin, ISO 15919), then the corrections that turn that letter-by-letter
  transliteration into the spelling names are written with: the word-final inherent vowel of the
  North Indian scripts is not spoken ("শেখ" is "shekh", not ISO's "śēkha"); the nasal sign before
  a consonant is n, or m before a labial ("ਸਿੰਘ" → "singh"); ś and ṣ are "sh", ISO's c is "ch";
  Tamil த is "th" and ச "s". ICU drops Gurmukhi's tippi and addak and misreads Malayalam's
  two-part vowels and chillu letters: those are rewritten before and after it.
- Sinhala: no maintained transliterator reads it (ICU leaves it as is; anyascii drops every
  inherent vowel: "මහින්ද" → "mhind"), so `_SINHALA` is a table of the common romanization
  (ISO 15919 with sh, ch, th as names are written).
- Thai: `thai` (RTGS; ICU's Thai-Latin is ISO 11940, letter for letter, and anyascii leaves out
  the vowels Thai does not write).
- Myanmar: `myanmar` (Burmese names are written syllable by syllable in Latin).
- Khmer: `khmer` (UNGEGN; no maintained transliterator reads it).
- Tibetan: `tibetan` (THL Simplified Phonetic Transcription; ICU has no Tibetan-Latin).

Devanagari (read by rigour: ICU with its own schwa rules) and Lao stay with the reading in
`normalize`.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from typing import Any

# (first, last) code point of each script this module reads.
BENGALI, GURMUKHI, GUJARATI, ORIYA = (0x0980, 0x09FF), (0x0A00, 0x0A7F), (0x0A80, 0x0AFF), (0x0B00, 0x0B7F)
TAMIL, TELUGU, KANNADA, MALAYALAM = (0x0B80, 0x0BFF), (0x0C00, 0x0C7F), (0x0C80, 0x0CFF), (0x0D00, 0x0D7F)
SINHALA, THAI, MYANMAR, KHMER = (0x0D80, 0x0DFF), (0x0E00, 0x0E7F), (0x1000, 0x109F), (0x1780, 0x17FF)
TIBETAN = (0x0F00, 0x0FFF)
_ICU = (BENGALI, GURMUKHI, GUJARATI, ORIYA, TAMIL, TELUGU, KANNADA, MALAYALAM)
_FINAL_SCHWA = (BENGALI, GURMUKHI, GUJARATI, ORIYA)  # spoken without the word-final inherent vowel
SCRIPTS = (*_ICU, SINHALA, THAI, TIBETAN, MYANMAR, KHMER)
# The marks of these scripts (and Devanagari's and Khmer's, read elsewhere) as part of a word,
# for a regex character class (Tibetan: its letters, digits and the tsheg between syllables);
# Myanmar's two punctuation marks (၊ ။) and Tibetan's shad (།) still separate names.
WORD_CLASS = ("\u0900-\u0963\u0966-\u0dff\u0e00-\u0e7f\u0f0b\u0f20-\u0f33\u0f40-\u0fbc"
              "\u1000-\u1049\u104c-\u109f\u1780-\u17ff")
WORD_RANGES = ((0x0900, 0x0DFF), (0x0E00, 0x0E7F), (0x0F00, 0x0FFF), (0x1000, 0x109F), (0x1780, 0x17FF))

_VIRAMAS = {"\u09cd", "\u0a4d", "\u0acd", "\u0b4d"}
_VIRAMA_OF = {0x0980: "\u09cd", 0x0A00: "\u0a4d", 0x0A80: "\u0acd", 0x0B00: "\u0b4d"}
_NUKTAS = {"\u09bc", "\u0a3c", "\u0abc", "\u0b3c"}
# Gurmukhi: tippi is read by ICU as nothing, bindi as the nasal; addak doubles the next consonant.
_ADDAK = re.compile("\u0a71(.)")
# Malayalam chillu letters (a consonant with no vowel) as the consonant and virama ICU reads.
_MALAYALAM_CHILLU = str.maketrans({chr(0x0D7A + i): base + "\u0d4d" for i, base in enumerate("ണനരലളക")})
_MALAYALAM_VOWELS = (("ēā", "ō"), ("eā", "o"), ("ēau", "au"))  # ICU reads ോ ൊ ൌ as two signs
_LABIAL_NASAL = re.compile(r"[ṁṃ](?=[pbm])")
_NASAL = re.compile(r"[ṁṃṅñ]")
_ISO_C = re.compile(r"c(?!h)")
_ASCII_RUN = re.compile(r"([\x00-\x7f]+)")
_TAMIL = (("ḻ", "zh"), ("ṟ", "r"), ("ṉ", "n"), ("t", "th"), ("ṭ", "t"), ("c", "s"))
_ISO = (("r̥", "ri"), ("ś", "sh"), ("ṣ", "sh"), ("ch", "chh"), ("ẏ", "y"))


def script_of(ch: str) -> tuple[int, int] | None:
    """The range of the script of `ch` among those this module reads, or None."""
    code = ord(ch)
    for lo, hi in SCRIPTS:
        if lo <= code <= hi:
            return lo, hi
    return None


def read(word: str) -> list[str] | None:
    """The Latin words of one word written in a script this module reads (None for other words)."""
    if not any("\u0980" <= c <= "\u17ff" for c in word):  # most words: Latin, Cyrillic, Arabic, Han
        return None
    script = next((s for c in word if (s := script_of(c)) is not None), None)
    if script is None:
        return None
    if any(c.isascii() for c in word):  # "abcতুমি": each part in its own script
        return [w for part in _ASCII_RUN.split(word) if part
                for w in (read(part) or [p for p in re.split(r"[^a-z0-9]+", part.lower()) if p])]
    if script == MYANMAR:
        from interdict.screening.myanmar import syllables

        return syllables(word)
    if script == TIBETAN:
        from interdict.screening.tibetan import romanize as tibetan

        return tibetan(word)
    if script == KHMER:
        from interdict.screening.khmer import romanize

        latin = romanize(word)
    elif script == THAI:
        from interdict.screening.thai import romanize as thai

        latin = thai(word)
    elif script == SINHALA:
        latin = _sinhala(word)
    else:
        latin = _indic(word, script)
    return [w for w in re.split(r"[^a-z0-9]+", latin) if w]


@lru_cache(maxsize=1)
def _any_latin() -> Any:
    import icu  # type: ignore[import-untyped]  # PyICU (a dependency of normality, via rigour): loaded only for these scripts

    return icu.Transliterator.createInstance("Any-Latin")


def _indic(word: str, script: tuple[int, int]) -> str:
    if script == GURMUKHI:
        word = _ADDAK.sub(lambda m: m.group(1) + "\u0a4d" + m.group(1), word.replace("\u0a70", "\u0a02"))
    elif script == MALAYALAM:
        word = word.translate(_MALAYALAM_CHILLU)
    if script in _FINAL_SCHWA:
        word = _medial_schwa(word)
    latin = unicodedata.normalize("NFC", _any_latin().transliterate(word)).replace("'", "")
    if script == MALAYALAM:
        for old, new in _MALAYALAM_VOWELS:
            latin = latin.replace(old, new)
    if script in _FINAL_SCHWA and _final_schwa(word) and latin.endswith("a"):
        latin = latin[:-1]
    latin = _NASAL.sub("n", _LABIAL_NASAL.sub("m", latin))
    for old, new in _TAMIL if script == TAMIL else ():
        latin = latin.replace(old, new)
    for old, new in _ISO:
        latin = latin.replace(old, new)
    return _fold(_ISO_C.sub("ch", latin))


def _medial_schwa(word: str) -> str:
    """The word with a virama after each consonant whose inherent vowel is not spoken: between a
    vowel and a consonant bearing a vowel sign (the VC_CV rule of Hindi-type schwa deletion, Ohala
    1983: "রহমান" is "rahman", "শামসুদ্দিন" "shamsuddin", not ISO's "rahamāna", "śāmasuddina")."""
    units = _aksharas(word)
    for i in range(1, len(units) - 1):
        before, unit, after = units[i - 1], units[i], units[i + 1]
        if unit[1] == "" and before[1] in ("", "sign") and after[1] == "sign" and after[0] and unit[0]:
            units[i] = (unit[0], "virama", unit[2] + _VIRAMA_OF[ord(unit[2][0]) & ~0x7F])
    return "".join(u[2] for u in units)


def _aksharas(word: str) -> list[tuple[bool, str, str]]:
    """(starts with a consonant, its vowel: "" inherent / "sign" / "virama" / "nasal", text) of each
    written syllable."""
    units: list[tuple[bool, str, str]] = []
    for ch in word:
        cat = unicodedata.category(ch)
        if cat == "Lo":
            units.append((not _independent_vowel(ch), "sign" if _independent_vowel(ch) else "", ch))
        elif units:
            cons, vowel, text = units[-1]
            if ch in _VIRAMAS:
                vowel = "virama"
            elif ch not in _NUKTAS:
                vowel = "sign" if vowel in ("", "sign") and not _nasal_sign(ch) else vowel or "nasal"
            units[-1] = (cons, vowel, text + ch)
    return units


def _nasal_sign(ch: str) -> bool:
    return any(w in unicodedata.name(ch, "") for w in ("ANUSVARA", "CANDRABINDU", "TIPPI", "BINDI", "ADDAK",
                                                       "VISARGA"))


def _final_schwa(word: str) -> bool:
    """True when the word ends in a consonant bearing its inherent vowel, after another letter, and
    not in a conjunct ("মিত্র" keeps its a: "mitra"; "শেখ" drops it: "shekh")."""
    letters = [c for c in word if c not in _NUKTAS]
    if len(letters) < 2 or unicodedata.category(letters[-1]) != "Lo":
        return False
    return letters[-2] not in _VIRAMAS and not _independent_vowel(letters[-1])


def _independent_vowel(ch: str) -> bool:
    name = unicodedata.name(ch, "")
    return any(name.endswith(f"LETTER {v}") for v in ("A", "AA", "I", "II", "U", "UU", "E", "AI", "O", "AU"))


def _fold(latin: str) -> str:
    decomposed = unicodedata.normalize("NFD", latin.lower())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


# Sinhala letters in the common romanization of names (ISO 15919 with sh, ch, th written out).
_SINHALA_CONSONANTS = dict(zip(
    "කඛගඝඞඟචඡජඣඤඥඦටඨඩඪණඬතථදධනඳපඵබභමඹයරලවශෂසහළෆ",
    ["k", "kh", "g", "gh", "n", "ng", "ch", "chh", "j", "jh", "ny", "gn", "nj", "t", "th", "d", "dh",
     "n", "nd", "th", "th", "d", "dh", "n", "nd", "p", "ph", "b", "bh", "m", "mb", "y", "r", "l", "v",
     "sh", "sh", "s", "h", "l", "f"], strict=True))
_SINHALA_SIGNS = dict(zip("ාැෑිීුූෘෙේෛොෝෞෲ", ["a", "ae", "ae", "i", "i", "u", "u", "ru", "e", "e", "ai", "o", "o",
                                               "au", "ru"], strict=True))
_SINHALA_VOWELS = dict(zip("අආඇඈඉඊඋඌඍඑඒඓඔඕඖ", ["a", "a", "ae", "ae", "i", "i", "u", "u", "ri", "e", "e", "ai",
                                                "o", "o", "au"], strict=True))
_SINHALA_VIRAMA, _SINHALA_NASAL = "\u0dca", "\u0d82"


def _sinhala(word: str) -> str:
    out: list[str] = []
    for i, ch in enumerate(word):
        nxt = word[i + 1] if i + 1 < len(word) else ""
        if ch in _SINHALA_CONSONANTS:
            bare = nxt in _SINHALA_SIGNS or nxt == _SINHALA_VIRAMA
            out.append(_SINHALA_CONSONANTS[ch] + ("" if bare else "a"))
        elif ch in _SINHALA_SIGNS:
            out.append(_SINHALA_SIGNS[ch])
        elif ch in _SINHALA_VOWELS:
            out.append(_SINHALA_VOWELS[ch])
        elif ch == _SINHALA_NASAL:
            out.append("m" if nxt and _SINHALA_CONSONANTS.get(nxt, "")[:1] in ("p", "b", "m") else "n")
    return "".join(out)
