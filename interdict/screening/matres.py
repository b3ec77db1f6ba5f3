"""Names of other languages written in Arabic script, compared by their consonants.

Arabic writes no short vowels, and writes the long ones, and the vowels of foreign names, with
the letters ا و ي (matres lectionis: `فرناندو بيريز` is "Fernando Pérez"). A word that the vowelled
table (`arabic.py`) does not hold is transliterated letter by letter ("frnandw byryz"), which meets
no Latin spelling. Its consonants do: with the matres and vowels dropped on both sides, and the
letters Arabic does not tell apart folded (p/b, v/f, g/j/k/q/c, s/z), `frnandw` and `fernando`
are both `frnt`. Such a word becomes a marked token (`~frnt`, `MARK` + its key) in a form of its own
(`normalize.name_forms`), which the candidate stage looks up in the lists' vocabulary by key
(`related`) and the scorer compares by key (`similar`), with partial credit: a consonant key of
three letters is shared by other names (`Paris` and `Perez` are both `prs`).

Only for queries: a listed name's forms hold no marked token.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache
from typing import TYPE_CHECKING

from interdict.screening import arabic
from interdict.screening.tokens import skeleton
from interdict.screening.translit import ascii_text

if TYPE_CHECKING:  # the index builds name forms with `normalize`, which imports this module
    from interdict.screening.index import ScreeningIndex

MARK = "~"
RULE = "arabic consonants"
SIM_MATRES = 0.8  # below a romanization match (0.92) and a nickname (0.85): the vowels are guessed
MIN_KEY = 3  # fewer consonants match too many names ("mr": Mary, Omar, Maria)
_MATRES = re.compile("[wy']")
_DROP = re.compile("[aeiouh]")
_FOLD = str.maketrans({"v": "f", "c": "k", "z": "s"})
_DOUBLE = re.compile(r"(.)\1+")


def consonants(latin: str) -> str:
    """The consonant key of a Latin word, as its skeleton reads it ("fernando" → "frnt")."""
    return _DOUBLE.sub(r"\1", _DROP.sub("", skeleton(latin)).translate(_FOLD))


def arabic_key(translit: str) -> str:
    """The key of an Arabic word from its letter-by-letter transliteration ("frnandw" → "frnt"):
    و and ي (w, y) stand for vowels in foreign names, so they go before the skeleton is read."""
    return consonants(_MATRES.sub("", translit.lower()))


def marked(translit: str) -> str | None:
    """The marked token of an Arabic word, or None when its key is too short to tell names apart."""
    key = arabic_key(translit)
    return MARK + key if len(key) >= MIN_KEY and key.isascii() and key.isalpha() else None


def reading(chunks: list[str]) -> tuple[str, ...] | None:
    """The words of an Arabic-script name, each read from the vowelled table or else as a marked
    token; None unless some word is marked (the other forms already say all the rest), or for a
    one-word name (three consonants alone are no evidence of a name: "ايماتيل" is no "Matiullah")."""
    tokens: list[str] = []
    for chunk in chunks:
        if (words := arabic.vowelled(chunk)) is not None:
            tokens.extend(words)
        elif (token := marked(ascii_text(chunk))) is not None:
            tokens.append(token)
        else:
            tokens.append(ascii_text(chunk).lower())
    return tuple(tokens) if len(tokens) > 1 and any(t.startswith(MARK) for t in tokens) else None


@lru_cache(maxsize=65536)
def similar(a: str, b: str) -> tuple[float, str]:
    """A marked token against a Latin word: SIM_MATRES when their consonant keys agree."""
    mark, word = (a, b) if a.startswith(MARK) else (b, a)
    if word.startswith(MARK) or not word.isascii() or not word.isalpha():
        return 0.0, ""
    return (SIM_MATRES, "arabic:consonants") if consonants(word) == mark[1:] else (0.0, "")


def key_of(word: str) -> str:
    """The consonant key a vocabulary word is found by ("" for one that is not plain Latin)."""
    return consonants(word) if word.isascii() and word.isalpha() else ""


def build_table(words: Iterable[str]) -> dict[str, list[int]]:
    """Vocabulary ids (the words' positions) by consonant key: ~0.7 s CPU over the lists' 100,000
    words, which is why the index cache stores the keys (`loader`) and a screen reads them."""
    return table_from_keys(key_of(w) for w in words)


def table_from_keys(keys: Iterable[str]) -> dict[str, list[int]]:
    """Positions by key, from each vocabulary word's key in vocabulary order ("" for none)."""
    table: dict[str, list[int]] = {}
    for vid, key in enumerate(keys):
        if key:
            table.setdefault(key, []).append(vid)
    return table


def table_of(index: ScreeningIndex) -> dict[str, list[int]]:
    """The index's consonant table: from the memo, else the index cache, else built (once)."""
    return index.derived("matres_table", lambda i: build_table(i.vocab))


def related(index: ScreeningIndex, token: str) -> list[int]:
    """Vocabulary ids whose consonant key is the marked token's."""
    return sorted(table_of(index).get(token[len(MARK):], ()))
