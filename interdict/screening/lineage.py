"""Lineage in a person's name: "son of" particles and patronymics, which say whose child a person is.

Moved out of `scoring` (which weighs the two readings below) to keep that module to one job."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

from interdict.screening.tokens import PATRONYMIC_ENDINGS

LINEAGE = frozenset({"bin", "bint", "binti", "ould", "walad"})  # "son/daughter of": the order is the lineage


class _Aligned(Protocol):
    @property
    def query(self) -> tuple[int, ...]: ...
    @property
    def name(self) -> tuple[int, ...]: ...


def is_patronymic(token: str) -> bool:
    return len(token) > 6 and token.endswith(PATRONYMIC_ENDINGS)


def given_and_patronymic_only(q: tuple[str, ...], n: tuple[str, ...], chosen: Sequence[_Aligned]) -> bool:
    """True when a given name and a patronymic are all that matched and the listed family name is
    left over: "Sergey Viktorovich" names thousands of people besides LAVROV."""
    matched_q = [q[i] for m in chosen for i in m.query]
    if not any(is_patronymic(t) for t in matched_q) or sum(not is_patronymic(t) for t in matched_q) != 1:
        return False
    matched_n = {j for m in chosen for j in m.name}
    return any(not is_patronymic(t) and len(t) > 1 for j, t in enumerate(n) if j not in matched_n)


def lineage_crossed(q: tuple[str, ...], n: tuple[str, ...], chosen: Sequence[_Aligned]) -> bool:
    """True when a word before "bin" on one side is aligned with a word after it on the other:
    in "SALMAN BIN MUHAMMAD" the father is Muhammad, in "MUHAMMAD BIN SALMAN" he is Salman."""
    # Only the word right before and right after the first inner "bin" are compared: lists also
    # write family names with "bin" first ("BIN LADIN Usama bin Muhammad").
    cut_q = next((i for i, t in enumerate(q) if t in LINEAGE and 0 < i < len(q) - 1), None)
    cut_n = next((j for j, t in enumerate(n) if t in LINEAGE and 0 < j < len(n) - 1), None)
    if cut_q is None or cut_n is None:
        return False
    pairs = {(m.query[0], m.name[0]) for m in chosen if len(m.query) == len(m.name) == 1}
    return (cut_q - 1, cut_n + 1) in pairs or (cut_q + 1, cut_n - 1) in pairs
