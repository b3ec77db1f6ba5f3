"""Abbreviations of organisation types that rigour's org-type table leaves as they are (the
post-Soviet NPC, NPP, OKB, NII...; `data/org_type_words.txt`): an organisation's name is written
with or without one ("JSC Spetsneftprodukt" / "JSC NPC Spetsneftprodukt"), so one left out weighs
as a legal form does, no more.

Only a word left out: matched, it counts by its rarity as any word (it carries a name whose
distinctive word is misspelt: "NPC Kamnefprodukt"). And only where the other name leaves no
word of its own unmatched ("OKB Kamneft" / "NPP Kamneft": another type stated), is written as an
organisation's, with a legal form (a bare name, a ship's or a brand's, is none), and states no
type word of its own. A person's name keeps such words at their rarity (names there).
"""

from __future__ import annotations

from collections.abc import Collection

from interdict.screening import tables

MINOR_WEIGHT = 0.25  # what a left-out type word weighs at most: a legal form (`index.LEGAL_FORM_WEIGHT`)


def optional_weight(tokens: tuple[str, ...], weights: tuple[float, ...], used: Collection[int],
                    other: tuple[str, ...], other_used: Collection[int], *, person: bool) -> float:
    """How much less `tokens`' unmatched type words weigh than their rarity (each down to
    MINOR_WEIGHT), when `other` is an organisation's name (with a legal form, without a type word)
    matched whole; 0.0 otherwise (and for a person's name)."""
    if person or not used or len(used) == len(tokens) or len(other_used) < len(other):
        return 0.0
    forms, kinds = tables.legal_forms(), tables.org_type_words()
    if not any(t in forms for t in other) or not kinds.isdisjoint(other):
        return 0.0
    return _excess(tokens, weights, used)


def listed_slack(tokens: tuple[str, ...], weights: tuple[float, ...], *, person: bool) -> float:
    """What `optional_weight` may at most take off a listed name's weight, for the blocking
    estimate (`ScreeningIndex.rec_total`): lower, so blocking stays a superset of what scores."""
    return 0.0 if person else _excess(tokens, weights, ())


def _excess(tokens: tuple[str, ...], weights: tuple[float, ...], used: Collection[int]) -> float:
    kinds = tables.org_type_words()
    if kinds.isdisjoint(tokens):
        return 0.0  # nearly every name
    return sum(max(0.0, w - MINOR_WEIGHT) for j, (t, w) in enumerate(zip(tokens, weights, strict=True))
               if t in kinds and j not in used)
