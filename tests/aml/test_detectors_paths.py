"""Cycle, mule chain, structuring, bipartite and stack: hand-computed graphs and benign look-alikes."""

from __future__ import annotations

import numpy as np

from interdict.aml.detectors.bipartite import BipartiteParams, detect_bipartite
from interdict.aml.detectors.cycle import CycleParams, detect_cycle
from interdict.aml.detectors.cycle_kernel import find_cycles
from interdict.aml.detectors.groups import Hops, hops
from interdict.aml.detectors.mule_chain import MuleChainParams, _routine_share, detect_mule_chain
from interdict.aml.detectors.registry import DETECTORS
from interdict.aml.detectors.stack import StackParams, detect_stack
from interdict.aml.detectors.structuring import StructuringParams, detect_structuring
from tests.aml.helpers import graph

CYCLE = [("A", "B", 10000.0, 1), ("B", "C", 9800.0, 5), ("C", "D", 9700.0, 9), ("D", "A", 9600.0, 30)]


def test_time_respecting_cycle_of_four() -> None:
    alerts = detect_cycle(graph(CYCLE), CycleParams())
    assert len(alerts) == 1
    a = alerts[0]
    assert a.accounts == ("A", "B", "C", "D") and a.transactions == ("t1", "t2", "t3", "t4")
    assert a.evidence["hops"] == 4 and a.evidence["value_kept"] == 0.96
    assert a.explanation == (
        "9,600–10,000 went round A → B → C → D → A in 4 hops within 1.2 days, 96% of the value coming back.")
    # 0.5 + 0.25 * (1 - spread 0.04 / margin 0.1) + 0.25 * (1 - 29 h / 30 days)
    assert abs(a.score - (0.5 + 0.25 * 0.6 + 0.25 * (1 - 29 / 720))) < 1e-3


def test_cycles_out_of_order_refunds_and_value_lost_do_not_fire() -> None:
    out_of_order = [CYCLE[0], ("B", "C", 9800.0, 0.5), *CYCLE[2:]]
    assert detect_cycle(graph(out_of_order), CycleParams()) == []
    # ... unless time order is not asked for (AMLSim schedules pattern steps at random)
    assert len(detect_cycle(graph(out_of_order), CycleParams(time_respecting=False))) == 1
    refund = [("A", "B", 500.0, 1), ("B", "A", 500.0, 3)]
    assert detect_cycle(graph(refund), CycleParams()) == []
    lossy = [*CYCLE[:2], ("C", "D", 5000.0, 9), CYCLE[3]]
    assert detect_cycle(graph(lossy), CycleParams()) == []


def test_cycle_search_on_a_hub_is_bounded() -> None:
    # A hub paying 3000 accounts that all pay it back, each with 5 onward payments in band: without
    # a budget the search from the hub would walk 3000 x 5 x ... paths.
    rows = [("A", f"X{i:04}", 100.0, 1 + i / 1000) for i in range(3000)]
    rows += [(f"X{i:04}", f"X{(i + k) % 3000:04}", 99.0, 10 + i / 1000 + k)
             for i in range(3000) for k in (1, 2, 3)]
    table = graph(rows)
    out = table.outgoing
    _, cptr, work = find_cycles(out.ptr, out.ids, table.dst, table.amount, table.time, 3, 10, 0.1,
                                30 * 86400, True, 500, 3)
    assert work[table.account_index["A"]] == 500  # the hub's search stopped at its budget
    assert work.max() <= 500 and len(cptr) - 1 <= 3 * table.n_accounts


def test_mule_chain_and_a_salary_spent() -> None:
    rows = [("A", "B", 10000.0, 1), ("B", "C", 9900.0, 5), ("C", "D", 9850.0, 30), ("D", "E", 9800.0, 40)]
    alerts = detect_mule_chain(graph(rows), MuleChainParams())
    assert len(alerts) == 1
    assert alerts[0].accounts == ("A", "B", "C", "D", "E") and alerts[0].evidence["hops"] == 4
    assert alerts[0].explanation.startswith("5 accounts passed 9,800–10,000 on, starting from A, over 4 hops")
    spent = [("EMPLOYER", "B", 3000.0, 1), ("B", "LANDLORD", 1200.0, 5), ("B", "SHOP", 80.0, 6),
             ("LANDLORD", "BANK", 1100.0, 30)]
    assert detect_mule_chain(graph(spent), MuleChainParams()) == []
    slow = [("A", "B", 10000.0, 1), ("B", "C", 9900.0, 24 * 10), ("C", "D", 9850.0, 24 * 20)]
    assert detect_mule_chain(graph(slow), MuleChainParams()) == []  # forwarded after 10 days each


