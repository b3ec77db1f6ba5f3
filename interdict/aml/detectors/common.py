"""What every detector shares: documented parameters, the alert builder and the sentence helpers.

Parameters are frozen dataclasses whose fields carry their meaning in `metadata["doc"]`, so the
registry documents them from the class itself and the two cannot drift.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, fields
from typing import Any, TypeVar

import numpy as np

from interdict.aml.alert import TypologyAlert
from interdict.aml.table import FloatArray, IntArray, TransferTable

DAY = 86_400
P = TypeVar("P")


def param(default: Any, doc: str) -> Any:
    """A dataclass field with its meaning (shown by `interdict aml detectors`)."""
    return field(default=default, metadata={"doc": doc})


def param_docs(cls: type) -> list[tuple[str, str, Any, str]]:
    """(name, type, default, meaning) of each field of a parameter dataclass."""
    return [(f.name, str(f.type), f.default, str(f.metadata.get("doc", ""))) for f in fields(cls)]


@dataclass(frozen=True, slots=True)
class Detector:
    """A registered detector: its function and its parameter class (whose defaults are the defaults)."""

    typology: str
    run: Callable[[TransferTable, Any], list[TypologyAlert]]
    params: type

    def __call__(self, table: TransferTable, params: Any | None = None) -> list[TypologyAlert]:
        return self.run(table, params if params is not None else self.params())


def memo(table: TransferTable, key: tuple[Any, ...], compute: Callable[[], Any]) -> Any:
    """`compute()` once per table and key: fan-in/out events feed four detectors, bipartite blocks
    two. Kept in the table's own `__dict__` (as `cached_property` does), so it dies with the table."""
    store: dict[tuple[Any, ...], Any] = table.__dict__.setdefault("_detector_memo", {})
    if key not in store:
        store[key] = compute()
    return store[key]


def money(x: float) -> str:
    """An amount as a reviewer reads it: 9,400 / 12.59 / 1.2 M."""
    if x >= 1e6:
        return f"{x / 1e6:,.1f} M"
    if x >= 100:
        return f"{x:,.0f}"
    return f"{x:,.2f}"


def money_range(values: Sequence[float] | FloatArray) -> str:
    """`9,400–9,900`, or one amount when they are all the same."""
    lo, hi = float(np.min(values)), float(np.max(values))
    return money(lo) if money(lo) == money(hi) else f"{money(lo)}–{money(hi)}"


def span(seconds: int) -> str:
    """`within 2 days` / `within 5 hours` / `on the same day`."""
    if seconds < DAY and seconds % DAY == 0:
        return "on the same day"
    if seconds < DAY:
        return f"within {max(1, round(seconds / 3600))} hours"
    days = seconds / DAY
    if days <= 1:
        return "within a day"
    return f"within {days:.0f} days" if days >= 2 else f"within {days:.1f} days"


def clip01(x: float) -> float:
    """x clipped into [0, 1], rounded for stable output."""
    return round(min(1.0, max(0.0, float(x))), 4)


def regularity(amounts: FloatArray) -> float:
    """1 - coefficient of variation, in [0, 1]: 1 when every amount is the same."""
    mean = float(np.mean(amounts))
    return clip01(1.0 - (float(np.std(amounts)) / mean if mean > 0 else 1.0))


def make_alert(
    table: TransferTable,
    typology: str,
    ids: IntArray | Sequence[int],
    score: float,
    explanation: str,
    evidence: Mapping[str, Any],
    accounts: Sequence[int] | None = None,
    amount: float | None = None,
) -> TypologyAlert:
    """A `TypologyAlert` over transfers `ids` (dense), naming accounts and transfers as the data does.

    `accounts` (dense ids) default to every endpoint of the transfers, in first-seen order;
    `amount` defaults to the value of the transfers.
    """
    ids = np.sort(np.asarray(ids, dtype=np.int64))
    if accounts is None:
        both = np.stack([table.src[ids], table.dst[ids]], axis=1).ravel()
        _, first = np.unique(both, return_index=True)
        accounts = both[np.sort(first)].tolist()
    cur = np.unique(table.currency[ids])
    return TypologyAlert(
        typology=typology,
        accounts=tuple(table.accounts[int(a)] for a in accounts),
        transactions=tuple(table.tx[int(i)] for i in ids),
        start=int(table.time[ids].min()),
        end=int(table.time[ids].max()),
        amount=round(float(table.amount[ids].sum() if amount is None else amount), 2),
        currency=table.currencies[int(cur[0])] if len(cur) == 1 else "mixed",
        score=clip01(score),
        explanation=explanation,
        evidence=dict(evidence),
    )
