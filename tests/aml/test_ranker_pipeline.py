"""The ranker end to end on the generated benchmark: training learns something, the files written in
AMLworld's format go through `aml train`, `aml evaluate` and `aml scan --model`."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest
from typer.testing import CliRunner

from interdict.aml.ranker.detector_features import alert_columns, detector_names
from interdict.aml.ranker.model import RankerModel
from interdict.aml.ranker.pipeline import Labelled, attempts_from_patterns, score_table, train
from interdict.aml.sources.amlworld import read_patterns, read_trans
from interdict.cli import app
from synthetic.aml_background import Benchmark, generate, write

runner = CliRunner()


@pytest.fixture(scope="module")
def bench(shared_data: Path) -> Benchmark:
    return generate(0.06, seed=5, patterns=shared_data / "aml" / "ibm_amlworld" / "HI-Small_patterns.csv")


@pytest.fixture(scope="module")
def files(bench: Benchmark, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    small = generate(0.01, seed=2)
    return write(small, tmp_path_factory.mktemp("synthetic"))


def _auc(scores: np.ndarray, label: np.ndarray) -> float:
    order = np.argsort(scores)
    ranks = np.empty(len(scores))
    ranks[order] = np.arange(1, len(scores) + 1)
    pos = label == 1
    n_pos, n_neg = pos.sum(), (~pos).sum()
    return float((ranks[pos].sum() - n_pos * (n_pos + 1) / 2) / (n_pos * n_neg))


def test_trained_ranker_ranks_laundering_above_benign_on_the_test_part(bench: Benchmark) -> None:
    data = Labelled(bench.table, bench.attempt, bench.family)
    model, ev = train(data, detectors=False, seed=1)
    assert ev.split["test"] > 0 and ev.scores.tp + ev.scores.fn > 0  # laundering is reported on
    scores = score_table(model, bench.table)
    test = bench.table.time >= model.training["cuts"][1]
    test &= bench.attempt < 0  # benign rows of the test period, and the attempts starting in it:
    starts = {a: bench.table.time[bench.attempt == a].min() for a in set(bench.attempt[bench.attempt >= 0])}
    late = np.array([a >= 0 and starts[a] >= model.training["cuts"][1] for a in bench.attempt])
    rows = test | late
    # a random ranker gives 0.5 +- ~0.04 on these ~50 test laundering rows; trained on ~20 attempts
    # (scale 0.06) this one measured 0.74
    assert _auc(scores[rows], bench.table.label[rows]) > 0.65
    assert 0 < model.threshold < 1 and model.features[0] == "amount"
    assert model.training["split"] == ev.split and sum(ev.split.values()) == bench.table.n_transfers
    back = RankerModel.from_bytes(model.to_bytes(), "m")
    assert np.allclose(score_table(back, bench.table)[:500], scores[:500])


def test_detector_columns_take_the_best_score_per_typology(bench: Benchmark) -> None:
    from interdict.aml.alert import TypologyAlert

    t = bench.table
    a1 = TypologyAlert("fan_in", ("x",), (t.tx[0], t.tx[1]), 0, 1, 1.0, "USD", 0.4, "e")
    a2 = TypologyAlert("fan_in", ("x",), (t.tx[1],), 0, 1, 1.0, "USD", 0.7, "e")
    a3 = TypologyAlert("cycle", ("x",), (t.tx[1],), 0, 1, 1.0, "USD", 0.2, "e")
    cols = alert_columns(t, [a1, a2, a3])
    names = detector_names()
    fan, cyc, count = names.index("det_fan_in"), names.index("det_cycle"), names.index("det_count")
    assert cols[0, fan] == pytest.approx(0.4) and cols[1, fan] == pytest.approx(0.7)
    assert cols[0, cyc] == -1 and cols[1, cyc] == pytest.approx(0.2)
    assert cols[:3, count].tolist() == [1, 3, 0]


def test_patterns_csv_names_the_attempts_of_a_trans_file(files: tuple[Path, Path]) -> None:
    trans, patterns = files
    table = read_trans(trans)
    data = attempts_from_patterns(table, read_patterns(patterns))
    assert table.label is not None
    assert np.array_equal(data.attempt >= 0, table.label == 1)  # every laundering row found, no other
    assert set(data.family[data.attempt >= 0].tolist()) <= {
        "FAN-OUT", "FAN-IN", "CYCLE", "GATHER-SCATTER", "SCATTER-GATHER", "STACK", "RANDOM", "BIPARTITE"}


def test_cli_train_evaluate_and_scan_with_the_model(files: tuple[Path, Path], tmp_path: Path,
                                                    interdict_home: Path) -> None:
    trans, patterns = files
    model = tmp_path / "ranker.json"
    done = runner.invoke(app, ["aml", "train", str(trans), "--patterns", str(patterns), "--out", str(model),
                               "--no-detectors", "--json"])
    assert done.exit_code == 0, done.output
    trained = json.loads(done.stdout)
    assert trained["version"] == 1 and model.is_file() and "NOT the paper's" in trained["disclaimer"]
    assert trained["split"]["train"] > trained["split"]["test"] > 0
    again = runner.invoke(app, ["aml", "evaluate", str(trans), "--patterns", str(patterns),
                                "--model", str(model), "--no-detectors", "--json"])
    assert again.exit_code == 0, again.output
    evaluated = json.loads(again.stdout)
    # the same model on the same data and split: the same figures
    assert evaluated["scores"] == trained["scores"] and evaluated["threshold"] == trained["threshold"]
    assert evaluated["sha256"] == trained["sha256"]
    text = runner.invoke(app, ["aml", "evaluate", str(trans), "--model", str(model), "--no-detectors"])
    assert text.exit_code == 0 and "NOT the paper's" in " ".join(text.stdout.split())
    out = tmp_path / "alerts.jsonl"
    scanned = runner.invoke(app, ["aml", "scan", str(trans), "--out", str(out), "--model", str(model),
                                  "--no-cases", "--typology", "fan_in", "--json"])
    assert scanned.exit_code == 0, scanned.output
    result = json.loads(scanned.stdout)
    assert "ranker" in result["counts"]
    assert all("ranker_score" in a["evidence"] for a in result["alerts"] if a["typology"] == "fan_in")
    ranked = [a for a in result["alerts"] if a["typology"] == "ranker"]
    assert len(ranked) == result["counts"]["ranker"]
    assert all(a["score"] >= trained["threshold"] for a in ranked)
    kept = runner.invoke(app, ["aml", "models", "--json"])
    assert kept.exit_code == 0, kept.output
    (stored,) = json.loads(kept.stdout)["models"]
    assert (stored["version"], stored["sha256"]) == (1, trained["sha256"])
    assert stored["metrics"]["test"] == trained["scores"] and stored["path"] == str(model.resolve())
    listed = runner.invoke(app, ["aml", "models"])
    assert listed.exit_code == 0 and trained["sha256"][:12] in listed.stdout
    # the ranker's alerts go to the case store like the detectors' (re-running adds none)
    scan = ["aml", "scan", str(trans), "--out", str(out), "--model", str(model), "--typology", "fan_in",
            "--json"]
    cased = [json.loads(runner.invoke(app, scan).stdout) for _ in range(2)]
    assert cased[0]["new_alerts"] >= cased[0]["counts"]["ranker"] > 0 and cased[1]["new_alerts"] == 0
    bad = runner.invoke(app, ["aml", "evaluate", str(trans), "--model", str(trans)])
    assert bad.exit_code == 2 and "not a ranker model file" in bad.stderr
