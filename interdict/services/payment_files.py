"""Payment use cases from the command line: screen message files against the local store's lists,
learn sender history, look up a decision, and the payments allow list (good-guy entries)."""

from __future__ import annotations

import gc
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from interdict.core.errors import InputError

if TYPE_CHECKING:
    from interdict.core.state_sink import StateSink
    from interdict.core.store import Connection
    from interdict.payments.decisions import Decision
    from interdict.payments.pipeline import Outcome, PaymentPipeline
    from interdict.payments.policy import Policy
    from interdict.screening import AllowEntry

__all__ = [
    "Decision", "LearnResult", "Outcome", "PaymentPipeline", "Policy", "add_allow", "allow_audit_log",
    "allow_entries", "decide", "decision_row", "default_workers", "find_decision", "learn_history",
    "load_policy", "parse_day", "payment_pipeline", "read_jobs", "revoke_allow",
]

# Below this much input, starting worker processes costs more than it saves.
PARALLEL_MIN_BYTES = 256 * 1024


def load_policy(path: Path | None) -> Policy:
    """The payment policy (YAML or TOML file; default: the built-in one)."""
    from interdict.payments.policy import load_policy as load

    return load(path)


def read_jobs(paths: list[str]) -> list[tuple[bytes, str]]:
    """The bytes and source name of every named file and message file in named folders (`-` is
    standard input); a missing path is an input error before anything is read."""
    from interdict.payments.reader import iter_files

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


def default_workers(jobs: list[tuple[bytes, str]]) -> int:
    """Every core for a large, mostly ISO 20022 input; one process otherwise.

    Measured on 2 shared cores (docs/benchmarks.md): worker processes gain ~15 % on pacs.008
    (XML parsing and XSD validation move off the deciding process) but lose ~30 % on MT103, whose
    parsing is cheap next to sending each message between processes."""
    size = sum(len(data) for data, _ in jobs)
    xml = sum(len(data) for data, _ in jobs if data.lstrip()[:1] == b"<")
    return (os.cpu_count() or 1) if size >= PARALLEL_MIN_BYTES and 2 * xml > size else 1


def parse_day(text: str | None) -> date | None:
    """The `--date` option: the date of 13C times in messages that carry no date of their own."""
    try:
        return date.fromisoformat(text) if text else None
    except ValueError as exc:
        raise InputError("--date", None, f"expected YYYY-MM-DD, got {text!r}") from exc


@contextmanager
def payment_pipeline(
    policy: Policy, now: str | None, on_date: str | None = None
) -> Iterator[PaymentPipeline]:
    """The deciding pipeline over the local store and the index of its active lists, closed after.

    The store is waited for `$INTERDICT_LOCK_WAIT` (15 s) while a list load holds it, then a one-line
    error (exit 2) before anything is decided. Every decision is recorded in the keyed audit chain
    (the case store), which also vouches for repeats."""
    from interdict.cases.audit_external import ChainSink
    from interdict.cases.store import CaseStore
    from interdict.core.store import connect, lock_wait
    from interdict.lists.activation import default_actor

    day = parse_day(on_date)
    cases = CaseStore()
    try:
        conn = connect(wait=lock_wait())
        try:
            yield _pipeline(conn, policy, now, day, ChainSink(cases, default_actor()))
        finally:
            conn.close()
            gc.unfreeze()  # undo the freeze of `_pipeline` (matters when run in-process, e.g. tests)
    finally:
        cases.close()


def _pipeline(
    conn: Connection, policy: Policy, now: str | None, on_date: date | None = None,
    audit: StateSink | None = None,
) -> PaymentPipeline:
    from interdict.payments.pipeline import open_pipeline
    from interdict.screening import load_index

    index = load_index(conn)
    # The index is large and read-only: keep the cyclic garbage collector from re-scanning it on
    # every collection (it otherwise costs more than parsing the messages).
    gc.freeze()
    when = datetime.fromisoformat(now).astimezone(UTC).replace(tzinfo=None) if now else None
    return open_pipeline(conn, index, policy, now=when, on_date=on_date, audit=audit)


