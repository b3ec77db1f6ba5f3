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

from functools import cache

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
