"""The ranker's parts with hand-computed answers: the temporal split, the threshold, the figures,
the model file and its store."""

from __future__ import annotations

import json

import numpy as np
import pytest

from interdict.aml.ranker import store
from interdict.aml.ranker.evaluate import family_recall, scores
from interdict.aml.ranker.model import RankerModel, best_threshold
from interdict.aml.ranker.split import split_time, temporal_split
from interdict.core.errors import InputError, NotFoundError
from interdict.core.store import connect


def test_split_cuts_time_not_rows_and_keeps_attempts_whole() -> None:
    # span 0..100: cuts at 60 and 80, rows at a cut go to the later part
    time = np.array([0, 10, 55, 59, 60, 70, 79, 80, 85, 90, 100], dtype=np.int64)
    attempt = np.array([-1, -1, 7, -1, -1, 7, 8, 8, 9, -1, 9], dtype=np.int64)
    assert split_time(time) == (60, 80)
    s = temporal_split(time, attempt)
    # attempt 7 starts at 55 (train) and keeps its 70 there; attempt 8 starts at 79 (valid) and keeps 80
    assert s.train.tolist() == [True, True, True, True, False, True, False, False, False, False, False]
    assert s.valid.tolist() == [False, False, False, False, True, False, True, True, False, False, False]
    assert s.test.tolist() == [False] * 8 + [True, True, True]
    assert s.summary() == {"train": 5, "valid": 3, "test": 3}
    # without attempts, row 5 (time 70) goes by its own time
    assert temporal_split(time).valid[5]


def test_best_threshold_maximises_f1_and_never_splits_ties() -> None:
    s = np.array([0.9, 0.8, 0.8, 0.3, 0.2])
    y = np.array([1, 1, 0, 1, 0])
    # flag >= 0.9: F1 2/(1+3)=.5; >= 0.8: tp 2 of 3 flagged, F1 4/6=.67; >= 0.3: tp 3 of 4, F1 6/7=.857
    assert best_threshold(s, y) == 0.3
    assert best_threshold(s, np.zeros(5, dtype=np.int64)) == 1.0
    # a tie at the top: 0.8 flags both rows of the tie or neither
    assert best_threshold(np.array([0.8, 0.8, 0.1]), np.array([1, 0, 0])) == 0.8


def test_scores_and_family_recall_by_hand() -> None:
    flagged = np.array([True, True, False, True, False, False])
    label = np.array([1, 0, 1, 1, 1, 0])
    got = scores(flagged, label)
    # tp 2, fp 1, fn 2: precision 2/3, recall 1/2, F1 4/7
    assert (got.tp, got.fp, got.fn) == (2, 1, 2)
    assert got.precision == round(2 / 3, 4) and got.recall == 0.5 and got.f1 == round(4 / 7, 4)
    attempt = np.array([1, -1, 1, 2, 3, -1])
    family = np.array(["CYCLE", "", "CYCLE", "FAN-IN", "FAN-IN", ""])
    rows = {r.family: r for r in family_recall(flagged, attempt, family)}
    assert set(rows) == {"CYCLE", "FAN-IN"}
    assert (rows["CYCLE"].transfers, rows["CYCLE"].flagged, rows["CYCLE"].recall) == (2, 1, 0.5)
    assert (rows["FAN-IN"].attempts, rows["FAN-IN"].attempts_hit) == (2, 1)


def test_model_file_round_trip_and_bad_files() -> None:
    m = RankerModel("tree\n", ("amount", "hour"), 0.42, False, {"seed": 1}, {"test": {"f1": 0.5}})
    back = RankerModel.from_bytes(m.to_bytes(), "m.json")
    assert back == m
    with pytest.raises(InputError, match=r"m\.json"):
        RankerModel.from_bytes(b"not json", "m.json")
    with pytest.raises(InputError, match="format"):
        RankerModel.from_bytes(json.dumps({"format": "other"}).encode(), "m.json")


def test_store_versions_models_by_content() -> None:
    con = connect(":memory:")
    with pytest.raises(NotFoundError):
        store.load(con)
    first = store.save(con, b"model one", "/m/1.json", ["amount"], {"transfers": 10}, {"f1": 0.1})
    again = store.save(con, b"model one", "/elsewhere.json", ["amount"], {}, {})
    second = store.save(con, b"model two", "/m/2.json", ["amount", "hour"], {"transfers": 20}, {"f1": 0.2})
    assert (first.version, again.version, second.version) == (1, 1, 2)
    assert len(first.sha256) == 64 and first.path == "/m/1.json"
    latest, body = store.load(con)
    assert latest.version == 2 and body == b"model two" and latest.features == ["amount", "hour"]
    assert store.load(con, 1)[1] == b"model one"
    assert [v.training for v in store.versions(con)] == [{"transfers": 10}, {"transfers": 20}]


def test_flagged_transfers_become_one_alert_per_sender_and_detector_alerts_get_the_score() -> None:
    from interdict.aml.alert import TypologyAlert
    from interdict.aml.ranker.alerts import annotate, flagged_alerts
    from interdict.aml.table import table_from_columns

    t = table_from_columns("s", ["A", "A", "B", "C"], ["X", "Y", "X", "A"], [10.0, 20, 30, 40], [1, 2, 3, 4],
                           currency=["EUR"] * 4, tx=["t1", "t2", "t3", "t4"])
    scores = np.array([0.9, 0.95, 0.2, 0.7])
    alerts = flagged_alerts(t, scores, 0.7, "m@abc")
    # A's two transfers (0.9, 0.95) make one alert; C's 0.7 is at the threshold; B's 0.2 is below
    assert [(a.accounts[0], a.transactions, a.score) for a in alerts] == [
        ("A", ("t1", "t2"), 0.95), ("C", ("t4",), 0.7)]
    assert alerts[0].accounts == ("A", "X", "Y") and alerts[0].amount == 30 and alerts[0].currency == "EUR"
    fan = TypologyAlert("fan_in", ("X",), ("t1", "t3"), 1, 3, 40.0, "EUR", 0.5, "e", {"k": 1})
    (got,) = annotate([fan], t, scores)
    assert got.evidence == {"k": 1, "ranker_score": 0.9}
