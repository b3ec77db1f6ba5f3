"""The generic transfer format (CSV or Parquet): from, to, asset, amount, time, tx_id [, fee].

It serves any account ledger, bank transfers included. `amount` and `fee` are integers in the asset's
base unit (satoshi, wei, cent); `time` is unix seconds or ISO 8601. Every bad row is reported with
its file and line, and nothing is returned unless every row is good.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from interdict.core.errors import TransferFormatError
from interdict.core.transfer import Transfer
from interdict.tracing.sources.rows import (
    MAX_AMOUNT,
    check_time,
    csv_records,
    header_of,
    in_range,
    open_lines,
)
from interdict.tracing.store import parquet_records

REQUIRED = ("from", "to", "asset", "amount", "time", "tx_id")


def parse_time(raw: str) -> int | None:
    """Unix seconds from an integer string or an ISO 8601 date/time (UTC unless it says otherwise)."""
    raw = raw.strip()
    if not raw:
        return None
    if raw.lstrip("-").isdigit():
        return int(raw)
    when = datetime.fromisoformat(raw.replace("Z", "+00:00"))
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return int(when.timestamp())


def _row(path: Path, line: int, r: Mapping[str, Any], index: int) -> Transfer:
    where = f"line {line}"
    for k in REQUIRED:
        if r.get(k) is None or (str(r[k]).strip() == "" and k not in ("time", "asset")):
            raise TransferFormatError(str(path), where, f"column {k!r} is empty")
    try:
        amount = int(str(r["amount"]).strip())
        fee = int(str(r.get("fee") or "0").strip())
    except ValueError as exc:
        raise TransferFormatError(
            str(path), where, f"amount {r['amount']!r}: expected an integer in base units"
        ) from exc
    if amount < 0 or fee < 0:
        raise TransferFormatError(str(path), where, "amount and fee must be >= 0")
    in_range(path, where, "amount", amount, 0, MAX_AMOUNT)
    in_range(path, where, "fee", fee, 0, MAX_AMOUNT)
    try:
        when = check_time(path, where, "time", parse_time(str(r["time"] or "")))
    except (ValueError, OverflowError) as exc:
        raise TransferFormatError(
            str(path), where, f"time {r['time']!r}: expected unix seconds or ISO 8601"
        ) from exc
    return Transfer(
        str(r["tx_id"]).strip(),
        str(r["from"]).strip(),
        str(r["to"]).strip(),
        amount,
        str(r["asset"] or "").strip() or "?",
        when,
        fee,
        index,
        str(r.get("kind") or "transfer"),
    )


def read_transfers(path: Path) -> list[Transfer]:
    """Read a transfer CSV or Parquet file; raises TransferFormatError on the first bad row."""
    if path.suffix.lower() == ".parquet":
        cols, rows = parquet_records(path)
        _check_columns(path, cols)
        return [_row(path, i + 1, r, i) for i, r in enumerate(rows)]
    _check_columns(path, header_of(path))
    with open_lines(path) as lines:
        return [_row(path, line, r, i) for i, (line, r) in enumerate(csv_records(path, lines))]


def _check_columns(path: Path, cols: Sequence[str]) -> None:
    missing = [c for c in REQUIRED if c not in cols]
    if missing:
        raise TransferFormatError(
            str(path), "header", f"missing column(s) {', '.join(missing)}; expected {REQUIRED}"
        )


def looks_like_transfers(path: Path) -> bool:
    """True if the file's header has the generic transfer columns."""
    if path.suffix.lower() == ".parquet":
        return True
    header = header_of(path)
    return all(c in header for c in REQUIRED)
