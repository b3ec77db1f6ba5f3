"""The payments and tracing engines behind the API: they read and write the local DuckDB store.

DuckDB allows one read-write connection per file and process, so every use here (and the list
status) is serialised by one lock and closes its connection at once; the screening index itself
is held in memory and needs no connection.
"""

from __future__ import annotations

import time
from typing import Any

import duckdb

from interdict.api.engines import DUCKDB_LOCK, Engines, allow_entries
from interdict.cases import alerts
from interdict.cases.users import Actor
from interdict.core.errors import ConflictError, InputError


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
    cases = _hold_alerts(eng, actor, decisions) if alert else []
    return {"decisions": decisions, "cases": cases, "list_versions": lists.to_dict()}


def _connect_for_writing(source: str, wait: float = 5.0) -> duckdb.DuckDBPyConnection:
    """A read-write connection to the store, waiting a little while another process (a list load)
    holds it; then a conflict: a payment is never decided on versions that cannot be confirmed."""
    from interdict.core.store import connect

    deadline = time.monotonic() + wait
    while True:
        try:
            return connect()
        except duckdb.IOException as exc:
            if "lock" not in str(exc).lower():
                raise
            if time.monotonic() >= deadline:
                raise ConflictError(
                    f"{source}: the store is being written by another process (a list load?): "
                    "nothing was decided; send the messages again"
                ) from exc
            time.sleep(0.1)


def _hold_alerts(eng: Engines, actor: Actor, decisions: list[dict[str, Any]]) -> list[int]:
    cases: list[int] = []
    with eng.store.write() as session:
        for row in decisions:
            if row["decision"] == "release":
                continue
            _, case, _ = alerts.ingest(session, actor, alerts.from_payment_decision(row))
            if case is not None and case.id not in cases:
                cases.append(case.id)
    return cases


def trace_taint(
    eng: Engines, actor: Actor, sources: list[str], policy: str, max_hops: int, alert: bool
) -> dict[str, Any]:
    """Forward taint from the sources (as `trace taint --json`) with its flow picture; exits may alert."""
    from interdict.core.store import connect
    from interdict.tracing import report
    from interdict.tracing.follow import base_unit, taint_from
    from interdict.tracing.ledger import DECIMALS, open_ledger
    from interdict.tracing.policy import Cutoffs, TaintPolicy
    from interdict.tracing.render import flow_svg

    with DUCKDB_LOCK:
        conn = connect()
        try:
            led = open_ledger(conn)
        finally:
            conn.close()
    res, asset = taint_from(led, sources, TaintPolicy(policy), Cutoffs(max_hops=max_hops))
    result: dict[str, Any] = report.taint_json(res, led.tags, base_unit(asset))
    picture = flow_svg(res, led.tags, DECIMALS.get(asset, 0))
    if alert and result.get("exits"):
        cases: list[int] = []
        with eng.store.write() as session:
            for exit_ in result["exits"]:
                _, case, _ = alerts.ingest(session, actor, alerts.from_trace_exit(result, exit_, picture))
                if case is not None and case.id not in cases:
                    cases.append(case.id)
        result["cases"] = cases
    return result


def address_tags(address: str) -> list[dict[str, Any]]:
    """Tracing tags (TagPacks, OFAC addresses) on one address, if the tracing store has any."""
    from interdict.core import config
    from interdict.core.store import connect
    from interdict.tracing import store as trace_store
    from interdict.tracing.tags import TagIndex, tag_to_json

    if not config.database_path().exists():
        return []
    with DUCKDB_LOCK:
        conn = connect(read_only=True)
        try:
            index = TagIndex(trace_store.load_tags(conn, [address]))
        except duckdb.Error:
            return []  # no tracing data loaded in this store
        finally:
            conn.close()
    return [tag_to_json(t) for t in index.lookup(address)]
