"""`interdict payments report`: a day of sent traffic against the senders' learned history, with a
heist-style burst (large payments to new beneficiaries in another country) injected."""

from __future__ import annotations

import json
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

import pytest
from typer.testing import CliRunner

from interdict.cli import app
from interdict.cli._common import console
from synthetic.payments import BY_CODE, TrafficGenerator, Transfer, make_party, mt_batch, render_pacs008

runner = CliRunner()
DAY = date(2026, 2, 4)


@pytest.fixture(scope="module")
def traffic(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, Path, list[Transfer]]:
    """30 days of history, a normal next day, and the same day with four heist payments."""
    gen = TrafficGenerator(seed=5, senders=4, beneficiaries=(3, 4))
    history = gen.transfers(900, date(2026, 1, 2), 30)
    normal = gen.transfers(30, DAY, 1)
    victim = gen.senders[0]
    heist = []
    for k in range(4):
        thief = make_party(gen.rng, BY_CODE["LK"], individual=True)  # a corridor the victim never paid
        when = datetime(2026, 2, 4, 20, 10 + k)
        heist.append(gen.transfer(victim, thief, Decimal("20000000.00") + k, when))
    root = tmp_path_factory.mktemp("report")
    (root / "history").mkdir()
    (root / "history" / "mt103.fin").write_text(mt_batch(history), encoding="ascii")
    day, burst = root / "day", root / "burst"
    day.mkdir()
    burst.mkdir()
    (day / "mt103.fin").write_text(mt_batch(normal[:20]), encoding="ascii")
    (burst / "mt103.fin").write_text(mt_batch(normal[:20] + heist[:2]), encoding="ascii")
    for k, t in enumerate(normal[20:]):
        (day / f"p{k}.xml").write_text(render_pacs008(t), encoding="utf-8")
        (burst / f"p{k}.xml").write_text(render_pacs008(t), encoding="utf-8")
    for k, t in enumerate(heist[2:]):
        (burst / f"heist{k}.xml").write_text(render_pacs008(t), encoding="utf-8")
    return root / "history", day, burst, heist


def _report(*args: str) -> tuple[int, dict[str, object]]:
    result = runner.invoke(app, ["payments", "report", *args, "--json"])
    assert result.exit_code in (0, 1), result.stderr
    return result.exit_code, json.loads(result.stdout)


def test_normal_day_has_no_unusual_payment_or_new_counterparty(
    traffic: tuple[Path, Path, Path, list[Transfer]], interdict_home: Path
) -> None:
    history, day, _, _ = traffic
    code, report = _report(str(day), "--history", str(history))
    assert code == 0
    assert report["messages"] == 30 and report["history_payments"] == 900
    assert report["history_days"] >= 20  # business days of the 30
    assert report["unusual"] == [] and report["new_combinations"] == []
    by_type = {(r["type"], r["currency"]): r["count"] for r in report["by_type"]}  # type: ignore[index]
    assert sum(by_type.values()) == 30
    assert {t for t, _ in by_type} == {"MT103", "pacs.008"}


def test_heist_burst_is_flagged_totals_largest_unusual_and_new(
    traffic: tuple[Path, Path, Path, list[Transfer]], interdict_home: Path
) -> None:
    history, _, burst, heist = traffic
    code, report = _report(str(burst), "--history", str(history))
    assert code == 1
    refs = {t.reference for t in heist}
    unusual = report["unusual"]
    assert isinstance(unusual, list)
    assert {u["reference"] for u in unusual} == refs
    assert all(u["robust_z"] >= 5 for u in unusual)
    new = report["new_combinations"]
    assert isinstance(new, list)
    beneficiaries = [n for n in new if n["kind"] == "beneficiary"]
    assert sorted(r for n in beneficiaries for r in n["references"]) == sorted(refs)
    assert any(n["kind"] == "corridor" and n["value"].endswith(">LK:" + heist[0].currency) for n in new)
    victim_ccy = heist[0].currency
    largest = [r for r in report["largest"] if r["currency"] == victim_ccy]  # type: ignore[union-attr]
    assert {r["reference"] for r in largest[:4]} == refs
    sender_rows = [r for r in report["by_sender"] if r["above_usual"]]  # type: ignore[union-attr]
    assert any(Decimal(r["value"]) >= Decimal("80000000") for r in sender_rows)


def test_history_learned_in_the_store_is_used_by_default(
    traffic: tuple[Path, Path, Path, list[Transfer]], interdict_home: Path
) -> None:
    history, day, _, _ = traffic
    learned = runner.invoke(app, ["payments", "learn", str(history)])
    assert learned.exit_code == 0, learned.stderr
    _, report = _report(str(day))
    assert report["history_payments"] == 900
    assert report["new_combinations"] == []


def test_no_history_makes_every_counterparty_new(
    traffic: tuple[Path, Path, Path, list[Transfer]], interdict_home: Path
) -> None:
    _, day, _, _ = traffic
    code, report = _report(str(day))
    assert code == 1 and report["history_payments"] == 0
    assert {n["kind"] for n in report["new_combinations"]} == {"sender"}  # type: ignore[union-attr]


def test_table_output(
    traffic: tuple[Path, Path, Path, list[Transfer]], interdict_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # rich fixes a width from COLUMNS when the console is made; undo restores `_width` to unset
    monkeypatch.setattr(console, "_width", 300)
    history, _, burst, _ = traffic
    result = runner.invoke(app, ["payments", "report", str(burst), "--history", str(history)])
    assert result.exit_code == 1
    for title in ("By message type", "Largest payments", "Unusual payments", "New counterparties"):
        assert title in result.stdout
