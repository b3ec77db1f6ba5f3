"""Hebrew script read with its vowels: `בנימין נתניהו` → "benjamin netanyahu", not "bnymyn ntnyhw".

Hebrew, like Arabic, writes no short vowels, and no maintained transliterator (rigour, ICU,
anyascii) restores them: letter by letter gives the consonant skeleton, which matches no list
spelling. As for Arabic (`arabic.py`), common name words are read from a table of their usual
Latin spellings (`data/hebrew_names.tsv`, each row confirmed by rigour's person-name symbols); a
word the table does not hold keeps the transliterator's skeleton, and the engine compares both
forms (`normalize.name_forms`).
"""

from __future__ import annotations

from functools import cache

from interdict.screening.vowelled import name_table, unmarked

HEBREW_RULE = "hebrew vowelled"
# Final letter forms are the same letters at the end of a word.
_FINALS = str.maketrans({"ך": "כ", "ם": "מ", "ן": "נ", "ף": "פ", "ץ": "צ", "׳": None, "'": None})


def has_hebrew(text: str) -> bool:
    """True when the text holds a letter of the Hebrew block."""
    return any("\u05d0" <= ch <= "\u05ea" for ch in text)


def key(word: str) -> str:
    """The table key of a Hebrew word: vowel points and cantillation dropped, final forms folded."""
    return unmarked(word, _FINALS)


@cache
def vowelled_table() -> dict[str, str]:
    """Hebrew name word (as `key` reads it) → its Latin spelling."""
    return name_table("hebrew_names.tsv", key)


def vowelled(word: str) -> list[str] | None:
    """The Latin words of one Hebrew word, or None when the table does not know it."""
    found = vowelled_table().get(key(word))
    return found.split() if found else None
