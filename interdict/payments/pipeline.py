"""Decide a stream of read messages exactly once each: screen, run controls, decide, store.

Messages are taken in batches; a batch's already-decided messages return their stored decision
when it was made against the active list versions (a repeat), and are decided again otherwise (a
decision never outlives the lists it was screened against); the others are decided and then stored
with their features in one transaction, and only then yielded, so output never shows a decision
that a crash could lose.
"""

from __future__ import annotations

import json
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta
from typing import Any

import duckdb

from interdict.core.errors import NotFoundError
from interdict.core.payment import Payment
from interdict.core.state_sink import StateSink
from interdict.payments import store
from interdict.payments.controls.features import PaymentFeatures, features, sender_key, sender_zone
from interdict.payments.controls.profile import SenderProfile, learn
from interdict.payments.controls.rules import ControlContext, run_controls
from interdict.payments.decisions import HOLD, Decision, Reason, decide, error_decision, payment_record
from interdict.payments.policy import ControlSettings, Policy
from interdict.payments.reader import ReadItem
from interdict.payments.screen import Hit, PaymentScreener
from interdict.payments.versions import NO_LISTS, ListState, list_state
from interdict.screening import AllowEntry, AllowList, ScreeningIndex


@dataclass(frozen=True, slots=True)
class Outcome:
    """A message's decision; `new` is False when it had been decided before against the same list
    versions (a repeat: the stored decision, not decided again)."""

    decision: Decision
    new: bool
    seconds: float  # time spent deciding it and its share of the batch's store (0 for stored decisions)


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
        lists: ListState = NO_LISTS,
        audit: StateSink | None = None,
    ) -> None:
        store.ensure_schema(conn)
        self.conn, self.screener, self.policy = conn, screener, policy
        self.audit = audit  # where decisions are recorded and their seals checked (the audit chain)
        self.lists = lists
        self.now = now or datetime.now(UTC).replace(tzinfo=None)
        self.batch_size = batch_size
        self.profiles: dict[str, SenderProfile] = learn(store.features(conn, learned_only=True))
        self._recent: dict[str, list[PaymentFeatures]] = {}
        self._loaded_since: dict[str, datetime] = {}
        self._uetrs: dict[tuple[str, str, str], str] = {}

    def run(self, items: Iterable[ReadItem]) -> Iterator[Outcome]:
        """Decide every item (once), yielding outcomes in input order after they are stored."""
        return self.run_screened((item, None) for item in items)

    def run_screened(self, pairs: Iterable[tuple[ReadItem, list[Hit] | None]]) -> Iterator[Outcome]:
        """As `run`, for items whose screening hits were already found (by worker processes);
        None means "not screened yet" and the item is screened here."""
        batch: list[tuple[ReadItem, list[Hit] | None]] = []
        for item in pairs:
            batch.append(item)
            if len(batch) >= self.batch_size:
                yield from self._batch(batch)
                batch = []
        if batch:
            yield from self._batch(batch)

    def _batch(self, pairs: list[tuple[ReadItem, list[Hit] | None]]) -> Iterator[Outcome]:
        items = [item for item, _ in pairs]
        stored = store.decided(self.conn, list({i.message_id for i in items}), self.audit)
        # A stored decision stands only for the list versions it was screened against.
        known = {k: d for k, d in stored.items() if d.list_versions == self.lists.versions}
        renewed = set(stored) - set(known)
        self._load_uetrs(items)
        self._preload_recent([i.payment for i in items if i.payment and i.message_id not in known])
        out: list[Outcome] = []
        pending: list[tuple[Decision, str | None, dict[str, Any] | None]] = []
        feats: list[PaymentFeatures] = []
        for item, hits in pairs:
            if item.message_id in known:
                out.append(Outcome(known[item.message_id], False, 0.0))
                continue
            t0 = time.perf_counter()
            decision, feat = self.decide_item(item, hits)
            decision = replace(decision, list_versions=self.lists.versions)
            known[item.message_id] = decision
            payment = item.payment
            pending.append(
                (
                    decision,
                    payment.reference if payment else None,
                    payment_record(payment) if payment else None,
                )
            )
            if feat is not None:
                feats.append(feat)
            out.append(Outcome(decision, True, time.perf_counter() - t0))
        t0 = time.perf_counter()
        store.save_batch(self.conn, pending, feats, renewed, self.audit)
        share = (time.perf_counter() - t0) / max(len(pending), 1)
        yield from (replace(o, seconds=o.seconds + share) if o.new else o for o in out)

    def decide_item(
        self, item: ReadItem, found: list[Hit] | None = None
    ) -> tuple[Decision, PaymentFeatures | None]:
        """Decide one message (screening it unless its hits are given); any exception gives a held
        decision naming it (fail closed)."""
        p = item.payment
        try:
            if p is None:
                return decide(
                    item.message_id, item.raw_type, item.source, None, item.errors, [], [], self.policy
                ), None
            hits = self.screener.screen_payment(p) if found is None else found
            feat = features(p, self.policy, self.now)
            debtor = p.ordering_party
            settings = self.policy.sender(
                debtor.account.value if debtor and debtor.account else None, p.sender_bic
            )
            ctrl = self.policy.controls_for(settings)
            _, weekend = sender_zone(p, settings)
            recent = self._recent_of(feat, ctrl)
            ctx = ControlContext(
                feat, self.profiles.get(feat.sender), tuple(recent), ctrl, weekend, tuple(settings.holidays)
            )
            transfer = is_transfer(p)
            results = run_controls(ctx) if transfer else []
            decision = decide(
                p.message_id, p.type, item.source, p, item.errors, hits, results, self.policy, ctrl
            )
            decision = self._uetr_reuse(decision, p.uetr, p.type, p.sender_bic)
            if not transfer:  # statements, returns and free text do not count as the sender's payments
                return replace(decision, sender=feat.sender), None
            recent.append(feat)
            return replace(decision, sender=feat.sender), feat
        except Exception as exc:  # fail closed: whatever broke, the message is held, not lost
            return error_decision(item.message_id, item.raw_type, item.source, p, exc), None

    def _preload_recent(self, payments: list[Payment]) -> None:
        """Load the recent activity of the batch's new senders in one query (one per sender is slow)."""
        senders = list({sender_key(p) for p in payments} - set(self._recent))
        if not senders:
            return
        times = [p.created_at.replace(tzinfo=None) if p.created_at else self.now for p in payments]
        # Local times may be up to 14 h off UTC: start a day earlier than any window needs.
        since = min(times) - timedelta(hours=max(48.0, 2 * self.policy.controls.near_duplicate_hours) + 24)
        for s in senders:
            self._recent[s], self._loaded_since[s] = [], since
        for f in store.features(self.conn, senders=senders, since=since):
            self._recent[f.sender].append(f)

    def _recent_of(self, feat: PaymentFeatures, ctrl: ControlSettings) -> list[PaymentFeatures]:
        """The sender's payments that the time-window controls may need for this payment: loaded
        from the store once per sender (only the look-back window), then kept and pruned in memory."""
        lookback = timedelta(
            hours=max(48.0, 2 * ctrl.near_duplicate_hours, ctrl.velocity_window_minutes / 60)
        )
        since = feat.ts - lookback
        loaded = self._loaded_since.get(feat.sender)
        found = self._recent.get(feat.sender)
        if found is None or loaded is None or since < loaded:
            found = self._recent[feat.sender] = store.features(self.conn, sender=feat.sender, since=since)
            self._loaded_since[feat.sender] = since
        elif len(found) > 512:  # keep the window small: controls scan it for every payment
            found[:] = [r for r in found if r.ts >= since]
            self._loaded_since[feat.sender] = since
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


def open_pipeline(
    conn: duckdb.DuckDBPyConnection,
    index: ScreeningIndex,
    policy: Policy,
    *,
    extra_allow: Iterable[AllowEntry] = (),
    now: datetime | None = None,
    lists: ListState | None = None,
    audit: StateSink | None = None,
) -> PaymentPipeline:
    """A pipeline over the decision store `conn`, screening against `index` (never an empty one).

    `lists` are the list versions `index` was built from (default: the active versions in the
    store of `conn`, which is right when the index was just loaded from it); every decision records
    them; `audit` (the audit chain) records each one and vouches for repeats. The payments store's
    own allow-list applies, plus `extra_allow` (e.g. good-guy entries made in the case store), so
    every interface screens a payment the same way.
    """
    if len(index) == 0:
        raise NotFoundError(
            "no sanctions lists loaded: run `interdict lists load PATH` first (payments are "
            "never released unscreened)"
        )
    store.ensure_schema(conn)
    allow = AllowList([*store.allow_list(conn).entries, *extra_allow])
    state = lists if lists is not None else list_state(conn)
    screener = PaymentScreener(index, policy.screening, allow)
    return PaymentPipeline(conn, screener, policy, now=now, lists=state, audit=audit)