def test_mule_chain_routine_payments_are_not_forwards() -> None:
    guarded = MuleChainParams(min_hops=2, max_routine_share=0.5)
    # T pays every payee the 1,200 it got (its rent, say): 3 of 3 payees, a routine, not a forward
    rent = [("X", "T", 1200.0, 1), ("T", "L1", 1200.0, 5), ("T", "L2", 1200.0, 30), ("T", "L3", 1200.0, 50)]
    assert len(detect_mule_chain(graph(rent), MuleChainParams(min_hops=2))) == 1
    assert detect_mule_chain(graph(rent), guarded) == []
    # EMP pays all its staff 2,000 (a salary); W1 sweeping it to savings is not layering
    salary = [("EMP", "W1", 2000.0, 1), ("EMP", "W2", 2000.0, 1), ("EMP", "W3", 2000.0, 1),
              ("W1", "SAV", 2000.0, 10)]
    assert len(detect_mule_chain(graph(salary), MuleChainParams(min_hops=2))) == 1
    assert detect_mule_chain(graph(salary), guarded) == []
    # B forwards the 500 to one of its 3 payees (1/3 <= 0.5); A has one payee, so no routine
    mule = [("A", "B", 500.0, 1), ("B", "C", 500.0, 5), ("B", "GROCER", 80.0, 6), ("B", "GYM", 45.0, 7)]
    alerts = detect_mule_chain(graph(mule), guarded)
    assert [a.accounts for a in alerts] == [("A", "B", "C")]


def test_routine_share_agrees_with_counting_by_hand() -> None:
    rng = np.random.default_rng(7)
    n = 3000
    src, dst = rng.integers(0, 40, n), rng.integers(0, 40, n)
    band = rng.integers(0, 6, n)
    one = np.ones(n, dtype=np.int64)
    h = Hops(src, dst, np.zeros(n, dtype=np.int64), band.astype(float), one, band.astype(float),
             band.astype(float), np.arange(n + 1), np.arange(n))
    share, paid = _routine_share(h, band)
    for x in rng.integers(0, n, 200).tolist():
        mine = src == src[x]
        payees = len(set(dst[mine].tolist()))
        by_hand = sum(len(set(dst[mine & (band == band[x] + k)].tolist())) for k in (-1, 0, 1))
        assert paid[x] == by_hand and share[x] == by_hand / payees


def test_structuring_splits_and_ordinary_payments() -> None:
    rows = [("A", "B", 2400.0, 1), ("A", "B", 2450.0, 2), ("A", "B", 2500.0, 3), ("A", "B", 2475.0, 4),
            ("A", "B", 80.0, 5)]  # a purchase the same day is not one of the pieces
    alerts = detect_structuring(graph(rows), StructuringParams())
    assert len(alerts) == 1 and alerts[0].transactions == ("t1", "t2", "t3", "t4")
    assert alerts[0].explanation == (
        "A paid B 9,825 in 4 pieces of 2,400–2,500 in 1 burst(s) of at most 24 hours.")
    ordinary = [("A", "B", 30.0, 1), ("A", "B", 900.0, 2), ("A", "C", 500.0, 1), ("A", "C", 500.0, 24 * 31)]
    assert detect_structuring(graph(ordinary), StructuringParams()) == []


def test_bipartite_block_and_shoppers() -> None:
    senders, receivers = ["S1", "S2", "S3"], ["R1", "R2", "R3"]
    rows = [(s, r, 5000.0 + 10 * i, i) for i, (s, r) in enumerate((s, r) for s in senders for r in receivers)]
    alerts = detect_bipartite(graph(rows), BipartiteParams())
    assert len(alerts) == 1 and set(alerts[0].accounts) == set(senders + receivers)
    assert alerts[0].evidence["density"] == 1.0 and len(alerts[0].transactions) == 9
    shoppers = [(s, r, float(a), i) for i, (s, r, a) in enumerate(
        [("S1", "R1", 20), ("S1", "R2", 350), ("S2", "R1", 75), ("S2", "R2", 1200), ("S3", "R1", 9)])]
    assert detect_bipartite(graph(shoppers), BipartiteParams()) == []


