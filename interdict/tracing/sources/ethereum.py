"""Ethereum data in: transactions, traces (internal transfers) and ERC-20 `Transfer` logs.

The format is the one of the GraphSense ETH export (transactions.csv, traces.csv, logs.json[.gz]),
which the shared fixtures use. Each becomes a `Transfer` in the account model, values in wei (or the
token's base unit). Genesis allocations and block rewards have no sender; they come from `minted`.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path

from interdict.core.errors import TransferFormatError
from interdict.core.transfer import Transfer
from interdict.tracing.sources.rows import (
    MAX_AMOUNT,
    MAX_INDEX,
    check_time,
    csv_records,
    in_range,
    open_lines,
)

TRANSFER_TOPIC = "0xddf252ad1be2c89b69c2b068fc378daa952ba7f163c4a11628f55a4df523b3ef"
MINTED = "minted"
# token contracts the shared fixtures use; others keep their contract address as asset name
TOKENS = {
    "0xdac17f958d2ee523a2206206994597c13d831ec7": "USDT",
    "0xa0b86991c6218b36c1d19d4a2e9eb0ce3606eb48": "USDC",
    "0xc02aaa39b223fe8d0a0e5c4f27ead9083c756cc2": "WETH",
}


def _find(folder: Path, name: str) -> Path | None:
    for p in (folder / name, folder / f"{name}.gz"):
        if p.exists():
            return p
    return None


def _csv(path: Path) -> Iterator[tuple[int, dict[str, str | None]]]:
    with open_lines(path) as lines:
        yield from csv_records(path, lines)


def _num(path: Path, line: int, row: Mapping[str, str | None], key: str, high: int = MAX_AMOUNT) -> int:
    raw = (row.get(key) or "").strip()
    try:  # some exports write large integers as '199e17'; Decimal keeps them exact
        value = Decimal(raw) if raw else Decimal(0)
        if value != value.to_integral_value() or abs(value.adjusted()) > 60:
            raise InvalidOperation
        number = int(value)
    except InvalidOperation as exc:
        raise TransferFormatError(
            str(path), f"line {line}", f"column {key!r} = {raw!r}; expected an integer"
        ) from exc
    return in_range(path, f"line {line}", key, number, 0, high)


def read_transactions(path: Path) -> list[Transfer]:
    """transactions.csv: one transfer per transaction; fee = receiptGasUsed x gasPrice."""
    out = []
    for line, r in _csv(path):
        tx_hash, sender = r.get("txHash"), r.get("fromAddress")
        if not sender or not tx_hash:
            raise TransferFormatError(str(path), f"line {line}", "expected txHash and fromAddress")
        fee = in_range(path, f"line {line}", "receiptGasUsed x gasPrice",
                       _num(path, line, r, "receiptGasUsed") * _num(path, line, r, "gasPrice"), 0, MAX_AMOUNT)
        out.append(
            Transfer(
                tx_hash,
                sender.lower(),
                (r.get("toAddress") or "contract-creation").lower(),
                _num(path, line, r, "value"),
                "ETH",
                check_time(path, f"line {line}", "blockTimestamp",
                           _num(path, line, r, "blockTimestamp") or None),
                fee,
                _num(path, line, r, "transactionIndex", MAX_INDEX),
                "tx",
            )
        )
    return out


def read_traces(path: Path, block_times: dict[int, int]) -> list[Transfer]:
    """traces.csv: successful value-moving traces; genesis and rewards come from `minted`."""
    out = []
    for line, r in _csv(path):
        value = _num(path, line, r, "value")
        if value == 0 or (r.get("status") or "1").strip() != "1":
            continue
        block = _num(path, line, r, "blockId")
        out.append(
            Transfer(
                r.get("txHash") or r.get("traceId") or f"trace:{line}",
                (r.get("fromAddress") or MINTED).lower(),
                (r.get("toAddress") or "").lower(),
                value,
                "ETH",
                block_times.get(block),
                0,
                _num(path, line, r, "traceIndex", MAX_INDEX),
                "trace",
            )
        )
    return out


def read_token_logs(path: Path, block_times: dict[int, int]) -> list[Transfer]:
    """logs.json[.gz] (JSON lines): ERC-20 `Transfer(from, to, value)` events."""
    out = []
    with open_lines(path) as lines:
        for line, text in enumerate(lines, 1):
            if not text.strip():
                continue
            try:
                log = json.loads(text)
                topics = log["topics"]
                if len(topics) != 3 or topics[0] != TRANSFER_TOPIC:
                    continue
                contract = str(log["address"]).lower()
                data = log.get("data") or "0x"
                value = int(data, 16) if data not in ("0x", "") else 0
                block, index = int(log.get("blockId", 0)), int(log.get("logIndex", 0))
                tx_hash, sender, receiver = log["txHash"], "0x" + topics[1][-40:], "0x" + topics[2][-40:]
            except (json.JSONDecodeError, KeyError, TypeError, ValueError) as exc:
                raise TransferFormatError(
                    str(path), f"line {line}", f"expected a JSON log with topics, hex data, numbers ({exc})"
                ) from exc
            where = f"line {line}"
            out.append(
                Transfer(tx_hash, sender, receiver, in_range(path, where, "data", value, 0, MAX_AMOUNT),
                         TOKENS.get(contract, contract), block_times.get(block), 0,
                         in_range(path, where, "logIndex", index, 0, MAX_INDEX), "token")
            )
    return out


def read_block_times(folder: Path) -> dict[int, int]:
    """blocks.csv: block number -> unix timestamp."""
    path = _find(folder, "blocks.csv")
    if path is None:
        return {}
    times = {}
    for line, r in _csv(path):
        when = check_time(path, f"line {line}", "timestamp", _num(path, line, r, "timestamp"))
        times[_num(path, line, r, "blockId")] = when or 0
    return times


def read_eth_folder(folder: Path, *, traces: bool = True) -> list[Transfer]:
    """Every transfer of a GraphSense-format ETH folder (transactions, traces, token logs)."""
    tx = _find(folder, "transactions.csv")
    if tx is None:
        raise TransferFormatError(
            str(folder), None, "missing transactions.csv; expected an ETH export folder"
        )
    times = read_block_times(folder)
    out = read_transactions(tx)
    tr = _find(folder, "traces.csv")
    if traces and tr is not None:
        # call traces repeat the transaction's own value; keep only the internal ones (index > 0)
        out.extend(t for t in read_traces(tr, times) if t.sender == MINTED or t.index > 0)
    logs = _find(folder, "logs.json")
    if logs is not None:
        out.extend(read_token_logs(logs, times))
    return out


@dataclass
class AddressStats:
    """Per-address totals of an address graph (as in GraphSense's `addresses` table)."""

    total_received: int = 0
    total_spent: int = 0
    incoming_txs: int = 0
    outgoing_txs: int = 0
    in_neighbors: set[str] = field(default_factory=set)
    out_neighbors: set[str] = field(default_factory=set)


def address_stats(transfers: list[Transfer]) -> dict[str, AddressStats]:
    """Totals, transaction counts and degrees per address from plain transfers."""
    stats: dict[str, AddressStats] = defaultdict(AddressStats)
    for t in transfers:
        s, r = stats[t.sender], stats[t.receiver]
        s.total_spent += t.amount
        s.outgoing_txs += 1
        s.out_neighbors.add(t.receiver)
        r.total_received += t.amount
        r.incoming_txs += 1
        r.in_neighbors.add(t.sender)
    return dict(stats)


def address_relations(transfers: list[Transfer]) -> dict[tuple[str, str], tuple[int, int]]:
    """(sender, receiver) -> (number of transactions, total value)."""
    rel: dict[tuple[str, str], tuple[int, int]] = {}
    for t in transfers:
        n, v = rel.get((t.sender, t.receiver), (0, 0))
        rel[(t.sender, t.receiver)] = (n + 1, v + t.amount)
    return rel
