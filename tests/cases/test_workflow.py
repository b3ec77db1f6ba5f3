"""Alerts group into cases, move through their states, and every decision stays on record."""

from __future__ import annotations

import pytest

from interdict.cases import alerts, views, workflow
from interdict.cases.store import CaseStore
from interdict.core.errors import ConflictError, InputError, PermissionDenied
from tests.cases.conftest import ANALYST, AUDITOR, SUPERVISOR
from tests.cases.samples import QUERY, candidate, entity, payment_decision, taint_result


def test_alerts_about_one_subject_group_into_one_case(store: CaseStore) -> None:
    with store.write() as s:
        a1, c1, how1 = alerts.ingest(s, ANALYST, alerts.from_candidate(candidate(), QUERY, entity()))
        _a2, c2, how2 = alerts.ingest(s, ANALYST, alerts.from_candidate(candidate("ofac_sdn", "123"), QUERY))
        again = alerts.ingest(s, ANALYST, alerts.from_candidate(candidate(), QUERY, entity()))
        other = alerts.ingest(
            s, ANALYST, alerts.from_candidate(candidate(subject="subject:x", list_id="9"), QUERY)
        )
    assert (how1, how2, again[2]) == ("created", "created", "duplicate")
    assert c1 is not None and c2 is not None and c1.id == c2.id
    assert again[0] is not None and a1 is not None and again[0].id == a1.id
    assert other[1] is not None and other[1].id != c1.id
    with store.read() as s:
        detail = views.case_detail(s, c1.id)
    assert [a["source_ref"] for a in detail["alerts"]] == ["un:KPi.033", "ofac_sdn:123"]
    assert detail["alerts"][0]["payload"]["entity"]["names"][1]["full"] == "김정은"
    assert detail["alerts"][0]["explanation"]["dob"] == {"match": "exact"}


def test_payment_and_trace_alerts_link_to_their_source(store: CaseStore) -> None:
    result = taint_result()
    with store.write() as s:
        _, pcase, _ = alerts.ingest(s, ANALYST, alerts.from_payment_decision(payment_decision()))
        _, tcase, _ = alerts.ingest(s, ANALYST, alerts.from_trace_exit(result, result["exits"][0], "<svg/>"))
    assert pcase is not None and tcase is not None
    with store.read() as s:
        pay = views.case_detail(s, pcase.id)
        trace = views.case_detail(s, tcase.id)
        holds = views.list_holds(s, "pending")
    assert pay["alerts"][0]["source_ref"] == "payment:MSG-0001"
    assert pay["hold"]["state"] == "held" and holds[0]["amount"] == "81000000.00"
    assert trace["title"] == "Example Exchange"
    assert trace["alerts"][0]["explanation"]["share_of_source"] == 0.6
    assert trace["alerts"][0]["payload"]["picture"] == "<svg/>"


def _case(store: CaseStore) -> int:
    with store.write() as s:
        _, case, _ = alerts.ingest(s, ANALYST, alerts.from_candidate(candidate(), QUERY, entity()))
    assert case is not None
    return case.id


def test_states_and_corrections(store: CaseStore) -> None:
    case_id = _case(store)
    with store.write() as s:
        case = workflow.assign(s, ANALYST, case_id, "alice")
        assert case.state == "in_review" and case.version == 2
        workflow.comment(s, ANALYST, case_id, "same DOB, same nationality")
        workflow.escalate(s, ANALYST, case_id, "needs a second look")
    with pytest.raises(PermissionDenied, match="only a supervisor"), store.write() as s:
        workflow.decide(s, ANALYST, case_id, "true_match", "confirmed")
    with store.write() as s:
        decision = workflow.decide(s, SUPERVISOR, case_id, "true_match", "confirmed")
    with pytest.raises(ConflictError, match="already closed"), store.write() as s:
        workflow.decide(s, SUPERVISOR, case_id, "false_positive", "second thoughts")
    with pytest.raises(PermissionDenied), store.write() as s:
        workflow.correct(s, ANALYST, case_id, decision.id, "false_positive", "typo")
    with store.write() as s:
        workflow.correct(s, SUPERVISOR, case_id, decision.id, "false_positive", "different person")
    with store.read() as s:
        detail = views.case_detail(s, case_id)
    kinds = [e["kind"] for e in detail["events"]]
    assert kinds == ["assign", "comment", "escalate", "decision", "correction"]
    assert detail["events"][3]["value"] == "true_match"  # the original decision is still there
    assert detail["events"][4]["corrects"] == decision.id
    assert detail["state"] == "closed" and detail["outcome"] == "false_positive"


def test_roles_and_bad_input_refused(store: CaseStore) -> None:
    case_id = _case(store)
    with pytest.raises(PermissionDenied, match="auditor"), store.write() as s:
        workflow.comment(s, AUDITOR, case_id, "I only read")
    with pytest.raises(InputError, match="outcome"), store.write() as s:
        workflow.decide(s, ANALYST, case_id, "maybe", "")
    with pytest.raises(ConflictError, match="changed since"), store.write() as s:
        workflow.assign(s, ANALYST, case_id, "alice", expected_version=99)
    with store.read() as s:
        assert views.case_detail(s, case_id)["events"] == []


def test_hostile_text_is_stored_verbatim(store: CaseStore) -> None:
    case_id = _case(store)
    hostile = ["'; DROP TABLE cases; --", "<script>alert(1)</script>", "Robert'); DELETE FROM audit_log;--"]
    with store.write() as s:
        for text in hostile:
            workflow.comment(s, ANALYST, case_id, text)
    with store.read() as s:
        texts = [e["text"] for e in views.case_detail(s, case_id)["events"]]
        found = views.list_cases(s, views.CaseFilter(text="'; DROP"))
    assert texts == hostile
    assert found == []
