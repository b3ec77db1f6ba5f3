"""The typology detectors' outputs as per-transfer columns, for the ranker.

`det_<typology>` is the highest score among the alerts of that detector that contain the transfer,
or -1 when none does (so one column says both "in an alert" and "how strong"). `det_count` is the
number of alerts, of any typology, that contain it.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

from interdict.aml.alert import TypologyAlert
from interdict.aml.detectors.registry import DETECTORS
from interdict.aml.scan import scan
from interdict.aml.table import TransferTable


def detector_names() -> tuple[str, ...]:
    """The column names, in order: one per registered detector, then `det_count`."""
    return (*(f"det_{n}" for n in DETECTORS.names()), "det_count")


def alert_columns(table: TransferTable, alerts: list[TypologyAlert]) -> npt.NDArray[np.float32]:
    """The detector columns of `table`'s transfers from the alerts found on it."""
    names = detector_names()
    out = np.full((table.n_transfers, len(names)), -1.0, dtype=np.float32)
    out[:, -1] = 0
    if not alerts:
        return out
    row_of = {tx: i for i, tx in enumerate(table.tx)}
    col = {n: c for c, n in enumerate(names)}
    for alert in alerts:
        c = col.get(f"det_{alert.typology}")
        rows = np.fromiter((row_of[tx] for tx in alert.transactions if tx in row_of), dtype=np.int64)
        if c is not None:
            out[rows, c] = np.maximum(out[rows, c], alert.score)
        out[rows, -1] += 1
    return out


def detector_columns(table: TransferTable) -> npt.NDArray[np.float32]:
    """Run every registered detector (defaults) and turn its alerts into columns."""
    return alert_columns(table, scan(table).alerts)
