"""The written spellings a normalised token stands for, read back from the tables that made it.

Normalisation rewrites a word through the tables before anything compares it: a variant family's
spellings become its canonical one ("Mohamed" → "muhammad"), a legal form its short form
("Limited Liability Company" → "llc", "Limited" → "ltd"), a country's names a country token
("Bosnia and Herzegovina" → "c_ba"). A whole word is rewritten the same way on both sides, but a
word cut short at the end of an MT name line is not rewritten at all ("Mohame" stays "mohame"),
and the listed token it began is no longer written with its letters. Read back, the token's written
spellings let the cut word (and, for a phrase, the query's words before it: "limited liabili")
be compared with what the list wrote (`partial.cut_reading`, `blocking.block`).

Only tables whose output is one token are read back: a variant that splits a word in several
("abdul" → "abd al") leaves tokens the cut word begins as written.
"""

from __future__ import annotations

import bisect
from functools import cache, lru_cache

from interdict.screening import countries, tables

Phrase = tuple[str, ...]
MAX_LEAD = 7  # query words before the cut word a phrase may begin with (country names run to eight)


@cache
def spellings() -> dict[str, tuple[Phrase, ...]]:
    """Canonical token → the word sequences written for it (its variants, a legal form's words and
    phrases, an organisation's acronym phrases, a country's names)."""
    out: dict[str, set[Phrase]] = {}

    def add(token: str, words: Phrase) -> None:
        if words != (token,):
            out.setdefault(token, set()).add(words)

    for word, family in tables.variants().items():
        if len(family) == 1:
            add(family[0], (word,))
    for word, short in tables.legal_forms().items():
        add(short, (word,))
    for table in (tables.legal_form_phrases(), tables.org_acronym_phrases()):
        for entries in table.values():
            for words, acronym in entries:
                add(acronym, words)
    for words, code in countries.country_phrases().items():
        add(countries.PREFIX + code, words)
    return {token: tuple(sorted(phrases)) for token, phrases in out.items()}


@cache
def _by_word() -> tuple[list[str], list[tuple[Phrase, int, str]]]:
    """Every written word with (its phrase, its position there, the token), sorted by word: the
    words a cut word begins are then one range."""
    rows = sorted((words[at], words, at, token) for token, phrases in spellings().items()
                  for words in phrases for at in range(len(words)))
    return [r[0] for r in rows], [(r[1], r[2], r[3]) for r in rows]


def _reads(token: str, written: str) -> bool:
    """True when a query token is what normalisation makes of the written word (or the word itself)."""
    if token == written:
        return True
    canon = tables.variants().get(written)
    if canon is not None:
        return canon == (token,)
    return (tables.legal_forms().get(written) or tables.org_abbreviations().get(written)) == token


@lru_cache(maxsize=4096)
def readings(before: tuple[str, ...], cut: str) -> tuple[tuple[str, int], ...]:
    """The tokens whose written spelling the cut word may begin, as (token, k): the query's last k
    words before the cut word (`before` ends with them) read the spelling's first k words, and the
    cut word begins its next word ("ltd" + "liabili" begins "limited liability company": ("llc",
    1)); the most words first. The cut word is shorter than that word, or the phrase goes on after
    it (a whole word at the end of a line may still be cut at a word's end)."""
    words, rows = _by_word()
    found: set[tuple[str, int]] = set()
    at = bisect.bisect_left(words, cut)
    while at < len(words) and words[at].startswith(cut):
        phrase, k, token = rows[at]
        at += 1
        if k > len(before) or (len(phrase[k]) == len(cut) and k == len(phrase) - 1):
            continue
        if all(_reads(q, w) for q, w in zip(before[len(before) - k:], phrase[:k], strict=True)):
            found.add((token, k))
    return tuple(sorted(found, key=lambda p: (-p[1], p[0])))
