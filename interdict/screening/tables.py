"""The data tables of name matching, read once from `interdict/screening/data/`.

Tables are data, apart from code (as in rigour): romanization and spelling variants, legal forms,
honorifics and tokens that carry no weight. Each is a small text file a reviewer can read.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

DATA = Path(__file__).resolve().parent / "data"
_WORDS = re.compile(r"[^\W_]+")


def _lines(name: str) -> list[str]:
    text = (DATA / name).read_text(encoding="utf-8")
    return [line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#")]


def _mapping(name: str) -> dict[str, tuple[str, ...]]:
    """variant → canonical tokens, from `canonical<TAB>variant variant ...` lines."""
    table: dict[str, tuple[str, ...]] = {}
    for line in _lines(name):
        canonical, _, variants = line.partition("\t")
        target = tuple(canonical.split("+"))
        for variant in variants.split():
            table[variant] = target
    return table


@cache
def variants() -> dict[str, tuple[str, ...]]:
    """Spelling and romanization variants: "park" → ("pak",), "abdul" → ("abd", "al")."""
    return _mapping("variants.tsv")


@cache
def legal_forms() -> dict[str, str]:
    """Legal-form token → its canonical short form ("corporation" → "corp")."""
    table: dict[str, str] = {}
    for line in _lines("legal_forms.tsv"):
        canonical, _, rest = line.partition("\t")
        table[canonical] = canonical
        for variant in rest.split():
            if "+" not in variant:
                table[variant] = canonical
    return table


@cache
def legal_form_phrases() -> dict[str, list[tuple[tuple[str, ...], str]]]:
    """Multi-word legal forms by first word, longest first: "joint" → [(("joint", "stock"), "jsc")]."""
    phrases: dict[str, list[tuple[tuple[str, ...], str]]] = {}
    for line in _lines("legal_forms.tsv"):
        canonical, _, rest = line.partition("\t")
        for variant in rest.split():
            if "+" in variant:
                words = tuple(variant.split("+"))
                phrases.setdefault(words[0], []).append((words, canonical))
    for entries in phrases.values():
        entries.sort(key=lambda p: -len(p[0]))
    return phrases


@cache
def honorifics() -> frozenset[str]:
    """Titles dropped from the head of a person name."""
    return frozenset(_lines("honorifics.txt"))


@cache
def common_tokens() -> frozenset[str]:
    """Particles that weigh (almost) nothing whatever their frequency."""
    return frozenset(_lines("common_tokens.txt"))


@cache
def legal_words() -> tuple[str, ...]:
    """Long words of legal forms ("company", "liability", "stock"): misspellings of them are fixed."""
    words = {w for w in legal_forms() if len(w) >= 5}
    for phrases in legal_form_phrases().values():
        words.update(w for phrase, _ in phrases for w in phrase if len(w) >= 5)
    return tuple(sorted(words))


@cache
def korean_variants() -> dict[str, str]:
    """The Korean part of the variant table: a non-list spelling of a syllable → the lists' one."""
    out: dict[str, str] = {}
    in_korean = False
    for raw in (DATA / "variants.tsv").read_text(encoding="utf-8").splitlines():
        if raw.startswith("#"):
            in_korean = raw.startswith("# Korean")
            continue
        canonical, _, rest = raw.strip().partition("\t")
        if in_korean and canonical:
            out.update((v, canonical) for v in rest.split())
    return out


@cache
def address_words() -> frozenset[str]:
    """Street, building and place-part words ("road", "tower"): not a party's name on their own."""
    return frozenset(_lines("address_words.txt"))


@cache
def vessel_phrases() -> tuple[tuple[str, ...], ...]:
    """Ship prefixes and type words as word tuples, longest first: ("m", "v"), ("tanker",) ...

    The prefixes are rigour's object-name prefixes (without "The", which is part of names such as
    "THE BASE"); the type words are `data/vessel_words.txt`.
    """
    from rigour._core import obj_name_prefixes_list

    phrases = {tuple(_WORDS.findall(p.casefold())) for p in obj_name_prefixes_list() if p.casefold() != "the"}
    phrases.update(tuple(line.split()) for line in _lines("vessel_words.txt"))
    return tuple(sorted((p for p in phrases if p), key=lambda p: (-len(p), p)))
