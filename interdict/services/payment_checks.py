"""The morning-after payment checks: reconcile what was sent with the sender's own records (with
alerts per finding), and the daily report of totals, largest and unusual payments."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from interdict.services.payment_files import load_policy, read_jobs

if TYPE_CHECKING:
    from interdict.payments.controls.features import PaymentFeatures
    from interdict.payments.iso20022 import SchemaSet
    from interdict.payments.policy import Policy
    from interdict.payments.reader import ReadItem
    from interdict.payments.reconcile import Reconciliation


def _read(paths: list[str], schemas: SchemaSet) -> list[ReadItem]:
    from interdict.payments.reader import read_bytes

    return [item for data, source in read_jobs(paths) for item in read_bytes(data, source, schemas)]


@dataclass(frozen=True)
class ReconcileResult:
    """The reconciliation and, when alerts were asked for, the cases they joined."""

    result: Reconciliation
    cases: list[int] = field(default_factory=list)


def reconcile_files(paths: list[str], local: Path, mapping: list[str], alert: bool) -> ReconcileResult:
    """Compare the sent messages under `paths` with the sender's records (CSV `local`)."""
    from interdict.payments.iso20022 import default_schemas
    from interdict.payments.reconcile import reconcile
    from interdict.payments.records import parse_mapping, read_records

    records = read_records(local, parse_mapping(mapping))
    items = _read(paths, default_schemas())
    result = reconcile(items, records)
    return ReconcileResult(result, _raise(result) if alert else [])


def _raise(result: Reconciliation) -> list[int]:
    from interdict.cases.store import CaseStore
    from interdict.cases.users import Actor, Role
    from interdict.payments.reconcile_alerts import raise_alerts

    store = CaseStore()
    try:
        return raise_alerts(store, Actor("cli", Role.ADMIN), result)
    finally:
        store.close()


@dataclass(frozen=True)
class ReportRequest:
    """The sent messages, where the usual traffic comes from, and the report's settings."""

    paths: list[str]
    history: list[str] | None = None
    policy_file: Path | None = None
    factor: float = 3.0
    z: float = 5.0
    largest: int = 10


def daily_report(req: ReportRequest) -> tuple[dict[str, Any], int]:
    """The daily report (the object `payments report --json` prints) and how many things it flags."""
    from interdict.payments.controls.features import features
    from interdict.payments.daily_report import Sent, Settings, findings
    from interdict.payments.daily_report import daily_report as build
    from interdict.payments.iso20022 import default_schemas

    policy = load_policy(req.policy_file)
    schemas = default_schemas()
    items = _read(req.paths, schemas)
    now = datetime.now(UTC).replace(tzinfo=None)
    sent = [Sent(i.payment, features(i.payment, policy, now)) for i in items if i.payment is not None]
    learned = _history(req.history, policy, schemas, now)
    report = build(sent, learned, Settings(req.factor, req.z, req.largest))
    report["unreadable"] = [{"source": i.source, "type": i.raw_type} for i in items if i.payment is None]
    return report, findings(report) + len(report["unreadable"])


def _history(
    paths: list[str] | None, policy: Policy, schemas: SchemaSet, now: datetime
) -> list[PaymentFeatures]:
    from interdict.core.store import connect
    from interdict.payments import store
    from interdict.payments.controls.features import features

    if paths:
        return [features(i.payment, policy, now) for i in _read(paths, schemas) if i.payment is not None]
    conn = connect()
    try:
        store.ensure_schema(conn)
        return store.features(conn, learned_only=True)
    finally:
        conn.close()
