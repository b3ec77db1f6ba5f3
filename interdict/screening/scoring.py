"""Precise comparison of one query form with one listed name form, with its explanation.

Tokens are aligned greedily, best similarity first, each token used once; two adjacent tokens
may align with one ("Jin Hyok" ~ "Jinhyok"). The score combines how much of the query's weight
and how much of the name's weight is covered (weights are token rarity, so "Kim" or "Trading"
count less than "Hyok"), and is damped when only common tokens matched.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from interdict.screening.tokens import similarity

QUERY_EXPONENT = 0.6
# A person's list name may carry middle names a query leaves out; an organisation's every
# distinctive word counts ("Korea Development Bank" is not "Korea United Development Bank").
NAME_EXPONENT_PERSON = 0.4
NAME_EXPONENT_OTHER = 0.9
MIN_EVIDENCE = 0.6  # matched rarity below this (e.g. "Kim" alone) scales the score down
JOIN_MIN_SIMILARITY = 0.85


@dataclass(frozen=True, slots=True)
class TokenMatch:
    """One aligned pair: query token(s) ~ name token(s)."""

    query: tuple[int, ...]
    name: tuple[int, ...]
    similarity: float
    rule: str


@dataclass(frozen=True, slots=True)
class NameComparison:
    """The outcome of comparing one query form with one name form."""

    score: float
    matches: tuple[TokenMatch, ...]
    coverage_query: float
    coverage_name: float
    evidence: float


def _pairs(q: tuple[str, ...], n: tuple[str, ...]) -> list[tuple[float, int, TokenMatch]]:
    pairs: list[tuple[float, int, TokenMatch]] = []
    exact_q: set[int] = set()
    exact_n: set[int] = set()
    for i, a in enumerate(q):
        for j, b in enumerate(n):
            s, rule = similarity(a, b)
            if s > 0.0:
                pairs.append((s, 2, TokenMatch((i,), (j,), s, rule)))
                if s >= JOIN_MIN_SIMILARITY:
                    exact_q.add(i)
                    exact_n.add(j)
    # Joined / split tokens only where a token found no good partner of its own.
    for side_a, side_b, done_a, flip in ((q, n, exact_q, False), (n, q, exact_n, True)):
        for i in range(len(side_a) - 1):
            if i in done_a or i + 1 in done_a or not (side_a[i].isascii() and side_a[i + 1].isascii()):
                continue
            joined = side_a[i] + side_a[i + 1]
            for j, b in enumerate(side_b):
                s, rule = similarity(joined, b)
                if s >= JOIN_MIN_SIMILARITY:
                    pair, one = (i, i + 1), (j,)
                    match = TokenMatch(one, pair, s, "joined:" + rule) if flip else \
                        TokenMatch(pair, one, s, "split:" + rule)
                    pairs.append((s, 3, match))
    pairs.sort(key=lambda p: (p[0], p[1]), reverse=True)
    return pairs


def compare(q: tuple[str, ...], qw: tuple[float, ...], n: tuple[str, ...],
            nw: tuple[float, ...], *, person: bool = True) -> NameComparison:
    """Compare a query form (tokens, weights) with a name form (tokens, weights)."""
    if q == n:
        same = tuple(TokenMatch((i,), (i,), 1.0, "exact") for i in range(len(q)))
        evidence = min(1.0, sum(qw) / MIN_EVIDENCE)
        return NameComparison(evidence, same, 1.0, 1.0, evidence)
    used_q: set[int] = set()
    used_n: set[int] = set()
    chosen: list[TokenMatch] = []
    for _, _, m in _pairs(q, n):
        if used_q.isdisjoint(m.query) and used_n.isdisjoint(m.name):
            used_q.update(m.query)
            used_n.update(m.name)
            chosen.append(m)
    total_q, total_n = sum(qw) or 1.0, sum(nw) or 1.0
    got_q = sum(m.similarity * sum(qw[i] for i in m.query) for m in chosen)
    got_n = sum(m.similarity * sum(nw[j] for j in m.name) for m in chosen)
    cov_q, cov_n = min(1.0, got_q / total_q), min(1.0, got_n / total_n)
    evidence = min(1.0, max(got_q, got_n) / MIN_EVIDENCE)
    name_exponent = NAME_EXPONENT_PERSON if person else NAME_EXPONENT_OTHER
    score = (cov_q ** QUERY_EXPONENT) * (cov_n ** name_exponent) * evidence
    return NameComparison(score, tuple(chosen), cov_q, cov_n, evidence)


def explain(cmp: NameComparison, q: tuple[str, ...], qw: tuple[float, ...], n: tuple[str, ...],
            nw: tuple[float, ...]) -> dict[str, Any]:
    """The reviewer-facing account of a comparison: each aligned token pair and what it weighed."""
    matched_q = {i for m in cmp.matches for i in m.query}
    matched_n = {j for m in cmp.matches for j in m.name}
    return {
        "tokens": [
            {
                "query": " ".join(q[i] for i in m.query),
                "name": " ".join(n[j] for j in m.name),
                "similarity": round(m.similarity, 3),
                "rule": m.rule,
                "weight": round(sum(qw[i] for i in m.query), 3),
            }
            for m in sorted(cmp.matches, key=lambda m: m.query)
        ],
        "unmatched_query": [{"token": q[i], "weight": round(qw[i], 3)} for i in range(len(q))
                            if i not in matched_q],
        "unmatched_name": [{"token": n[j], "weight": round(nw[j], 3)} for j in range(len(n))
                           if j not in matched_n],
        "coverage": {"query": round(cmp.coverage_query, 3), "name": round(cmp.coverage_name, 3)},
        "evidence": round(cmp.evidence, 3),
        "name_similarity": round(cmp.score, 4),
    }
