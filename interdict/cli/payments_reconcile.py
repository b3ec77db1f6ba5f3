"""`interdict payments reconcile` and `payments report`: the morning-after checks of what was sent.

Registered on the `payments` command group by `interdict.cli.payments`.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import orjson
import typer
from rich.table import Table

from interdict.cli._common import EXIT_MATCH, EXIT_NO_MATCH, console, reported_errors
from interdict.services import payment_checks


def reconcile_cmd(
    paths: Annotated[list[str], typer.Argument(help="Sent message files or folders (MT and ISO mixed).")],
    local: Annotated[Path, typer.Option("--local", help="The sender's own records of what it sent (CSV).")],
    json_out: Annotated[bool, typer.Option("--json", help="Print one JSON object.")] = False,
    mapping: Annotated[
        list[str] | None,
        typer.Option("--map", help="Rename a CSV column: CSV_COLUMN=NAME (NAME: uetr, reference, ...)."),
    ] = None,
    alert: Annotated[
        bool, typer.Option("--alerts", help="Raise an alert (and so a case) in the case store per finding.")
    ] = False,
) -> None:
    """Compare the messages that went out with the sender's records of them: sent but missing
    locally, recorded but never sent, and pairs whose amount, currency, value date or beneficiary
    differ. Exit 0 clean, 1 anything reported, 2 bad input."""
    with reported_errors():
        done = payment_checks.reconcile_files(paths, local, mapping or [], alert)
        result, cases = done.result, done.cases
    if json_out:
        out = result.to_dict()
        if alert:
            out["cases"] = cases
        typer.echo(orjson.dumps(out).decode())
    else:
        _print(result.to_dict(), cases if alert else None)
    raise typer.Exit(EXIT_NO_MATCH if result.clean else EXIT_MATCH)


def _print(out: dict[str, object], cases: list[int] | None) -> None:
    console.print(f"sent {out['sent']} messages, {out['local']} local records", highlight=False)
    sections = (
        (
            "Sent but missing from the local records",
            "missing_locally",
            ("uetr", "reference", "type", "amount", "currency", "beneficiary", "source"),
        ),
        (
            "Recorded but never sent",
            "missing_sent",
            ("uetr", "reference", "type", "amount", "currency", "beneficiary", "line"),
        ),
        ("Unreadable sent messages", "unreadable", ("source", "type", "errors")),
    )
    for title, key, cols in sections:
        rows = out[key]
        assert isinstance(rows, list)
        if rows:
            table = Table(*cols, title=title, title_justify="left")
            for row in rows:
                table.add_row(*(_cell(row.get(c)) for c in cols))
            console.print(table)
    mismatched = out["mismatched"]
    assert isinstance(mismatched, list)
    if mismatched:
        table = Table(
            "uetr",
            "reference",
            "field",
            "sent",
            "recorded",
            "line",
            title="Differences",
            title_justify="left",
        )
        for m in mismatched:
            for d in m["fields"]:
                table.add_row(
                    _cell(m["uetr"]),
                    _cell(m["reference"]),
                    d["field"],
                    _cell(d["sent"]),
                    _cell(d["local"]),
                    str(m["line"]),
                )
        console.print(table)
    if cases is not None:
        console.print(f"alerts raised in cases {', '.join(map(str, cases)) or '(none)'}", highlight=False)


def _cell(value: object) -> str:
    if isinstance(value, list):
        return "; ".join(map(str, value))
    return "" if value is None else str(value)


def report_cmd(
    paths: Annotated[list[str], typer.Argument(help="Sent message files or folders (MT and ISO mixed).")],
    history: Annotated[
        list[str] | None,
        typer.Option(help="Learn the usual traffic from these files (default: the history `learn` stored)."),
    ] = None,
    json_out: Annotated[bool, typer.Option("--json", help="Print one JSON object.")] = False,
    policy_file: Annotated[Path | None, typer.Option("--policy", help="YAML or TOML policy file.")] = None,
    factor: Annotated[
        float, typer.Option(help="Report totals above this many learned daily averages.")
    ] = 3.0,
    z: Annotated[
        float, typer.Option(help="Robust deviations above the corridor median that are unusual.")
    ] = 5.0,
    largest: Annotated[int, typer.Option(help="Largest payments listed per currency.")] = 10,
) -> None:
    """Daily totals of what was sent: per message type, per sender and counterparty against the
    sender's learned daily averages; largest and unusual payments; new counterparties. Exit 0 nothing
    flagged, 1 something flagged, 2 bad input."""
    with reported_errors():
        req = payment_checks.ReportRequest(paths, history, policy_file, factor, z, largest)
        report, flagged = payment_checks.daily_report(req)
    if json_out:
        typer.echo(orjson.dumps(report).decode())
    else:
        print_report(report)
    raise typer.Exit(EXIT_MATCH if flagged else EXIT_NO_MATCH)


def print_report(report: dict[str, Any]) -> None:
    """The daily report as tables: flagged rows first in each."""
    console.print(
        f"{report['messages']} payments on {', '.join(report['days']) or '-'}; learned history: "
        f"{report['history_payments']} payments over {report['history_days']} days",
        highlight=False,
    )
    _table("By message type", report["by_type"], ("date", "type", "currency", "count", "value"))
    cols: tuple[str, ...] = ("date", "sender", "currency", "count", "value", "avg_count", "avg_value")
    cols += ("above_usual",)
    _table("By sender (against its learned daily average)", report["by_sender"], cols)
    cols = (*cols[:2], "counterparty", *cols[2:])
    _table("By counterparty (against the learned daily average)", report["by_counterparty"], cols)
    cols = ("date", "type", "reference", "sender", "counterparty", "beneficiary", "amount", "currency")
    _table("Largest payments", report["largest"], cols)
    _table("Unusual payments", report["unusual"], (*cols, "learned_high", "robust_z"))
    cols = ("sender", "kind", "value", "currency", "count", "total")
    _table("New counterparties, beneficiaries and corridors", report["new_combinations"], cols)
    _table("Unreadable sent messages", report["unreadable"], ("source", "type"))


def _table(title: str, rows: list[dict[str, Any]], cols: tuple[str, ...]) -> None:
    if not rows:
        return
    table = Table(*cols, title=title, title_justify="left")
    for row in sorted(rows, key=lambda r: not r.get("above_usual", False)):
        table.add_row(*(_cell(row.get(c)) for c in cols))
    console.print(table)
