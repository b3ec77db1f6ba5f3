"""Readings of a name's word list: ship type words and titles dropped, multi-word phrases joined
into one token. Split off `normalize` so each module does one thing; `normalize._name_words` runs
them in order after transliteration, legal forms and numbers.
"""

from __future__ import annotations

from collections.abc import Iterable

from interdict.screening import tables

KEPT_RULE = "titles and ship words kept"  # the rule of a form that keeps them (`may_drop`)


def may_drop(words: Iterable[str]) -> bool:
    """True when a word of the name is a title or a ship type word, which `drop_honorifics` or
    `drop_vessel_words` may drop: only then is the name also read with them kept (most names have
    none). The reading drops them where they say nothing; where the other name keeps the same word
    ("National Iranian Tanker" / "National Iranian Tanker Company", a title inside one name and at
    the head of the other), a name without it would count it against the pair."""
    ends, honor = tables.vessel_phrase_ends(), tables.honorifics()
    return any(w in ends or w in honor for w in words)


def drop_vessel_words(words: list[str]) -> list[str]:
    """Drop ship type words at the head and tail ("oil tanker sea star 3 vessel" → "sea star 3"),
    while a name is left: they say what a ship is, not which. The prefixes (M/V, MT) go earlier,
    from the text as written (`normalize._VESSEL_PREFIX`): once split, "M. T." is two initials."""
    ends = tables.vessel_phrase_ends()
    if len(words) < 2 or (words[0] not in ends and words[-1] not in ends):
        return words  # most names: no ship word at either end
    for phrase in tables.vessel_phrases():
        n = len(phrase)
        if len(words) > n and tuple(words[:n]) == phrase:
            words = words[n:]
        if len(words) > n and tuple(words[-n:]) == phrase:
            words = words[:-n]
    return words


def drop_honorifics(words: list[str]) -> list[str]:
    """Titles at the head of a person's name. A name with a legal form is an organisation's, whose
    first word is its name ("General Motors Company": "Motors Company" is another firm)."""
    honor = tables.honorifics()
    if not words or words[0] not in honor or any(len(w) >= 3 and w in tables.legal_forms() for w in words):
        return words
    start = 0
    while start < len(words) - 1 and words[start] in honor:
        start += 1
    return words[start:]


def join_phrases(words: list[str], phrases: dict[str, list[tuple[tuple[str, ...], str]]]) -> list[str]:
    """Replace multi-word phrases by their one token: legal forms ("joint stock company" → "jsc"),
    organisation names the lists abbreviate ("peoples liberation army" → "pla")."""
    out: list[str] = []
    i = 0
    while i < len(words):
        for phrase, canonical in phrases.get(words[i], ()):
            if tuple(words[i:i + len(phrase)]) == phrase:
                out.append(canonical)
                i += len(phrase)
                break
        else:
            out.append(words[i])
            i += 1
    return out
