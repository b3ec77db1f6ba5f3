"""`interdict payments ...`: screen payment messages, learn sender history, show decisions, allow list."""

from __future__ import annotations

import sys
from collections import Counter
from contextlib import nullcontext
from pathlib import Path
from typing import IO, TYPE_CHECKING, Annotated

import orjson
import typer
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn
from rich.table import Table

from interdict.cli._common import EXIT_MATCH, EXIT_NO_MATCH, console, err_console, reported_errors
from interdict.services import payment_files as svc
from interdict.services.payment_files import read_jobs

if TYPE_CHECKING:
    from interdict.services.payment_files import Decision, Outcome

__all__ = ["app", "read_jobs"]  # read_jobs: payments_reconcile reads files the same way

app = typer.Typer(help="Screen SWIFT MT and ISO 20022 payment messages.", no_args_is_help=True)
allow_app = typer.Typer(help="Allow-list (good guy) entries for payment screening.", no_args_is_help=True)
app.add_typer(allow_app, name="allow")


def _summary(outcomes: list[Outcome]) -> Table:
    table = Table(title="Payment decisions", title_justify="left")
    for col in ("type", "release", "hold", "reject", "already decided"):
        table.add_column(col, justify="left" if col == "type" else "right")
    by: dict[str, Counter[str]] = {}
    for o in outcomes:
        c = by.setdefault(o.decision.type, Counter())
        c[o.decision.decision] += 1
        c["old"] += 0 if o.new else 1
    for kind in sorted(by):
        c = by[kind]
        table.add_row(kind, str(c["release"]), str(c["hold"]), str(c["reject"]), str(c["old"]))
    return table


def _decide_all(
    jobs: list[tuple[bytes, str]], pipeline: svc.PaymentPipeline, workers: int, out: IO[bytes] | None
) -> list[Outcome]:
    outcomes: list[Outcome] = []
    size = sum(len(data) for data, _ in jobs)
    run, total = svc.decide(jobs, pipeline, workers)
    columns = (TextColumn("screening"), BarColumn(), MofNCompleteColumn())
    with Progress(*columns, console=err_console, transient=True, disable=size < 20_000) as bar:
        task = bar.add_task("screening", total=total)
        for outcome in run:
            outcomes.append(outcome)
            if out is not None:
                out.write(orjson.dumps(svc.decision_row(outcome), default=str) + b"\n")
            bar.advance(task)
    return outcomes


@app.command("screen")
def screen_cmd(
    paths: Annotated[
        list[str], typer.Argument(help="Message files or folders (MT and ISO mixed); - for stdin.")
    ],
    policy_file: Annotated[Path | None, typer.Option("--policy", help="YAML or TOML policy file.")] = None,
    out: Annotated[Path | None, typer.Option(help="Write one JSON line per message here.")] = None,
    json_out: Annotated[
        bool, typer.Option("--json", help="JSON lines on stdout instead of a table.")
    ] = False,
    now: Annotated[
        str | None, typer.Option(help="Processing time (ISO, UTC) for messages without one.")
    ] = None,
    on_date: Annotated[
        str | None,
        typer.Option(
            "--date", help="Date (YYYY-MM-DD) of 13C times in messages without a date of their own."
        ),
    ] = None,
    workers: Annotated[
        int | None,
        typer.Option(
            help="Processes that parse and screen (default: every core for over 256 KiB of mostly XML)."
        ),
    ] = None,
) -> None:
    """Screen payment messages and decide release / hold / reject. Exit 0 all released, 1 any held
    or rejected, 2 input error."""
    with reported_errors():
        policy = svc.load_policy(policy_file)
        jobs = read_jobs(paths)
        if workers is None:
            workers = svc.default_workers(jobs)
        with (
            svc.payment_pipeline(policy, now, on_date) as pipeline,
            out.open("wb") if out else nullcontext() as fh,
        ):
            sink = fh or (sys.stdout.buffer if json_out else None)
            outcomes = _decide_all(jobs, pipeline, workers, sink)
        if not json_out:
            console.print(_summary(outcomes))
        held = any(o.decision.decision != "release" for o in outcomes)
    raise typer.Exit(EXIT_MATCH if held else EXIT_NO_MATCH)


