"""IBM AMLworld (Altman et al., NeurIPS 2023): `*_Trans.csv` and the HI-Small laundering patterns.

`*_Trans.csv`: `Timestamp,From Bank,Account,To Bank,Account,Amount Received,Receiving Currency,
Amount Paid,Payment Currency,Payment Format,Is Laundering`. The header repeats `Account`, so columns
are taken by position. Banks appear with and without leading zeros (`021174` and `21174`), so an
account's identity is `"<bank without leading zeros>:<account>"`. A transfer's amount is what the
sender paid, in the payment currency (a currency name such as `US Dollar`); `Is Laundering` becomes
the per-transfer `label`. Timestamps are `YYYY/MM/DD HH:MM`, UTC.

The patterns CSV (`HI-Small_patterns.csv`, one row per transfer of a labelled attempt) is read by
`read_patterns` into the same table plus each row's `attempt_id` and `family`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from interdict.aml.sources.columns import (
    Columns,
    floats,
    integers,
    non_empty,
    non_negative,
    read_columns,
    read_header,
)
from interdict.aml.table import IntArray, StrArray, TransferTable, table_from_columns
from interdict.core.errors import TransferFormatError

TRANS_HEADER = (
    "Timestamp", "From Bank", "Account", "To Bank", "Account", "Amount Received",
    "Receiving Currency", "Amount Paid", "Payment Currency", "Payment Format", "Is Laundering",
)
PATTERN_COLUMNS = (
    "attempt_id", "family", "timestamp", "from_bank", "from_account", "to_bank", "to_account",
    "amount_paid", "payment_currency", "is_laundering",
)


def account_ids(cols: Columns, banks: Sequence[str], accounts: Sequence[str]) -> StrArray:
    """`bank:account` with the bank's leading zeros stripped (`021174` and `21174` are one bank)."""
    for i, (b, a) in enumerate(zip(banks, accounts, strict=True)):
        if not b.strip() or not a.strip():
            raise cols.error(i, "empty bank or account")
    bank = np.char.lstrip(np.char.strip(np.asarray(banks, dtype=np.str_)), "0")
    bank = np.where(bank == "", "0", bank)
    return np.char.add(np.char.add(bank, ":"), np.char.strip(np.asarray(accounts, dtype=np.str_)))


def parse_times(cols: Columns, values: Sequence[str], what: str) -> IntArray:
    """Unix seconds from `YYYY/MM/DD HH:MM` (or with `-`, `T` or seconds), vectorised through numpy."""
    text = np.char.replace(np.char.replace(np.char.strip(np.asarray(values, dtype=np.str_)), "/", "-"),
                           " ", "T")
    try:
        stamps = text.astype("datetime64[s]")
    except ValueError:
        for i, v in enumerate(text):
            try:
                np.datetime64(str(v), "s")
            except ValueError:
                raise cols.error(i, f"{what} {values[i]!r}: expected YYYY/MM/DD HH:MM") from None
        raise TransferFormatError(str(cols.path), None, f"{what}: unreadable time") from None
    if np.isnat(stamps).any():
        bad = int(np.flatnonzero(np.isnat(stamps))[0])
        raise cols.error(bad, f"{what} {values[bad]!r}: expected YYYY/MM/DD HH:MM")
    return stamps.astype(np.int64)


def looks_like_trans(path: Path) -> bool:
    """True for a CSV whose header is AMLworld's transaction header."""
    try:
        return path.is_file() and tuple(read_header(path)) == TRANS_HEADER
    except TransferFormatError:
        return False


def looks_like_patterns(path: Path) -> bool:
    """True for the patterns CSV (one row per transfer of a laundering attempt)."""
    try:
        return path.is_file() and all(c in read_header(path) for c in PATTERN_COLUMNS)
    except TransferFormatError:
        return False


def read_trans(path: Path) -> TransferTable:
    """Read an AMLworld `*_Trans.csv` (columns by position, see the module doc)."""
    cols = read_columns(path)
    if tuple(cols.header) != TRANS_HEADER:
        raise TransferFormatError(str(path), "header", f"expected {TRANS_HEADER}, found {cols.header}")
    c = cols.col
    amount = floats(cols, c(7), "Amount Paid")
    non_negative(cols, amount, "Amount Paid")
    label = integers(cols, c(10), "Is Laundering")
    stem = path.name
    return table_from_columns(
        str(path),
        account_ids(cols, c(1), c(2)),
        account_ids(cols, c(3), c(4)),
        amount,
        parse_times(cols, c(0), "Timestamp"),
        currency=non_empty(cols, 8, "Payment Currency"),
        tx=[f"{stem}:{n}" for n in cols.lines],
        label=label,
    )


@dataclass(frozen=True, slots=True)
class Attempts:
    """The transfers of labelled laundering attempts: `table` row i belongs to attempt `attempt[i]`
    of family `family[i]` (`FAN-OUT`, `CYCLE`, ...)."""

    table: TransferTable
    attempt: IntArray
    family: StrArray


def read_patterns(path: Path) -> Attempts:
    """Read the patterns CSV (`attempt_id,family,...,timestamp,from_bank,...`); every row is laundering."""
    cols = read_columns(path, PATTERN_COLUMNS, name="AMLworld patterns CSV")
    h = cols.header.index
    c = cols.col
    time = parse_times(cols, c(h("timestamp")), "timestamp")
    # Sort here (stably) so the table's own time sort keeps this order and the side columns align.
    order = np.argsort(time, kind="stable")
    amount = floats(cols, c(h("amount_paid")), "amount_paid")
    non_negative(cols, amount, "amount_paid")
    attempt = integers(cols, c(h("attempt_id")), "attempt_id")
    family = np.asarray(non_empty(cols, h("family"), "family"), dtype=np.str_)
    src = account_ids(cols, c(h("from_bank")), c(h("from_account")))
    dst = account_ids(cols, c(h("to_bank")), c(h("to_account")))
    currency = np.asarray(non_empty(cols, h("payment_currency"), "payment_currency"), dtype=np.str_)
    label = integers(cols, c(h("is_laundering")), "is_laundering")
    stem = path.name
    tx = np.asarray([f"{stem}:{n}" for n in cols.lines], dtype=np.str_)
    table = table_from_columns(
        str(path), src[order], dst[order], amount[order], time[order],
        currency=currency[order], tx=[str(t) for t in tx[order]], label=label[order],
    )
    return Attempts(table, attempt[order], family[order])
