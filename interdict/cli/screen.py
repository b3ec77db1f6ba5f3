"""`interdict screen`: screen one name or a batch file against the loaded lists."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import orjson
import typer

from interdict.cli._common import (
    EXIT_INPUT_ERROR,
    EXIT_MATCH,
    EXIT_NO_MATCH,
    console,
    err_console,
    reported_errors,
)
from interdict.core.errors import InputError
from interdict.core.match import Candidate
from interdict.services.name_screening import (
    BadRow,
    Row,
    StoreError,
    explanation_summary,
    open_index,
    query_of,
    read_batch_file,
    screen_name,
    screen_rows,
)

if TYPE_CHECKING:
    from rich.table import Table

    from interdict.services.spark_screening import SparkBatchRequest

__all__ = ["StoreError", "candidates_table", "open_index", "screen"]  # open_index: benchmarks use it

PROGRESS_MIN = 1000  # batches at least this long get a progress bar on stderr


def candidates_table(name: str, candidates: list[Candidate]) -> Table:
    """The rich table of one query's candidates."""
    from rich.table import Table

    table = Table(title=f"Screening {name!r}", title_justify="left")
    for col in ("list", "list id", "name", "matched name", "score", "why"):
        table.add_column(col, overflow="fold", justify="right" if col == "score" else "left")
    for c in candidates:
        why = explanation_summary(c.explanation)
        table.add_row(c.list, c.list_id, c.name, c.matched_name, f"{c.score:.2f}", why)
    return table


def screen(
    name: Annotated[str | None, typer.Argument(help="Name (or pasted identifier) to screen.")] = None,
    kind: Annotated[str, typer.Option(help="person, organization, vessel, aircraft, address, any.")] = "any",
    dob: Annotated[str | None, typer.Option(help="Date of birth: YYYY, YYYY-MM or YYYY-MM-DD.")] = None,
    country: Annotated[str | None, typer.Option(help="Country code or name.")] = None,
    threshold: Annotated[float | None, typer.Option(help="Minimum score (default: calibrated).")] = None,
    limit: Annotated[int, typer.Option(help="Most candidates per name.")] = 10,
    json_out: Annotated[bool, typer.Option("--json", help="Print JSON instead of a table.")] = False,
    batch: Annotated[Path | None, typer.Option(help="CSV or JSON-lines file of id,name[,kind,dob,country].")]
    = None,
    out: Annotated[Path | None, typer.Option(help="Write batch JSON lines here (default stdout); with "
                                             "--engine spark, a `.parquet` OUT is a Parquet directory.")]
    = None,
    engine: Annotated[str, typer.Option(help="Batch engine: embedded (this machine) or spark.")] = "embedded",
    master: Annotated[str, typer.Option(help="Spark master: local[2], spark://host:7077, yarn...")]
    = "local[2]",
    partitions: Annotated[int | None, typer.Option(help="Spark partitions of the batch (default: Spark's).")]
    = None,
    workers: Annotated[int | None, typer.Option(help="Batch worker processes (default: one per core; 1: "
                       "none).")] = None,
) -> None:
    """Screen a name (or a pasted identifier) against the loaded lists. Exit 0 none, 1 match, 2 error."""
    with reported_errors():
        if (name is None) == (batch is None):
            raise InputError("command line", None, "give either a NAME or --batch FILE (not both)")
        if threshold is not None and not 0.0 <= threshold <= 1.0:
            raise InputError("command line", "--threshold", f"expected a number in [0, 1], got {threshold}")
        if engine not in ("embedded", "spark"):
            raise InputError("command line", "--engine", f"expected embedded or spark, got {engine!r}")
        if engine == "spark" and batch is None:
            raise InputError("command line", "--engine", "spark screens a --batch FILE, not a single NAME")
        if batch is not None and engine == "spark":
            from interdict.services.spark_screening import SparkBatchRequest  # a single screen needs none

            code = _run_spark(SparkBatchRequest(batch, out, threshold, limit, master, partitions))
        elif batch is not None:
            if workers is not None and workers < 1:
                raise InputError("command line", "--workers", f"expected at least 1, got {workers}")
            code = _run_batch(batch, out, threshold, limit, workers)
        else:
            assert name is not None
            code = _run_single(name, kind, dob, country, threshold, limit, json_out)
    raise typer.Exit(code)


def _run_single(name: str, kind: str, dob: str | None, country: str | None, threshold: float | None,
                limit: int, json_out: bool) -> int:
    candidates = screen_name(query_of(name, kind, dob, country), threshold, limit)
    if json_out:
        console.print_json(orjson.dumps({"query": name, "candidates": [c.to_dict() for c in
                                                                        candidates]}).decode())
    elif candidates:
        console.print(candidates_table(name, candidates))
    else:
        console.print(f"No match for {name!r}.", highlight=False)
    return EXIT_MATCH if candidates else EXIT_NO_MATCH


def _run_batch(path: Path, out: Path | None, threshold: float | None, limit: int,
               workers: int | None = None) -> int:
    batch = read_batch_file(path)
    rows, bad, good = batch.rows, batch.bad, batch.good
    for r in bad:
        err_console.print(f"[bold red]error:[/] {path} line {r.line}: {r.error}", highlight=False,
                          soft_wrap=True)
    results = screen_rows(good, threshold, limit, workers)
    matched = _write_batch(rows, results, out, show_progress=len(good) >= PROGRESS_MIN)
    if bad:
        return EXIT_INPUT_ERROR
    return EXIT_MATCH if matched else EXIT_NO_MATCH


def _run_spark(request: SparkBatchRequest) -> int:
    from interdict.services.spark_screening import screen_batch_spark

    result = screen_batch_spark(request)
    for line, _, error in result.bad:
        err_console.print(f"[bold red]error:[/] {request.path} line {line}: {error}", highlight=False,
                          soft_wrap=True)
    names = ", ".join(f"{k} v{v}" for k, v in sorted(result.list_versions.items()))
    err_console.print(f"spark: {result.rows} rows against {names} in {result.seconds:.1f} s", highlight=False)
    if result.bad:
        return EXIT_INPUT_ERROR
    return EXIT_MATCH if result.matched else EXIT_NO_MATCH


def _write_batch(rows: list[Row | BadRow], results: Iterator[list[Candidate]], out: Path | None, *,
                 show_progress: bool) -> bool:
    # Imported here: a single screen (the start-up that counts) never shows a progress bar.
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    iterator = iter(results)
    matched = False
    tmp = out.with_name(out.name + ".part") if out else None
    sink = tmp.open("wb") if tmp else None
    with Progress(TextColumn("screening"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(),
                  console=err_console, disable=not show_progress) as progress:
        task = progress.add_task("screen", total=sum(isinstance(r, Row) for r in rows))
        for row in rows:
            if isinstance(row, BadRow):
                record: dict[str, object] = {"id": row.id, "line": row.line, "error": row.error}
            else:
                cands: list[Candidate] = next(iterator)
                matched = matched or bool(cands)
                record = {"id": row.id, "candidates": [c.to_dict() for c in cands]}
                progress.advance(task)
            line = orjson.dumps(record) + b"\n"
            if sink:
                sink.write(line)
            else:
                console.file.write(line.decode())
    if sink and tmp and out:
        sink.close()
        tmp.replace(out)
    return matched
