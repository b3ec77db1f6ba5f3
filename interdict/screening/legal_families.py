"""Families of legal forms: "AG", "SA", "PLC", "JSC" are joint-stock companies, "GmbH", "Ltd",
"LLC", "OOO" limited-liability companies, "ANO" a non-profit. Two names that agree on every word
but carry legal forms of different families ("Deutsche Bank AG" / "Deutsche Bank GmbH") name two
legal persons (a parent and its subsidiary), where forms of one family ("Ltd" / "LLC") are often
the same company translated.

The families are rigour's generic org types (`replace_org_types_compare(..., generic=True)`, the
maintained table the legal-form normalisation already uses), read for every spelling of each
canonical form of `data/legal_forms.tsv`; a canonical form whose spellings fall in several
families (our "sa" stands for both "SA" and "SARL") or in none ("co", "corp") has no family.
"""

from __future__ import annotations

from functools import cache, lru_cache

from interdict.screening import tables


@cache
def families() -> dict[str, str]:
    """Canonical legal-form token → its family ("gmbh" → "llc"), where rigour knows its spellings
    and they all fall in one family."""
    spellings: dict[str, set[str]] = {}
    for variant, canonical in tables.legal_forms().items():
        spellings.setdefault(canonical, {canonical}).add(variant)
    # A form whose one-word spellings rigour does not know ("ano") is read by its written-out ones
    # ("avtonomnaya nekommercheskaya organizatsiya": a non-profit).
    phrases: dict[str, set[str]] = {}
    for entries in tables.legal_form_phrases().values():
        for phrase, canonical in entries:
            phrases.setdefault(canonical, set()).add(" ".join(phrase))
    out: dict[str, str] = {}
    for canonical, words in spellings.items():
        found = _generic(words) or _generic(phrases.get(canonical, set()))
        if len(found) == 1:
            out[canonical] = found.pop()
    return out


def _generic(spellings: set[str]) -> set[str]:
    from rigour.names.org_types import extract_org_types

    return {generic for word in spellings
            for _, generic in extract_org_types("x " + word.replace("+", " "), generic=True)}


@cache
def canonical_forms() -> frozenset[str]:
    """Every canonical legal-form token: a superset of `families()`'s keys, known without
    importing rigour's name tables (~0.1 s of a one-name start-up), so most names skip them."""
    return frozenset(tables.legal_forms().values())


def contradict(a: str, b: str) -> bool:
    """True when two legal-form tokens belong to known, different families."""
    fa, fb = families().get(a), families().get(b)
    return fa is not None and fb is not None and fa != fb


# rigour's generic forms of companies, read as a legal form at a name's edge (`edge_form`). The
# other generic classes hold words of names: "II" (sole proprietor) is a Roman numeral, "im."
# (state-owned) the Russian "named after", "RF" (non-profit) the Russian Federation, "IS" and
# "EP" (state-owned) a bank's and an aircraft's names on the lists.
EDGE_FAMILIES = frozenset({"llc", "jsc", "lp", "llp", "gp"})
# rigour.text.normalize.Normalize.NAME | CASEFOLD, as an int (the enum module stays unloaded): the
# aliases without their dots, as our words are ("Zrt.", "d.o.o." → "zrt", "doo").
_NAME_FLAGS = 64 | 4


@lru_cache(maxsize=65536)
def edge_form(word: str) -> str | None:
    """The legal-form token a word reads as at the head or end of an organisation's name, or None:
    one of rigour's short forms ("sia", "oy", "aps", "zrt": rigour's table matches the word whole
    and gives it back as its own short form) whose generic form is a company's, as our table's
    token for that form ("llc", "jsc", "lp", "gp"); else our own edge rows ("eood", "ou").

    rigour's table is compiled into its core and cannot be listed, so each word is asked once
    (0.4 µs; ~25 ms to build rigour's two matchers, paid by the first name with two words or more)."""
    generic = tables.edge_legal_forms().get(word)
    if generic is None:
        from rigour._core import extract_org_types

        if extract_org_types(word, _NAME_FLAGS, 0, False) != [(word, word)]:
            return None
        found = extract_org_types(word, _NAME_FLAGS, 0, True)
        generic = found[0][1] if len(found) == 1 else None
    if generic not in EDGE_FAMILIES:
        return None
    return tables.legal_forms().get(generic, generic)
