"""Hangul syllables to Latin, the way DPRK names appear on sanctions lists.

Why our own: rigour/anyascii/ICU transliterate Hangul letter by letter in Revised Romanization
and join the syllables ("박진혁" → "bagjinhyeog"): the final ㄱ becomes "g", the name is one token,
and the family name is not separated. The lists spell DPRK names in the DPRK's own system (close
to McCune–Reischauer without diacritics: "Pak Jin Hyok"), family name first, given-name syllables
spaced. So we decompose each syllable (Unicode's arithmetic Hangul layout) and romanize it alone;
the variant tables then bridge the remaining differences (Pak/Park/Bak, Jong/Jeong/Chong, ...).
"""

from __future__ import annotations

from functools import cache

_BASE = 0xAC00
_LAST = 0xD7A3
_LEADS = ("k", "kk", "n", "t", "tt", "r", "m", "p", "pp", "s", "ss", "", "j", "jj", "ch", "kh", "th",
          "ph", "h")
_VOWELS = ("a", "ae", "ya", "yae", "o", "e", "yo", "ye", "o", "wa", "wae", "oe", "yo", "u", "wo", "we",
           "wi", "yu", "u", "ui", "i")
_TAILS = ("", "k", "k", "k", "n", "n", "n", "t", "l", "k", "m", "l", "l", "l", "p", "l", "m", "p", "p",
          "t", "t", "ng", "t", "t", "k", "t", "p", "t")
# Sino-Korean surnames whose initial ㄹ/ㅇ spelling differs between North (리, 류) and South (이, 유).
_SURNAME_SPELLINGS = {"이": "ri", "리": "ri", "류": "ryu", "유": "ryu", "림": "rim", "임": "rim"}
SURNAMES = {"이": "리", "유": "류", "임": "림"}  # the same surnames in Hangul, South → North spelling


def is_hangul_syllable(ch: str) -> bool:
    """True for a precomposed Hangul syllable (U+AC00–U+D7A3)."""
    return _BASE <= ord(ch) <= _LAST


def romanize_syllable(ch: str) -> str:
    """One precomposed Hangul syllable in DPRK-style romanization ("혁" → "hyok")."""
    code = ord(ch) - _BASE
    lead, rest = divmod(code, 588)
    vowel, tail = divmod(rest, 28)
    return _LEADS[lead] + _VOWELS[vowel] + _TAILS[tail]


def romanize_word(word: str) -> list[str]:
    """Romanize a run of Hangul syllables as a personal name would be written on a list.

    Two to four syllables are read as a family name of one syllable followed by the given-name
    syllables, each its own token: "박진혁" → ["pak", "jin", "hyok"]. Other lengths (organisation
    names, single syllables) become one token per syllable as well, which the joined-token rule of
    the scorer can reassemble.
    """
    syllables = [c for c in word if is_hangul_syllable(c)]
    if not syllables:
        return []
    tokens = [romanize_syllable(c) for c in syllables]
    if 2 <= len(syllables) <= 4 and syllables[0] in _SURNAME_SPELLINGS:
        tokens[0] = _SURNAME_SPELLINGS[syllables[0]]
    return tokens


def contains_hangul(text: str) -> bool:
    """True when the text holds at least one Hangul syllable."""
    return not text.isascii() and any(is_hangul_syllable(c) for c in text)


@cache
def syllable_spellings() -> frozenset[str]:
    """Every Hangul syllable as `romanize_syllable` spells it ("pak", "jin", "hyok", ...)."""
    return frozenset(romanize_syllable(chr(code)) for code in range(_BASE, _LAST + 1))


@cache
def syllable_skeletons() -> frozenset[str]:
    """The romanization skeletons of every syllable spelling (so "gi" is known as "ki")."""
    from interdict.screening.tokens import skeleton

    return frozenset(skeleton(s) for s in syllable_spellings())
