"""`interdict subjects ...`: the customer base under continuous screening."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import orjson
import typer
from rich.markup import escape
from rich.table import Table

from interdict.cli._common import console, err_console, reported_errors
from interdict.services.subjects import (
    RescreenRequest,
    RescreenResult,
    list_subjects,
    load_subjects,
    remove_subjects,
    rescreen,
    show_subject,
)

app = typer.Typer(help="The customer base under continuous screening: load, list, re-screen.",
                  no_args_is_help=True)

JsonOption = Annotated[bool, typer.Option("--json", help="Print JSON instead of a table.")]


@app.command("load")
def load(path: Annotated[Path, typer.Argument(help="CSV, JSON lines or Parquet: id, name[, kind, dob, "
                                              "country, identifiers, deleted].")]) -> None:
    """Add subjects, update them by id, remove rows marked `deleted`; a bad row loads nothing."""
    with reported_errors():
        console.print(f"{path}: {load_subjects(path).message}", highlight=False)


@app.command("remove")
def remove(ids: Annotated[Path, typer.Option("--ids", help="File of subject ids, one per line.")]) -> None:
    """Remove subjects by id (their open hits close as `subject removed`)."""
    with reported_errors():
        console.print(f"{remove_subjects(ids):,} subjects removed", highlight=False)


@app.command("list")
def list_(limit: Annotated[int, typer.Option(help="Most subjects shown.")] = 50,
          offset: Annotated[int, typer.Option(help="Skip this many first.")] = 0,
          json_out: JsonOption = False) -> None:
    """The subjects of the base (by id) and the list versions each last saw."""
    with reported_errors():
        page = list_subjects(limit, offset)
    if json_out:
        console.print_json(orjson.dumps(page).decode())
        return
    table = Table(title=f"Subjects ({page['total']:,} in all)", title_justify="left")
    for col in ("id", "name", "kind", "dob", "country", "last screened against"):
        table.add_column(col, overflow="fold")
    for s in page["subjects"]:
        seen = ", ".join(f"{k} v{v}" for k, v in (s["seen"] or {}).items()) or "never"
        table.add_row(*(escape(str(s.get(k) or "")) for k in ("id", "name", "kind", "dob", "country")), seen)
    console.print(table)


@app.command("show")
def show(subject_id: Annotated[str, typer.Argument(help="The subject's id.")],
         json_out: JsonOption = False) -> None:
    """One subject, the list versions it last saw, and its hits."""
    with reported_errors():
        found = show_subject(subject_id)
    if json_out:
        console.print_json(orjson.dumps(found).decode())
        return
    seen = ", ".join(f"{k} v{v}" for k, v in (found["seen"] or {}).items()) or "never screened"
    console.print(f"{escape(found['id'])}: {escape(found['name'])} (last screened against {seen})",
                  highlight=False)
    table = Table(title="Hits", title_justify="left")
    for col in ("list", "entry", "score", "state", "alert", "since run", "closed"):
        table.add_column(col)
    for h in found["hits"]:
        closed = f"run {h['closed_run']}: {h['closed_why']}" if h["closed_why"] else ""
        table.add_row(h["list"], escape(h["entry_id"]), f"{h['score']:.2f}", h["state"],
                      str(h["alert_id"] or ""), str(h["run"]), closed)
    console.print(table)


@app.command("rescreen")
def rescreen_cmd(
    full: Annotated[bool, typer.Option("--full", help="Screen against every active entry, not the delta.")]
    = False,
    workers: Annotated[int | None, typer.Option(help="Worker processes (default: one per core).")] = None,
    no_alerts: Annotated[bool, typer.Option("--no-alerts", help="Record hits, raise no alerts.")] = False,
    json_out: JsonOption = False,
    engine: Annotated[str, typer.Option(help="Where subjects are screened: embedded or spark.")] = "embedded",
    master: Annotated[str, typer.Option(help="Spark master (with --engine spark).")] = "local[2]",
    partitions: Annotated[int | None, typer.Option(help="Spark partitions (with --engine spark).")] = None,
) -> None:
    """Screen the base against what changed on the lists since each subject was last screened."""
    with reported_errors():
        result = rescreen(RescreenRequest(full=full, workers=workers, alerts=not no_alerts, engine=engine,
                                          master=master, partitions=partitions))
    if json_out:
        console.print_json(orjson.dumps(result.to_json()).decode())
        return
    print_result(result)


def print_result(result: RescreenResult) -> None:
    """The summary of a run, and its new hits."""
    versions = ", ".join(f"{k} v{v}" for k, v in sorted(result.list_versions.items()))
    console.print(f"Run {result.run} ({result.mode}) against {versions}: {result.screened:,} subjects up to"
                  f" date, {len(result.new_hits):,} new hits ({result.alerts:,} alerts raised),"
                  f" {len(result.closed):,} hits closed ({result.cases_closed:,} cases closed)",
                  highlight=False)
    if result.new_hits:
        table = Table(title="New hits", title_justify="left")
        for col in ("subject", "list", "entry", "name", "score"):
            table.add_column(col, overflow="fold")
        for h in result.new_hits[:200]:
            table.add_row(escape(h.subject_id), h.list, escape(h.entry_id), escape(h.candidate.name),
                          f"{h.score:.2f}")
        console.print(table)
        if len(result.new_hits) > 200:
            err_console.print(f"({len(result.new_hits) - 200:,} more: --json lists them all)")
