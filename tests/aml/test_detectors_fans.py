"""Fan-in, fan-out, scatter-gather, gather-scatter: hand-computed graphs and benign look-alikes."""

from __future__ import annotations

from interdict.aml.detectors.fan_in import FanParams, detect_fan_in
from interdict.aml.detectors.fan_out import detect_fan_out
from interdict.aml.detectors.scatter_gather import (
    ScatterGatherParams,
    detect_gather_scatter,
    detect_scatter_gather,
)
from tests.aml.helpers import graph

MULES = [f"M{i}" for i in range(8)]
AMOUNTS = [9400, 9450, 9500, 9600, 9650, 9700, 9800, 9900]


def test_fan_in_of_eight_near_equal_deposits_within_two_days() -> None:
    rows = [(m, "H", a, 5 * i) for i, (m, a) in enumerate(zip(MULES, AMOUNTS, strict=True))]
    rows.append(("X", "H", 120.0, 60))  # one unrelated payment: share 8/9
    alerts = detect_fan_in(graph(rows), FanParams())
    assert len(alerts) == 1
    a = alerts[0]
    assert a.typology == "fan_in" and a.accounts[0] == "H" and set(a.accounts[1:]) == set(MULES)
    assert sorted(a.transactions) == sorted(f"t{i + 1}" for i in range(8))
    assert a.amount == sum(AMOUNTS) and a.start == 0 and a.end == 35 * 3600
    assert a.explanation == "8 accounts sent H 8 transfers of 9,400–9,900, 77,000 in all, within 1.5 days."
    # score = 0.4 * share + 0.3 * (1 - CV) + 0.3 * min(1, 8 / 6)
    assert a.evidence["share_of_hub_traffic"] == round(8 / 9, 4)
    assert 0.9 < a.score <= 1.0


def test_merchant_receipts_of_every_size_do_not_fire() -> None:
    prices = [5, 12, 30, 55, 90, 140, 210, 320, 480, 700, 15, 44]
    rows = [(f"C{i}", "SHOP", float(p), i) for i, p in enumerate(prices)]
    assert detect_fan_in(graph(rows), FanParams()) == []


def test_fan_out_fires_and_varied_payroll_does_not() -> None:
    rows = [("A", m, a, 2 * i) for i, (m, a) in enumerate(zip(MULES, AMOUNTS, strict=True))]
    rows.append(("SOURCE", "A", 80_000.0, -1))  # the deposit split: 77,000 of 80,000 passed on
    alerts = detect_fan_out(graph(rows), FanParams())
    assert [a.accounts[0] for a in alerts] == ["A"]
    assert alerts[0].evidence["passthrough_ratio"] == round(77_000 / 80_000, 4)
    assert alerts[0].explanation.startswith("A sent 8 accounts 8 transfers of 9,400–9,900")
    salaries = [2100, 2500, 3100, 3900, 4800, 6000, 7400, 9000, 11000, 14000]
    payroll = [("EMPLOYER", f"E{i}", float(s), 1) for i, s in enumerate(salaries)]
    assert detect_fan_out(graph(payroll), FanParams()) == []


SMALL_FAN = FanParams(min_counterparties=3, min_transfers=3)


def test_scatter_gather_through_four_intermediaries() -> None:
    mids = ["I1", "I2", "I3", "I4"]
    rows = [("A", m, 9500.0, 1) for m in mids] + [(m, "B", 9400.0, 20) for m in mids]
    alerts = detect_scatter_gather(graph(rows), ScatterGatherParams(fan=SMALL_FAN))
    assert len(alerts) == 1
    a = alerts[0]
    assert a.accounts[0] == "A" and a.accounts[-1] == "B" and set(a.accounts[1:-1]) == set(mids)
    assert len(a.transactions) == 8 and a.evidence["intermediaries"] == 4
    assert a.explanation == "A scattered 9,500 over 4 accounts, which gathered 9,400 into B, within 19 hours."


def test_employer_and_landlord_are_not_scatter_gather() -> None:
    mids = ["E1", "E2", "E3", "E4"]
    rows = [("EMPLOYER", m, s, 1) for m, s in zip(mids, [2000.0, 3500.0, 5200.0, 8000.0], strict=True)]
    rows += [(m, "LANDLORD", r, 20) for m, r in zip(mids, [700.0, 900.0, 1500.0, 2400.0], strict=True)]
    assert detect_scatter_gather(graph(rows), ScatterGatherParams(fan=SMALL_FAN)) == []


def test_gather_scatter_and_a_gather_that_stays() -> None:
    rows = [(f"S{i}", "H", 5000.0 + i, 1) for i in range(4)] + [("H", f"R{i}", 4900.0, 30) for i in range(4)]
    alerts = detect_gather_scatter(graph(rows), ScatterGatherParams(fan=SMALL_FAN))
    assert [a.evidence["hub"] for a in alerts] == ["H"]
    assert alerts[0].evidence["gathered_from"] == 4 and alerts[0].evidence["scattered_to"] == 4
    kept = [(f"S{i}", "H", 5000.0 + i, 1) for i in range(4)] + [("H", "RENT", 900.0, 30)]
    assert detect_gather_scatter(graph(kept), ScatterGatherParams(fan=SMALL_FAN)) == []
