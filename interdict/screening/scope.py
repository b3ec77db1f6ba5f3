"""An organisation's geographic scope written after its name ("FABERLIC EUROPE Sp. z o.o.", "Acme
Middle East FZE"): the brand's regional arm, which most people name by the
brand alone. Such a phrase is optional, as a legal form nearly is, when the other name leaves no
word unmatched but legal forms; "Faberlic Europe" / "Faberlic Asia" or "... Poland" still differ.

Only a phrase that trails every matched word of its name (legal forms aside) is a scope: at the head
or inside a name it is the name itself ("Asia Bank", "First Asia Bank", "Global Witness"), and after
"of"/"for" it is what the organisation is of ("Bank of America", "Council of Europe").
The words are a table (`data/scope_words.txt`).
"""

from __future__ import annotations

from collections.abc import Collection
from functools import cache

from interdict.screening import tables


@cache
def phrases() -> dict[str, tuple[tuple[str, ...], ...]]:
    """First word → the scope phrases starting with it, longest first."""
    out: dict[str, list[tuple[str, ...]]] = {}
    for line in tables.scope_words():
        words = tuple(line.split())
        out.setdefault(words[0], []).append(words)
    return {w: tuple(sorted(p, key=len, reverse=True)) for w, p in out.items()}


def optional_weight(tokens: tuple[str, ...], weights: tuple[float, ...], used: Collection[int],
                    other: tuple[str, ...], other_used: Collection[int], *, person: bool) -> float:
    """The weight of `tokens`' unmatched scope phrases that trail its matched words, when `other`
    leaves no word unmatched but legal forms; 0.0 when there is none. A name compared as a
    person's (or of unknown kind) has a scope only when one of the two holds a legal form."""
    if len(used) == len(tokens) or not used:
        return 0.0  # all matched, or nothing: no qualifier of a matched name
    heads = phrases()
    starts = [i for i in range(1, len(tokens)) if i not in used and tokens[i] in heads]
    if not starts:
        return 0.0  # most names
    forms = tables.legal_forms()
    if person and not any(t in forms for t in tokens + other):
        return 0.0  # "Mark Asia", "Tim Europe": a person's name
    last = max((j for j in used if tokens[j] not in forms), default=-1)
    if last < 0 or _stated(other, other_used):
        return 0.0
    common = tables.common_tokens()
    total = 0.0
    for i in starts:
        if i <= last or tokens[i - 1] in common:
            continue
        for phrase in heads[tokens[i]]:
            span = range(i, i + len(phrase))
            if tokens[i:i + len(phrase)] == phrase and not any(j in used for j in span):
                total += sum(weights[j] for j in span)
                break
    return total


def _stated(tokens: tuple[str, ...], used: Collection[int]) -> bool:
    """True when the name leaves a word of its own unmatched, legal forms aside: a scope or country
    ("Faberlic Asia", "Orion Shipping Poland": one-word countries are no token of their own) or any
    other word that tells the two apart."""
    forms, common = tables.legal_forms(), tables.common_tokens()
    return any(j not in used and t not in forms and t not in common for j, t in enumerate(tokens))
