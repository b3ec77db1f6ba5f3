"""Lineage in a person's name: "son of" particles and patronymics, which say whose child a person is.

Moved out of `scoring` (which weighs the two readings below) to keep that module to one job."""

from __future__ import annotations

from collections.abc import Sequence

from interdict.screening.aligned import Aligned
from interdict.screening.tokens import PATRONYMIC_ENDINGS

LINEAGE = frozenset({"bin", "bint", "binti", "ould", "walad"})  # "son/daughter of": the order is the lineage


def is_patronymic(token: str) -> bool:
    return len(token) > 6 and token.endswith(PATRONYMIC_ENDINGS)


def given_and_patronymic_only(q: tuple[str, ...], n: tuple[str, ...], chosen: Sequence[Aligned]) -> bool:
    """True when a given name and a patronymic are all that matched and the listed family name is
    left over: "Sergey Viktorovich" names thousands of people besides LAVROV.

    The given name is the word right before the patronymic, whether the family name comes first
    ("LAVROV Sergey Viktorovich") or last ("Sergey Viktorovich LAVROV"); a query that keeps another
    word with the patronymic keeps the family name, which identifies ("Iltyakov Vladimirovich" for
    "Aleksandr Vladimirovich ILTYAKOV", the given name left out)."""
    matched_q = [q[i] for m in chosen for i in m.query]
    if not any(is_patronymic(t) for t in matched_q) or sum(not is_patronymic(t) for t in matched_q) != 1:
        return False
    matched_n = {j for m in chosen for j in m.name}
    if _family_and_patronymic(n, chosen):
        return False
    return any(not is_patronymic(t) and len(t) > 1 for j, t in enumerate(n) if j not in matched_n)


def _family_and_patronymic(n: tuple[str, ...], chosen: Sequence[Aligned]) -> bool:
    """True when the one listed word matched beside the patronymic is not the word right before it
    (the given name) and that word, a name of its own, is left unmatched."""
    words = [m.name for m in chosen if len(m.name) == 1]
    patronymic = next((j for (j,) in words if is_patronymic(n[j])), None)
    other = [j for (j,) in words if not is_patronymic(n[j])]
    if patronymic is None or patronymic == 0 or len(other) != 1:
        return False
    given = patronymic - 1
    return other[0] != given and not is_patronymic(n[given]) and len(n[given]) > 1 \
        and given not in {j for m in chosen for j in m.name}


def lineage_crossed(q: tuple[str, ...], n: tuple[str, ...], chosen: Sequence[Aligned]) -> bool:
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
