"""Arabic script read with its vowels: `محمد علي` → "muhammad ali", not rigour's "mhmd ly".

Arabic writes no short vowels, so a letter-by-letter transliteration (rigour, ICU) gives only the
consonant skeleton, which matches no list spelling. Common name words are read from a table of
their vowelled Latin spellings (`data/arabic_names.tsv`, checked against rigour's person-name
symbols); a word the table does not hold keeps the transliterator's skeleton. The engine compares
both forms (`normalize.name_forms`), so a list written in the skeleton still matches.
"""

from __future__ import annotations

from functools import cache

from interdict.screening.vowelled import name_table, unmarked

ARABIC_RULE = "arabic vowelled"
ARTICLE = "ال"
ABD = "عبد"
# ة (ta marbuta) and ى (alif maqsura) are written for ه and ي, or the other way, in names.
_FOLD = str.maketrans({"ة": "ه", "ى": "ي", "ـ": None})


def has_arabic(text: str) -> bool:
    """True when the text holds a letter of the Arabic block."""
    return any("\u0600" <= ch <= "\u06ff" for ch in text)


def key(word: str) -> str:
    """The table key of an Arabic word: vowel marks and hamza seats dropped (أ → ا), ة → ه, ى → ي."""
    return unmarked(word, _FOLD)


@cache
def vowelled_table() -> dict[str, str]:
    """Arabic name word (as `key` reads it) → its vowelled Latin spelling."""
    return name_table("arabic_names.tsv", key)


def vowelled(word: str) -> list[str] | None:
    """The vowelled Latin words of one Arabic word ("الظواهري" → ["al", "zawahiri"]), or None when
    the table does not know it."""
    table = vowelled_table()
    k = key(word)
    if k in table:
        return [table[k]]
    if k.startswith(ARTICLE) and k[len(ARTICLE):] in table:
        return ["al", table[k[len(ARTICLE):]]]
    if k.startswith(ABD + ARTICLE) and k[len(ABD + ARTICLE):] in table:  # عبدالكريم → abd al karim
        return ["abd", "al", table[k[len(ABD + ARTICLE):]]]
    return None