def test_bipartite_routine_payers_are_not_a_layer() -> None:
    guarded = BipartiteParams(routine_outside=2)
    # E1 pays its one salary 402.82 to R1, R2 and to 3 staff outside (3 outside > 2 inside), E2 its
    # 338.67 to R1, R2 and 2 others (2 outside, not more than the 2 inside): E1 is a routine payer,
    # so the block keeps one sender (< min_side 2) and is gone; unguarded it is a 2 x 2 block
    salaries = ([("E1", r, 402.82, i) for i, r in enumerate(["R1", "R2", "W1", "W2", "W3"])]
                + [("E2", r, 338.67, 10 + i) for i, r in enumerate(["R1", "R2", "V1", "V2"])])
    assert len(detect_bipartite(graph(salaries), BipartiteParams())) == 1
    assert detect_bipartite(graph(salaries), guarded) == []
    # E1 also pays W1..W3 other amounts (> 0.5 % off 402.82): no routine, the block stays
    varied = [(a, b, amount if b.startswith("R") else amount * 1.01, h) for a, b, amount, h in salaries]
    assert len(detect_bipartite(graph(varied), guarded)) == 1
    # a layer whose senders pay only the layer (3 x 3, all inside) is kept whole
    senders, receivers = ["S1", "S2", "S3"], ["R1", "R2", "R3"]
    layer = [(s, r, 5000.0, i) for i, (s, r) in enumerate((s, r) for s in senders for r in receivers)]
    alerts = detect_bipartite(graph(layer), guarded)
    assert len(alerts) == 1 and len(alerts[0].transactions) == 9


def test_the_two_routine_tests_differ_in_meaning() -> None:
    """Why bipartite and mule_chain each keep their own routine test: a layer sender pays its whole
    block one amount, which mule_chain's share of all payees calls routine; bipartite, counting
    only payees outside the block, keeps the layer."""
    layer = graph([(s, r, 5000.0, i) for i, (s, r) in
                   enumerate((s, r) for s in ("S1", "S2", "S3") for r in ("R1", "R2", "R3"))])
    p = MuleChainParams(max_routine_share=0.5)
    h = hops(layer, int(p.hop_hours * 3600))
    band = np.floor(np.log(h.total / h.count) / np.log1p(p.margin)).astype(np.int64)
    share, paid = _routine_share(h, band)
    assert ((share > p.max_routine_share) & (paid >= p.routine_min_payees)).all()
    assert len(detect_bipartite(layer, BipartiteParams(routine_outside=2))) == 1


def test_stack_of_two_layers() -> None:
    layer1 = [(s, r, 5000.0, 1) for s in ("S1", "S2") for r in ("M1", "M2")]
    layer2 = [(m, r, 4900.0, 20) for m in ("M1", "M2") for r in ("T1", "T2")]
    alerts = detect_stack(graph(layer1 + layer2), StackParams())
    assert len(alerts) == 1
    assert set(alerts[0].accounts) == {"S1", "S2", "M1", "M2", "T1", "T2"}
    assert len(alerts[0].transactions) == 8
    reversed_in_time = [(s, r, 5000.0, 40) for s in ("S1", "S2") for r in ("M1", "M2")] + layer2
    assert detect_stack(graph(reversed_in_time), StackParams()) == []


def test_registry_documents_every_detector() -> None:
    assert DETECTORS.names() == ["fan_out", "fan_in", "cycle", "scatter_gather", "gather_scatter", "stack",
                                 "bipartite", "mule_chain", "structuring"]
    docs = DETECTORS.explain("cycle").to_dict()
    assert {p["name"] for p in docs["parameters"]} >= {"max_hops", "margin", "time_respecting", "budget"}
    assert all(p["description"] for p in docs["parameters"])
    assert DETECTORS.explain("stack").parameters[0].default["min_side"] == 2
