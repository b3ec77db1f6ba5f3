"""`TransferTable`: the columnar transfer data every typology detector and the ranker read.

AML data (AMLSim, IBM AMLworld, a bank's export) comes as floats in many currencies with times in
days or minutes; tracing's `FlowGraph` keeps exact integer base units for one asset. Detectors need
neither exactness nor Python objects per transfer: they need dense account ids, amounts and times as
numpy arrays sorted by time, and CSR views per account. Account ids stay as the data gives them
(`accounts[i]`), so alerts can name them.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from functools import cached_property

import numpy as np
import numpy.typing as npt

from interdict.core.errors import TransferFormatError
from interdict.tracing.graph import csr

IntArray = npt.NDArray[np.int64]
FloatArray = npt.NDArray[np.float64]
StrArray = npt.NDArray[np.str_]


@dataclass(frozen=True, slots=True)
class Csr:
    """Transfer ids grouped by account: account a's transfers are `ids[ptr[a]:ptr[a+1]]`, in time order."""

    ptr: IntArray
    ids: IntArray

    def of(self, account: int) -> IntArray:
        """Transfer ids of one account, in time order."""
        return self.ids[self.ptr[account] : self.ptr[account + 1]]

    def degree(self) -> IntArray:
        """Number of transfers per account."""
        return np.diff(self.ptr)


@dataclass(frozen=True)
class TransferTable:
    """Transfers as columns, sorted by time (ties keep input order).

    `time` is in seconds since the Unix epoch (AMLSim's day steps become `step * 86400`); `currency`
    indexes `currencies`; `tx[i]` is the transfer's id as the data gives it, or `file:line`.
    A laundering label per transfer (`label`, 1 = laundering) is kept when the data has one, for
    evaluation only: detectors never read it.
    """

    accounts: Sequence[str]
    src: IntArray
    dst: IntArray
    amount: FloatArray
    time: IntArray
    currency: IntArray
    currencies: Sequence[str]
    tx: Sequence[str]
    label: IntArray | None = None
    account_label: IntArray | None = field(default=None)  # per account, when the data labels accounts

    @property
    def n_transfers(self) -> int:
        """Number of transfers."""
        return int(self.src.shape[0])

    @property
    def n_accounts(self) -> int:
        """Number of accounts."""
        return len(self.accounts)

    @cached_property
    def account_index(self) -> dict[str, int]:
        """Dense id of each account id."""
        return {a: i for i, a in enumerate(self.accounts)}

    @cached_property
    def outgoing(self) -> Csr:
        """Each account's sent transfers, in time order."""
        return Csr(*csr(self.src, self.n_accounts))

    @cached_property
    def incoming(self) -> Csr:
        """Each account's received transfers, in time order."""
        return Csr(*csr(self.dst, self.n_accounts))

    def select(self, ids: IntArray) -> TransferTable:
        """The transfers `ids` (kept in time order) over the same accounts."""
        ids = np.sort(np.asarray(ids, dtype=np.int64))
        return TransferTable(
            accounts=self.accounts,
            src=self.src[ids],
            dst=self.dst[ids],
            amount=self.amount[ids],
            time=self.time[ids],
            currency=self.currency[ids],
            currencies=self.currencies,
            tx=[self.tx[int(i)] for i in ids],
            label=None if self.label is None else self.label[ids],
            account_label=self.account_label,
        )


def table_from_columns(
    source: str,
    src: Sequence[str] | StrArray,
    dst: Sequence[str] | StrArray,
    amount: Sequence[float] | FloatArray,
    time: Sequence[int] | IntArray,
    *,
    currency: Sequence[str] | StrArray | None = None,
    tx: Sequence[str] | None = None,
    label: Sequence[int] | IntArray | None = None,
) -> TransferTable:
    """Build a `TransferTable` from equal-length columns (vectorised: millions of rows in seconds).

    `source` names the input for errors. Rows are sorted by time, stably; `tx` defaults to
    `source:row` (1-based row numbers of the columns as given).
    """
    src_a = np.asarray(src, dtype=np.str_)
    dst_a = np.asarray(dst, dtype=np.str_)
    n = src_a.shape[0]
    amount_a = np.asarray(amount, dtype=np.float64)
    time_a = np.asarray(time, dtype=np.int64)
    lengths = {len(dst_a), len(amount_a), len(time_a)}
    if currency is not None:
        lengths.add(len(currency))
    if tx is not None:
        lengths.add(len(tx))
    if lengths != {n}:
        raise TransferFormatError(source, None, f"columns of unequal length: {sorted(lengths | {n})}")
    if n and not np.all(np.isfinite(amount_a)):
        bad = int(np.flatnonzero(~np.isfinite(amount_a))[0])
        raise TransferFormatError(source, f"row {bad + 1}", "amount is not a finite number")
    accounts, inverse = np.unique(np.concatenate([src_a, dst_a]), return_inverse=True)
    inverse = inverse.astype(np.int64)
    cur_names, cur_idx = np.unique(
        np.asarray(currency if currency is not None else [""] * n, dtype=np.str_), return_inverse=True
    )
    order = np.argsort(time_a, kind="stable")
    tx_ids = list(tx) if tx is not None else [f"{source}:{i + 1}" for i in range(n)]
    return TransferTable(
        accounts=[str(a) for a in accounts],
        src=inverse[:n][order],
        dst=inverse[n:][order],
        amount=amount_a[order],
        time=time_a[order],
        currency=cur_idx.astype(np.int64)[order],
        currencies=[str(c) for c in cur_names],
        tx=[tx_ids[int(i)] for i in order],
        label=None if label is None else np.asarray(label, dtype=np.int64)[order],
    )


def with_account_labels(
    table: TransferTable, ids: Sequence[str], labels: Sequence[int] | IntArray
) -> TransferTable:
    """`table` with a label per account (`ids[i]` has `labels[i]`); unknown accounts get label 0.

    Labelled accounts that never transact are appended to `accounts` (dense ids of the others do not
    change), so an account-level evaluation counts them as missed rather than not at all.
    """
    index = dict(table.account_index)
    accounts = list(table.accounts)
    for a in ids:
        if a not in index:
            index[a] = len(accounts)
            accounts.append(a)
    label = np.zeros(len(accounts), dtype=np.int64)
    label[np.fromiter((index[a] for a in ids), dtype=np.int64, count=len(ids))] = np.asarray(
        labels, dtype=np.int64
    )
    return replace(table, accounts=accounts, account_label=label)
