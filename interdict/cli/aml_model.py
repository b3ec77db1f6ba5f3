"""`interdict aml train` and `interdict aml evaluate`: the learned ranker (attached to the `aml` group)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from interdict.cli._common import console, reported_errors
from interdict.services import aml_model as svc

Paths = Annotated[list[Path], typer.Argument(help="Labelled transfer files (e.g. AMLworld *_Trans.csv).")]
Fmt = Annotated[str, typer.Option("--format", help="auto, amlworld, transfers, amlsim...")]
Patterns = Annotated[Path | None, typer.Option(
    "--patterns", help="The patterns CSV naming the laundering attempts (kept whole; recall per family).")]
Detectors = Annotated[bool, typer.Option(
    help="Add the typology detectors' alerts as features (slower: runs every detector).")]
Seed = Annotated[int, typer.Option(help="Seed of the negative sampling and the trees.")]
Json = Annotated[bool, typer.Option("--json", help="Print the result as JSON.")]


def train(
    paths: Paths,
    out: Annotated[Path, typer.Option("--out", help="Write the model file here (JSON).")],
    fmt: Fmt = "auto", patterns: Patterns = None, detectors: Detectors = True, seed: Seed = 0,
    as_json: Json = False,
) -> None:
    """Train the ranker (first 60 % of time, threshold on the next 20 %), store it, print the figures."""
    with reported_errors():
        report = svc.train(svc.TrainRequest(list(paths), out, fmt, patterns, detectors, seed))
    _print(report, as_json)


def evaluate(
    paths: Paths,
    model: Annotated[Path | None, typer.Option(
        "--model", help="Evaluate this model file at its threshold (else train one on the data).")] = None,
    fmt: Fmt = "auto", patterns: Patterns = None, detectors: Detectors = True, seed: Seed = 0,
    as_json: Json = False,
) -> None:
    """Minority-class F1, precision, recall and recall per family on the last 20 % of time."""
    with reported_errors():
        report = svc.evaluate(svc.EvaluateRequest(list(paths), fmt, patterns, model, detectors, seed))
    _print(report, as_json)


def models(as_json: Json = False) -> None:
    """The ranker models kept in the store (each `aml train` stores its model as the next version)."""
    with reported_errors():
        found = svc.model_versions()
    if as_json:
        typer.echo(json.dumps({"models": found}, indent=2, ensure_ascii=False, default=str))
        return
    if not found:
        console.print("no ranker model stored yet (interdict aml train ... --out MODEL.json)")
        return
    table = Table("version", "created", "features", "transfers", "test F1 %")
    table.add_column("sha256", no_wrap=True)
    for m in found:
        f1 = m["metrics"].get("test", {}).get("f1")
        table.add_row(str(m["version"]), str(m["created"])[:16], str(len(m["features"])),
                      f"{m['training'].get('transfers', 0):,}", "—" if f1 is None else f"{100 * f1:.1f}",
                      m["sha256"][:12])
    console.print(table)
    for m in found:
        console.print(f"version {m['version']}: {m['path']}", highlight=False, soft_wrap=True)


def _print(report: svc.RankerReport, as_json: bool) -> None:
    if as_json:
        typer.echo(json.dumps(report.to_json(), indent=2, ensure_ascii=False))
        return
    s = report.scores
    console.print(f"{report.transfers:,} transfers, {report.laundering:,} laundering; split {report.split}; "
                  f"threshold {report.threshold:.4f}", highlight=False)
    console.print(f"test (last 20 % of time): F1 {100 * s['f1']:.1f}  precision {100 * s['precision']:.1f}  "
                  f"recall {100 * s['recall']:.1f}  (tp {s['tp']}, fp {s['fp']}, fn {s['fn']})",
                  highlight=False)
    if report.families:
        table = Table("family", "transfers", "flagged", "recall %", "attempts", "attempts hit")
        for f in report.families:
            table.add_row(f["family"], str(f["transfers"]), str(f["flagged"]), f"{100 * f['recall']:.1f}",
                          str(f["attempts"]), str(f["attempts_hit"]))
        console.print(table)
    if report.model:
        where = f" (store version {report.version})" if report.version is not None else ""
        console.print(f"model {report.model} sha256 {report.sha256}{where}", highlight=False)
    console.print(f"seconds: {report.seconds}", highlight=False)
    console.print(report.disclaimer, style="yellow", highlight=False)
