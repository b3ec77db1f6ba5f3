"""`interdict payments ...`: screen payment messages, learn sender history, show decisions, allow list."""

from __future__ import annotations

import gc
import os
import sys
from collections import Counter
from collections.abc import Iterator
from contextlib import nullcontext
from datetime import UTC, date, datetime
from pathlib import Path
from typing import IO, TYPE_CHECKING, Annotated

import duckdb
import orjson
import typer
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn
from rich.table import Table

from interdict.cli._common import EXIT_MATCH, EXIT_NO_MATCH, console, err_console, reported_errors
from interdict.core.errors import InputError
from interdict.core.state_sink import StateSink
from interdict.core.store import connect, lock_wait
from interdict.payments import store
from interdict.payments.controls.features import features
from interdict.payments.decisions import Decision
from interdict.payments.iso20022 import SchemaSet, default_schemas
from interdict.payments.parallel import screen_parallel
from interdict.payments.pipeline import Outcome, PaymentPipeline, open_pipeline
from interdict.payments.policy import Policy, load_policy
from interdict.payments.reader import ReadItem, iter_files, read_bytes
from interdict.screening import AllowEntry, load_index

if TYPE_CHECKING:
    from interdict.cases.store import CaseStore

app = typer.Typer(help="Screen SWIFT MT and ISO 20022 payment messages.", no_args_is_help=True)
allow_app = typer.Typer(help="Allow-list (good guy) entries for payment screening.", no_args_is_help=True)
app.add_typer(allow_app, name="allow")


def read_paths(paths: list[str], schemas: SchemaSet) -> Iterator[ReadItem]:
    """Every message in the named files and folders; `-` reads standard input."""
    for data, source in read_jobs(paths):
        yield from read_bytes(data, source, schemas)


def read_jobs(paths: list[str]) -> list[tuple[bytes, str]]:
    """The bytes and source name of every named file and message file in named folders (`-` is
    standard input); a missing path is an input error before anything is read."""
    for name in paths:
        if name != "-" and not Path(name).exists():
            raise InputError(name, None, "no such file or folder")
    jobs: list[tuple[bytes, str]] = []
    for name in paths:
        if name == "-":
            jobs.append((sys.stdin.buffer.read(), "<stdin>"))
            continue
        jobs += [(file.read_bytes(), str(file)) for file in iter_files([Path(name)])]
    return jobs


# Below this much input, starting worker processes costs more than it saves.
PARALLEL_MIN_BYTES = 256 * 1024


def _default_workers(jobs: list[tuple[bytes, str]]) -> int:
    """Every core for a large, mostly ISO 20022 input; one process otherwise.

    Measured on 2 shared cores (docs/benchmarks.md): worker processes gain ~15 % on pacs.008
    (XML parsing and XSD validation move off the deciding process) but lose ~30 % on MT103, whose
    parsing is cheap next to sending each message between processes."""
    size = sum(len(data) for data, _ in jobs)
    xml = sum(len(data) for data, _ in jobs if data.lstrip()[:1] == b"<")
    return (os.cpu_count() or 1) if size >= PARALLEL_MIN_BYTES and 2 * xml > size else 1


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
    jobs: list[tuple[bytes, str]],
    pipeline: PaymentPipeline,
    schemas: SchemaSet,
    workers: int,
    out: IO[bytes] | None,
) -> list[Outcome]:
    outcomes: list[Outcome] = []
    size = sum(len(data) for data, _ in jobs)
    if workers > 1:
        found = screen_parallel(jobs, pipeline.screener, schemas, workers)
        run = pipeline.run_screened((s.item, s.hits) for s in found)
        total = None  # not known before the workers have read the files
    else:
        items = [item for data, source in jobs for item in read_bytes(data, source, schemas)]
        run, total = pipeline.run(items), len(items)
    columns = (TextColumn("screening"), BarColumn(), MofNCompleteColumn())
    with Progress(*columns, console=err_console, transient=True, disable=size < 20_000) as bar:
        task = bar.add_task("screening", total=total)
        for outcome in run:
            outcomes.append(outcome)
            if out is not None:
                row = {**outcome.decision.to_dict(), "repeat": not outcome.new}
                out.write(orjson.dumps(row, default=str) + b"\n")
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
        policy = load_policy(policy_file)
        jobs = read_jobs(paths)
        if workers is None:
            workers = _default_workers(jobs)
        audit, cases = _audit_sink()
        try:
            conn = _connect()
            try:
                pipeline = _pipeline(conn, policy, now, audit)
                with out.open("wb") if out else nullcontext() as fh:
                    sink = fh or (sys.stdout.buffer if json_out else None)
                    outcomes = _decide_all(jobs, pipeline, default_schemas(), workers, sink)
            finally:
                conn.close()
                gc.unfreeze()  # undo the freeze of `_pipeline` (matters when run in-process, e.g. tests)
        finally:
            cases.close()
        if not json_out:
            console.print(_summary(outcomes))
        held = any(o.decision.decision != "release" for o in outcomes)
    raise typer.Exit(EXIT_MATCH if held else EXIT_NO_MATCH)


