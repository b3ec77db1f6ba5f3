"""The payment controls' registry: every control is registered once under its name, documented,
and running it by name gives exactly what calling it directly gives."""

from __future__ import annotations

from dataclasses import replace

import pytest

from interdict.payments.controls import rules
from interdict.payments.controls.registry import PAYMENT_CONTROLS, run_control
from interdict.payments.controls.rules import ControlContext
from interdict.payments.policy import ControlSettings
from tests.payments.test_controls import NOW, _ctx, _f

NOVEL = _f(999, ts=NOW, local_ts=NOW, bene_name="NEW PARTNER CO", bene_account="999",
           bene_country="PH", bank="RCBCPHMM")


def _contexts() -> list[ControlContext]:
    known = _ctx(_f(999, ts=NOW, local_ts=NOW))
    novel = _ctx(NOVEL)
    burst = tuple(_f(500 + i, ts=NOW, local_ts=NOW, uetr=f"b{i}") for i in range(12))
    return [
        known,
        novel,
        replace(novel, profile=None),
        _ctx(NOVEL, allow_counterparties=["999"]),
        _ctx(_f(999, ts=NOW, local_ts=NOW, amount=90_000.0), burst, daily_max_count=3),
        _ctx(_f(999, ts=NOW, local_ts=NOW, bene_name="ACME SUPPLIES LTDD", individual=True)),
        _ctx(NOVEL, forbid_counterparties=["RCBCPHMM"]),
    ]


def test_every_control_is_registered_once_under_its_name() -> None:
    names = PAYMENT_CONTROLS.names()
    assert names == list(rules.CONTROLS) and len(set(names)) == len(names)
    # every control has an action setting of its own name, so a policy can switch it off
    assert set(names) <= set(ControlSettings.model_fields)


@pytest.mark.parametrize("name", list(rules.CONTROLS))
def test_every_control_explains_itself(name: str) -> None:
    docs = PAYMENT_CONTROLS.explain(name)
    assert docs.name == name and docs.summary.startswith("Fires")
    assert docs.parameters and docs.parameters[0].name == name
    assert all(p.description for p in docs.parameters)
    assert [f.name for f in docs.evidence] == ["control", "fired", "why"]
    defaults = ControlSettings()
    assert all(p.default == getattr(defaults, p.name) for p in docs.parameters)


def test_running_by_name_is_the_direct_call() -> None:
    fired = set()
    for ctx in _contexts():
        for name in PAYMENT_CONTROLS.names():
            direct = getattr(rules, name)(ctx)
            assert run_control(name, ctx) == direct
            if direct.fired:
                fired.add(name)
    # the contexts make most controls fire, so the comparison covers both outcomes
    assert {"new_beneficiary", "new_country", "new_corridor", "new_bank", "velocity",
            "daily_aggregate", "forbidden_counterparty", "beneficiary_misspelling"} <= fired


def test_novelty_twins_keep_their_reasons() -> None:
    ctx = _ctx(NOVEL)
    assert [rules.CONTROLS[n](ctx).why for n in ("new_beneficiary", "new_country", "new_corridor",
                                                 "new_bank")] == [
        "first payment to NEW PARTNER CO account 999 (25 past payments, 2 beneficiaries)",
        "beneficiary country PH never paid before (known: US)",
        "corridor BD>PH:USD never used before",
        "beneficiary bank RCBCPHMM never used before",
    ]
    quiet = _ctx(_f(999, ts=NOW, local_ts=NOW, bene_country="", bank=""))
    assert [rules.CONTROLS[n](quiet).why for n in ("new_beneficiary", "new_country", "new_corridor",
                                                   "new_bank")] == [
        "known beneficiary", "known or unknown country", "corridor BD>:USD never used before",
        "known or unknown bank"]
    assert rules.new_corridor(_ctx(_f(999, ts=NOW, local_ts=NOW))).why == "known corridor"
    assert rules.new_bank(replace(quiet, profile=None)).why == "no learned history for this sender"
    assert rules.new_bank(_ctx(NOVEL, allow_counterparties=["999"])).why == "allow-listed counterparty"
