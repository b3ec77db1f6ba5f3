"""The generic transfer CSV/Parquet that `trace load` reads (`from,to,asset,amount,time,tx_id[,fee]`).

Parsing and validation are tracing's (`interdict.tracing.sources.transfers`), so both rooms accept
and reject the same files. Amounts there are integers in the asset's base unit (cents, satoshi);
they are kept as such (as floats), with the asset as the currency.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np

from interdict.aml.table import TransferTable, table_from_columns
from interdict.core.errors import TransferFormatError
from interdict.tracing.sources.transfers import looks_like_transfers, read_transfers

__all__ = ["looks_like_transfers", "read_transfer_file"]


def read_transfer_file(path: Path) -> TransferTable:
    """Read a generic transfer file; a transfer without a time is an error (detectors need time)."""
    moved = read_transfers(path)
    for i, t in enumerate(moved):
        if t.time is None:
            raise TransferFormatError(str(path), f"row {i + 1} ({t.tx_id})", "time is empty")
    return table_from_columns(
        str(path),
        [t.sender for t in moved],
        [t.receiver for t in moved],
        np.fromiter((t.amount for t in moved), dtype=np.float64, count=len(moved)),
        np.fromiter((t.time or 0 for t in moved), dtype=np.int64, count=len(moved)),
        currency=[t.asset for t in moved],
        tx=[t.tx_id for t in moved],
    )
