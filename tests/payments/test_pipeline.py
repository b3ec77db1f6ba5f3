"""Decisions, fail-closed behaviour, idempotent storage, history and the audited allow list."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import pytest

from interdict.core.store import connect
from interdict.payments import store
from interdict.payments.controls.features import features
from interdict.payments.iso20022 import SchemaSet
from interdict.payments.policy import ControlSettings, Policy
from interdict.payments.reader import ReadItem, iter_files, read_bytes
from interdict.payments.storage import allow as allow_store
from interdict.screening import AllowEntry
from tests.payments.conftest import PipelineFactory


def _items(folder: Path, schemas: SchemaSet | None = None) -> list[ReadItem]:
    return [i for f in iter_files([folder]) for i in read_bytes(f.read_bytes(), f.name, schemas)]


@pytest.mark.shared
def test_every_message_decided_once_and_again_without_duplicates(
    make_pipeline: PipelineFactory, payments_data: Path, tmp_path: Path, schemas: SchemaSet
) -> None:
    items = _items(payments_data, schemas)
    db = tmp_path / "p.duckdb"
    conn = connect(db)
    first = list(make_pipeline(conn=conn).run(items))
    conn.close()
    assert len(first) == len(items) and all(o.new for o in first)
    broken = [o.decision for o in first if o.decision.source.startswith("broken_")]
    assert broken and all(d.decision == "hold" and d.reasons[0].kind == "error" for d in broken)
    conn = connect(db)
    again = list(make_pipeline(conn=conn).run(items + items))
    assert not any(o.new for o in again)
    assert [o.decision.decision for o in again[: len(items)]] == [o.decision.decision for o in first]
    (count,) = conn.execute("SELECT count(*) FROM payment_decisions").fetchone()  # type: ignore[misc]
    assert count == len({i.message_id for i in items})


def test_fail_closed_on_a_control_error(make_pipeline: PipelineFactory, payments_data: Path) -> None:
    broken_policy = Policy(controls=ControlSettings(business_hours="nine to five"))
    [item] = _items(payments_data / "pacs008_unstructured.xml")
    [outcome] = make_pipeline(policy=broken_policy).run([item])
    d = outcome.decision
    assert d.decision == "hold"
    assert d.reasons[0].kind == "error" and "business_hours 'nine to five'" in d.reasons[0].message
    assert d.parties  # the parsed parties are kept for the reviewer


def test_unreadable_message_is_held_never_released(
    make_pipeline: PipelineFactory, payments_data: Path
) -> None:
    [item] = _items(payments_data / "broken_unterminated.fin")
    [outcome] = make_pipeline().run([item])
    assert outcome.decision.decision == "hold" and "'-}'" in outcome.decision.reasons[0].message


def test_uetr_reused_by_a_different_message_is_held(
    make_pipeline: PipelineFactory, payments_data: Path
) -> None:
    text = (payments_data / "mt103_all_options.fin").read_text()
    changed = text.replace(":32A:261124EUR12345,67", ":32A:261124EUR99345,67")
    items = [*read_bytes(text.encode(), "a.fin"), *read_bytes(changed.encode(), "b.fin")]
    a, b = (o.decision for o in make_pipeline().run(items))
    assert a.message_id != b.message_id
    assert b.decision == "hold" and any(r.kind == "duplicate" for r in b.reasons)


def test_learned_history_drives_the_controls(make_pipeline: PipelineFactory, payments_data: Path) -> None:
    [item] = _items(payments_data / "pacs008_unstructured.xml")
    assert item.payment is not None
    conn = connect(":memory:")
    store.ensure_schema(conn)
    f = features(item.payment, Policy(), datetime(2026, 11, 24))
    # History: the same sender paid one known US supplier, never this Philippine individual.
    from dataclasses import replace

    past = [
        replace(
            f,
            message_id=f"old{n}",
            bene_name="ACME SUPPLIES LTD",
            bene_account="42",
            bene_country="US",
            bank="CHASUS33",
            individual=False,
            uetr=f"u{n}",
            amount=1000.0 + n,
        )
        for n in range(12)
    ]
    assert store.add_history(conn, past) == 12
    assert store.add_history(conn, past) == 0  # idempotent
    [outcome] = make_pipeline(conn=conn).run([item])
    fired = {r.detail.get("control") for r in outcome.decision.reasons if r.kind == "control"}
    assert {"new_beneficiary", "new_country", "new_bank", "individual_from_institutional_account"} <= fired
    assert outcome.decision.decision == "hold"


def test_allow_list_store_and_audit(tmp_path: Path) -> None:
    conn = connect(tmp_path / "a.duckdb")
    store.ensure_schema(conn)
    entry = AllowEntry("JUPITER STREET BRANCH", "test:JUP", "branch street", "analyst.kim", "2027-06-30")
    entry_id = allow_store.add_allow(conn, entry)
    [(got_id, got)] = allow_store.allow_entries(conn)
    assert got_id == entry_id and got.reason == "branch street" and got.expires == "2027-06-30"
    assert allow_store.allow_list(conn, today=date(2026, 11, 24)).lookup("JUPITER STREET BRANCH", "test:JUP")
    allow_store.revoke_allow(conn, entry_id, "lead.ana", "branch closed")
    assert allow_store.allow_entries(conn) == []
    assert len(allow_store.allow_entries(conn, active_only=False)) == 1
    log = allow_store.audit_log(conn)
    assert [(row[1], row[3]) for row in log] == [("add", "analyst.kim"), ("revoke", "lead.ana")]
