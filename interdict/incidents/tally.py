"""Tallies over the ledger: by actor, chain, exit category or quarter, within dates.

Each row counts incidents and adds up amounts that cannot be added across units, so it keeps one
total per unit: the **sourced** amounts (what the incidents' sources state, in native units, and in
USD only where a source gives USD — with how many incidents that covers) apart from the **traced**
amounts (what the stored traces followed from the theft addresses, per asset). By exit, rows are
where the traced funds went (exchange, mixer, bridge, unspent, left the data, cut off, fees), and
incidents never traced are a row of their own.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from interdict.core.errors import InputError
from interdict.incidents.model import Incident, IncidentVersion

BY = ("actor", "chain", "exit", "quarter")
UNATTRIBUTED = "(unattributed)"
NOT_TRACED = "(not traced)"
_PLACES = (("unspent", "unspent"), ("left_data", "left the data"), ("cut_off", "cut off"), ("fees", "fees"))


@dataclass
class Row:
    """One group: its incidents and sums (sourced per unit, USD where sourced, traced per asset)."""

    key: str
    ids: list[str] = field(default_factory=list)
    sourced: dict[str, Decimal] = field(default_factory=dict)
    usd: Decimal = Decimal(0)
    usd_known: int = 0
    traced: dict[str, Decimal] = field(default_factory=dict)
    traced_incidents: int = 0

    def add_sourced(self, inc: Incident) -> None:
        self.ids.append(inc.id)
        for a in inc.amounts():
            self.sourced[a.unit] = self.sourced.get(a.unit, Decimal(0)) + a.value
        if inc.amount_usd is not None:
            self.usd += inc.amount_usd
            self.usd_known += 1

    def add_traced(self, asset: str, value: Decimal) -> None:
        self.traced[asset] = self.traced.get(asset, Decimal(0)) + value

    def to_json(self) -> dict[str, Any]:
        return {"key": self.key, "incidents": len(self.ids), "ids": self.ids,
                "sourced": {u: _text(v) for u, v in sorted(self.sourced.items())},
                "usd": _text(self.usd) if self.usd_known else None, "usd_known": self.usd_known,
                "traced": {a: _text(v) for a, v in sorted(self.traced.items())},
                "traced_incidents": self.traced_incidents}


def _text(d: Decimal) -> str:
    return format(d.normalize(), "f") if d else "0"


@dataclass
class Tally:
    """The rows of one grouping, and the total over every incident in the date range."""

    by: str
    start: dt.date | None
    end: dt.date | None
    rows: list[Row]
    total: Row

    def to_json(self) -> dict[str, Any]:
        return {"by": self.by, "from": self.start.isoformat() if self.start else None,
                "to": self.end.isoformat() if self.end else None,
                "rows": [r.to_json() for r in self.rows], "total": self.total.to_json()}


def in_range(inc: Incident, start: dt.date | None, end: dt.date | None) -> bool:
    """Whether the incident's date lies within [start, end] (either open)."""
    return (start is None or inc.date >= start) and (end is None or inc.date <= end)


def _keys(inc: Incident, by: str) -> list[str]:
    if by == "actor":
        return list(dict.fromkeys(a.name for a in inc.actors)) or [UNATTRIBUTED]
    return [inc.chain_key if by == "chain" else inc.quarter]


def tally(versions: Sequence[IncidentVersion], traces: dict[str, dict[str, Any]], by: str,
          start: dt.date | None = None, end: dt.date | None = None) -> Tally:
    """Group the incidents (latest versions) dated within [start, end] `by` one of `BY`."""
    if by not in BY:
        raise InputError("--by", None, f"expected one of {', '.join(BY)}, found {by!r}")
    chosen = [v.incident for v in versions if in_range(v.incident, start, end)]
    rows: dict[str, Row] = {}
    total = Row("total")
    for inc in chosen:
        total.add_sourced(inc)
        assets = (traces.get(inc.id) or {}).get("assets") or []
        total.traced_incidents += bool(assets)
        for a in assets:
            total.add_traced(a["asset"], Decimal(a["source_value"]))
        if by == "exit":
            _exit_rows(rows, inc, assets)
            continue
        for key in _keys(inc, by):
            row = rows.setdefault(key, Row(key))
            row.add_sourced(inc)
            row.traced_incidents += bool(assets)
            for a in assets:
                row.add_traced(a["asset"], Decimal(a["source_value"]))
    order = sorted(rows.values(), key=lambda r: r.key if by == "quarter" else (-len(r.ids), r.key))
    return Tally(by, start, end, order, total)


def _exit_rows(rows: dict[str, Row], inc: Incident, assets: list[dict[str, Any]]) -> None:
    """Where an incident's traced funds went, one row per place; untraced incidents apart."""
    if not assets:
        rows.setdefault(NOT_TRACED, Row(NOT_TRACED)).add_sourced(inc)
        return
    places: dict[str, list[tuple[str, Decimal]]] = {}
    for a in assets:
        found = [(cat, Decimal(v)) for cat, v in a["exits"].items()]
        found += [(label, Decimal(a[key])) for key, label in _PLACES]
        for place, value in found:
            if value:
                places.setdefault(place, []).append((a["asset"], value))
    for place, values in places.items():
        row = rows.setdefault(place, Row(place))
        row.ids.append(inc.id)
        row.traced_incidents += 1
        for asset, value in values:
            row.add_traced(asset, value)