def decide(
    jobs: list[tuple[bytes, str]], pipeline: PaymentPipeline, workers: int
) -> tuple[Iterator[Outcome], int | None]:
    """The outcome of every message, in order, and their number when known beforehand (not with
    worker processes, which read the files themselves)."""
    from interdict.payments.iso20022 import default_schemas
    from interdict.payments.parallel import screen_parallel
    from interdict.payments.reader import read_bytes

    schemas = default_schemas()
    if workers > 1:
        found = screen_parallel(jobs, pipeline.screener, schemas, workers)
        return pipeline.run_screened((s.item, s.hits) for s in found), None
    items = [item for data, source in jobs for item in read_bytes(data, source, schemas)]
    return pipeline.run(items), len(items)


def decision_row(outcome: Outcome) -> dict[str, Any]:
    """One line of `payments screen --json` / `--out`."""
    return {**outcome.decision.to_dict(), "repeat": not outcome.new}


@dataclass(frozen=True)
class LearnResult:
    """What `learn` added: new payments, already known ones, senders, unreadable messages."""

    added: int
    known: int
    senders: int
    skipped: int


def learn_history(paths: list[str], policy_file: Path | None, on_date: str | None = None) -> LearnResult:
    """Learn each sender's usual beneficiaries, countries, banks, amounts and hours from past payments."""
    from interdict.core.store import connect, lock_wait
    from interdict.payments import store
    from interdict.payments.controls.features import features
    from interdict.payments.iso20022 import default_schemas
    from interdict.payments.reader import read_bytes

    policy = load_policy(policy_file)
    schemas = default_schemas()
    items = [item for data, source in read_jobs(paths) for item in read_bytes(data, source, schemas)]
    now = datetime.now(UTC).replace(tzinfo=None)
    day = parse_day(on_date)
    feats = [features(i.payment, policy, now, day) for i in items if i.payment is not None]
    conn = connect(wait=lock_wait())
    try:
        store.ensure_schema(conn)
        added = store.add_history(conn, feats)
    finally:
        conn.close()
    skipped = sum(1 for i in items if i.payment is None)
    return LearnResult(added, len(feats) - added, len({f.sender for f in feats}), skipped)


@contextmanager
def _payments_store() -> Iterator[Connection]:
    from interdict.core.store import connect, lock_wait
    from interdict.payments import store

    conn = connect(wait=lock_wait())
    try:
        store.ensure_schema(conn)
        yield conn
    finally:
        conn.close()


def find_decision(message: str) -> tuple[Decision, dict[str, Any] | None]:
    """A decided message (by message id, UETR or reference) and its parsed payment."""
    from interdict.payments import store

    with _payments_store() as conn:
        return store.find(conn, message)


def add_allow(query: str, entity: str, reason: str, author: str, expires: str | None) -> int:
    """Suppress one false positive (this text x this listed entity); answers the entry's id."""
    from interdict.payments.storage import allow as allow_store
    from interdict.screening import AllowEntry

    if expires is not None:
        try:
            date.fromisoformat(expires)
        except ValueError as exc:
            raise InputError("command line", "--expires", f"expected YYYY-MM-DD, got {expires!r}") from exc
    with _payments_store() as conn:
        return allow_store.add_allow(conn, AllowEntry(query, entity, reason, author, expires))


def allow_entries(active_only: bool) -> list[tuple[int, AllowEntry]]:
    """The allow-list entries with their ids (only the active ones, or all)."""
    from interdict.payments.storage import allow as allow_store

    with _payments_store() as conn:
        return list(allow_store.allow_entries(conn, active_only=active_only))


def allow_audit_log() -> list[tuple[Any, ...]]:
    """Every change of the allow list: at, action, entry, author, detail."""
    from interdict.payments.storage import allow as allow_store

    with _payments_store() as conn:
        return [tuple(row) for row in allow_store.audit_log(conn)]


def revoke_allow(entry_id: int, author: str, reason: str) -> None:
    """Withdraw an allow-list entry (it stays in the audit log)."""
    from interdict.payments.storage import allow as allow_store

    with _payments_store() as conn:
        allow_store.revoke_allow(conn, entry_id, author, reason)
