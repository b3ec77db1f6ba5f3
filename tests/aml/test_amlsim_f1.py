"""The done-when figure of issue 15: account-level F1 of the scan on AMLSim `20K_fanin200cycle200`,
with the `amlsim` profile chosen on the two other runs and on further AMLSim runs generated for
tuning, never on this one (see docs/benchmarks.md)."""

from __future__ import annotations

from pathlib import Path

import pytest

from interdict.aml.account_metrics import Scores, account_scores
from interdict.aml.profiles import profile
from interdict.aml.scan import scan
from interdict.aml.sources.recognise import read_path

pytestmark = pytest.mark.shared


def _scores(shared_data: Path, run: str) -> dict[str, Scores]:
    table = read_path(shared_data / "aml" / "amlsim" / run)
    return account_scores(table, scan(table, params=profile("amlsim")).alerts)


@pytest.fixture(scope="session")
def evaluation_scores(shared_data: Path) -> dict[str, Scores]:
    return _scores(shared_data, "20K_fanin200cycle200")


def test_scan_finds_two_thirds_of_the_laundering_accounts_almost_without_false_ones(
    evaluation_scores: dict[str, Scores],
) -> None:
    overall = evaluation_scores["all"]
    # measured: P 0.9975, R 0.668, F1 0.8001 (1,205 of 1,804, 3 false); the recall ceiling is 0.681
    # (576 of the 1,804 labelled accounts never make a pattern transfer), and the 23 reachable ones
    # missed each make exactly one, so without false accounts F1 could reach 0.8009 at most
    assert overall.positives == 1804
    assert overall.precision >= 0.99 and overall.recall >= 0.665
    assert overall.f1 >= 0.799
    assert evaluation_scores["cycle"].precision == 1.0 and evaluation_scores["fan_in"].precision == 1.0


@pytest.mark.parametrize(("run", "f1"), [("20K_cycle200", 0.7838), ("20K_fanin200", 0.8045)])
def test_the_tuning_runs_are_scanned_without_a_false_account(shared_data: Path, run: str, f1: float) -> None:
    overall = _scores(shared_data, run)["all"]
    assert overall.precision == 1.0 and overall.f1 >= f1


def test_done_when_target_f1_080(evaluation_scores: dict[str, Scores]) -> None:
    # issue 15's target; measured 2,410 / 3,012 = 0.80013 with the parameters of 2026-12-07, scanned
    # once after they were fixed (the scan before the bipartite routine guard gave 0.7993)
    assert evaluation_scores["all"].f1 >= 0.80
