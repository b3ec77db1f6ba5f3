"""What the vowelled readings of abjad scripts (Arabic: `arabic.py`; Hebrew: `hebrew.py`) share:
a word's table key without its vowel points, and a table of name words and their Latin spellings."""

from __future__ import annotations

import unicodedata
from collections.abc import Callable

from interdict.screening.tables import DATA


def unmarked(word: str, fold: dict[int, str | None]) -> str:
    """The word without combining marks (vowel points, cantillation, hamza seats), then `fold`."""
    decomposed = unicodedata.normalize("NFD", word)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).translate(fold)


def name_table(filename: str, key: Callable[[str], str]) -> dict[str, str]:
    """A `WORD<TAB>latin` table of `screening/data` (comments `#`), keyed by `key` of the word."""
    text = (DATA / filename).read_text(encoding="utf-8")
    rows = (line.split("\t") for line in text.splitlines() if line.strip() and not line.startswith("#"))
    return {key(word): latin.strip() for word, latin in rows}
