"""Payments screened against the real UN and OFAC lists (session index shared with the screening tests)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from interdict.core.entity import EntityKind
from interdict.core.store import connect
from interdict.lists.parsed import ParsedList
from interdict.payments.pipeline import PaymentPipeline
from interdict.payments.policy import Policy
from interdict.payments.reader import iter_files, read_bytes
from interdict.payments.screen import PaymentScreener

pytestmark = pytest.mark.shared


def test_listed_bank_as_beneficiary_institution_is_held(
    real_index: Any, un_parsed: ParsedList, payments_data: Path
) -> None:
    listed = next(
        e
        for e in un_parsed.entities
        if e.kind == EntityKind.ORGANIZATION
        and "BANK" in e.primary_name.upper()
        and len(e.primary_name) <= 35
    )
    text = (payments_data / "batch_three.fin").read_text().replace("BOB EXAMPLE", listed.primary_name.upper())
    items = list(read_bytes(text.encode(), "listed.fin"))
    policy = Policy()
    pipeline = PaymentPipeline(connect(":memory:"), PaymentScreener(real_index, policy.screening), policy)
    first = next(iter(pipeline.run(items))).decision
    assert first.decision == "hold"
    assert any(
        r.kind == "sanctions" and r.detail.get("entity") == f"un:{listed.list_id}" for r in first.reasons
    )


def test_every_shared_sample_is_decided_against_the_real_lists(real_index: Any, shared_data: Path) -> None:
    items = [i for f in iter_files([shared_data / "payments"]) for i in read_bytes(f.read_bytes(), f.name)]
    policy = Policy()
    pipeline = PaymentPipeline(connect(":memory:"), PaymentScreener(real_index, policy.screening), policy)
    decisions = [o.decision for o in pipeline.run(items)]
    assert len(decisions) == len(items) == 156
    assert {d.decision for d in decisions} <= {"release", "hold", "reject"}
    assert not any(r.message.startswith(d.source + ": internal error") for d in decisions for r in d.reasons)
    assert sum(d.decision == "release" for d in decisions) > 50  # the samples are mostly ordinary payments
