"""Account-level precision, recall and F1 of alerts against a table's account labels.

An account is *flagged* when some alert names it. Overall: flagged vs labelled accounts. Per
typology T: the accounts of T's alerts vs all labelled accounts (recall is then the share of the
labelled accounts T alone finds). Accounts that never transact are counted (the readers keep them).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from interdict.aml.alert import TypologyAlert
from interdict.aml.table import IntArray, TransferTable
from interdict.core.errors import InputError


@dataclass(frozen=True, slots=True)
class Scores:
    """Counts and rates of one set of flagged accounts."""

    flagged: int
    true_positives: int
    positives: int
    precision: float
    recall: float
    f1: float


def scores(flagged: set[int], labels: IntArray) -> Scores:
    """Precision, recall and F1 of `flagged` (dense ids) against 0/1 `labels`."""
    tp = int(labels[list(flagged)].sum()) if flagged else 0
    pos = int(labels.sum())
    p = tp / len(flagged) if flagged else 0.0
    r = tp / pos if pos else 0.0
    f1 = 2 * p * r / (p + r) if p + r else 0.0
    return Scores(len(flagged), tp, pos, round(p, 4), round(r, 4), round(f1, 4))


def account_scores(table: TransferTable, alerts: Sequence[TypologyAlert]) -> dict[str, Scores]:
    """Scores per typology and `"all"`; InputError if the table has no account labels."""
    if table.account_label is None:
        raise InputError("account labels", None, "the data has no account labels to evaluate against")
    index = table.account_index
    by_type: dict[str, set[int]] = {}
    for a in alerts:
        by_type.setdefault(a.typology, set()).update(index[x] for x in a.accounts)
    everything: set[int] = set().union(*by_type.values()) if by_type else set()
    out = {t: scores(s, table.account_label) for t, s in sorted(by_type.items())}
    out["all"] = scores(everything, table.account_label)
    return out

