"""The controls' state: constant cost per payment, profiles persisted and updated as payments are
decided, monitoring mode, risk score, corridor aggregates, allow and forbid lists."""

from __future__ import annotations

import time
from dataclasses import replace
from datetime import datetime, timedelta
from pathlib import Path

from interdict.core.store import connect
from interdict.payments import store
from interdict.payments.controls import rules
from interdict.payments.controls.profile import learn
from interdict.payments.controls.rules import ControlContext, ControlResult
from interdict.payments.controls.state import ControlState, SenderActivity
from interdict.payments.decisions import decide, risk_score
from interdict.payments.policy import ControlSettings, CorridorLimit, Policy
from interdict.payments.storage.state import DuckState
from tests.payments.test_controls import HISTORY, NOW, _f

MON = datetime(2026, 11, 2, 9, 0)


def _stream(n: int) -> list:  # type: ignore[type-arg]
    """n payments of one sender, every 20 s, to 300 beneficiaries, amounts all different."""
    return [
        _f(
            10_000 + k,
            ts=MON + timedelta(seconds=20 * k),
            local_ts=MON + timedelta(seconds=20 * k),
            bene_account=str(k % 300),
            amount=1000.0 + k,
        )
        for k in range(n)
    ]


def _cost(act: SenderActivity, feats: list, settings: ControlSettings) -> float:  # type: ignore[type-arg]
    """CPU seconds per payment to run every control and record the payment (CPU time: other jobs
    on the machine do not count)."""
    prof = learn(HISTORY)["ACC-1"]
    t0 = time.process_time()
    for f in feats:
        rules.run_controls(ControlContext(f, prof, act, settings, ("sat", "sun")))
        act.add(f)
    return (time.process_time() - t0) / len(feats)


def test_payment_100000_costs_what_payment_10_costs() -> None:
    settings = ControlSettings()
    feats = _stream(100_000)
    act = SenderActivity(timedelta(days=2))
    early = _cost(act, feats[:1_000], settings)
    _cost(act, feats[1_000:98_000], settings)
    late = _cost(act, feats[98_000:], settings)
    # before: the velocity and near-duplicate scans grew with the window (~2,000x here)
    assert late < 3 * early, (early, late)
    assert len(act.times) - act._head <= 2 * 24 * 180 + 1  # only the horizon is kept


def test_windows_count_in_event_order_even_when_payments_arrive_late() -> None:
    feats = _stream(10)
    act = SenderActivity.of(feats[5:])  # the later half first
    for f in feats[:5]:
        act.add(f)
    probe = feats[4]
    assert act.count_between(probe.ts - timedelta(minutes=1), probe.ts) == 4  # 20 s apart: 3 before + itself
    assert act.day(probe) == (sum(f.amount for f in feats[:5]), 5)
    again = replace(feats[9], message_id="again", uetr="", ts=feats[9].ts + timedelta(hours=1))
    assert act.similar(again, timedelta(hours=24), 0.0) is not None
    before = replace(again, ts=feats[0].ts - timedelta(minutes=5))
    assert act.similar(before, timedelta(hours=24), 0.0) is None  # the duplicate is the later one


def test_store_profiles_equal_learned_ones_and_grow_with_released_payments(tmp_path: Path) -> None:
    conn = connect(tmp_path / "s.duckdb")
    store.ensure_schema(conn)
    store.add_history(conn, HISTORY)
    source = DuckState(conn)
    assert source.profiles(["ACC-1"], 60) == learn(HISTORY)
    new = _f(999, ts=NOW, local_ts=NOW, bene_name="NEW PARTNER CO", bene_account="999", bene_country="PH")
    held = replace(new, message_id="h-held", bene_account="998")
    state = ControlState(source, timedelta(days=2), 60)
    state.load({"ACC-1": NOW})
    state.record(new, released=True)
    state.record(held, released=False)
    assert new.bene_key in state.profiles["ACC-1"].beneficiaries
    assert held.bene_key not in state.profiles["ACC-1"].beneficiaries  # held: not learned
    store.save_batch(conn, [], [new, held], released=[new.message_id])
    again = source.profiles(["ACC-1"], 60)["ACC-1"]  # a restart reads what was decided
    assert again == learn(HISTORY, released=[new])["ACC-1"]
    assert new.bene_key in again.beneficiaries and held.bene_key not in again.beneficiaries


