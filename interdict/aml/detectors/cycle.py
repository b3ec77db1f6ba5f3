"""Cycle: money that leaves an account comes back to it through 2..10 others, value kept.

Time-respecting by default (each hop later than the one before, all within `window_days`), with
every hop's amount within `margin` of the first hop's. The search is bounded (see
`cycle_kernel`): `budget` transfers inspected per start account, so hubs cost a constant.

Benign look-alikes: refunds (A pays B, B pays A back: excluded by `min_hops` 3), and circular
business flows (supplier chains), which rarely keep the same value to within a few per cent over
every hop; the score rises as the amounts agree and the cycle is compressed in time.
Set `time_respecting = false` for data that schedules a pattern's transfers at random steps of its
period (IBM AMLSim 2019 sample runs do): the value band alone then defines the cycle.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass

from interdict.aml.alert import TypologyAlert
from interdict.aml.detectors.common import DAY, make_alert, money_range, param, span
from interdict.aml.detectors.cycle_kernel import find_cycles
from interdict.aml.table import IntArray, TransferTable


@dataclass(frozen=True, slots=True)
class CycleParams:
    """Parameters of the cycle search."""

    min_hops: int = param(3, "shortest cycle reported (2 would report refunds)")
    max_hops: int = param(10, "longest cycle searched")
    margin: float = param(0.1, "every hop's amount within this fraction of the first hop's")
    window_days: float = param(30.0, "the whole cycle within this many days")
    time_respecting: bool = param(True, "each hop strictly later than the one before")
    budget: int = param(20_000, "transfers one start account may inspect (bounds hubs)")
    per_start: int = param(3, "cycles reported per start account, at most")
    min_score: float = param(0.0, "alerts scoring below this are dropped")


def detect_cycle(table: TransferTable, params: CycleParams) -> list[TypologyAlert]:
    """Cycles of 3..10 hops keeping their value within a margin, time-respecting by default."""
    out = table.outgoing
    edges, cptr, work = find_cycles(
        out.ptr, out.ids, table.dst, table.amount, table.time, params.min_hops, params.max_hops,
        params.margin, int(params.window_days * DAY), params.time_respecting, params.budget,
        params.per_start,
    )
    alerts: list[TypologyAlert] = []
    seen: set[tuple[int, ...]] = set()
    cut = int((work >= params.budget).sum())
    for c in range(len(cptr) - 1):
        ids = edges[cptr[c] : cptr[c + 1]]
        members = table.src[ids].tolist()
        key = tuple(sorted(members))
        if key in seen:  # the same accounts through other transfers (AMLSim repeats each hop)
            continue
        seen.add(key)
        alert = _alert(table, ids, members, params, cut)
        if alert.score >= params.min_score:
            alerts.append(alert)
    return alerts


def _alert(
    table: TransferTable, ids: IntArray, members: list[int], p: CycleParams, cut: int
) -> TypologyAlert:
    amounts = table.amount[ids]
    kept = float(amounts[-1] / amounts[0]) if amounts[0] > 0 else 0.0
    spread = float((amounts.max() - amounts.min()) / amounts.max()) if amounts.max() > 0 else 1.0
    duration = int(table.time[ids].max() - table.time[ids].min())
    compression = 1.0 - min(1.0, duration / (p.window_days * DAY)) if p.time_respecting else 0.5
    score = 0.5 + 0.25 * (1.0 - min(1.0, spread / max(p.margin, 1e-9))) + 0.25 * compression
    names = [table.accounts[a] for a in members]
    route = " → ".join([*names, names[0]])
    if len(names) > 6:
        route = f"{names[0]} → … ({len(names)} accounts) → {names[0]}"
    text = (f"{money_range(amounts)} went round {route} in {len(ids)} hops "
            f"{span(duration)}, {kept:.0%} of the value coming back.")
    evidence = {"hops": len(ids), "value_kept": round(kept, 4), "amount_spread": round(spread, 4),
                "duration_seconds": duration, "starts_cut_short": cut, "params": asdict(p)}
    return make_alert(table, "cycle", ids, score, text, evidence, members, float(amounts[0]))