@app.command("learn")
def learn_cmd(
    paths: Annotated[list[str], typer.Argument(help="History files or folders of past payments.")],
    policy_file: Annotated[Path | None, typer.Option("--policy", help="YAML or TOML policy file.")] = None,
    on_date: Annotated[
        str | None,
        typer.Option(
            "--date", help="Date (YYYY-MM-DD) of 13C times in messages without a date of their own."
        ),
    ] = None,
) -> None:
    """Learn each sender's usual beneficiaries, countries, banks, amounts and hours from past payments."""
    with reported_errors():
        done = svc.learn_history(paths, policy_file, on_date)
        console.print(
            f"learned {done.added} new payments ({done.known} known) from {done.senders} senders; "
            f"{done.skipped} unreadable messages skipped"
        )


@app.command("show")
def show_cmd(
    message: Annotated[str, typer.Argument(help="Message id, UETR or reference.")],
    json_out: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """Show a decided message: the parsed payment and the decision with its reasons."""
    with reported_errors():
        decision, payment = svc.find_decision(message)
    if json_out:
        console.print_json(
            orjson.dumps({"decision": decision.to_dict(), "payment": payment}, default=str).decode()
        )
        return
    _print_decision(decision, payment)


def _print_decision(d: Decision, payment: dict[str, object] | None) -> None:
    console.print(
        f"[bold]{d.type}[/] {d.message_id}  uetr={d.uetr or '-'}  source={d.source}", highlight=False
    )
    lists = ", ".join(f"{name} v{version}" for name, version in d.list_versions) or "-"
    console.print(f"decision: [bold]{d.decision.upper()}[/]  against lists: {lists}", highlight=False)
    table = Table("kind", "action", "reason", title="Reasons", title_justify="left")
    for r in d.reasons:
        table.add_row(r.kind, r.action, r.message)
    console.print(table)
    parties = Table(
        "role", "field", "name", "BIC", "account", "country", title="Parties", title_justify="left"
    )
    for p in d.parties:
        parties.add_row(*(str(p.get(k, "")) for k in ("role", "field", "name", "bic", "account", "country")))
    console.print(parties)
    if payment:
        keys = ("reference", "amount", "currency", "value_date", "created_at", "sender_bic", "receiver_bic")
        console.print("  ".join(f"{k}={payment.get(k)}" for k in keys if payment.get(k)), highlight=False)
        texts = payment.get("texts") or []
        for t in texts if isinstance(texts, list) else []:
            console.print(f"  :{t['source']}: {t['text']!r}", highlight=False)


@allow_app.command("add")
def allow_add(
    query: Annotated[
        str, typer.Option(help="The screened text as shown in the hit (name, address line...).")
    ],
    entity: Annotated[str, typer.Option(help="Listed entity key list:list_id, as shown in the hit.")],
    reason: Annotated[str, typer.Option(help="Why this hit is a false positive.")],
    author: Annotated[str, typer.Option(help="Who decided it.")],
    expires: Annotated[str | None, typer.Option(help="Last day the entry applies (YYYY-MM-DD).")] = None,
) -> None:
    """Suppress one specific false positive (this text × this listed entity), with reason and expiry."""
    with reported_errors():
        entry_id = svc.add_allow(query, entity, reason, author, expires)
    console.print(f"allow-list entry {entry_id} added")


@allow_app.command("list")
def allow_list_cmd(
    all_entries: Annotated[bool, typer.Option("--all", help="Include revoked entries.")] = False,
    audit: Annotated[bool, typer.Option(help="Show the audit log instead.")] = False,
) -> None:
    """List the allow-list entries (or the audit log of every change)."""
    with reported_errors():
        if audit:
            table = Table("at", "action", "entry", "author", "detail", title="Allow-list audit log")
            for row in svc.allow_audit_log():
                table.add_row(*(str(v) for v in row))
        else:
            table = Table("id", "query", "entity", "reason", "author", "expires", title="Allow list")
            for entry_id, e in svc.allow_entries(active_only=not all_entries):
                table.add_row(str(entry_id), e.query, e.entity_key, e.reason, e.author, e.expires or "never")
    console.print(table)


@allow_app.command("revoke")
def allow_revoke(
    entry_id: Annotated[int, typer.Argument(help="Entry id from `allow list`.")],
    author: Annotated[str, typer.Option(help="Who withdraws it.")],
    reason: Annotated[str, typer.Option(help="Why.")],
) -> None:
    """Withdraw an allow-list entry (it stays in the audit log)."""
    with reported_errors():
        svc.revoke_allow(entry_id, author, reason)
    console.print(f"allow-list entry {entry_id} revoked")


# The reconciliation commands live in their own module; registered here so `payments` lists them.
from interdict.cli.payments_reconcile import reconcile_cmd, report_cmd  # noqa: E402

app.command("reconcile")(reconcile_cmd)
app.command("report")(report_cmd)