def _connect() -> duckdb.DuckDBPyConnection:
    """The decision store, waiting `$INTERDICT_LOCK_WAIT` (15 s) while a list load holds it; then a
    one-line error (exit 2) before anything is decided."""
    return connect(wait=lock_wait())


def _audit_sink() -> tuple[StateSink, CaseStore]:
    """The keyed audit chain (in the case store) that records every decision and vouches for repeats."""
    from interdict.cases.audit_external import ChainSink
    from interdict.cases.store import CaseStore
    from interdict.lists.activation import default_actor

    cases = CaseStore()
    return ChainSink(cases, default_actor()), cases


def _pipeline(
    conn: duckdb.DuckDBPyConnection, policy: Policy, now: str | None, audit: StateSink | None = None
) -> PaymentPipeline:
    index = load_index(conn)
    # The index is large and read-only: keep the cyclic garbage collector from re-scanning it on
    # every collection (it otherwise costs more than parsing the messages).
    gc.freeze()
    when = datetime.fromisoformat(now).astimezone(UTC).replace(tzinfo=None) if now else None
    return open_pipeline(conn, index, policy, now=when, audit=audit)


@app.command("learn")
def learn_cmd(
    paths: Annotated[list[str], typer.Argument(help="History files or folders of past payments.")],
    policy_file: Annotated[Path | None, typer.Option("--policy", help="YAML or TOML policy file.")] = None,
) -> None:
    """Learn each sender's usual beneficiaries, countries, banks, amounts and hours from past payments."""
    with reported_errors():
        policy = load_policy(policy_file)
        items = list(read_paths(paths, default_schemas()))
        now = datetime.now(UTC).replace(tzinfo=None)
        feats = [features(i.payment, policy, now) for i in items if i.payment is not None]
        conn = _connect()
        try:
            store.ensure_schema(conn)
            added = store.add_history(conn, feats)
        finally:
            conn.close()
        skipped = sum(1 for i in items if i.payment is None)
        senders = len({f.sender for f in feats})
        console.print(
            f"learned {added} new payments ({len(feats) - added} known) from {senders} senders; "
            f"{skipped} unreadable messages skipped"
        )


@app.command("show")
def show_cmd(
    message: Annotated[str, typer.Argument(help="Message id, UETR or reference.")],
    json_out: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """Show a decided message: the parsed payment and the decision with its reasons."""
    with reported_errors():
        conn = _connect()
        try:
            store.ensure_schema(conn)
            decision, payment = store.find(conn, message)
        finally:
            conn.close()
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
        if expires is not None:
            try:
                date.fromisoformat(expires)
            except ValueError as exc:
                raise InputError(
                    "command line", "--expires", f"expected YYYY-MM-DD, got {expires!r}"
                ) from exc
        conn = connect()
        try:
            store.ensure_schema(conn)
            entry_id = store.add_allow(conn, AllowEntry(query, entity, reason, author, expires))
        finally:
            conn.close()
    console.print(f"allow-list entry {entry_id} added")


@allow_app.command("list")
def allow_list_cmd(
    all_entries: Annotated[bool, typer.Option("--all", help="Include revoked entries.")] = False,
    audit: Annotated[bool, typer.Option(help="Show the audit log instead.")] = False,
) -> None:
    """List the allow-list entries (or the audit log of every change)."""
    with reported_errors():
        conn = connect()
        try:
            store.ensure_schema(conn)
            if audit:
                table = Table("at", "action", "entry", "author", "detail", title="Allow-list audit log")
                for row in store.audit_log(conn):
                    table.add_row(*(str(v) for v in row))
            else:
                table = Table("id", "query", "entity", "reason", "author", "expires", title="Allow list")
                for entry_id, e in store.allow_entries(conn, active_only=not all_entries):
                    table.add_row(
                        str(entry_id), e.query, e.entity_key, e.reason, e.author, e.expires or "never"
                    )
        finally:
            conn.close()
    console.print(table)


@allow_app.command("revoke")
def allow_revoke(
    entry_id: Annotated[int, typer.Argument(help="Entry id from `allow list`.")],
    author: Annotated[str, typer.Option(help="Who withdraws it.")],
    reason: Annotated[str, typer.Option(help="Why.")],
) -> None:
    """Withdraw an allow-list entry (it stays in the audit log)."""
    with reported_errors():
        conn = connect()
        try:
            store.ensure_schema(conn)
            store.revoke_allow(conn, entry_id, author, reason)
        finally:
            conn.close()
    console.print(f"allow-list entry {entry_id} revoked")


# The reconciliation commands live in their own module; registered here so `payments` lists them.
from interdict.cli.payments_reconcile import reconcile_cmd, report_cmd  # noqa: E402

app.command("reconcile")(reconcile_cmd)
app.command("report")(report_cmd)