def _fired(*names: str) -> list[ControlResult]:
    return [ControlResult(n, True, "why") for n in names]


def test_monitoring_mode_records_what_it_would_have_held() -> None:
    policy = Policy(controls=ControlSettings(modes={"velocity": "monitoring"}))
    d = decide("m1", "MT103", "f", None, [], [], _fired("velocity"), policy)
    assert d.decision == "hold"  # unreadable (no payment) is never released, whatever the mode
    p = _payment()
    d = decide("m1", "MT103", "f", p, [], [], _fired("velocity"), policy)
    assert d.decision == "release"
    assert any(r.action == "monitor" and r.detail["would"] == "hold" for r in d.reasons)
    assert any(r.kind == "monitoring" and "would have been hold" in r.message for r in d.reasons)
    blocking = decide("m1", "MT103", "f", p, [], [], _fired("velocity"), Policy())
    assert blocking.decision == "hold" and not any(r.kind == "monitoring" for r in blocking.reasons)
    # flags in monitoring mode do not count towards hold points
    watch_all = Policy(controls=ControlSettings(modes={"*": "monitoring"}))
    assert (
        decide("m1", "MT103", "f", p, [], [], _fired("new_bank", "new_country"), watch_all).decision
        == "release"
    )


def test_risk_score_combines_the_fired_controls() -> None:
    s = ControlSettings()
    assert risk_score(_fired(), s) == 0
    assert risk_score(_fired("new_beneficiary", "new_country", "outside_hours"), s) == 60.6
    assert risk_score(_fired("forbidden_counterparty"), s) == 100
    tuned = ControlSettings(risk_weights={"outside_hours": 0.5})  # one weight changed, others kept
    assert risk_score(_fired("new_beneficiary", "outside_hours"), tuned) == 65
    strict = Policy(controls=ControlSettings(risk_hold=25, hold_points=9))
    d = decide("m1", "MT103", "f", _payment(), [], [], _fired("new_beneficiary"), strict)
    assert d.decision == "hold" and d.risk == 30 and "risk score 30" in d.reasons[-1].message


def test_corridor_aggregate_set_and_learned() -> None:
    day = SenderActivity.of(
        [
            _f(500 + i, ts=NOW + timedelta(minutes=i), local_ts=NOW + timedelta(minutes=i), amount=1000.0)
            for i in range(3)
        ]
    )
    p = _f(999, ts=NOW + timedelta(hours=1), local_ts=NOW + timedelta(hours=1), amount=1000.0)
    prof = learn(HISTORY)["ACC-1"]
    ctx = ControlContext(
        p, prof, day, ControlSettings(corridor_limits={"BD>US:USD": CorridorLimit(max_count=3)}), ()
    )
    r = rules.corridor_aggregate(ctx)
    assert r.fired and "4 payments BD>US:USD" in r.why
    star = replace(ctx, settings=ControlSettings(corridor_limits={"*": CorridorLimit(max_amount=3500)}))
    assert rules.corridor_aggregate(star).fired
    # learned: history has 20 days with one payment a day in BD>US:USD; 4 today is over 2 x 1
    learned = replace(ctx, settings=ControlSettings(corridor_min_days=20))
    r = rules.corridor_aggregate(learned)
    assert r.fired and "largest learned day (1 payments" in r.why
    assert not rules.corridor_aggregate(replace(ctx, settings=ControlSettings(corridor_min_days=30))).fired


def test_allow_and_forbid_lists_of_counterparties() -> None:
    p = _f(999, ts=NOW, bene_name="NEW PARTNER CO", bene_account="999", bene_country="PH", bank="RCBCPHMM")
    prof = learn(HISTORY)["ACC-1"]
    act = SenderActivity(timedelta(days=2))
    ctx = ControlContext(p, prof, act, ControlSettings(allow_counterparties=["999"]), ())
    fired = {r.control for r in rules.run_controls(ctx) if r.fired}
    assert not fired & {"new_beneficiary", "new_country", "new_corridor", "new_bank"}
    forbid = replace(ctx, settings=ControlSettings(forbid_counterparties=["RCBCPHMM"]))
    r = rules.forbidden_counterparty(forbid)
    assert r.fired and "RCBCPHMM" in r.why


def _payment():  # type: ignore[no-untyped-def]
    from interdict.core.payment import Payment

    return Payment("m1", "mt", "MT103", "f")
