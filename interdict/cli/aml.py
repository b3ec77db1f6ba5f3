"""`interdict aml ...`: scan transfer data for laundering typologies; list the detectors."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from interdict.cli._common import console, reported_errors
from interdict.services import aml as svc

app = typer.Typer(
    help="Laundering typologies on transfer graphs: scan, detectors, train, evaluate, models.",
    no_args_is_help=True,
)


@app.command("scan")
def scan(
    paths: Annotated[list[Path], typer.Argument(help="Data files or folders (AMLSim, AMLworld, transfers).")],
    out: Annotated[Path, typer.Option("--out", help="Write the alerts here, one JSON object a line.")],
    fmt: Annotated[str, typer.Option(
        "--format", help="auto, amlsim, amlsim-old, amlworld, amlworld-patterns or transfers.")] = "auto",
    typologies: Annotated[list[str] | None, typer.Option(
        "--typology", help="Only this detector (repeatable; see `interdict aml detectors`).")] = None,
    threshold: Annotated[float, typer.Option(help="Keep alerts scoring at least this (0..1).")] = 0.0,
    profile: Annotated[str, typer.Option(
        help="Detector parameters: auto (amlsim for AMLSim data), default or amlsim.")] = "auto",
    cases: Annotated[bool, typer.Option(
        help="Raise each alert in the case store (re-runs add no duplicates).")] = True,
    as_json: Annotated[bool, typer.Option("--json", help="Print the result as JSON.")] = False,
    model: Annotated[Path | None, typer.Option("--model", help="Also score with this ranker model.")] = None,
) -> None:
    """Run the typology detectors over transfer data; alerts go to --out and to the case store."""
    with reported_errors():
        store = actor = None
        if cases:
            from interdict.services.cases import CaseStore, users

            store, actor = CaseStore(), users.Actor("cli", users.Role.ADMIN)
        req = svc.ScanRequest(list(paths), fmt, typologies, threshold, profile, out, cases, model=model)
        result = svc.scan_files(req, store, actor)
    if as_json:
        typer.echo(json.dumps(result.to_json(), indent=2, ensure_ascii=False))
        return
    table = Table("typology", "alerts", "seconds", "strongest")
    for name, n in result.counts.items():
        best = max((a["score"] for a in result.alerts if a["typology"] == name), default=None)
        table.add_row(name, f"{n:,}", f"{result.seconds[name]:.2f}", "" if best is None else f"{best:.2f}")
    console.print(f"{result.transfers:,} transfers, {result.accounts:,} accounts ({result.format}; "
                  f"profile {result.profile})", highlight=False)
    console.print(table)
    for a in result.alerts[:3]:
        console.print(f"[bold]{a['typology']}[/] {a['score']:.2f}  {a['explanation']}", highlight=False)
    console.print(f"{len(result.alerts):,} alerts written to {out}"
                  + (f"; {result.new_alerts:,} new in {len(result.cases):,} cases" if cases else ""),
                  highlight=False)


@app.command("detectors")
def detectors(as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False) -> None:
    """The registered typology detectors, their parameters (defaults) and evidence."""
    docs = svc.detector_docs()
    if as_json:
        typer.echo(json.dumps(docs, indent=2, ensure_ascii=False, default=str))
        return
    for d in docs:
        console.print(f"[bold]{d['name']}[/]  {d['summary']}", highlight=False)
        table = Table("parameter", "default", "meaning", show_edge=False)
        for p in d["parameters"]:
            table.add_row(p["name"], str(p["default"]), p["description"])
        console.print(table)


from interdict.cli.aml_model import evaluate, models, train  # noqa: E402  (the ranker's commands live there)

app.command("train")(train)
app.command("evaluate")(evaluate)
app.command("models")(models)
