"""Each behavioural control fires when it should, says why, and stays quiet otherwise."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, timedelta

from interdict.core.payment import Party
from interdict.payments.controls import rules
from interdict.payments.controls.features import PaymentFeatures, is_individual
from interdict.payments.controls.profile import learn
from interdict.payments.controls.rules import ControlContext
from interdict.payments.controls.state import SenderActivity
from interdict.payments.policy import ControlSettings

T0 = datetime(2026, 11, 2, 10, 0)  # a Monday


def _f(n: int, **kw: object) -> PaymentFeatures:
    base = PaymentFeatures(
        message_id=f"h{n}",
        sender="ACC-1",
        ts=T0 + timedelta(days=n),
        local_ts=T0 + timedelta(days=n),
        amount=1000.0 + 10 * (n % 7),
        currency="USD",
        bene_name="ACME SUPPLIES LTD",
        bene_account="111",
        bene_country="US",
        debtor_country="BD",
        bank="CHASUS33",
        individual=False,
        uetr=f"u{n}",
    )
    return replace(base, **kw)  # type: ignore[arg-type]


HISTORY = [_f(n) for n in range(20)] + [
    _f(100 + n, bene_name="SHALIKA FOUNDATION", bene_account="222", amount=5000.0 + n) for n in range(5)
]


def _ctx(p: PaymentFeatures, recent: tuple[PaymentFeatures, ...] = (), **settings: object) -> ControlContext:
    profile = learn(HISTORY)["ACC-1"]
    activity = SenderActivity.of(recent)
    return ControlContext(p, profile, activity, ControlSettings(**settings), ("fri", "sat"))  # type: ignore[arg-type]


NOW = T0 + timedelta(days=30)


def test_known_payment_fires_nothing() -> None:
    p = _f(999, ts=NOW, local_ts=NOW)
    fired = [r for r in rules.run_controls(_ctx(p)) if r.fired]
    assert fired == []


def test_new_beneficiary_country_corridor_bank() -> None:
    p = _f(
        999,
        ts=NOW,
        local_ts=NOW,
        bene_name="NEW PARTNER CO",
        bene_account="999",
        bene_country="PH",
        bank="RCBCPHMM",
    )
    ctx = _ctx(p)
    assert rules.new_beneficiary(ctx).fired and "NEW PARTNER CO" in rules.new_beneficiary(ctx).why
    assert rules.new_country(ctx).fired and "PH" in rules.new_country(ctx).why
    assert rules.new_corridor(ctx).fired and "BD>PH:USD" in rules.new_corridor(ctx).why
    assert rules.new_bank(ctx).fired and "RCBCPHMM" in rules.new_bank(ctx).why


def test_same_name_other_account_is_a_new_beneficiary() -> None:
    assert rules.new_beneficiary(_ctx(_f(999, ts=NOW, bene_account="333"))).fired


def test_no_history_means_novelty_controls_do_not_fire() -> None:
    ctx = replace(_ctx(_f(999, bene_name="X")), profile=None)
    r = rules.new_beneficiary(ctx)
    assert not r.fired and "no learned history" in r.why


def test_unusual_amount_robust_statistics() -> None:
    assert not rules.unusual_amount(_ctx(_f(999, ts=NOW, amount=1040.0))).fired
    big = rules.unusual_amount(_ctx(_f(999, ts=NOW, amount=20_000_000.0)))
    assert big.fired and "robust deviations from the median" in big.why


def test_velocity_burst() -> None:
    burst = tuple(_f(500 + i, ts=NOW + timedelta(minutes=i), bene_account=str(i)) for i in range(5))
    p = _f(999, ts=NOW + timedelta(minutes=6))
    assert rules.velocity(_ctx(p, burst, velocity_max_count=5)).fired
    assert not rules.velocity(_ctx(p, burst, velocity_max_count=6)).fired
    late = _f(999, ts=NOW + timedelta(hours=3))
    assert not rules.velocity(_ctx(late, burst, velocity_max_count=5)).fired


def test_daily_aggregate_by_amount_and_count() -> None:
    day = tuple(_f(500 + i, ts=NOW, local_ts=NOW + timedelta(minutes=i), amount=400_000.0) for i in range(3))
    p = _f(999, ts=NOW, local_ts=NOW + timedelta(hours=1), amount=400_000.0)
    r = rules.daily_aggregate(_ctx(p, day, daily_max_amount=1_000_000.0))
    assert r.fired and "1,600,000.00 USD" in r.why
    assert rules.daily_aggregate(_ctx(p, day, daily_max_count=3)).fired
    assert not rules.daily_aggregate(_ctx(p, day)).fired  # no limit configured


def test_outside_hours_weekend_and_holiday() -> None:
    night = _f(999, local_ts=datetime(2026, 11, 24, 2, 30))  # Tuesday 02:30
    assert rules.outside_hours(_ctx(night)).fired
    friday = _f(999, local_ts=datetime(2026, 11, 27, 11, 0))  # Friday: weekend in Bangladesh
    r = rules.outside_hours(_ctx(friday))
    assert r.fired and "weekend" in r.why
    office = _f(999, local_ts=datetime(2026, 11, 24, 11, 0))
    assert not rules.outside_hours(_ctx(office)).fired
    holiday = replace(_ctx(office), holidays=(date(2026, 11, 24),))
    assert rules.outside_hours(holiday).fired


def test_private_individual_from_an_institutional_account() -> None:
    p = _f(999, ts=NOW, bene_name="JOHN DOE", bene_account="777", individual=True)
    r = rules.individual_from_institutional_account(_ctx(p))
    assert r.fired and "private individual" in r.why
    assert not rules.individual_from_institutional_account(_ctx(replace(p, individual=False))).fired


def test_near_duplicate_but_not_another_leg_of_the_same_uetr() -> None:
    first = _f(998, ts=NOW, amount=7000.0, bene_account="555", bene_name="DUP CO")
    again = _f(999, ts=NOW + timedelta(hours=2), amount=7000.0, bene_account="555", bene_name="DUP CO")
    r = rules.near_duplicate(_ctx(again, (first,)))
    assert r.fired and "h998" in r.why
    same_uetr = replace(again, uetr=first.uetr)
    assert not rules.near_duplicate(_ctx(same_uetr, (first,))).fired
    other_amount = replace(again, amount=9000.0)
    assert not rules.near_duplicate(_ctx(other_amount, (first,))).fired


def test_beneficiary_misspelling() -> None:
    p = _f(999, ts=NOW, bene_name="SHALIKA FANDATION", bene_account="888")
    r = rules.beneficiary_misspelling(_ctx(p))
    assert r.fired and "'SHALIKA FOUNDATION'" in r.why
    assert not rules.beneficiary_misspelling(_ctx(_f(999, bene_name="SHALIKA FOUNDATION"))).fired
    assert not rules.beneficiary_misspelling(_ctx(_f(999, bene_name="TOTALLY DIFFERENT NAME"))).fired


def test_controls_can_be_switched_off() -> None:
    p = _f(999, ts=NOW, bene_name="NEW PARTNER CO", bene_account="999")
    names = {r.control for r in rules.run_controls(_ctx(p, new_beneficiary="off"))}
    assert "new_beneficiary" not in names and "new_bank" in names


def test_individual_or_organisation_from_the_name() -> None:
    assert is_individual(Party("creditor", "59", name="JOHN DOE")) is True
    assert is_individual(Party("creditor", "59", name="ACME TRADING LTD")) is False
    assert is_individual(Party("creditor", "Cdtr", name="ACME", is_institution=True)) is False
    assert is_individual(None) is None
