"""IBM AMLSim output, current schema: a folder with `nodes.csv.gz` and `transactions.csv.gz`.

`transactions.csv.gz`: `sourceNodeId,targetNodeId,value,time` with `time` a day step (1, 2, ...),
which becomes `step * 86400` seconds since the epoch (AMLSim has no calendar). `nodes.csv.gz`:
`nodeid,isFraud,init_balance,fraudStep`; `isFraud` becomes the table's `account_label`, and
accounts that never transact are kept too (so an evaluation counts them). Plain `.csv` files work
as well as gzipped ones.
"""

from __future__ import annotations

from pathlib import Path

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

DAY = 86_400
TX_COLUMNS = ("sourceNodeId", "targetNodeId", "value", "time")
NODE_COLUMNS = ("nodeid", "isFraud")


def _one(folder: Path, stem: str) -> Path | None:
    for name in (f"{stem}.csv.gz", f"{stem}.csv"):
        if (folder / name).exists():
            return folder / name
    return None


def looks_like_amlsim(path: Path) -> bool:
    """True for a folder holding AMLSim's `transactions.csv[.gz]` with its column names."""
    found = _one(path, "transactions") if path.is_dir() else None
    if found is None:
        return False
    try:
        return all(c in read_header(found) for c in TX_COLUMNS)
    except TransferFormatError:
        return False


def read_amlsim(folder: Path) -> TransferTable:
    """Read an AMLSim run folder; the node labels become `account_label`."""
    tx_path = _one(folder, "transactions")
    if tx_path is None:
        raise TransferFormatError(str(folder), None, "no transactions.csv.gz (AMLSim output) here")
    cols = read_columns(tx_path, TX_COLUMNS, name="AMLSim transactions")
    h = cols.header.index
    src = non_empty(cols, h("sourceNodeId"), "sourceNodeId")
    dst = non_empty(cols, h("targetNodeId"), "targetNodeId")
    amount = floats(cols, cols.col(h("value")), "value")
    non_negative(cols, amount, "value")
    step = integers(cols, cols.col(h("time")), "time")
    stem = tx_path.name
    table = table_from_columns(
        str(tx_path), src, dst, amount, step * DAY,
        tx=[f"{stem}:{n}" for n in cols.lines],
    )
    node_path = _one(folder, "nodes")
    if node_path is None:
        return table
    nodes = read_columns(node_path, NODE_COLUMNS, name="AMLSim nodes")
    ids = non_empty(nodes, nodes.header.index("nodeid"), "nodeid")
    labels = integers(nodes, nodes.col(nodes.header.index("isFraud")), "isFraud")
    return with_account_labels(table, ids, labels)
