"""Back-test at a bank's scale: two senders, 300 payments a business day each, 12 weeks (60 business
days) of learned history, then a replay week screened from files, with a heist-style burst injected
(synthetic/backtest.py). The controls run on each message's own clock, so the replay is not one
burst at the time of screening: at most 0.5 % of the legitimate payments are held, and every
injected instruction is held for behavioural reasons, with or without a sanctions hit."""

from __future__ import annotations

import shutil
from collections.abc import Iterable
from datetime import datetime
from pathlib import Path

import pytest

from interdict.core.store import connect
from interdict.payments import store
from interdict.payments.controls.features import features
from interdict.payments.decisions import Decision
from interdict.payments.iso20022 import SchemaSet
from interdict.payments.pipeline import PaymentPipeline
from interdict.payments.policy import Policy
from interdict.payments.reader import ReadItem, read_bytes
from interdict.payments.screen import PaymentScreener
from interdict.screening import ScreeningIndex
from synthetic.backtest import World, build

pytestmark = pytest.mark.shared  # the ISO 20022 XSDs of the shared data validate the pacs.008s

WALL = datetime(2030, 6, 1, 12, 0)  # the day the back-test runs: far from every payment's own time
# The behavioural reasons the 2016 burst must raise on its own (round amounts to new individuals
# abroad at night, through a new bank): enough to hold without any list hit.
HEIST_CONTROLS = {"new_beneficiary", "new_country", "new_corridor", "new_bank", "outside_hours"}


@pytest.fixture(scope="session")
def world() -> World:
    """The generated history and replay week (built once)."""
    return build()


@pytest.fixture(scope="session")
def learned_store(world: World, tmp_path_factory: pytest.TempPathFactory, schemas: SchemaSet) -> Path:
    """A store that has learned the history (`payments learn`), copied by each test."""
    path = tmp_path_factory.mktemp("backtest") / "learned.duckdb"
    conn = connect(path)
    store.ensure_schema(conn)
    policy = Policy()
    feats = [
        features(i.payment, policy, WALL) for i in _read(world.history, schemas) if i.payment is not None
    ]
    assert len(feats) == world.n_history >= 2 * 60 * 300
    assert {f.clock for f in feats} == {"block2", "13C/SNDTIME"}
    assert store.add_history(conn, feats) == len(feats)
    conn.close()
    return path


def _read(jobs: Iterable[tuple[bytes, str]], schemas: SchemaSet) -> list[ReadItem]:
    return [i for data, name in jobs for i in read_bytes(data, name, schemas)]


def _copy(learned: Path, tmp_path: Path) -> Path:
    path = tmp_path / "bank.duckdb"
    shutil.copy(learned, path)
    return path


def _reference(d: Decision, items: dict[str, ReadItem]) -> str:
    p = items[d.message_id].payment
    assert p is not None and p.reference
    return p.reference


def _controls(d: Decision) -> set[str]:
    return {str(r.detail.get("control")) for r in d.reasons if r.kind == "control"}


def _check(decisions: list[Decision], world: World, items: dict[str, ReadItem], hits: bool) -> None:
    assert len(decisions) == world.n_replay
    fraud = [d for d in decisions if _reference(d, items) in world.fraud]
    legit = [d for d in decisions if _reference(d, items) not in world.fraud]
    assert len(fraud) == len(world.fraud)
    held = [d for d in legit if d.decision != "release"]
    assert len(held) <= 0.005 * len(legit), [(d.message_id, [r.message for r in d.reasons]) for d in held]
    for d in fraud:
        assert d.decision == "hold", d
        assert _controls(d) >= HEIST_CONTROLS, d.reasons
        assert d.clock == "13C/SNDTIME" and d.risk is not None and d.risk >= 70
        sanctioned = any(r.kind == "sanctions" and "JUPITER" in r.message for r in d.reasons)
        assert sanctioned == (hits and _reference(d, items) in world.sanctioned)
    assert {d.clock for d in legit} == {"block2", "13C/SNDTIME", "CreDtTm"}


def test_replay_week_holds_the_heist_and_almost_no_legitimate_payment(
    world: World, learned_store: Path, tmp_path: Path, small_index: ScreeningIndex, schemas: SchemaSet
) -> None:
    conn = connect(_copy(learned_store, tmp_path))
    policy = Policy()
    items = _read(world.replay, schemas)
    pipeline = PaymentPipeline(conn, PaymentScreener(small_index, policy.screening), policy, now=WALL)
    decisions = [o.decision for o in pipeline.run(items)]
    _check(decisions, world, {i.message_id: i for i in items}, hits=True)


def test_without_any_sanctions_hit_the_controls_alone_hold_the_heist(
    world: World, learned_store: Path, tmp_path: Path, small_index: ScreeningIndex, schemas: SchemaSet
) -> None:
    conn = connect(_copy(learned_store, tmp_path))
    policy = Policy()
    items = _read(world.replay, schemas)
    pipeline = PaymentPipeline(conn, PaymentScreener(small_index, policy.screening), policy, now=WALL)
    decisions = [o.decision for o in pipeline.run_screened((i, []) for i in items)]
    _check(decisions, world, {i.message_id: i for i in items}, hits=False)


def test_screening_the_files_equals_screening_live(
    world: World, learned_store: Path, tmp_path: Path, small_index: ScreeningIndex, schemas: SchemaSet
) -> None:
    """The week screened from files in one run, and the same week screened live: in event order, in
    small batches as it arrives, the service restarted every day (state reloaded from the store),
    its wall clock at the start of that day: the same decisions for the same reasons."""
    policy = Policy()
    items = _read(world.replay, schemas)
    screener = PaymentScreener(small_index, policy.screening)
    files = connect(_copy(learned_store, tmp_path))
    run = PaymentPipeline(files, screener, policy, now=WALL).run(items)
    batch = {o.decision.message_id: o.decision for o in run}
    live_path = tmp_path / "live.duckdb"
    shutil.copy(learned_store, live_path)
    live_conn = connect(live_path)
    live: dict[str, Decision] = {}
    days: dict[object, list[ReadItem]] = {}
    for item in items:
        assert item.payment is not None
        days.setdefault(features(item.payment, policy, WALL).ts.date(), []).append(item)
    for day in sorted(days):  # a new day: the service restarts, its state reloaded from the store
        start = datetime.combine(day, datetime.min.time())  # type: ignore[arg-type]
        pipeline = PaymentPipeline(live_conn, screener, policy, now=start, batch_size=32)
        live.update((o.decision.message_id, o.decision) for o in pipeline.run(days[day]))
    assert live.keys() == batch.keys()
    differ = [
        (m, [r.message for r in live[m].reasons], [r.message for r in batch[m].reasons])
        for m in live
        if (live[m].decision, _controls(live[m])) != (batch[m].decision, _controls(batch[m]))
    ]
    assert differ == []
