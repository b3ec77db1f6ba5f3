"""Fan-in: many accounts send near-equal amounts to one account within a short time.

Benign look-alikes: a merchant (many payers) or a landlord. Kept down by the band (near-equal
amounts, `amount_tolerance`), by the share of the receiver's traffic in the window that the band
holds (`min_share`: a merchant's receipts spread over all prices) and by `min_counterparties`.
Score: 0.4 · share + 0.3 · amount regularity (1 − CV) + 0.3 · counterparties / (2 · min_counterparties).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from interdict.aml.alert import TypologyAlert
from interdict.aml.detectors.common import (
    DAY,
    clip01,
    make_alert,
    memo,
    money,
    money_range,
    param,
    regularity,
    span,
)
from interdict.aml.detectors.fan import fan_events, fan_members
from interdict.aml.table import Csr, IntArray, TransferTable


@dataclass(frozen=True, slots=True)
class FanParams:
    """Parameters of fan-in and fan-out."""

    min_counterparties: int = param(3, "distinct senders (fan-in) or receivers (fan-out) needed")
    window_days: float = param(10.0, "the fan's transfers fall within this many days")
    amount_tolerance: float = param(0.6, "near-equal: largest amount at most (1 + this) x the smallest")
    min_transfers: int = param(8, "transfers in the fan, at least (smurfing: many small transfers)")
    min_per_counterparty: float = param(
        1.0, "transfers per counterparty in the fan, on average, at least (2+: split deposits, smurfing)")
    min_share: float = param(0.5, "the fan's share of the hub's transfers in that window, at least")
    cap: int = param(2000, "at most this many transfers of one window are examined (bounds the work)")
    min_score: float = param(0.0, "alerts scoring below this are dropped")


@dataclass(frozen=True, slots=True)
class FanEvent:
    """One fan found at a hub: its transfers (dense ids) and measures."""

    hub: int
    ids: IntArray
    counterparties: IntArray
    share: float
    score: float


def fan_events_of(table: TransferTable, p: FanParams, inbound: bool) -> list[FanEvent]:
    """Fan events around every account, received (`inbound`) or sent (computed once per table)."""
    found: list[FanEvent] = memo(table, ("fan", p, inbound), lambda: _fan_events(table, p, inbound))
    return found


def _fan_events(table: TransferTable, p: FanParams, inbound: bool) -> list[FanEvent]:
    csr: Csr = table.incoming if inbound else table.outgoing
    cp = table.src if inbound else table.dst
    hubs, firsts, stops, los, his = fan_events(
        csr.ptr, csr.ids, cp, table.amount, table.time, int(p.window_days * DAY),
        p.amount_tolerance, p.min_counterparties, p.min_share, p.cap, p.min_transfers, p.min_per_counterparty,
    )
    out: list[FanEvent] = []
    for h, f, s, lo, hi in zip(hubs.tolist(), firsts.tolist(), stops.tolist(), los.tolist(), his.tolist(),
                               strict=True):
        ids = fan_members(csr.ids, table.amount, f, s, lo, hi)
        cps = np.unique(cp[ids])
        share = len(ids) / (s - f)
        score = 0.4 * share + 0.3 * regularity(table.amount[ids]) + 0.3 * min(
            1.0, len(cps) / (2 * p.min_counterparties))
        if score >= p.min_score:
            out.append(FanEvent(h, ids, cps, share, clip01(score)))
    return out


def describe(table: TransferTable, e: FanEvent, inbound: bool) -> str:
    """`8 accounts sent 9,400–9,900 each (42 transfers, 401,000 in all) to A within 2 days`."""
    amounts = table.amount[e.ids]
    during = span(int(table.time[e.ids].max() - table.time[e.ids].min()))
    hub = table.accounts[e.hub]
    what = f"{len(e.ids)} transfers of {money_range(amounts)}, {money(float(amounts.sum()))} in all"
    if inbound:
        return f"{len(e.counterparties)} accounts sent {hub} {what}, {during}."
    return f"{hub} sent {len(e.counterparties)} accounts {what}, {during}."


def to_alert(table: TransferTable, e: FanEvent, typology: str, p: FanParams, inbound: bool) -> TypologyAlert:
    """The alert of one fan event; the hub is listed first."""
    evidence = {
        "hub": table.accounts[e.hub],
        "counterparties": len(e.counterparties),
        "transfers": len(e.ids),
        "share_of_hub_traffic": round(e.share, 4),
        "amount_regularity": regularity(table.amount[e.ids]),
        "params": {k: getattr(p, k) for k in p.__dataclass_fields__},
    }
    if not inbound:
        evidence["passthrough_ratio"] = passthrough(table, e, p)
    members = [e.hub, *e.counterparties.tolist()]
    return make_alert(table, typology, e.ids, e.score, describe(table, e, inbound), evidence, members)


def passthrough(table: TransferTable, e: FanEvent, p: FanParams) -> float:
    """What a fan-out sends over what its hub received in the window before it began (0 if nothing)."""
    first = int(table.time[e.ids].min())
    received = table.incoming.of(e.hub)
    t = table.time[received]
    got = float(table.amount[received[(t <= first) & (t >= first - int(p.window_days * DAY))]].sum())
    return round(float(table.amount[e.ids].sum()) / got, 4) if got > 0 else 0.0


def detect_fan_in(table: TransferTable, params: FanParams) -> list[TypologyAlert]:
    """Many accounts send near-equal amounts to one account within a window."""
    return [to_alert(table, e, "fan_in", params, True) for e in fan_events_of(table, params, True)]
