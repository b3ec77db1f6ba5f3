"""Decide a stream of read messages exactly once each: screen, run controls, decide, store.

Messages are taken in batches; a batch's already-decided messages return their stored decision,
the others are decided and then stored with their features in one transaction, and only then
yielded, so output never shows a decision that a crash could lose.
"""

from __future__ import annotations

import json
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from typing import Any

import duckdb

from interdict.core.payment import Payment
from interdict.payments import store
from interdict.payments.controls.features import PaymentFeatures, features, sender_zone
from interdict.payments.controls.profile import SenderProfile, learn
from interdict.payments.controls.rules import ControlContext, run_controls
from interdict.payments.decisions import HOLD, Decision, Reason, decide, error_decision
from interdict.payments.policy import Policy
from interdict.payments.reader import ReadItem
from interdict.payments.screen import PaymentScreener


@dataclass(frozen=True, slots=True)
class Outcome:
    """A message's decision; `new` is False when it had been decided before (not decided again)."""

    decision: Decision
    new: bool
    seconds: float  # time spent deciding it (0 for stored decisions)


# Message types that move money on the sender's behalf; the behavioural controls apply to these.
TRANSFER_TYPES = ("MT103", "MT202", "MT205", "pacs.008", "pacs.009", "pain.001")


def is_transfer(payment: Payment) -> bool:
    """True for credit transfers (not returns, statements, cancellations or free-format messages)."""
    return payment.type.startswith(TRANSFER_TYPES) and payment.amount is not None


class PaymentPipeline:
    """Screening, controls, decisions and storage for a stream of messages."""

    def __init__(
        self,
        conn: duckdb.DuckDBPyConnection,
        screener: PaymentScreener,
        policy: Policy,
        now: datetime | None = None,
        batch_size: int = 256,
    ) -> None:
        store.ensure_schema(conn)
        self.conn, self.screener, self.policy = conn, screener, policy
        self.now = now or datetime.now(UTC).replace(tzinfo=None)
        self.batch_size = batch_size
        self.profiles: dict[str, SenderProfile] = learn(store.features(conn, learned_only=True))
        self._recent: dict[str, list[PaymentFeatures]] = {}
        self._uetrs: dict[tuple[str, str, str], str] = {}

    def run(self, items: Iterable[ReadItem]) -> Iterator[Outcome]:
        """Decide every item (once), yielding outcomes in input order after they are stored."""
        batch: list[ReadItem] = []
        for item in items:
            batch.append(item)
            if len(batch) >= self.batch_size:
                yield from self._batch(batch)
                batch = []
        if batch:
            yield from self._batch(batch)

    def _batch(self, items: list[ReadItem]) -> Iterator[Outcome]:
        known = store.decided(self.conn, list({i.message_id for i in items}))
        self._load_uetrs(items)
        out: list[Outcome] = []
        pending: list[tuple[Decision, str | None, dict[str, Any] | None]] = []
        feats: list[PaymentFeatures] = []
        for item in items:
            if item.message_id in known:
                out.append(Outcome(known[item.message_id], False, 0.0))
                continue
            t0 = time.perf_counter()
            decision, feat = self.decide_item(item)
            known[item.message_id] = decision
            payment = item.payment
            pending.append(
                (decision, payment.reference if payment else None, payment.to_dict() if payment else None)
            )
            if feat is not None:
                feats.append(feat)
            out.append(Outcome(decision, True, time.perf_counter() - t0))
        store.save_batch(self.conn, pending, feats)
        yield from out

    def decide_item(self, item: ReadItem) -> tuple[Decision, PaymentFeatures | None]:
        """Decide one message; any exception gives a held decision naming it (fail closed)."""
        p = item.payment
        try:
            if p is None:
                return decide(
                    item.message_id, item.raw_type, item.source, None, item.errors, [], [], self.policy
                ), None
            hits = self.screener.screen_payment(p)
            feat = features(p, self.policy, self.now)
            debtor = p.ordering_party
            settings = self.policy.sender(
                debtor.account.value if debtor and debtor.account else None, p.sender_bic
            )
            ctrl = self.policy.controls_for(settings)
            _, weekend = sender_zone(p, settings)
            recent = self._recent_of(feat.sender)
            ctx = ControlContext(
                feat, self.profiles.get(feat.sender), tuple(recent), ctrl, weekend, tuple(settings.holidays)
            )
            results = run_controls(ctx) if is_transfer(p) else []
            actions = {name: getattr(ctrl, name) for name in (r.control for r in results)}
            decision = decide(
                p.message_id, p.type, item.source, p, item.errors, hits, results, self.policy, actions
            )
            decision = self._uetr_reuse(decision, p.uetr, p.type, p.sender_bic)
            recent.append(feat)
            return replace(decision, sender=feat.sender), feat
        except Exception as exc:  # fail closed: whatever broke, the message is held, not lost
            return error_decision(item.message_id, item.raw_type, item.source, p, exc), None

    def _recent_of(self, sender: str) -> list[PaymentFeatures]:
        found = self._recent.get(sender)
        if found is None:
            found = self._recent[sender] = store.features(self.conn, sender=sender)
        return found

    def _load_uetrs(self, items: list[ReadItem]) -> None:
        uetrs = list({i.payment.uetr for i in items if i.payment and i.payment.uetr})
        if not uetrs:
            return
        marks = ",".join("?" * len(uetrs))
        rows = self.conn.execute(
            f"SELECT uetr, type, source, message_id, parties FROM payment_decisions WHERE uetr IN ({marks})",
            uetrs,
        ).fetchall()
        for uetr, kind, _source, mid, parties in rows:
            bic = next((p.get("bic", "") for p in json.loads(parties) if p.get("role") == "sender"), "")
            self._uetrs.setdefault((uetr, kind, bic), mid)

    def _uetr_reuse(self, d: Decision, uetr: str | None, kind: str, sender: str | None) -> Decision:
        """Hold a message whose UETR, type and sender were already used by a different message."""
        if not uetr:
            return d
        key = (uetr, kind, sender or "")
        other = self._uetrs.setdefault(key, d.message_id)
        if other == d.message_id:
            return d
        why = Reason(
            "duplicate", HOLD, f"UETR {uetr} already used by {kind} message {other} with different content"
        )
        return replace(d, decision=HOLD if d.decision != "reject" else d.decision, reasons=(*d.reasons, why))
