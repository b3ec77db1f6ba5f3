"""AML ranker use cases: train a model on labelled transfer files, evaluate it (or a fresh one) on
the temporal split, keep model versions in the store, and score a scan's transfers with a model."""

from __future__ import annotations

import hashlib
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from interdict.aml.ranker.pipeline import Evaluation, Labelled
    from interdict.aml.scan import ScanResult
    from interdict.aml.table import TransferTable


@dataclass(frozen=True, slots=True)
class TrainRequest:
    """Labelled transfer files (e.g. AMLworld `*_Trans.csv`), optionally the patterns CSV naming
    their attempts (kept whole in the split, and their families reported), and where the model goes."""

    paths: list[Path]
    out: Path
    format: str = "auto"
    patterns: Path | None = None
    detectors: bool = True
    seed: int = 0
    store: bool = True  # also keep the model as a version in the store


@dataclass(frozen=True, slots=True)
class EvaluateRequest:
    """Files to evaluate on; with `model`, that model at its threshold, else a model trained on them."""

    paths: list[Path]
    format: str = "auto"
    patterns: Path | None = None
    model: Path | None = None
    detectors: bool = True
    seed: int = 0


@dataclass(frozen=True)
class RankerReport:
    """Figures on the last 20 % of time (see `interdict.aml.ranker.split`), with the disclaimer."""

    transfers: int
    laundering: int
    scores: dict[str, Any]
    families: list[dict[str, Any]]
    threshold: float
    split: dict[str, int]
    seconds: dict[str, float]
    disclaimer: str
    model: str | None = None  # the model file's path
    sha256: str | None = None
    version: int | None = None  # its version in the store
    extra: dict[str, Any] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        """The `--json` object."""
        return asdict(self)


def _labelled(paths: list[Path], fmt: str, patterns: Path | None) -> Labelled:
    from interdict.aml.ranker.pipeline import attempts_from_patterns, unlabelled_attempts
    from interdict.aml.sources.amlworld import read_patterns
    from interdict.aml.sources.recognise import read_paths
    from interdict.core.errors import InputError

    table = read_paths(paths, fmt)
    if table.label is None:
        raise InputError(", ".join(map(str, paths)), None,
                         "no per-transfer laundering label: give labelled data (e.g. AMLworld Is Laundering)")
    return attempts_from_patterns(table, read_patterns(patterns)) if patterns else unlabelled_attempts(table)


def _report(data: Labelled, ev: Evaluation, **kw: Any) -> RankerReport:
    from interdict.aml.ranker.evaluate import DISCLAIMER, as_dicts

    return RankerReport(data.table.n_transfers, int(data.label.sum()), asdict(ev.scores),
                        as_dicts(ev.families), ev.threshold, ev.split, ev.seconds, DISCLAIMER, **kw)


def train(req: TrainRequest) -> RankerReport:
    """Train on the first 60 % of time, threshold on the next 20 %, report the last 20 %; write the model."""
    from interdict.aml.ranker import pipeline

    data = _labelled(req.paths, req.format, req.patterns)
    ranker, ev = pipeline.train(data, detectors=req.detectors, seed=req.seed)
    ranker.training["data"] = [str(p) for p in req.paths]
    ranker.training["families"] = [asdict(f) for f in ev.families]
    body = ranker.to_bytes()
    req.out.parent.mkdir(parents=True, exist_ok=True)
    req.out.write_bytes(body)
    version = None
    if req.store:
        version = _save(body, req.out, list(ranker.features), ranker.training, ranker.metrics)
    return _report(data, ev, model=str(req.out), sha256=hashlib.sha256(body).hexdigest(), version=version)


def _save(body: bytes, path: Path, features: list[str], training: dict[str, Any],
          metrics: dict[str, Any]) -> int:
    from interdict.aml.ranker import store
    from interdict.core.store import connect, lock_wait

    con = connect(wait=lock_wait())
    try:
        return store.save(con, body, str(path.resolve()), features, training, metrics).version
    finally:
        con.close()


def model_versions() -> list[dict[str, Any]]:
    """The stored model versions (without their bytes)."""
    from interdict.aml.ranker import store
    from interdict.core.store import connect, lock_wait

    con = connect(wait=lock_wait())
    try:
        return [asdict(v) for v in store.versions(con)]
    finally:
        con.close()


def evaluate(req: EvaluateRequest) -> RankerReport:
    """Figures on the files' last 20 % of time: of `req.model`, or of a model trained on the files."""
    from interdict.aml.ranker import pipeline

    data = _labelled(req.paths, req.format, req.patterns)
    if req.model is None:
        _, ev = pipeline.train(data, detectors=req.detectors, seed=req.seed)
        return _report(data, ev)
    ranker, sha = read_model(req.model)
    return _report(data, pipeline.evaluate_model(ranker, data), model=str(req.model), sha256=sha)


def read_model(path: Path) -> tuple[Any, str]:
    """A model file and its sha256."""
    from interdict.aml.ranker.model import RankerModel
    from interdict.core.errors import InputError

    if not path.is_file():
        raise InputError(str(path), None, "no such model file")
    body = path.read_bytes()
    return RankerModel.from_bytes(body, str(path)), hashlib.sha256(body).hexdigest()


def apply_model(path: Path, table: TransferTable, found: ScanResult, threshold: float) -> ScanResult:
    """A scan's result with the model's view: detector alerts carry `ranker_score`, and the transfers
    it flags become `ranker` alerts (kept if they score at least the scan's `threshold`)."""
    from interdict.aml.ranker.alerts import annotate, flagged_alerts
    from interdict.aml.ranker.pipeline import score_table
    from interdict.aml.scan import ScanResult

    ranker, sha = read_model(path)
    start = time.perf_counter()
    scores = score_table(ranker, table)
    ranked = [a for a in flagged_alerts(table, scores, ranker.threshold, f"{path.name}@{sha[:12]}")
              if a.score >= threshold]
    alerts = sorted([*annotate(found.alerts, table, scores), *ranked], key=lambda a: (-a.score, a.typology))
    seconds = {**found.seconds, "ranker": round(time.perf_counter() - start, 3)}
    return ScanResult(alerts, {**found.counts, "ranker": len(ranked)}, seconds)
