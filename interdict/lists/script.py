"""Which writing system a name is in, from the Unicode names of its letters."""

from __future__ import annotations

import unicodedata
from collections import Counter

# First word of a letter's Unicode name → the script label used on `Name.script`.
_SCRIPT_WORDS = {
    "HANGUL": "Hangul",
    "CJK": "Han",
    "HIRAGANA": "Japanese",
    "KATAKANA": "Japanese",
    "ARABIC": "Arabic",
    "CYRILLIC": "Cyrillic",
    "GREEK": "Greek",
    "HEBREW": "Hebrew",
    "GEORGIAN": "Georgian",
    "ARMENIAN": "Armenian",
    "THAI": "Thai",
    "DEVANAGARI": "Devanagari",
    "ETHIOPIC": "Ethiopic",
    "SYRIAC": "Syriac",
    "TAMIL": "Tamil",
    "BENGALI": "Bengali",
    "KHMER": "Khmer",
    "MYANMAR": "Myanmar",
    "LAO": "Lao",
}


def detect_script(text: str) -> str | None:
    """The dominant non-Latin script of `text` ("Hangul", "Arabic", "Cyrillic", "Han", ...), None if Latin."""
    if text.isascii():
        return None  # most names: skip the per-letter Unicode lookups
    counts: Counter[str] = Counter()
    latin = 0
    for char in text:
        if not char.isalpha():
            continue
        word = unicodedata.name(char, "").split(" ", 1)[0]
        if word == "LATIN":
            latin += 1
        elif word in _SCRIPT_WORDS:
            counts[_SCRIPT_WORDS[word]] += 1
    if not counts:
        return None
    script, count = counts.most_common(1)[0]
    if count < latin:
        return None
    # Hangul text with Hanja mixed in is still Korean; Han with kana is Japanese.
    if "Hangul" in counts:
        return "Hangul"
    if "Japanese" in counts:
        return "Japanese"
    return script
