"""Forward taint in the account model on tests/data/tracing/hand_transfers.csv (bank transfers, cents).

    a1 T -> M 100      a2 C -> M 100      a3 M -> N 48 (+ fee 2)
    a4 M -> X 120 (X is an exchange: an exit)            a5 N -> P 48
Source: account T. Each policy's result below is computed by hand.
"""

from __future__ import annotations

import pytest

from interdict.core.transfer import Transfer
from interdict.tracing.back import trace_back_account
from interdict.tracing.policies.policy import Cutoffs, TaintPolicy
from interdict.tracing.policies.taint_account import taint_account

EXPECTED = {
    # haircut: a3 takes 50 of M's 200 (100 tainted): 25 -> [48, fee 2] = N 24, fee 1; M keeps 75 of 150.
    # a4: 120 * 75 / 150 = 60 to X; M keeps 15 of 30.  a5: N sends all 48 (24 tainted) -> P 24.
    TaintPolicy.HAIRCUT: ({"M": 15, "X": 60, "P": 24}, 1, 0),
    # FIFO: M's lots [100 T][100 C]. a3 48 + fee 2 from the tainted lot -> N 48, fee 2.
    # a4 120 = 50 T + 70 C -> X 50.  a5 -> P 48.
    TaintPolicy.FIFO: ({"X": 50, "P": 48}, 2, 0),
    # LIFO: newest first. a3 takes 50 from the clean lot -> N clean.
    # a4 120 = 50 C + 70 T -> X 70. M keeps 30 T.
    TaintPolicy.LIFO: ({"M": 30, "X": 70}, 0, 0),
    # poison: everything M sends after a1 is tainted. a3: 48 + fee 2 (from taint, M keeps 50).
    # a4: 120 tainted, 50 from taint and 70 mixed in. a5: P 48.  100 + 70 = 120 + 48 + 2
    TaintPolicy.POISON: ({"X": 120, "P": 48}, 2, 70),
    # TIHO (tainted funds leave first): a3 48 + fee 2 tainted; a4 takes the other 50; a5 P 48.
    TaintPolicy.TIHO: ({"X": 50, "P": 48}, 2, 0),
}


@pytest.mark.parametrize("policy", list(TaintPolicy))
def test_hand_results(hand_transfers: list[Transfer], policy: TaintPolicy) -> None:
    res = taint_account(hand_transfers, ["T"], policy, exits={"X"})
    holdings, fees, mixed = EXPECTED[policy]
    assert res.source_value == 100
    assert res.holdings == holdings
    assert res.fees == fees
    assert res.mixed_in == mixed
    assert res.exits == {"X": holdings["X"]} if "X" in holdings else res.exits == {}
    assert res.balanced


def test_hop_limit_by_hand(hand_transfers: list[Transfer]) -> None:
    # T -> M is hop 1; a3 and a4 leave M at hop 2: their taint (24 + 60) is unexplored, fee 1 still paid
    res = taint_account(hand_transfers, ["T"], TaintPolicy.HAIRCUT, Cutoffs(max_hops=1), exits={"X"})
    assert res.holdings == {"M": 15}
    assert res.unexplored == {"max hops": 84}
    assert res.fees == 1
    assert res.balanced


def test_transfer_as_source_and_paths(hand_transfers: list[Transfer]) -> None:
    res = taint_account(hand_transfers, ["a3"], TaintPolicy.FIFO)
    assert res.source_value == 48  # the transfer's amount; its fee is the sender's business
    assert res.holdings == {"P": 48}
    assert res.paths["P"] == ["a3", "a5"]


def test_trace_back_by_hand(hand_transfers: list[Transfer]) -> None:
    # X received 120 from M, who had received a1 (T, 100) and a2 (C, 100): 60 each
    res = trace_back_account(hand_transfers, "X", stop_at={"T"})
    assert res.deposit_value == 120
    assert res.origins == {"T": 60, "C": 60}
    assert res.tagged == {"T": 60}
    assert res.balanced


def test_time_window_by_hand(hand_transfers: list[Transfer]) -> None:
    from interdict.tracing.sources.transfers import parse_time

    # window ends 2024-01-03 12:00: a3 (Jan 3, 09:00) is followed -> N 24, fee 1 (as in haircut above);
    # a4 (Jan 4) would carry 60 and a5 (Jan 5) N's 24: both stop as "time window"; M keeps 15
    cut = Cutoffs(end_time=parse_time("2024-01-03T12:00:00Z"))
    res = taint_account(hand_transfers, ["T"], TaintPolicy.HAIRCUT, cut, exits={"X"})
    assert res.holdings == {"M": 15}
    assert res.unexplored == {"time window": 84}
    assert res.fees == 1 and res.balanced
