"""The ranker's scores turned into alerts for a scan: detector alerts get the highest ranker score
of their transfers in their evidence, and the transfers the model flags (score at or above its
threshold) become one `ranker` alert per sending account."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import numpy.typing as npt

from interdict.aml.alert import TypologyAlert
from interdict.aml.table import TransferTable

F64 = npt.NDArray[np.float64]


def annotate(alerts: list[TypologyAlert], table: TransferTable, scores: F64) -> list[TypologyAlert]:
    """Each alert with `evidence["ranker_score"]`, the highest score among its transfers."""
    row_of = {tx: i for i, tx in enumerate(table.tx)}
    out = []
    for a in alerts:
        rows = [row_of[t] for t in a.transactions if t in row_of]
        best = round(float(scores[rows].max()), 4) if rows else 0.0
        out.append(replace(a, evidence={**a.evidence, "ranker_score": best}))
    return out


def flagged_alerts(table: TransferTable, scores: F64, threshold: float, model: str) -> list[TypologyAlert]:
    """One alert per account whose sent transfers score at or above `threshold` (`model` names it)."""
    rows = np.flatnonzero(scores >= threshold)
    alerts: list[TypologyAlert] = []
    for sender in np.unique(table.src[rows]).tolist():
        mine = rows[table.src[rows] == sender]
        receivers = [table.accounts[int(r)] for r in np.unique(table.dst[mine])]
        cur = {table.currencies[int(c)] for c in table.currency[mine]}
        best = float(scores[mine].max())
        who = table.accounts[int(sender)]
        alerts.append(TypologyAlert(
            typology="ranker",
            accounts=(who, *[r for r in receivers if r != who]),
            transactions=tuple(table.tx[int(i)] for i in mine),
            start=int(table.time[mine].min()), end=int(table.time[mine].max()),
            amount=float(table.amount[mine].sum()),
            currency=cur.pop() if len(cur) == 1 else "mixed",
            score=round(best, 4),
            explanation=(f"{len(mine)} transfer(s) sent by {who} to {len(receivers)} account(s) scored "
                         f"{best:.2f} or less, at or above the ranker's threshold {threshold:.2f}"),
            evidence={"model": model, "threshold": threshold,
                      "scores": [round(float(scores[i]), 4) for i in mine]},
        ))
    alerts.sort(key=lambda a: -a.score)
    return alerts
