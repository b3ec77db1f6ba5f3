"""Concurrent decisions on one case: exactly one wins, on SQLite and PostgreSQL alike."""

from __future__ import annotations

import threading

from interdict.cases import alerts, audit, holds, views, workflow
from interdict.cases.store import CaseStore
from interdict.cases.users import Actor, Role
from interdict.core.errors import ConflictError
from tests.cases.conftest import ANALYST
from tests.cases.samples import QUERY, candidate, payment_decision


def _race(n: int, work: list[object]) -> tuple[list[object], list[Exception]]:
    wins: list[object] = []
    errors: list[Exception] = []
    barrier = threading.Barrier(n)

    def run(fn: object) -> None:
        barrier.wait()
        try:
            wins.append(fn())  # type: ignore[operator]
        except Exception as exc:
            errors.append(exc)

    threads = [threading.Thread(target=run, args=(w,)) for w in work]
    for t in threads:
        t.start()
    for t in threads:
        t.join(30)
    return wins, errors


def test_parallel_decisions_one_wins(store: CaseStore) -> None:
    with store.write() as s:
        _, case, _ = alerts.ingest(s, ANALYST, alerts.from_candidate(candidate(), QUERY))
    assert case is not None
    people = [Actor(f"analyst{i}", Role.ANALYST) for i in range(6)]
    outcomes = ["true_match", "false_positive"] * 3

    def decide(actor: Actor, outcome: str) -> object:
        def go() -> object:
            with store.write() as s:
                return workflow.decide(s, actor, case.id, outcome, "race", expected_version=1).value

        return go

    wins, errors = _race(6, [decide(a, o) for a, o in zip(people, outcomes, strict=True)])
    assert len(wins) == 1, (wins, errors)
    assert len(errors) == 5 and all(isinstance(e, ConflictError) for e in errors), errors
    with store.read() as s:
        detail = views.case_detail(s, case.id)
        assert audit.verify(s).ok
    assert [e["value"] for e in detail["events"]] == wins
    assert detail["outcome"] == wins[0]


def test_parallel_second_approvals_release_once(store: CaseStore) -> None:
    with store.write() as s:
        alerts.ingest(s, ANALYST, alerts.from_payment_decision(payment_decision("MSG-R")))
        holds.approve_release(s, ANALYST, "MSG-R", "first")
    people = [Actor(f"checker{i}", Role.SUPERVISOR) for i in range(4)]

    def approve(actor: Actor) -> object:
        def go() -> object:
            with store.write() as s:
                return holds.approve_release(s, actor, "MSG-R", "second").decided_by

        return go

    wins, errors = _race(4, [approve(a) for a in people])
    assert len(wins) == 1 and len(errors) == 3, (wins, errors)
    with store.read() as s:
        assert views.list_holds(s)[0]["decided_by"] == wins[0]
        assert audit.verify(s).ok


def test_parallel_alerts_on_one_subject_share_one_case(store: CaseStore) -> None:
    def ingest(n: int) -> object:
        def go() -> object:
            with store.write() as s:
                _, case, _ = alerts.ingest(
                    s, ANALYST, alerts.from_candidate(candidate("un", f"X{n % 3}"), QUERY)
                )
                return case.id if case else None

        return go

    wins, errors = _race(6, [ingest(n) for n in range(6)])
    assert errors == [] and len(set(wins)) == 1, (wins, errors)
    with store.read() as s:
        assert len(views.list_alerts(s)) == 3
