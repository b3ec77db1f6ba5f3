"""The synthetic benchmark: seeded background traffic with HI-Small's real attempts injected whole."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import numpy as np
import pytest

from interdict.aml.sources.amlworld import Attempts, read_patterns, read_trans
from synthetic.aml_background import DAY, Benchmark, generate, write


@pytest.fixture(scope="module")
def patterns(shared_data: Path) -> Path:
    return shared_data / "aml" / "ibm_amlworld" / "HI-Small_patterns.csv"


@pytest.fixture(scope="module")
def real(patterns: Path) -> Attempts:
    return read_patterns(patterns)


@pytest.fixture(scope="module")
def small(patterns: Path) -> Benchmark:
    return generate(0.03, seed=7, patterns=patterns)


def _by_attempt(attempt: np.ndarray, values: np.ndarray) -> dict[int, list[float]]:
    out: dict[int, list[float]] = {}
    for a, v in zip(attempt.tolist(), values.tolist(), strict=True):
        out.setdefault(a, []).append(v)
    return {a: sorted(v) for a, v in out.items()}


def test_same_seed_same_data_and_labels_follow_attempts(small: Benchmark, patterns: Path) -> None:
    again = generate(0.03, seed=7, patterns=patterns)
    assert np.array_equal(again.table.src, small.table.src)
    assert np.array_equal(again.table.amount, small.table.amount)
    assert small.table.label is not None
    assert np.array_equal(small.table.label, (small.attempt >= 0).astype(np.int64))
    assert np.all(np.diff(small.table.time) >= 0) and np.all(small.table.time % 60 == 0)


def test_attempts_keep_amounts_shape_and_time_of_day(small: Benchmark, real: Attempts) -> None:
    lab = small.attempt >= 0
    assert set(small.family[lab].tolist()) == set(real.family.tolist())  # every family is there
    end = int(small.table.time.min()) // DAY * DAY + 18 * DAY
    cut = 0
    for a in set(small.attempt[lab].tolist()):
        got, want = small.attempt == a, real.attempt == a
        mine, theirs = small.table.time[got], real.table.time[want]
        shift = int(mine.min() - theirs.min())
        assert shift % DAY == 0  # moved by whole days: times of day and gaps kept
        moved = np.sort(theirs + shift)
        # the whole attempt, but for transfers that fall after the 18-day window
        assert list(np.sort(mine)) == list(moved[moved < end])
        cut += int((moved >= end).sum())
        pairs = Counter(zip(real.table.time[want] + shift, real.table.amount[want], strict=True))
        assert Counter(zip(mine, small.table.amount[got], strict=True)) <= pairs
        n_mine = len(set(small.table.src[got].tolist()) | set(small.table.dst[got].tolist()))
        n_real = len(set(real.table.src[want].tolist()) | set(real.table.dst[want].tolist()))
        assert n_mine <= n_real
    assert cut < lab.sum()


def test_ratio_and_benign_look_alikes(small: Benchmark) -> None:
    t = small.table
    n_lab = int((small.attempt >= 0).sum())
    assert 0.5e-3 < n_lab / t.n_transfers < 2e-3  # HI-Small's ~1 in 1,000
    # payroll: some employer pays 20+ distinct people within the same minute (a benign fan-out)
    key = t.src * 10**11 + t.time
    _, counts = np.unique(key[small.attempt < 0], return_counts=True)
    assert counts.max() >= 20
    # launderers also carry ordinary traffic
    bad = set(t.src[small.attempt >= 0].tolist())
    assert np.isin(t.src[small.attempt < 0], list(bad)).sum() > len(bad)


def test_keep_times_keeps_the_real_timestamps(patterns: Path, real: Attempts) -> None:
    b = generate(0.01, seed=1, patterns=patterns, keep_times=True)
    lab = b.attempt >= 0
    a = int(b.attempt[lab][0])
    assert sorted(b.table.time[b.attempt == a]) == sorted(real.table.time[real.attempt == a])


def test_written_files_read_back_with_the_amlworld_readers(tmp_path: Path, patterns: Path) -> None:
    b = generate(0.005, seed=3, patterns=patterns)
    trans, pats = write(b, tmp_path)
    table = read_trans(trans)
    assert table.n_transfers == b.table.n_transfers and table.label is not None
    assert int(table.label.sum()) == int((b.attempt >= 0).sum())
    back = read_patterns(pats)
    assert back.table.n_transfers == int((b.attempt >= 0).sum())
    assert sorted(set(back.attempt.tolist())) == sorted(set(b.attempt[b.attempt >= 0].tolist()))
