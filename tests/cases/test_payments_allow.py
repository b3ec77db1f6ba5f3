"""Four-eyes release of held payments, supervisor-only rejection, and allow-list entries."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import update

from interdict.cases import alerts, allow, attachments, holds, views, workflow
from interdict.cases.store import CaseStore
from interdict.cases.tables import AllowEntry
from interdict.core.errors import ConflictError, PermissionDenied
from tests.cases.conftest import ANALYST, ANALYST2, SUPERVISOR
from tests.cases.samples import QUERY, candidate, entity, payment_decision


def _hold(store: CaseStore, message_id: str = "MSG-0001") -> None:
    with store.write() as s:
        alerts.ingest(s, ANALYST, alerts.from_payment_decision(payment_decision(message_id)))


def test_release_needs_two_different_people(store: CaseStore) -> None:
    _hold(store)
    with store.write() as s:
        assert (
            holds.approve_release(s, ANALYST, "MSG-0001", "street name, not the vessel").state
            == "release_pending"
        )
    with pytest.raises(ConflictError, match="four eyes"), store.write() as s:
        holds.approve_release(s, ANALYST, "MSG-0001", "me again")
    with store.write() as s:
        hold = holds.approve_release(s, ANALYST2, "MSG-0001", "agreed")
    assert (hold.state, hold.first_approver, hold.decided_by) == ("released", "alice", "bob")
    with pytest.raises(ConflictError, match="already released"), store.write() as s:
        holds.reject(s, SUPERVISOR, "MSG-0001", "too late")
    with store.read() as s:
        case = views.case_detail(s, hold.case_id)
    assert case["state"] == "closed" and case["outcome"] == "false_positive"


def test_reject_needs_a_supervisor(store: CaseStore) -> None:
    _hold(store, "MSG-2")
    with pytest.raises(PermissionDenied, match="reject_payment"), store.write() as s:
        holds.reject(s, ANALYST, "MSG-2", "sanctioned")
    with store.write() as s:
        assert holds.reject(s, SUPERVISOR, "MSG-2", "sanctioned beneficiary").state == "rejected"
    with pytest.raises(ConflictError), store.write() as s:
        holds.approve_release(s, ANALYST, "MSG-2", "oops")


def test_allow_list_from_false_positive_suppresses_the_pair(store: CaseStore) -> None:
    with store.write() as s:
        alert, case, _ = alerts.ingest(s, ANALYST, alerts.from_candidate(candidate(), QUERY, entity()))
    assert alert is not None and case is not None
    with pytest.raises(ConflictError, match="false_positive"), store.write() as s:
        allow.allow_from_alert(s, ANALYST, alert.id, "our customer, different DOB")
    with store.write() as s:
        workflow.decide(s, ANALYST, case.id, "false_positive", "different person")
        entry = allow.allow_from_alert(s, ANALYST, alert.id, "our customer, different DOB", days=30)
    assert entry.query_form == "jong kim un" and entry.entry_key == "un:KPi.033"
    again = alerts.from_candidate(candidate(score=0.96), QUERY, entity())
    with store.write() as s:
        assert alerts.ingest(s, ANALYST, again)[2] == "allowed"
        # another listed entry is not covered by the scope
        assert (
            alerts.ingest(s, ANALYST, alerts.from_candidate(candidate("eu", "EU.1"), QUERY))[2] == "created"
        )
        s.execute(update(AllowEntry).values(expires_at=datetime.now(UTC) - timedelta(days=1)))
    with store.write() as s:
        assert alerts.ingest(s, ANALYST, again)[2] == "duplicate"  # alerts again: the earlier alert
        listed = allow.list_entries(s)
    assert listed[0]["author"] == "alice" and listed[0]["active"] is False


def test_attachments_are_stored_by_hash(store: CaseStore) -> None:
    with store.write() as s:
        _, case, _ = alerts.ingest(s, ANALYST, alerts.from_candidate(candidate(), QUERY))
        assert case is not None
        one = attachments.attach(s, ANALYST, store.data_dir, case.id, "../../etc/passport.pdf", b"%PDF-1.4 x")
        two = attachments.attach(s, ANALYST, store.data_dir, case.id, "copy.pdf", b"%PDF-1.4 x")
    assert one.sha256 == two.sha256 and one.filename == "passport.pdf"
    path = attachments.blob_path(store.data_dir, one.sha256)
    assert path.read_bytes() == b"%PDF-1.4 x"
    assert len(list(path.parent.iterdir())) == 1
    with store.read() as s:
        row, data = attachments.read(s, store.data_dir, one.id)
    assert data == b"%PDF-1.4 x" and row.size == 10
