"""Per-transfer features on small tables whose every number is worked out by hand in the comments."""

from __future__ import annotations

import numpy as np
import pytest

from interdict.aml.features import DAY, FEATURE_NAMES, Features, transfer_features
from interdict.aml.table import table_from_columns

H = 3600


@pytest.fixture(scope="module")
def five() -> Features:
    # 0: A->B 100 at 0; 1: A->C 9,500 at 1h; 2: B->C 50 EUR at 2h; 3: C->A 200 at 2d; 4: A->B 300 at 2d
    table = table_from_columns(
        "hand", ["A", "A", "B", "C", "A"], ["B", "C", "C", "A", "B"], [100.0, 9500, 50, 200, 300],
        [0, H, 2 * H, 2 * DAY, 2 * DAY], currency=["USD", "USD", "EUR", "USD", "USD"])
    return transfer_features(table)


def col(f: Features, name: str) -> list[float]:
    return [round(float(v), 4) for v in f.column(name)]


def test_names_are_unique_and_match_the_matrix(five: Features) -> None:
    assert len(set(FEATURE_NAMES)) == len(FEATURE_NAMES) == five.values.shape[1]
    assert five.values.shape[0] == 5 and five.values.dtype == np.float32


def test_transfer_own_features(five: Features) -> None:
    assert col(five, "is_round") == [1, 1, 0, 1, 1]  # 100, 9,500, 200, 300 are whole hundreds; 50 is not
    assert col(five, "is_near") == [0, 1, 0, 0, 0]  # only 9,500 is in [9,000, 10,000)
    assert col(five, "hour") == [0, 1, 2, 0, 0]
    assert col(five, "weekday") == [3, 3, 3, 5, 5]  # 1970-01-01 was a Thursday (Monday = 0)
    assert col(five, "pair_prior") == [0, 0, 0, 0, 1]  # A->B once before transfer 4
    assert col(five, "rev_prior") == [0, 0, 0, 1, 0]  # C->A follows A->C
    # the sender's latest receipt in 7 days: B got USD (0) before sending EUR; C got EUR (2) then sent USD;
    # A got USD (3, same second) before sending USD (4)
    assert col(five, "cur_change") == [-1, -1, 1, 1, 0]
    # transfer 1: A's mean sent over 7 days is (100 + 9,500) / 2 = 4,800; 9,500 / 4,800
    assert col(five, "amount_vs_mean")[1] == round(9500 / 4800, 4)


def test_sender_windows_include_same_second_and_drop_expired(five: Features) -> None:
    # transfer 4 (A at 2d): A's 1-day window of sent transfers holds only 4 (0 and 1 are > 1 day old),
    # its 7-day window holds 0, 1 and 4; it received 3 (C, 200) at the same second
    assert col(five, "s_out_n_1d")[4] == 1 and col(five, "s_out_n_7d")[4] == 3
    assert col(five, "s_out_sum_7d")[4] == 9900 and col(five, "s_out_cp_7d")[4] == 2
    assert col(five, "s_in_sum_1d")[4] == 200
    assert col(five, "s_pass_1d")[4] == 1.5  # sent 300 against 200 received in the day
    assert col(five, "s_pass_7d")[4] == 49.5  # 9,900 / 200
    assert col(five, "s_since_in")[4] == 0
    # population cv of (100, 9,500, 300): mean 3,300, sd sqrt((3,200^2 + 6,200^2 + 3,000^2) / 3)
    sd = np.sqrt((3200**2 + 6200**2 + 3000**2) / 3)
    assert col(five, "s_out_cv_7d")[4] == round(sd / 3300, 4)
    assert col(five, "s_out_near_7d")[4] == round(1 / 3, 4)


def test_mule_like_sender_features(five: Features) -> None:
    # transfer 3 (C at 2d): C received 9,500 (1h) and 50 (2h) from A and B, sent 200
    assert col(five, "s_in_n_7d")[3] == 2 and col(five, "s_in_cp_7d")[3] == 2
    assert col(five, "s_in_n_1d")[3] == 0  # both receipts are more than a day old
    assert col(five, "s_pass_7d")[3] == round(200 / 9550, 4)
    assert col(five, "s_pass_1d")[3] == -1  # nothing received in the last day
    assert col(five, "s_since_in")[3] == 2 * DAY - 2 * H
    assert col(five, "s_age")[3] == 2 * DAY - H  # C first appeared at 1h
    assert col(five, "s_in_cv_7d")[3] == round(4725 / 4775, 4)
    assert col(five, "s_compress")[3] == round(1 / 3, 4)  # 1 transfer in the day, 3 in the week


def test_receiver_features(five: Features) -> None:
    # transfer 4 (B receives 300 at 2d): B received 0 and 4 from A (one counterparty), sent 2 (50)
    assert col(five, "r_in_n_7d")[4] == 2 and col(five, "r_in_cp_7d")[4] == 1
    assert col(five, "r_in_cv_7d")[4] == 0.5  # (100, 300): mean 200, sd 100
    assert col(five, "r_out_sum_7d")[4] == 50
    assert col(five, "r_since_out")[4] == 2 * DAY - 2 * H
    assert col(five, "r_compress")[4] == round(1 / 3, 4)
    assert col(five, "r_age")[4] == 2 * DAY
    assert col(five, "r_since_out")[0] == -1  # B had sent nothing when it first received


def test_distinct_counterparties_count_repeats_once_and_expire() -> None:
    # F sends to X, X, Y, X at 0, 1h, 2h, 8d: at 2h two distinct receivers among three transfers;
    # at 8d the first three have left the 7-day window
    table = table_from_columns("fan", ["F"] * 4, ["X", "X", "Y", "X"], [10.0, 10, 10, 10],
                               [0, H, 2 * H, 8 * DAY])
    f = transfer_features(table)
    assert col(f, "s_out_cp_7d") == [1, 1, 2, 1]
    assert col(f, "s_out_n_7d") == [1, 2, 3, 1]
    assert col(f, "r_in_cp_1d") == [1, 1, 1, 1]
    assert col(f, "pair_prior") == [0, 1, 0, 2]
    assert col(f, "s_out_cv_7d") == [0, 0, 0, 0]  # equal amounts


def test_same_second_transfers_count_each_other_but_not_as_prior() -> None:
    # two A->B transfers at the same second: each sees both in its window, neither is "earlier"
    table = table_from_columns("tie", ["A", "A"], ["B", "B"], [5.0, 7.0], [100, 100])
    f = transfer_features(table)
    assert col(f, "s_out_n_1d") == [2, 2] and col(f, "s_out_sum_1d") == [12, 12]
    assert col(f, "pair_prior") == [0, 0]


def test_self_transfer_and_empty_table() -> None:
    f = transfer_features(table_from_columns("self", ["A"], ["A"], [1.0], [0]))
    assert col(f, "self_transfer") == [1]
    assert col(f, "s_pass_1d") == [1]  # it sent and received the same 1
    empty = transfer_features(table_from_columns("none", [], [], [], []))
    assert empty.values.shape == (0, len(FEATURE_NAMES))
