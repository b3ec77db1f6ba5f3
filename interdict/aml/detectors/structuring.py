"""Structuring (smurfing): one account pays another the same sum in several near-equal pieces
within a short time, as launderers do to stay under reporting thresholds.

A hop (the pair's transfers within one `window_hours` bucket) fires when it holds at least
`min_transfers` transfers whose amounts agree within `amount_tolerance`. One alert per pair, with
every firing hop. Benign look-alikes: two equal purchases in a shop on one day, a loan paid in equal
instalments (these are spread over months, not bunched in a day). Kept down by the count, the
amount agreement and the short window; the score rises with the number of pieces.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass

import numpy as np

from interdict.aml.alert import TypologyAlert
from interdict.aml.detectors.common import make_alert, money, money_range, param, regularity
from interdict.aml.detectors.groups import hops
from interdict.aml.table import IntArray, TransferTable


@dataclass(frozen=True, slots=True)
class StructuringParams:
    """Parameters of the structuring detector."""

    min_transfers: int = param(2, "pieces between one pair within the window, at least")
    window_hours: float = param(24.0, "the pieces fall in one bucket of this many hours")
    amount_tolerance: float = param(0.25, "largest piece at most (1 + this) x the smallest")
    min_score: float = param(0.0, "alerts scoring below this are dropped")


def detect_structuring(table: TransferTable, params: StructuringParams) -> list[TypologyAlert]:
    """Pairs that split transfers into several near-equal pieces within a day."""
    h = hops(table, int(params.window_hours * 3600))
    pieces_of: dict[int, list[int]] = {}  # pair -> the transfers of its firing hops
    for x in np.flatnonzero(h.count >= params.min_transfers).tolist():
        piece = _pieces(table, h.members(x), params)
        if piece.size:
            pieces_of.setdefault(int(h.src[x]) * table.n_accounts + int(h.dst[x]), []).extend(piece.tolist())
    alerts: list[TypologyAlert] = []
    for key, members in sorted(pieces_of.items()):
        ids = np.asarray(members, dtype=np.int64)
        a, b = divmod(key, table.n_accounts)
        days = np.unique(table.time[ids] // int(params.window_hours * 3600))
        pieces = len(ids)
        amounts = table.amount[ids]
        score = 0.4 + 0.3 * min(1.0, pieces / 10) + 0.3 * regularity(amounts)
        if score < params.min_score:
            continue
        text = (f"{table.accounts[a]} paid {table.accounts[b]} {money(float(amounts.sum()))} in {pieces} "
                f"pieces of {money_range(amounts)} in {len(days)} burst(s) "
                f"of at most {params.window_hours:g} hours.")
        evidence = {"pieces": pieces, "bursts": len(days), "amount_regularity": regularity(amounts),
                    "params": asdict(params)}
        alerts.append(make_alert(table, "structuring", ids, score, text, evidence, [a, b]))
    return alerts


def _pieces(table: TransferTable, ids: IntArray, p: StructuringParams) -> IntArray:
    """The largest set of near-equal transfers of one hop, if it has `min_transfers` of them.

    A hop may also hold an ordinary payment the same day, which must not hide the pieces.
    """
    order = ids[np.argsort(table.amount[ids], kind="stable")]
    a = table.amount[order]
    best, best_lo, lo = 0, 0, 0
    for hi in range(a.shape[0]):
        while a[hi] > a[lo] * (1.0 + p.amount_tolerance):
            lo += 1
        if hi - lo + 1 > best:
            best, best_lo = hi - lo + 1, lo
    if best < p.min_transfers:
        return order[:0]
    out: IntArray = order[best_lo : best_lo + best]
    return out
