"""Gradient-boosted trees (LightGBM) over the transfer features, and the model file.

Training keeps every laundering transfer of the training part and a seeded share of its benign ones
(`negatives`, default 10 %: at ~1 in 1,000 the trees learn the same splits from far fewer rows);
the boosting stops when average precision on the validation part stops improving, and the
threshold is the score that maximises F1 on the validation part. The trees are kept small (31
leaves of at least 100 rows, L2 1.0): with a few thousand laundering transfers, bigger trees
memorised attempts (on the scale-0.3 benchmark, 63 leaves of 20 rows gave test F1 0.24, these
0.30). The model file is JSON: the LightGBM model text, the feature names in order, the threshold
and what it was trained on.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import lightgbm as lgb
import numpy as np
import numpy.typing as npt

from interdict.aml.ranker.split import BoolArray
from interdict.aml.table import IntArray
from interdict.core.errors import InputError

FORMAT = "interdict-aml-ranker/1"
F32 = npt.NDArray[np.float32]
F64 = npt.NDArray[np.float64]
PARAMS: dict[str, Any] = {
    "objective": "binary", "learning_rate": 0.05, "num_leaves": 31, "min_data_in_leaf": 100,
    "lambda_l2": 1.0, "feature_fraction": 0.7, "bagging_fraction": 0.8, "bagging_freq": 1,
    "metric": "average_precision", "num_threads": 2, "verbose": -1, "deterministic": True,
    "force_row_wise": True,
}


@dataclass(frozen=True)
class RankerModel:
    """A trained ranker: LightGBM's model text, its features (in column order) and threshold."""

    booster: str
    features: tuple[str, ...]
    threshold: float
    detectors: bool
    training: dict[str, Any] = field(default_factory=dict)
    metrics: dict[str, Any] = field(default_factory=dict)

    def to_bytes(self) -> bytes:
        """The model file's bytes (JSON)."""
        doc = {"format": FORMAT, "features": list(self.features), "threshold": self.threshold,
               "detectors": self.detectors, "training": self.training, "metrics": self.metrics,
               "booster": self.booster}
        return json.dumps(doc, indent=1).encode()

    @classmethod
    def from_bytes(cls, data: bytes, source: str) -> RankerModel:
        """Read a model file; `source` names it in errors."""
        try:
            doc = json.loads(data)
        except ValueError as exc:
            raise InputError(source, None, f"not a ranker model file (JSON expected): {exc}") from None
        if not isinstance(doc, dict) or doc.get("format") != FORMAT:
            raise InputError(source, "format", f"expected a model file of format {FORMAT!r}")
        return cls(str(doc["booster"]), tuple(doc["features"]), float(doc["threshold"]),
                   bool(doc["detectors"]), dict(doc.get("training", {})), dict(doc.get("metrics", {})))


def _rows(train: BoolArray, label: IntArray, negatives: float, seed: int) -> IntArray:
    rng = np.random.default_rng(seed)
    keep = train & ((label == 1) | (rng.random(label.shape[0]) < negatives))
    return np.flatnonzero(keep)


def fit(values: F32, names: tuple[str, ...], label: IntArray, train: BoolArray, valid: BoolArray, *,
        seed: int = 0, negatives: float = 0.1, rounds: int = 400) -> lgb.Booster:
    """Train on the `train` rows (all positives, a share of negatives), stop early on `valid`."""
    tr, va = _rows(train, label, negatives, seed), _rows(valid, label, 1.0, seed)
    if label[tr].sum() == 0:
        raise InputError("training data", None, "no laundering transfer in the training part")
    dtrain = lgb.Dataset(np.ascontiguousarray(values[tr]), label[tr], feature_name=list(names))
    dvalid = lgb.Dataset(np.ascontiguousarray(values[va]), label[va], reference=dtrain)
    callbacks: list[Callable[..., Any]] = [lgb.early_stopping(40, verbose=False)] if label[va].sum() else []
    return lgb.train({**PARAMS, "seed": seed}, dtrain, rounds, valid_sets=[dvalid], callbacks=callbacks)


def predict(booster: lgb.Booster | str, values: F32, chunk: int = 500_000) -> F64:
    """Scores in [0, 1] for every row, a chunk at a time (the matrix is column-major)."""
    model = lgb.Booster(model_str=booster) if isinstance(booster, str) else booster
    out = np.empty(values.shape[0], dtype=np.float64)
    for i in range(0, values.shape[0], chunk):
        out[i : i + chunk] = model.predict(np.ascontiguousarray(values[i : i + chunk]), num_threads=2)
    return out


def best_threshold(scores: F64, label: IntArray) -> float:
    """The score that maximises F1 when rows scoring at or above it are flagged (1.0 with no positives)."""
    positives = int(label.sum())
    if positives == 0:
        return 1.0
    order = np.argsort(-scores, kind="stable")
    s, tp = scores[order], np.cumsum(label[order])
    last_of_tie = np.append(s[1:] != s[:-1], True)  # a cut can only fall between different scores
    k = np.arange(1, s.shape[0] + 1)
    f1 = np.where(last_of_tie, 2 * tp / (k + positives), -1.0)
    return float(s[int(np.argmax(f1))])
