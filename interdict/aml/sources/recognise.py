"""`--format auto`: recognise a laundering-data path and read one or several into one `TransferTable`.

Formats: `amlsim` (a folder with `transactions.csv[.gz]`, current schema), `amlsim-old` (a folder
with `tx.csv`), `amlworld` (an AMLworld `*_Trans.csv`), `amlworld-patterns` (the patterns CSV) and
`transfers` (the generic transfer CSV/Parquet of `trace load`).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

import numpy as np

from interdict.aml.sources import amlsim, amlsim_old, amlworld, transfers
from interdict.aml.table import IntArray, StrArray, TransferTable, table_from_columns, with_account_labels
from interdict.core.errors import TransferFormatError

READERS: dict[str, Callable[[Path], TransferTable]] = {
    "amlsim": amlsim.read_amlsim,
    "amlsim-old": amlsim_old.read_amlsim_old,
    "amlworld": amlworld.read_trans,
    "amlworld-patterns": lambda p: amlworld.read_patterns(p).table,
    "transfers": transfers.read_transfer_file,
}
FORMATS = ("auto", *READERS)


def detect(path: Path) -> str:
    """The format name of `path`; raises TransferFormatError if none fits."""
    if not path.exists():
        raise TransferFormatError(str(path), None, "no such file or folder")
    if amlsim.looks_like_amlsim(path):
        return "amlsim"
    if amlsim_old.looks_like_amlsim_old(path):
        return "amlsim-old"
    if amlworld.looks_like_trans(path):
        return "amlworld"
    if amlworld.looks_like_patterns(path):
        return "amlworld-patterns"
    generic = path.is_file() and path.suffix.lower() in (".csv", ".parquet")
    if generic and transfers.looks_like_transfers(path):
        return "transfers"
    raise TransferFormatError(
        str(path), None,
        "unrecognised: expected an AMLSim output folder (transactions.csv.gz or tx.csv), an AMLworld "
        "*_Trans.csv or patterns CSV, or a transfer CSV/Parquet (from,to,asset,amount,time,tx_id)",
    )


def read_path(path: Path, fmt: str = "auto") -> TransferTable:
    """Read one path in format `fmt` (`auto` recognises it)."""
    name = detect(path) if fmt == "auto" else fmt
    if name == "amlworld" and path.is_dir():
        raise TransferFormatError(str(path), None, "amlworld: give the *_Trans.csv file, not a folder")
    reader = READERS.get(name)
    if reader is None:
        raise TransferFormatError(str(path), None, f"unknown format {fmt!r}; expected one of {FORMATS}")
    return reader(path)


def read_paths(paths: Sequence[Path], fmt: str = "auto") -> TransferTable:
    """Read every path and merge them into one table (accounts with the same id are one account)."""
    if not paths:
        raise TransferFormatError("(no path)", None, "give at least one file or folder")
    tables = [read_path(p, fmt) for p in paths]
    return tables[0] if len(tables) == 1 else concat(tables)


def concat(tables: Sequence[TransferTable]) -> TransferTable:
    """One table holding the transfers of all `tables` (time order); labels kept when all have them."""
    def ids(t: TransferTable, col: IntArray) -> StrArray:
        names: StrArray = np.asarray(t.accounts, dtype=np.str_)
        return names[col]

    labels = [t.label for t in tables]
    merged = table_from_columns(
        "+".join(str(len(t.tx)) for t in tables),
        np.concatenate([ids(t, t.src) for t in tables]),
        np.concatenate([ids(t, t.dst) for t in tables]),
        np.concatenate([t.amount for t in tables]),
        np.concatenate([t.time for t in tables]),
        currency=np.concatenate([np.asarray(t.currencies, dtype=np.str_)[t.currency] for t in tables]),
        tx=[x for t in tables for x in t.tx],
        label=None if any(lab is None for lab in labels) else np.concatenate(
            [lab for lab in labels if lab is not None]),
    )
    labelled = [t for t in tables if t.account_label is not None]
    if not labelled:
        return merged
    best: dict[str, int] = {}
    for t in labelled:
        assert t.account_label is not None
        for a, v in zip(t.accounts, t.account_label.tolist(), strict=True):
            best[a] = max(best.get(a, 0), int(v))
    return with_account_labels(merged, list(best), list(best.values()))
