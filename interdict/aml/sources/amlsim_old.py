"""IBM AMLSim output, old schema: `accounts.csv` + `tx.csv` (e.g. AMLSim's `sample_outputs`).

`tx.csv`: `TXN_ID,ACCOUNT_ID,COUNTER_PARTY_ACCOUNT_NUM,TXN_SOURCE_TYPE_CODE,tx_count,
TXN_AMOUNT_ORIG,start,end`: a transfer from `ACCOUNT_ID` to `COUNTER_PARTY_ACCOUNT_NUM` at day step
`start`. `accounts.csv`: `ACCOUNT_ID,...,isFraud,...` (`true`/`false`, or 1/0) becomes the
`account_label`. Cash transactions (`cash_tx.csv`) have no counterparty and are not transfers.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np

from interdict.aml.sources.amlsim import DAY
from interdict.aml.sources.columns import (
    floats,
    integers,
    non_empty,
    non_negative,
    read_columns,
    read_header,
)
from interdict.aml.table import TransferTable, table_from_columns, with_account_labels
from interdict.core.errors import TransferFormatError

TX_COLUMNS = ("TXN_ID", "ACCOUNT_ID", "COUNTER_PARTY_ACCOUNT_NUM", "TXN_AMOUNT_ORIG", "start")
ACCOUNT_COLUMNS = ("ACCOUNT_ID", "isFraud")
TRUE = {"true": 1, "1": 1, "false": 0, "0": 0, "yes": 1, "no": 0}


def looks_like_amlsim_old(path: Path) -> bool:
    """True for a folder holding the old schema's `tx.csv`."""
    tx = path / "tx.csv"
    if not (path.is_dir() and tx.exists()):
        return False
    try:
        return all(c in read_header(tx) for c in TX_COLUMNS)
    except TransferFormatError:
        return False


def read_amlsim_old(folder: Path) -> TransferTable:
    """Read an old-schema AMLSim output folder."""
    tx_path = folder / "tx.csv"
    if not tx_path.exists():
        raise TransferFormatError(str(folder), None, "no tx.csv (old AMLSim output) here")
    cols = read_columns(tx_path, TX_COLUMNS, name="old AMLSim tx.csv")
    h = cols.header.index
    amount = floats(cols, cols.col(h("TXN_AMOUNT_ORIG")), "TXN_AMOUNT_ORIG")
    non_negative(cols, amount, "TXN_AMOUNT_ORIG")
    step = integers(cols, cols.col(h("start")), "start")
    table = table_from_columns(
        str(tx_path),
        non_empty(cols, h("ACCOUNT_ID"), "ACCOUNT_ID"),
        non_empty(cols, h("COUNTER_PARTY_ACCOUNT_NUM"), "COUNTER_PARTY_ACCOUNT_NUM"),
        amount,
        step * DAY,
        tx=non_empty(cols, h("TXN_ID"), "TXN_ID"),
    )
    acc_path = folder / "accounts.csv"
    if not acc_path.exists():
        return table
    accs = read_columns(acc_path, ACCOUNT_COLUMNS, name="old AMLSim accounts.csv")
    ids = non_empty(accs, accs.header.index("ACCOUNT_ID"), "ACCOUNT_ID")
    raw = [v.strip().lower() for v in accs.col(accs.header.index("isFraud"))]
    for i, v in enumerate(raw):
        if v not in TRUE:
            raise accs.error(i, f"isFraud {v!r}: expected true/false or 1/0")
    return with_account_labels(table, ids, np.array([TRUE[v] for v in raw], dtype=np.int64))
