"""Countries named inside organisation names, read as one token per country: "of DPRK", "North
Korea", "Democratic People's Republic of Korea", "Pyongyang" all become "c_kp", so
"Korea X Shipping Company" ~ "X Shipping Company of DPRK". The token keeps its full weight: a
country is often what tells two subsidiaries apart ("Banco Santander Chile" / "... México"); an
optional country (weighed like a legal form) made those one on the name benchmark.

The names are rigour's territories table (`rigour._core.territories_jsonl`: each country's name,
official name, strong and weak other names in many languages).
Phrases of two words or more; a phrase two countries claim is left alone; one-word names only
for the DPRK (see `_OVERRIDES`).
"""

from __future__ import annotations

import ast
import json
import re
from functools import cache
from pathlib import Path
from typing import Any

PREFIX = "c_"
DATA = Path(__file__).resolve().parent / "data"
MAX_PHRASE = 8
# Words before a country phrase that may make it part of a longer, misspelt name: four, for
# "democratic peoples republic of" + "korea" (a misspelt "republik" left only "korea" read).
MAX_HEAD = 4
_WORD = re.compile(r"[a-z0-9]+")
# One-word names are not read from the table: a one-word country name read as a token lost its
# typos ("Cnada" no longer met "Canada" on the labelled set), "Jordan" is a given name, and the
# table's acronyms include "ABD" (Turkish for the USA), "CAR", "SAM". Only the DPRK's, which the
# lists use in organisation names: DPRK, RPDC (French, Spanish), KNDR (Russian), bare "Korea" (on
# the lists an organisation called "Korea ..." is the DPRK's) and Pyongyang ("Pyongyang X" ~
# "X of DPRK"). Capitals are not read as their country ("Stockholm Holding" is not Sweden's).
_OVERRIDES: dict[tuple[str, ...], str] = {(w,): "kp" for w in ("dprk", "rpdc", "kndr", "korea", "pyongyang")}
# "USA", and the dotted "U.S." that normalisation reads as "usa" (`normalize._undot`): "U.S.
# Department of State" ~ "United States Department of State". The undotted "US" is left alone (it
# is also the word "us"), as are spaced initials ("U S Kim").
_OVERRIDES[("usa",)] = "us"


def _phrase(text: str) -> tuple[str, ...]:
    """The words of a country name in a script rigour's core romanizes (Latin, Cyrillic, Greek...).

    Names in other scripts are skipped: romanized without vowels or syllable by syllable they made
    phrases that are people's names ("niu ai" for Niue, from Chinese), and reading them needed ICU
    at every start."""
    from rigour._core import maybe_ascii

    latin = maybe_ascii(text)
    if not latin.isascii():
        return ()
    return tuple(_WORD.findall(latin.casefold().replace("'", "")))


def _names(row: dict[str, Any]) -> list[str]:
    out: list[str] = []
    for key in ("name", "full_name", "names_strong", "names_weak"):
        value = row.get(key)
        if isinstance(value, str) and value.startswith("["):
            value = ast.literal_eval(value)  # some lists are stored as their Python repr
        if isinstance(value, str):
            out.append(value)
        elif isinstance(value, list):
            out += [str(v) for v in value]
    return out


@cache
def country_phrases() -> dict[tuple[str, ...], str]:
    """Word tuples → ISO code of the country they name (phrases of one country only), from
    `data/country_phrases.tsv`: rigour's table read by `phrases_from_rigour`, kept as data since
    reading it took a second at every start (tests/screening/test_translit.py compares the two)."""
    out: dict[tuple[str, ...], str] = {}
    text = (DATA / "country_phrases.tsv").read_text(encoding="utf-8")
    for line in text.splitlines():
        if line and not line.startswith("#"):
            code, _, words = line.partition("\t")
            out[tuple(words.split())] = code
    out.update(_OVERRIDES)
    return out


def phrases_from_rigour() -> dict[tuple[str, ...], str]:
    """The country phrases as read from rigour's territories table (slow: 23,000 names)."""
    from rigour._core import territories_jsonl

    seen: dict[tuple[str, ...], set[str]] = {}
    for line in territories_jsonl().splitlines():
        row = json.loads(line) if line.strip() else {}
        if not row.get("is_country") or row.get("is_historical"):
            continue
        for name in _names(row):
            words = _phrase(name)
            if 1 < len(words) <= MAX_PHRASE and min(map(len, words)) > 1:  # not "u k": initials
                seen.setdefault(words, set()).add(str(row["code"]))
    return {words: codes.pop() for words, codes in seen.items() if len(codes) == 1}


@cache
def first_words() -> dict[str, tuple[int, ...]]:
    """First word of each country phrase → the phrase lengths starting with it, longest first."""
    out: dict[str, set[int]] = {}
    for words in country_phrases():
        out.setdefault(words[0], set()).add(len(words))
    return {w: tuple(sorted(n, reverse=True)) for w, n in out.items()}


@cache
def longer_names() -> dict[tuple[str, ...], list[tuple[tuple[str, ...], str]]]:
    """Country phrase → the longer phrases that end with it, as (the words before it, their
    country's code): "republic of korea" (`kr`) ← ("democratic", "peoples"), `kp`; "korea" (`kp`)
    ← ("democratic", "peoples", "republic", "of"), `kp` too, so that a misspelt word of the longer
    name ("republik") is read with it rather than as another country's shorter name."""
    phrases = country_phrases()
    out: dict[tuple[str, ...], list[tuple[tuple[str, ...], str]]] = {}
    for words, code in phrases.items():
        for cut in range(1, min(MAX_HEAD, len(words) - 1) + 1):
            tail = words[cut:]
            if tail in phrases:
                out.setdefault(tail, []).append((words[:cut], code))
    for heads in out.values():  # the longest name that fits wins: the DPRK's over the Republic's
        heads.sort(key=lambda head: -len(head[0]))
    return out


def _longer(out: list[str], phrase: tuple[str, ...], code: str) -> tuple[int, str]:
    """How many words already read belong to a longer name of another country that the phrase ends
    (misspelt: "demorcatic peoples" + "republic of korea" is the DPRK, not the Republic), and its
    code; (0, code) when none does."""
    from interdict.screening.tokens import similarity  # lazy: most names name no country

    for head, other in longer_names().get(phrase, ()):
        if len(head) > len(out):
            continue
        before = out[len(out) - len(head):]
        if all(similarity(a, b)[0] > 0.0 for a, b in zip(before, head, strict=True)):
            return len(head), other
    return 0, code


def read_countries(words: list[str]) -> list[str]:
    """Country names inside a name as "c_<code>" tokens; other names unchanged."""
    if len(words) < 2:
        return words
    phrases = country_phrases()
    sizes = first_words()
    if not any(w in sizes for w in words):
        return words  # most names name no country
    out: list[str] = []
    i = 0
    while i < len(words):
        for size in sizes.get(words[i], ()):
            if size > len(words) - i:
                continue
            code = phrases.get(tuple(words[i:i + size]))
            if code is not None and size < len(words):
                drop, code = _longer(out, tuple(words[i:i + size]), code)
                del out[len(out) - drop:]
                out.append(PREFIX + code)
                i += size
                break
        else:
            out.append(words[i])
            i += 1
    return out
