"""Digits read for letters inside a word: "Lustr0", "5hipping", "0lga", "A1i".

A name typed from a scan, or keyed from a document by someone guarding against an exact-match
filter, may carry a digit that looks like a letter: 0 for O, 1 for L (or I), 5 for S, 8 for B. The
tokenizer splits "lustr0" into "lustr" and "0", so the name loses a word to a stray number. A query
word made of letters with one or two such digits beside them is also read with the letters they
look like: a second reading beside the name as written (never instead of it), so "Pioneer 92",
"A320" or "MiG-29" (numbers of their own: standalone, or three digits and more, or a digit the table
does not hold) stay as they are.
"""

from __future__ import annotations

import re

LOOKALIKE = {"0": "o", "1": "l", "5": "s", "8": "b"}
MAX_DIGITS = 2  # more digits than this in one word are a number, not slips
MIN_LETTERS = 2  # "K1", "S7": a letter and a digit are a code, not a word
_WORD = re.compile(r"[^\W_]+")
# A letter-like digit beside a letter: names without one (nearly all) leave at once.
_SLIP = re.compile(r"[^\W\d_][0158]|[0158][^\W\d_]")


def _read(word: str) -> str:
    digits = [c for c in word if c.isdigit()]
    letters = sum(c.isalpha() for c in word)
    if not digits or len(digits) > MAX_DIGITS or letters < MIN_LETTERS \
            or any(d not in LOOKALIKE for d in digits):
        return word
    return "".join(LOOKALIKE.get(c, c) for c in word)


def lookalike_reading(text: str) -> str | None:
    """The name with its letter-like digits read as letters; None when no word has one."""
    if _SLIP.search(text) is None:
        return None
    read = _WORD.sub(lambda m: _read(m.group()), text)
    return read if read != text else None
