"""Numbers written as words or ordinals read as digits: "First" ~ "1st" ~ "1", "Forty-Four" ~ "44".

The words come from rigour's ordinals table (`rigour._core.ordinals_dict`: cardinal and ordinal
forms of 0..100 in several languages). Left out: Roman numerals ("II", "vi" are name parts and
initials), forms in other scripts, and words of three letters or fewer other than the English
ones ("una", "nil"), as are words that are Chinese or Korean syllables.
"""

from __future__ import annotations

import re
from functools import cache

from interdict.screening import hangul, tables

_ROMAN = re.compile(r"^[ivxlc]+(?:st|nd|rd|th)?$")
_WORD = re.compile(r"[a-z]+")
_SHORT_OK = frozenset({"one", "two", "six", "ten"})
_SUFFIXES = frozenset({"st", "nd", "rd", "th"})
MAX_PHRASE = 4


@cache
def number_phrases() -> dict[tuple[str, ...], str]:
    """Word tuples → the digits they stand for ("forty", "four") → "44"."""
    from rigour._core import ordinals_dict

    out: dict[tuple[str, ...], str] = {}
    for number, forms in ordinals_dict().items():
        for form in forms:
            if not form.isascii():  # words of other scripts are not read (nor transliterated)
                continue
            text = form.casefold()
            if any(c.isdigit() for c in text) or _ROMAN.match(text.replace(".", "")):
                continue
            words = tuple(_WORD.findall(text))
            if not words or len(words) > MAX_PHRASE or not _plain_words(words):
                continue
            out[words] = str(number)
    return out


def _plain_words(words: tuple[str, ...]) -> bool:
    """Words that cannot be a name part: long enough, not a syllable of a romanized name."""
    for w in words:
        if len(w) <= 3 and w not in _SHORT_OK:
            return False
        if w in tables.pinyin_syllables() or w in hangul.syllable_spellings() or w in tables.variants():
            return False
    return True


@cache
def first_words() -> frozenset[str]:
    """The first words of the number phrases (a quick test before the phrase scan)."""
    return frozenset(p[0] for p in number_phrases())


def read_numbers(words: list[str]) -> list[str]:
    """Number words and ordinals as digits; "1 st" (from "1st") as "1"; "40 4" (from "Forty 4")
    as "44"."""
    phrases = number_phrases()
    firsts = first_words()
    if not any(w in firsts or w in _SUFFIXES for w in words):
        return words  # most names hold no number word
    out: list[str] = []
    spelled: set[int] = set()  # positions in `out` of tens read from words
    i = 0
    while i < len(words):
        for size in range(min(MAX_PHRASE, len(words) - i), 0, -1):
            digits = phrases.get(tuple(words[i:i + size]))
            if digits is not None:
                if digits.endswith("0") and len(digits) == 2:
                    spelled.add(len(out))
                out.append(digits)
                i += size
                break
        else:
            word = words[i]
            if word in _SUFFIXES and out and out[-1].isdigit():
                pass  # "1st" was split into "1 st"
            elif len(word) == 1 and word.isdigit() and word != "0" and len(out) - 1 in spelled:
                out[-1] = out[-1][0] + word  # "forty 4"
            else:
                out.append(word)
            i += 1
    return out
