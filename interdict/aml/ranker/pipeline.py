"""Train and evaluate the ranker on one table: features, the temporal split, the trees, the figures.

A table's attempts (which laundering transfers form one attempt, of which family) come from the
caller: the synthetic benchmark knows them, and for AMLworld files `attempts_from_patterns` finds
them by matching the patterns CSV's rows to the table's transfers.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import numpy.typing as npt

from interdict.aml.features import transfer_features
from interdict.aml.ranker import evaluate, model
from interdict.aml.ranker.detector_features import detector_columns, detector_names
from interdict.aml.ranker.split import Split, temporal_split
from interdict.aml.sources.amlworld import Attempts
from interdict.aml.table import IntArray, TransferTable
from interdict.core.errors import InputError

StrArray = npt.NDArray[np.str_]


@dataclass(frozen=True)
class Labelled:
    """A table with its labels and, per transfer, the attempt id (-1: none) and family ("": none)."""

    table: TransferTable
    attempt: IntArray
    family: StrArray

    @property
    def label(self) -> IntArray:
        """Per-transfer label (1 = laundering)."""
        if self.table.label is None:
            raise InputError("data", None, "the transfers carry no laundering label (Is Laundering)")
        return self.table.label


@dataclass(frozen=True)
class Evaluation:
    """Figures on the reported (test) part, at the model's threshold, and what it took."""

    scores: evaluate.Scores
    families: list[evaluate.FamilyRecall]
    threshold: float
    split: dict[str, int]
    seconds: dict[str, float] = field(default_factory=dict)


def unlabelled_attempts(table: TransferTable) -> Labelled:
    """No attempt ids known: every transfer is its own (-1)."""
    n = table.n_transfers
    return Labelled(table, np.full(n, -1, dtype=np.int64), np.full(n, "", dtype="<U16"))


def attempts_from_patterns(table: TransferTable, patterns: Attempts) -> Labelled:
    """Attempt ids and families of `table`'s transfers that match a patterns row (same sender,
    receiver, time and amount to the cent)."""
    p = patterns.table
    key_of = {(p.accounts[int(p.src[i])], p.accounts[int(p.dst[i])], int(p.time[i]),
               round(float(p.amount[i]), 2)): i for i in range(p.n_transfers)}
    out = unlabelled_attempts(table)
    attempt, family = out.attempt, out.family.astype(patterns.family.dtype)
    rows = np.flatnonzero(table.label == 1) if table.label is not None else np.arange(table.n_transfers)
    for r in rows.tolist():
        key = (table.accounts[int(table.src[r])], table.accounts[int(table.dst[r])], int(table.time[r]),
               round(float(table.amount[r]), 2))
        i = key_of.get(key)
        if i is not None:
            attempt[r], family[r] = patterns.attempt[i], patterns.family[i]
    return Labelled(table, attempt, family)


def feature_matrix(table: TransferTable, detectors: bool,
                   seconds: dict[str, float]) -> tuple[tuple[str, ...], npt.NDArray[np.float32]]:
    """The transfer features, plus the detectors' columns when asked; times go into `seconds`."""
    start = time.perf_counter()
    feats = transfer_features(table)
    seconds["features"] = round(time.perf_counter() - start, 2)
    if not detectors:
        return feats.names, feats.values
    start = time.perf_counter()
    det = detector_columns(table)
    seconds["detectors"] = round(time.perf_counter() - start, 2)
    return (*feats.names, *detector_names()), np.asfortranarray(np.hstack([feats.values, det]))


def _evaluation(data: Labelled, split: Split, scores_: npt.NDArray[np.float64], threshold: float,
                seconds: dict[str, float]) -> Evaluation:
    test = split.test
    flagged = scores_[test] >= threshold
    return Evaluation(evaluate.scores(flagged, data.label[test]),
                      evaluate.family_recall(flagged, data.attempt[test], data.family[test]),
                      threshold, split.summary(), seconds)


def train(data: Labelled, *, detectors: bool = True, seed: int = 0,
          negatives: float = 0.1) -> tuple[model.RankerModel, Evaluation]:
    """Train on the first 60 % of time, pick the threshold on the next 20 %, report the last 20 %."""
    seconds: dict[str, float] = {}
    names, values = feature_matrix(data.table, detectors, seconds)
    split = temporal_split(data.table.time, data.attempt)
    label = data.label
    start = time.perf_counter()
    booster = model.fit(values, names, label, split.train, split.valid, seed=seed, negatives=negatives)
    seconds["training"] = round(time.perf_counter() - start, 2)
    scored = model.predict(booster, values)
    threshold = model.best_threshold(scored[split.valid], label[split.valid])
    ev = _evaluation(data, split, scored, threshold, seconds)
    training: dict[str, Any] = {
        "transfers": data.table.n_transfers, "laundering": int(label.sum()), "split": split.summary(),
        "cuts": list(split.cuts), "negatives_kept": negatives, "seed": seed, "trees": booster.num_trees(),
    }
    ranker = model.RankerModel(booster.model_to_string(), names, threshold, detectors, training,
                               {"test": evaluate.asdict(ev.scores)})
    return ranker, ev


def evaluate_model(ranker: model.RankerModel, data: Labelled) -> Evaluation:
    """A stored model's figures on the last 20 % of `data`'s time, at its own threshold."""
    seconds: dict[str, float] = {}
    names, values = feature_matrix(data.table, ranker.detectors, seconds)
    _same_features(names, ranker)
    split = temporal_split(data.table.time, data.attempt)
    return _evaluation(data, split, model.predict(ranker.booster, values), ranker.threshold, seconds)


def _same_features(names: tuple[str, ...], ranker: model.RankerModel) -> None:
    if names != ranker.features:
        raise InputError("model", "features",
                         "the model was trained on other features than this version computes")


def score_table(ranker: model.RankerModel, table: TransferTable) -> npt.NDArray[np.float64]:
    """The model's score for every transfer of `table` (for scanning)."""
    names, values = feature_matrix(table, ranker.detectors, {})
    _same_features(names, ranker)
    return model.predict(ranker.booster, values)
