"""Continuous screening's side of the case store: an alert per new hit, and a note (or a close) on
the case of a hit that no longer stands.

A new hit's alert carries the subject's id and the entry's content fingerprint in its query, so that
the case store's de-duplication (same source, entry and query: the same alert) lets a changed entry
raise a fresh alert while a repeat of the same hit adds nothing. A hit that no longer stands gets a
comment on its case; a case whose every alert no longer stands, and that nobody decided yet, is
closed as `not_relevant` with the reason (a decided case is left as the reviewer decided it).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from typing import TYPE_CHECKING

from sqlalchemy import select

from interdict.cases import alerts, workflow
from interdict.cases.tables import Alert, Case
from interdict.cases.users import Actor, Role

# The re-screen raises alerts and notes on cases as an analyst would; its name in the audit trail.
RESCREEN = Actor("rescreen", Role.ANALYST)

if TYPE_CHECKING:
    from interdict.cases.store import CaseStore
    from interdict.core.entity import Entity
    from interdict.subjects.model import Subject
    from interdict.subjects.rescreen import Closed, FoundHit, HitKey


def raise_alerts(store: CaseStore, hits: Sequence[tuple[FoundHit, Subject, Entity | None]]
                 ) -> list[tuple[HitKey, int]]:
    """An alert per new hit (joining its listed subject's open case); answers the alert ids."""
    out: list[tuple[HitKey, int]] = []
    with store.write() as session:
        for hit, subject, entity in hits:
            item = alerts.from_candidate(hit.candidate, subject.query(), entity.to_dict() if entity else None)
            query = {**item.query, "subject_id": subject.id, "entry_fingerprint": hit.fingerprint}
            alert, _, _ = alerts.ingest(session, RESCREEN, dataclasses.replace(item, query=query))
            if alert is not None:
                out.append((hit.key, alert.id))
    return out


def withdraw(store: CaseStore, closed: Sequence[Closed], withdrawn: set[int], run: int) -> int:
    """Note on each case that its hit no longer stands; close a case none of whose alerts stands.

    `withdrawn` holds every alert id whose hit no longer stands (this run's and earlier). Answers
    how many cases were closed."""
    by_case: dict[int, list[Closed]] = {}
    closed_cases = 0
    with store.write() as session:
        for c in closed:
            alert = session.get(Alert, c.alert_id) if c.alert_id is not None else None
            if alert is not None:
                by_case.setdefault(alert.case_id, []).append(c)
        for case_id, items in by_case.items():
            case = session.get(Case, case_id)
            if case is None or case.state == "closed":
                continue
            text = "; ".join(f"subject {c.subject_id}: {c.list}:{c.entry_id} {c.why}" for c in items)
            workflow.comment(session, RESCREEN, case_id, f"Re-screen run {run}: {text}.")
            ids = session.execute(select(Alert.id).where(Alert.case_id == case_id)).scalars().all()
            # An escalated case waits for a supervisor, whatever the lists say now.
            if case.state != "escalated" and all(i in withdrawn for i in ids):
                workflow.decide(session, RESCREEN, case_id, "not_relevant",
                                f"Re-screen run {run}: no alert of this case stands any more ({text}).")
                closed_cases += 1
    return closed_cases
