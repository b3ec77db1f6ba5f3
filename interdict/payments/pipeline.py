"""Decide a stream of read messages exactly once each: screen, run controls, decide, store.

Messages are taken in batches; a batch's already-decided messages return their stored decision
when it was made against the active list versions (a repeat), and are decided again otherwise (a
decision never outlives the lists it was screened against); the others are decided and then stored
with their features in one transaction, and only then yielded, so output never shows a decision
that a crash could lose.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, timedelta
from typing import Any

from interdict.core.errors import NotFoundError
from interdict.core.payment import Payment
from interdict.core.state_sink import StateSink
from interdict.core.store import Connection
from interdict.payments import store
from interdict.payments.controls.features import PaymentFeatures, features, sender_zone
from interdict.payments.controls.rules import ControlContext, run_controls
from interdict.payments.controls.state import ControlState, SenderActivity, StateSource
from interdict.payments.decisions import (
    HOLD,
    RELEASE,
    Decision,
    Reason,
    decide,
    error_decision,
    payment_record,
)
from interdict.payments.policy import Policy
from interdict.payments.reader import ReadItem
from interdict.payments.screen import Hit, PaymentScreener
from interdict.payments.storage import allow as allow_store
from interdict.payments.storage.state import DuckState
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
    """Screening, controls, decisions and storage for a stream of messages.

    The controls run on each payment's event time (`event_time`), in event order within a batch,
    against per-sender state (`controls.state`) loaded once per sender through a `StateSource`
    (the store's `DuckState`) and then kept incrementally; outcomes keep the input order."""

    def __init__(
        self,
        conn: Connection,
        screener: PaymentScreener,
        policy: Policy,
        now: datetime | None = None,
        batch_size: int = 256,
        lists: ListState = NO_LISTS,
        on_date: date | None = None,
        source: StateSource | None = None,
        audit: StateSink | None = None,
    ) -> None:
        store.ensure_schema(conn)
        self.conn, self.screener, self.policy = conn, screener, policy
        self.audit = audit  # where decisions are recorded and their seals checked (the audit chain)
        self.lists = lists
        self.now = now or datetime.now(UTC).replace(tzinfo=None)
        self.on_date = on_date  # the date of 13C times in messages that carry no date of their own
        self.batch_size = batch_size
        self.state = ControlState(
            source or DuckState(conn), _horizon(policy), policy.controls.velocity_window_minutes
        )
        self._uetrs: dict[tuple[str, str, str], str] = {}
        # Seconds per stage over the pipeline's life (benchmarks/payments.py prints them). The
        # benchmark sets `clock` to time.thread_time (CPU time: other jobs do not inflate it); it
        # is a system call of ~5 us, too dear to pay on every message by default.
        self.clock: Callable[[], float] = time.perf_counter
        self.timings = {
            "features": 0.0,
            "state load": 0.0,
            "screen": 0.0,
            "controls+decision": 0.0,
            "store": 0.0,
        }

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
        t0 = self.clock()
        stored = store.decided(self.conn, list({i.message_id for i in items}), self.audit)
        # A stored decision stands only for the list versions it was screened against.
        known = {k: d for k, d in stored.items() if d.list_versions == self.lists.versions}
        renewed = set(stored) - set(known)
        self._load_uetrs(items)
        t1 = self.clock()
        prepared = [self._prepare(item) if item.message_id not in known else None for item in items]
        first: dict[str, datetime] = {}
        for prep in prepared:
            if isinstance(prep, PaymentFeatures):
                first[prep.sender] = min(prep.ts, first.get(prep.sender, prep.ts))
        t2 = self.clock()
        self.state.load(first)
        self.timings["features"] += t2 - t1
        self.timings["state load"] += self.clock() - t2
        self.timings["store"] += t1 - t0
        out: list[Outcome | None] = [None] * len(items)
        pending: dict[int, tuple[Decision, str | None, dict[str, Any] | None]] = {}
        feats: list[PaymentFeatures] = []
        released: list[str] = []
        for k in sorted(range(len(items)), key=lambda k: _event_key(prepared[k])):
            item, hits = pairs[k]
            if item.message_id in known:
                out[k] = Outcome(known[item.message_id], False, 0.0)
                continue
            t0 = time.perf_counter()
            decision, feat = self._decide(item, hits, prepared[k])
            decision = replace(decision, list_versions=self.lists.versions)
            known[item.message_id] = decision
            p = item.payment
            pending[k] = (decision, p.reference if p else None, payment_record(p) if p else None)
            if feat is not None:
                feats.append(feat)
                if decision.decision == RELEASE:
                    released.append(feat.message_id)
            out[k] = Outcome(decision, True, time.perf_counter() - t0)
        t0, c0 = time.perf_counter(), self.clock()
        batch = [pending[k] for k in sorted(pending)]
        store.save_batch(self.conn, batch, feats, renewed, released, self.audit)
        self.timings["store"] += self.clock() - c0
        share = (time.perf_counter() - t0) / max(len(pending), 1)
        yield from (replace(o, seconds=o.seconds + share) if o.new else o for o in out if o is not None)

    def _prepare(self, item: ReadItem) -> PaymentFeatures | BaseException | None:
        """The payment's features at its event time (or the error that prevented them)."""
        if item.payment is None:
            return None
        try:
            return features(item.payment, self.policy, self.now, self.on_date)
        except Exception as exc:  # decided (held) in `_decide`, in its turn
            return exc

    def decide_item(
        self, item: ReadItem, found: list[Hit] | None = None
    ) -> tuple[Decision, PaymentFeatures | None]:
        """Decide one message on its own (screening it unless its hits are given)."""
        prep = self._prepare(item)
        if isinstance(prep, PaymentFeatures):
            self.state.load({prep.sender: prep.ts})
        decision, feat = self._decide(item, found, prep)
        return decision, feat

    def _decide(
        self, item: ReadItem, found: list[Hit] | None, prep: PaymentFeatures | BaseException | None
    ) -> tuple[Decision, PaymentFeatures | None]:
        """Decide one message and count it in the controls' state; any exception gives a held
        decision naming it (fail closed)."""
        p = item.payment
        try:
            if p is None:
                return decide(
                    item.message_id, item.raw_type, item.source, None, item.errors, [], [], self.policy
                ), None
            if isinstance(prep, BaseException):
                raise prep
            assert prep is not None
            t0 = self.clock()
            hits = self.screener.screen_payment(p) if found is None else found
            t1 = self.clock()
            self.timings["screen"] += t1 - t0
            feat = prep
            debtor = p.ordering_party
            settings = self.policy.sender(
                debtor.account.value if debtor and debtor.account else None, p.sender_bic
            )
            ctrl = self.policy.controls_for(settings)
            _, weekend = sender_zone(p, settings)
            activity = self.state.activity.get(feat.sender) or SenderActivity(self.state.horizon)
            ctx = ControlContext(
                feat, self.state.profiles.get(feat.sender), activity, ctrl, weekend, tuple(settings.holidays)
            )
            transfer = is_transfer(p)
            results = run_controls(ctx) if transfer else []
            decision = decide(
                p.message_id, p.type, item.source, p, item.errors, hits, results, self.policy, ctrl
            )
            decision = self._uetr_reuse(decision, p.uetr, p.type, p.sender_bic)
            decision = replace(decision, sender=feat.sender, event_time=feat.ts.isoformat(), clock=feat.clock)
            if not transfer:  # statements, returns and free text do not count as the sender's payments
                return decision, None
            self.state.record(feat, decision.decision == RELEASE)
            self.timings["controls+decision"] += self.clock() - t1
            return decision, feat
        except Exception as exc:  # fail closed: whatever broke, the message is held, not lost
            return error_decision(item.message_id, item.raw_type, item.source, p, exc), None

    def _load_uetrs(self, items: list[ReadItem]) -> None:
        uetrs = list({i.payment.uetr for i in items if i.payment and i.payment.uetr})
        for uetr, kind, bic, mid in store.uetr_users(self.conn, uetrs):
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


def _event_key(prep: PaymentFeatures | BaseException | None) -> datetime:
    """Sort key for deciding a batch in event order (messages without a time first)."""
    return prep.ts if isinstance(prep, PaymentFeatures) else datetime.min


def _horizon(policy: Policy) -> timedelta:
    """How far back the windows of any sender look: daily totals (two days, for local days),
    velocity, and near-duplicates on either side."""
    settings = [policy.controls, *(policy.controls_for(s) for s in policy.senders.values())]
    return max(
        timedelta(days=2),
        *(timedelta(minutes=c.velocity_window_minutes) for c in settings),
        *(timedelta(hours=c.near_duplicate_hours) for c in settings),
    )


def open_pipeline(
    conn: Connection,
    index: ScreeningIndex,
    policy: Policy,
    *,
    extra_allow: Iterable[AllowEntry] = (),
    now: datetime | None = None,
    lists: ListState | None = None,
    on_date: date | None = None,
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
    allow = AllowList([*allow_store.allow_list(conn).entries, *extra_allow])
    state = lists if lists is not None else list_state(conn)
    screener = PaymentScreener(index, policy.screening, allow)
    return PaymentPipeline(conn, screener, policy, now=now, lists=state, on_date=on_date, audit=audit)
