"""The temporal split: train on the earliest 60 % of the time span, choose the threshold on the next
20 %, report on the last 20 %; never a random split of transfers.

Laundering attempts stay whole: an attempt belongs to the split of its first transfer, with all its
transfers, even those that happen after the cut (they are then trained on, or used for the
threshold, and not reported in the later split). Transfers outside any attempt, benign or
laundering, go by their own time. So a reported attempt was never seen, in part, in training.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from interdict.aml.table import IntArray

BoolArray = npt.NDArray[np.bool_]
FRACTIONS = (0.6, 0.2, 0.2)


@dataclass(frozen=True)
class Split:
    """Row masks of the three parts and the two cut times (Unix seconds)."""

    train: BoolArray
    valid: BoolArray
    test: BoolArray
    cuts: tuple[int, int]

    def summary(self) -> dict[str, int]:
        """Rows per part."""
        return {"train": int(self.train.sum()), "valid": int(self.valid.sum()), "test": int(self.test.sum())}


def split_time(time: IntArray, fractions: tuple[float, float, float] = FRACTIONS) -> tuple[int, int]:
    """The two cut times: `fractions[0]` and `fractions[0] + fractions[1]` of the way through the span."""
    if time.shape[0] == 0:
        return 0, 0
    lo, hi = int(time.min()), int(time.max())
    return lo + int((hi - lo) * fractions[0]), lo + int((hi - lo) * (fractions[0] + fractions[1]))


def temporal_split(time: IntArray, attempt: IntArray | None = None,
                   fractions: tuple[float, float, float] = FRACTIONS) -> Split:
    """Split rows by time (rows at or after a cut go to the later part); attempts by their first transfer."""
    cut1, cut2 = split_time(time, fractions)
    when = time.copy()
    if attempt is not None and attempt.shape[0] and attempt.max() >= 0:
        inside = attempt >= 0
        ids, inverse = np.unique(attempt[inside], return_inverse=True)
        first = np.full(ids.shape[0], np.iinfo(np.int64).max, dtype=np.int64)
        np.minimum.at(first, inverse, time[inside])
        when[inside] = first[inverse]
    part = (when >= cut1).astype(np.int64) + (when >= cut2)
    return Split(part == 0, part == 1, part == 2, (cut1, cut2))
