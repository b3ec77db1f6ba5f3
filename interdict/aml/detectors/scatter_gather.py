"""Scatter-gather: A splits a sum over several intermediaries (a fan-out), who pass it on to one
account B (a fan-in); gather-scatter is the reverse: many pay H, and H pays many out.

Both are composed from the fan events of `fan_in` (same parameters): scatter-gather joins a fan-out
of A and a fan-in of B sharing at least `min_intermediaries` counterparties, the gather after the
scatter (within `window_days`); gather-scatter joins a fan-in and a later fan-out at one hub.
Benign look-alikes: an employer's payroll (fan-out) whose employees then pay one landlord or
utility (fan-in) - the shared counterparties are few, the amounts are not near-equal and not
forwarded whole, so the fan events (band + share) rarely form on both sides; the score is the mean
of the two fans' scores, raised by the share of intermediaries shared.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field

import numpy as np

from interdict.aml.alert import TypologyAlert
from interdict.aml.detectors.common import DAY, clip01, make_alert, money_range, param, span
from interdict.aml.detectors.fan_in import FanEvent, FanParams, fan_events_of
from interdict.aml.table import TransferTable


@dataclass(frozen=True, slots=True)
class ScatterGatherParams:
    """Parameters of scatter-gather and gather-scatter (the fans' own, plus how they join)."""

    fan: FanParams = field(default_factory=FanParams, metadata={"doc": "the fans' own parameters"})
    min_intermediaries: int = param(2, "counterparties shared by the two fans, at least")
    window_days: float = param(30.0, "the second fan starts within this many days of the first's start")
    time_respecting: bool = param(True, "the second fan ends after the first starts")
    min_score: float = param(0.0, "alerts scoring below this are dropped")


def _in_time(table: TransferTable, first: FanEvent, second: FanEvent, p: ScatterGatherParams) -> bool:
    t1, t2 = int(table.time[first.ids].min()), int(table.time[second.ids].min())
    gap = t2 - t1
    if p.time_respecting and int(table.time[second.ids].max()) < t1:
        return False
    return abs(gap) <= p.window_days * DAY


def detect_scatter_gather(table: TransferTable, params: ScatterGatherParams) -> list[TypologyAlert]:
    """A fan-out from A and a fan-in to B through the same intermediaries."""
    outs = fan_events_of(table, params.fan, inbound=False)
    ins = fan_events_of(table, params.fan, inbound=True)
    by_member: dict[int, list[int]] = {}
    for j, e in enumerate(ins):
        for c in e.counterparties.tolist():
            by_member.setdefault(c, []).append(j)
    alerts: list[TypologyAlert] = []
    for o in outs:
        candidates = {j for c in o.counterparties.tolist() for j in by_member.get(c, [])}
        for j in sorted(candidates):
            i = ins[j]
            shared = np.intersect1d(o.counterparties, i.counterparties)
            if i.hub == o.hub or len(shared) < params.min_intermediaries or not _in_time(table, o, i, params):
                continue
            ids = np.concatenate([o.ids[np.isin(table.dst[o.ids], shared)],
                                  i.ids[np.isin(table.src[i.ids], shared)]])
            score = clip01((o.score + i.score) / 2 * (0.7 + 0.3 * len(shared) / len(o.counterparties)))
            if score < params.min_score:
                continue
            dur = int(table.time[ids].max() - table.time[ids].min())
            a, b = table.accounts[o.hub], table.accounts[i.hub]
            text = (f"{a} scattered {money_range(table.amount[o.ids])} over {len(shared)} accounts, "
                    f"which gathered {money_range(table.amount[i.ids])} into {b}, {span(dur)}.")
            evidence = {"source": a, "sink": b, "intermediaries": len(shared), "params": asdict(params)}
            alerts.append(make_alert(table, "scatter_gather", ids, score, text, evidence,
                                     [o.hub, *shared.tolist(), i.hub]))
    return alerts


def detect_gather_scatter(table: TransferTable, params: ScatterGatherParams) -> list[TypologyAlert]:
    """A fan-in to H followed by a fan-out from H."""
    outs = {e.hub: e for e in fan_events_of(table, params.fan, inbound=False)}
    alerts: list[TypologyAlert] = []
    for i in fan_events_of(table, params.fan, inbound=True):
        o = outs.get(i.hub)
        if o is None or not _in_time(table, i, o, params):
            continue
        if len(i.counterparties) + len(o.counterparties) < 2 * params.min_intermediaries:
            continue
        ids = np.concatenate([i.ids, o.ids])
        score = clip01((i.score + o.score) / 2)
        if score < params.min_score:
            continue
        dur = int(table.time[ids].max() - table.time[ids].min())
        hub = table.accounts[i.hub]
        text = (f"{len(i.counterparties)} accounts paid {hub} {money_range(table.amount[i.ids])}, and {hub} "
                f"paid {len(o.counterparties)} accounts {money_range(table.amount[o.ids])}, {span(dur)}.")
        evidence = {"hub": hub, "gathered_from": len(i.counterparties), "scattered_to": len(o.counterparties),
                    "params": asdict(params)}
        members = [i.hub, *i.counterparties.tolist(), *o.counterparties.tolist()]
        alerts.append(make_alert(table, "gather_scatter", ids, score, text, evidence,
                                 list(dict.fromkeys(members))))
    return alerts
