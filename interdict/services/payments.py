"""Payment use cases: screen a file of messages against the active list versions, raise alerts."""

from __future__ import annotations

import time
from typing import TYPE_CHECKING, Any

from interdict.core.errors import ConflictError, InputError
from interdict.services._lock import DUCKDB_LOCK
from interdict.services.screening import Engines, allow_entries

if TYPE_CHECKING:
    from interdict.cases.users import Actor
    from interdict.core.store import Connection


def screen_messages(
    eng: Engines, actor: Actor, data: bytes, source: str, *, alert: bool = True
) -> dict[str, Any]:
    """Decide every message in `data` (SWIFT MT or ISO 20022) once per list versions; held ones
    become alerts. The same reader (with the same XSD validation) as `interdict payments screen`.

    The store is written under the process's DuckDB lock (and DuckDB's file lock) only to screen,
    decide and store: reading and validating the messages, and the alerts, happen outside it."""
    from interdict.cases.audit_external import ChainSink
    from interdict.payments.pipeline import open_pipeline
    from interdict.payments.policy import load_policy
    from interdict.payments.reader import read_bytes

    items = list(read_bytes(data, source))
    if not items:
        raise InputError(source, None, "no SWIFT MT or ISO 20022 message found in the request body")
    policy = load_policy(None)
    # Good-guy entries made in cases apply to payments too, beside the payments store's own.
    extra = allow_entries(eng.store)
    with DUCKDB_LOCK:
        conn = _connect_for_writing(source)
        try:
            # The index of the versions active in this very connection's view of the store.
            index, lists = eng.current_for(conn)
            # Every decision goes into the keyed audit chain; a stored one is a repeat only if sealed.
            audit = ChainSink(eng.store, actor.name)
            pipeline = open_pipeline(conn, index, policy, extra_allow=extra, lists=lists, audit=audit)
            outcomes = list(pipeline.run(items))
        finally:
            conn.close()
    decisions = []
    for item, outcome in zip(items, outcomes, strict=True):
        row = outcome.decision.to_dict()
        payment = item.payment
        if payment is not None and payment.amount is not None:
            row["amount"], row["currency"] = str(payment.amount), payment.currency
        row["new"] = outcome.new
        # A repeat: the stored decision on this content, made against these same list versions.
        row["repeat"] = not outcome.new
        decisions.append(row)
    cases = hold_alerts(eng, actor, decisions) if alert else []
    return {"decisions": decisions, "cases": cases, "list_versions": lists.to_dict()}


def _connect_for_writing(source: str, wait: float = 5.0) -> Connection:
    """A read-write connection to the store, waiting a little while another process (a list load)
    holds it; then a conflict: a payment is never decided on versions that cannot be confirmed."""
    from interdict.core.store import connect, is_lock_conflict

    deadline = time.monotonic() + wait
    while True:
        try:
            return connect()
        except Exception as exc:
            if not is_lock_conflict(exc):
                raise
            if time.monotonic() >= deadline:
                raise ConflictError(
                    f"{source}: the store is being written by another process (a list load?): "
                    "nothing was decided; send the messages again"
                ) from exc
            time.sleep(0.1)


def hold_alerts(eng: Engines, actor: Actor, decisions: list[dict[str, Any]]) -> list[int]:
    """An alert for every decision that is not a release; answers the ids of the cases they joined."""
    from interdict.cases import alerts

    cases: list[int] = []
    with eng.store.write() as session:
        for row in decisions:
            if row["decision"] == "release":
                continue
            _, case, _ = alerts.ingest(session, actor, alerts.from_payment_decision(row))
            if case is not None and case.id not in cases:
                cases.append(case.id)
    return cases
