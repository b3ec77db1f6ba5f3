"""From an incident to its flows: a taint walk from the incident's theft addresses over the loaded
ledgers (the tracing engines, `tracing.follow`), summed up as an investigator reports it — how much
reached which kind of exit (exchange, mixer, bridge, from the tags) and when, what is still unspent,
what left the data — and every address that received the funds, with its share of all it received.

Values are written in the asset's native unit as exact decimal strings (wei exceed 64 bits).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime
from decimal import Decimal
from typing import Any

from interdict.incidents.model import Incident
from interdict.tracing.follow import taint_assets
from interdict.tracing.ledger import DECIMALS, Ledger
from interdict.tracing.policies.policy import Cutoffs, TaintPolicy, TaintResult
from interdict.tracing.tags import address_key

OUTSIDE = "spent outside the data"


def native(value: int, decimals: int) -> str:
    """Base units as an exact decimal string in the native unit (`150000000`, 8 -> `1.5`)."""
    return format(Decimal(value).scaleb(-decimals).normalize(), "f") if value else "0"


@dataclass
class IncidentTrace:
    """The stored result: one summary per asset walked, and the receivers for address screening."""

    policy: str
    sources: list[str]
    missing: list[str]
    assets: list[dict[str, Any]] = field(default_factory=list)
    # (address key, address, asset, tainted base units, total received base units, hops)
    receivers: list[tuple[str, str, str, int, int, int]] = field(default_factory=list)

    @property
    def status(self) -> str:
        """"traced", or why not."""
        if self.assets:
            return "traced"
        return "no theft address named" if not self.missing else "theft addresses not in the loaded data"

    def to_json(self) -> dict[str, Any]:
        return {"policy": self.policy, "status": self.status, "sources": self.sources,
                "missing": self.missing, "assets": self.assets, "receivers": len(self.receivers)}


def present_sources(led: Ledger, addresses: list[str]) -> tuple[list[str], list[str], list[str]]:
    """(in the UTXO data, in the account data, in neither) — spelled as the data spells them."""
    g = led.utxo
    known = {t.sender for t in led.transfers} | {t.receiver for t in led.transfers}
    utxo, account, missing = [], [], []
    for a in addresses:
        if g is not None and a in g.addr_index:
            utxo.append(a)
        elif a in known or a.lower() in known:
            account.append(a if a in known else a.lower())
        else:
            missing.append(a)
    return utxo, account, missing


def trace_incident(led: Ledger, inc: Incident, policy: TaintPolicy, cut: Cutoffs) -> IncidentTrace:
    """Walk from the incident's theft addresses (those the data holds), per model and asset."""
    utxo, account, missing = present_sources(led, inc.theft_addresses())
    out = IncidentTrace(str(policy), utxo + account, missing)
    for group in (utxo, account):
        if group:
            for res, asset in taint_assets(led, group, policy, cut):
                out.assets.append(_summary(led, res, asset))
                out.receivers += _receivers(led, res, asset)
    return out


def _summary(led: Ledger, res: TaintResult, asset: str) -> dict[str, Any]:
    places = DECIMALS.get(asset, 0)
    by_category: dict[str, int] = {}
    exits = []
    for address, value in sorted(res.exits.items(), key=lambda kv: -kv[1]):
        tag = next((t for t in led.tags.lookup(address) if t.is_exit), None)
        category = tag.category if tag else "exit"
        by_category[category] = by_category.get(category, 0) + value
        first, last = _arrivals(led, res, address, asset)
        exits.append({"address": address, "category": category, "label": tag.label if tag else "",
                      "value": native(value, places), "first": first, "last": last})
    unspent = res.frontier_value - sum(res.exits.values())
    cut_off = res.unexplored_value - res.unexplored.get(OUTSIDE, 0)
    return {
        "asset": asset, "decimals": places, "source_value": native(res.source_value, places),
        "exits": {k: native(v, places) for k, v in sorted(by_category.items())},
        "exit_addresses": exits, "unspent": native(unspent, places),
        "left_data": native(res.unexplored.get(OUTSIDE, 0), places), "cut_off": native(cut_off, places),
        "fees": native(res.fees, places), "mixed_in": native(res.mixed_in, places),
        "balanced": res.balanced, "receivers": len(res.received),
    }


def _iso(t: int | None) -> str | None:
    return None if t is None or t < 0 else datetime.fromtimestamp(t, UTC).isoformat(timespec="seconds")


def _arrivals(led: Ledger, res: TaintResult, address: str, asset: str) -> tuple[str | None, str | None]:
    """When tainted value first and last reached an exit (ISO times; None where the data has none)."""
    times: list[int] = []
    g = led.utxo
    if asset == "BTC" and g is not None and address in g.addr_index:
        for o in g.received(g.addr_index[address]).tolist():
            tx = int(g.out_tx[o])
            if tx >= 0 and g.tx_hash[tx] in res.tx_taint and int(g.tx_time[tx]) >= 0:
                times.append(int(g.tx_time[tx]))
    else:
        times = [t.time for t in led.transfers if t.receiver == address and t.asset == asset
                 and t.tx_id in res.tx_taint and t.time is not None]
    return (_iso(min(times)), _iso(max(times))) if times else (None, None)


def _receivers(led: Ledger, res: TaintResult, asset: str) -> list[tuple[str, str, str, int, int, int]]:
    """Each address that received the funds, with all it received in the data (for its share)."""
    totals: dict[str, int] = {}
    g = led.utxo
    if asset == "BTC" and g is not None and all(a in g.addr_index for a in res.received):
        for a in res.received:
            totals[a] = int(g.out_value[g.received(g.addr_index[a])].sum())
    else:
        wanted = set(res.received)
        for t in led.transfers:
            if t.asset == asset and t.receiver in wanted:
                totals[t.receiver] = totals.get(t.receiver, 0) + t.amount
    return [(address_key(a), a, asset, v, max(totals.get(a, 0), v), res.received_hops.get(a, 0))
            for a, v in res.received.items()]
