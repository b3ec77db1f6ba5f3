"""The sender's own records of what it sent: a CSV with a header, one payment a row.

Columns (names as below, or renamed with a mapping `csv_column=ourname`):
`uetr` and/or `reference` (at least one per row), `type`, `value_date` (YYYY-MM-DD or YYYYMMDD),
`amount` or `amount_usd` (an `amount_usd` alone means the amount is in USD), `beneficiary`
(a name, a BIC or an account), and optionally `currency`. Other columns are kept but not compared.

Nothing is dropped silently: a row that cannot be read is an InputError naming the file and line.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation
from pathlib import Path

from interdict.core.errors import InputError

COLUMNS = ("uetr", "reference", "type", "value_date", "amount", "amount_usd", "beneficiary", "currency")
# A thousands-grouped amount ("1,000,000.00") or a plain one with '.' or a SWIFT-style ',' decimal.
_GROUPED = re.compile(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?")
_COMMA_DECIMAL = re.compile(r"\d+,\d*")


@dataclass(frozen=True, slots=True)
class LocalRecord:
    """One row of the sender's records, normalised for comparison."""

    line: int
    uetr: str | None
    reference: str | None
    type: str | None
    value_date: date | None
    amount: Decimal | None
    currency: str | None
    beneficiary: str | None

    def to_dict(self) -> dict[str, object]:
        """The JSON form used in the reconciliation report."""
        return {
            "uetr": self.uetr,
            "reference": self.reference,
            "type": self.type,
            "amount": str(self.amount) if self.amount is not None else None,
            "currency": self.currency,
            "value_date": self.value_date.isoformat() if self.value_date else None,
            "beneficiary": self.beneficiary,
            "line": self.line,
        }


def parse_mapping(pairs: list[str]) -> dict[str, str]:
    """`csv_column=ourname` options as a dict; an unknown target name is an input error."""
    out: dict[str, str] = {}
    for pair in pairs:
        column, sep, ours = pair.partition("=")
        if not sep or not column.strip() or ours.strip() not in COLUMNS:
            raise InputError(
                "command line",
                "--map",
                f"expected CSV_COLUMN=NAME with NAME one of {', '.join(COLUMNS)}, got {pair!r}",
            )
        out[column.strip()] = ours.strip()
    return out


def read_records(path: Path, mapping: Mapping[str, str] | None = None) -> list[LocalRecord]:
    """Every row of the records CSV; raises InputError naming the file and line of a bad row."""
    source = str(path)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError as exc:
        raise InputError(source, None, "no such file") from exc
    except UnicodeDecodeError as exc:
        raise InputError(source, f"byte {exc.start}", "expected a UTF-8 CSV file") from exc
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)  # a quoted cell may hold a line break
    try:
        header = next(reader, None)
        if not header:
            raise InputError(source, "line 1", "expected a header row naming the columns")
        names = _header(header, mapping or {}, source)
        return [
            _row(row, header, names, source, reader.line_num) for row in reader if any(map(str.strip, row))
        ]
    except csv.Error as exc:
        raise InputError(source, f"line {reader.line_num}", f"unreadable CSV: {exc}") from exc


def _row(row: list[str], header: list[str], names: list[str | None], source: str, line: int) -> LocalRecord:
    if len(row) != len(header):
        raise InputError(source, f"line {line}", f"expected {len(header)} cells, found {len(row)}")
    cells = {name: cell.strip() for name, cell in zip(names, row, strict=True) if name}
    return _record(cells, source, line)


def _header(header: list[str], mapping: Mapping[str, str], source: str) -> list[str | None]:
    stripped = [h.strip() for h in header]
    for column in mapping:
        if column not in stripped:
            raise InputError(source, "line 1", f"mapped column {column!r} is not in the header {stripped}")
    names = [mapping.get(h, h.lower() if h.lower() in COLUMNS else None) for h in stripped]
    found = {n for n in names if n}
    dupes = sorted(n for n in found if names.count(n) > 1)
    if dupes:
        raise InputError(source, "line 1", f"column {dupes[0]!r} appears twice")
    missing = [c for c in ("type", "value_date", "beneficiary") if c not in found]
    if not found & {"uetr", "reference"}:
        missing.insert(0, "uetr or reference")
    if not found & {"amount", "amount_usd"}:
        missing.append("amount or amount_usd")
    if missing:
        raise InputError(
            source, "line 1", f"missing column(s) {', '.join(missing)}; use --map CSV_COLUMN=NAME to rename"
        )
    return names


def _record(cells: dict[str, str], source: str, line: int) -> LocalRecord:
    where = f"line {line}"
    uetr = cells.get("uetr", "").lower() or None
    reference = cells.get("reference") or None
    if uetr is None and reference is None:
        raise InputError(source, where, "expected a uetr or a reference")
    amount_text, currency = cells.get("amount", ""), cells.get("currency", "").upper() or None
    if not amount_text and cells.get("amount_usd"):
        amount_text, currency = cells["amount_usd"], currency or "USD"
    if currency is not None and not re.fullmatch(r"[A-Z]{3}", currency):
        raise InputError(source, f"{where} column currency", f"expected an ISO 4217 code, got {currency!r}")
    return LocalRecord(
        line=line,
        uetr=uetr,
        reference=reference,
        type=cells.get("type") or None,
        value_date=parse_date(cells.get("value_date", ""), source, where),
        amount=parse_amount(amount_text, source, where),
        currency=currency,
        beneficiary=cells.get("beneficiary") or None,
    )


def parse_amount(text: str, source: str, where: str) -> Decimal:
    """An amount as Decimal: `1234.50`, `1,234.50` (grouped) or `1234,50` (SWIFT decimal comma)."""
    value = text.replace(" ", "").replace("_", "")
    if _GROUPED.fullmatch(value):
        value = value.replace(",", "")
    elif _COMMA_DECIMAL.fullmatch(value):
        value = value.replace(",", ".")
    try:
        amount = Decimal(value)
    except InvalidOperation:
        amount = Decimal("NaN")
    if not amount.is_finite() or amount < 0:
        raise InputError(
            source, f"{where} column amount", f"expected an amount such as 1234.50, got {text!r}"
        )
    return amount


def parse_date(text: str, source: str, where: str) -> date | None:
    """YYYY-MM-DD or YYYYMMDD; an empty cell is no date."""
    if not text:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError as exc:
        raise InputError(source, f"{where} column value_date", f"expected YYYY-MM-DD, got {text!r}") from exc
