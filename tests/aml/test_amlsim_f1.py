"""The done-when figure of issue 15: account-level F1 of the scan on AMLSim `20K_fanin200cycle200`,
with the `amlsim` profile chosen on the two other runs only (see docs/benchmarks.md)."""

from __future__ import annotations

from pathlib import Path

import pytest

from interdict.aml.account_metrics import Scores, account_scores
from interdict.aml.profiles import profile
from interdict.aml.scan import scan
from interdict.aml.sources.recognise import read_path

pytestmark = pytest.mark.shared


@pytest.fixture(scope="session")
def evaluation_scores(shared_data: Path) -> dict[str, Scores]:
    table = read_path(shared_data / "aml" / "amlsim" / "20K_fanin200cycle200")
    return account_scores(table, scan(table, params=profile("amlsim")).alerts)


def test_scan_finds_two_thirds_of_the_laundering_accounts_almost_without_false_ones(
    evaluation_scores: dict[str, Scores],
) -> None:
    overall = evaluation_scores["all"]
    # measured: P 0.998, R 0.662, F1 0.796; the recall ceiling is 0.681 (576 of the 1,804 labelled
    # accounts never make a pattern transfer), so F1 cannot exceed ~0.81 on this run
    assert overall.positives == 1804
    assert overall.precision >= 0.99 and overall.recall >= 0.65
    assert overall.f1 >= 0.79
    assert evaluation_scores["cycle"].precision == 1.0 and evaluation_scores["fan_in"].precision == 1.0


@pytest.mark.xfail(strict=True, reason="issue 15's target; 0.796 measured (see docs/benchmarks.md)")
def test_done_when_target_f1_080(evaluation_scores: dict[str, Scores]) -> None:
    assert evaluation_scores["all"].f1 >= 0.80
