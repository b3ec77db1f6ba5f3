"""Plain value-transfer records shared by the tracing loaders and engines.

Two ledger models meet here. A UTXO chain (Bitcoin) is a set of transactions, each spending whole
earlier outputs (its inputs, in order) and creating new outputs (in order); the difference is the fee.
An account ledger (Ethereum, bank transfers) is a list of transfers from one account to another.
Values are integers in the asset's base unit (satoshi, wei, cent) so that sums are exact.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class TxOutput:
    """One output of a UTXO transaction: who received how much, and which tx spent it."""

    tx_hash: str
    n: int  # position among the transaction's outputs
    address: str
    value: int
    spent_by: str | None = None  # hash of the spending transaction, None if unspent


@dataclass(frozen=True, slots=True)
class TxInput:
    """One input of a UTXO transaction: the earlier output it spends."""

    prev_tx_hash: str
    prev_n: int
    address: str | None = None  # filled in when the source format carries it
    value: int | None = None


@dataclass(frozen=True, slots=True)
class UtxoTx:
    """A UTXO transaction with its inputs and outputs in their on-chain order."""

    tx_hash: str
    inputs: tuple[TxInput, ...]
    outputs: tuple[TxOutput, ...]
    height: int | None = None
    time: int | None = None  # unix seconds, when known
    coinbase: bool = False


@dataclass(frozen=True, slots=True)
class Transfer:
    """A value transfer between two accounts (account model): on-chain, internal or a bank wire."""

    tx_id: str
    sender: str
    receiver: str
    amount: int
    asset: str = "ETH"
    time: int | None = None  # unix seconds
    fee: int = 0  # paid by the sender on top of `amount`, in the same asset
    index: int = 0  # order within the transaction (trace or log index)
    kind: str = "tx"  # "tx", "trace", "token", "bank"
