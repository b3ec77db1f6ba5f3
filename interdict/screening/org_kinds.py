"""Words that say what kind of organisation a name is ("Trading", "Holding", "Group", the
post-Soviet NPC/NPP/OKB; `data/generic_org_words.txt`): a firm's name is written with or without
one ("Metalloinvest AG" / "Metalloinvest Trading AG", "JSC Spetsneftprodukt" / "JSC NPC
Spetsneftprodukt"), so one left out weighs as a legal form does, no more.

Only a word left out: matched, it counts by its rarity as any word (it carries a name whose
distinctive word is misspelt: "NPC Kamnefprodukt"). And only where the other name leaves no
word of its own unmatched: "Volgatrans Corporation Limited" states another kind than "Volgatrans
Trading Limited". A person's name keeps such words at their rarity (they are names there).
"""

from __future__ import annotations

from collections.abc import Collection

from interdict.screening import tables

MINOR_WEIGHT = 0.25  # what a left-out kind word weighs at most: a legal form (`index.LEGAL_FORM_WEIGHT`)


def optional_weight(tokens: tuple[str, ...], weights: tuple[float, ...], used: Collection[int],
                    other: tuple[str, ...], other_used: Collection[int], *, person: bool) -> float:
    """How much less `tokens`' unmatched kind words weigh than their rarity (each down to
    MINOR_WEIGHT), when `other` is matched whole; 0.0 otherwise (and for a person's name)."""
    if person or not used or len(used) == len(tokens) or len(other_used) < len(other):
        return 0.0
    return _excess(tokens, weights, used)


def listed_slack(tokens: tuple[str, ...], weights: tuple[float, ...], *, person: bool) -> float:
    """What `optional_weight` may at most take off a listed name's weight, for the blocking
    estimate (`ScreeningIndex.rec_total`): lower, so blocking stays a superset of what scores."""
    return 0.0 if person else _excess(tokens, weights, ())


def _excess(tokens: tuple[str, ...], weights: tuple[float, ...], used: Collection[int]) -> float:
    kinds = tables.generic_org_words()
    if kinds.isdisjoint(tokens):
        return 0.0  # nearly every name
    return sum(max(0.0, w - MINOR_WEIGHT) for j, (t, w) in enumerate(zip(tokens, weights, strict=True))
               if t in kinds and j not in used)
