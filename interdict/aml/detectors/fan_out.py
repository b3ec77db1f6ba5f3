"""Fan-out: one account sends near-equal amounts to many accounts within a short time.

Benign look-alike: payroll (one employer, many employees, monthly). Kept down by the band (salaries
differ; `amount_tolerance`), by the band's share of the sender's traffic (`min_share`: an employer
also pays suppliers and taxes) and by `min_counterparties`. The evidence also gives the pass-through
ratio: what the fan sends over what the hub received in the window before (near 1 for a mule that
splits a deposit, well below for an employer paying from revenue).
"""

from __future__ import annotations

from interdict.aml.alert import TypologyAlert
from interdict.aml.detectors.fan_in import FanParams, fan_events_of, to_alert
from interdict.aml.table import TransferTable


def detect_fan_out(table: TransferTable, params: FanParams) -> list[TypologyAlert]:
    """One account sends near-equal amounts to many accounts within a window."""
    return [to_alert(table, e, "fan_out", params, False) for e in fan_events_of(table, params, False)]
