"""`interdict payments reconcile` and `payments report`: the morning-after checks of what was sent.

Registered on the `payments` command group by `interdict.cli.payments`.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import orjson
import typer
from rich.table import Table

from interdict.cli._common import EXIT_MATCH, EXIT_NO_MATCH, console, reported_errors
from interdict.payments.iso20022 import SchemaSet
from interdict.payments.reader import read_bytes
from interdict.payments.reconcile import reconcile
from interdict.payments.records import parse_mapping, read_records

if TYPE_CHECKING:
    from interdict.payments.reconcile import Reconciliation


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
    from interdict.cli.payments import read_jobs, xsd_dir  # that module registers this one

    with reported_errors():
        records = read_records(local, parse_mapping(mapping or []))
        schemas = SchemaSet(xsd_dir())
        items = [item for data, source in read_jobs(paths) for item in read_bytes(data, source, schemas)]
        result = reconcile(items, records)
        cases = _raise(result) if alert else []
    if json_out:
        out = result.to_dict()
        if alert:
            out["cases"] = cases
        typer.echo(orjson.dumps(out).decode())
    else:
        _print(result.to_dict(), cases if alert else None)
    raise typer.Exit(EXIT_NO_MATCH if result.clean else EXIT_MATCH)


def _raise(result: Reconciliation) -> list[int]:
    from interdict.cases.store import CaseStore
    from interdict.cases.users import Actor, Role
    from interdict.payments.reconcile_alerts import raise_alerts

    store = CaseStore()
    try:
        return raise_alerts(store, Actor("cli", Role.ADMIN), result)
    finally:
        store.close()


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
