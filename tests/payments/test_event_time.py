"""Each payment is timed on its own clock (13C, block 2, CreDtTm), the wall clock only without one,
and the decision says which clock the controls used."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path

from interdict.payments.event_time import event_time
from interdict.payments.reader import read_bytes
from synthetic.payments import TrafficGenerator, render_mt103, render_pacs008
from tests.payments.conftest import PipelineFactory

WALL = datetime(2030, 1, 1, 12, 0)


def _payment(text: str, name: str = "m.fin"):  # type: ignore[no-untyped-def]
    [item] = read_bytes(text.encode(), name)
    assert item.payment is not None, item.errors
    return item.payment


def test_13c_sndtime_on_the_value_date_with_its_offset(payments_data: Path) -> None:
    p = _payment((payments_data / "mt103_all_options.fin").read_text())  # input message, 13C 0915+0100
    t = event_time(p, WALL)
    assert t.clock == "13C/SNDTIME"
    assert t.at == datetime(2026, 11, 24, 9, 15, tzinfo=timezone(timedelta(hours=1)))
    assert t.at.astimezone(UTC) == datetime(2026, 11, 24, 8, 15, tzinfo=UTC)
    # the caller's date wins over the value date when the message carries no date of its own
    assert event_time(p, WALL, date(2026, 11, 23)).at.date() == date(2026, 11, 23)


def test_other_13c_codes_and_a_broken_one(payments_data: Path) -> None:
    text = (payments_data / "mt103_all_options.fin").read_text()
    cls = _payment(text.replace(":13C:/SNDTIME/0915+0100", ":13C:/CLSTIME/1630-0500"))
    t = event_time(cls, WALL)
    assert t.clock == "13C/CLSTIME" and t.at.astimezone(UTC).hour == 21
    broken = _payment(text.replace(":13C:/SNDTIME/0915+0100", ":13C:/SNDTIME/2561+0100"))
    assert event_time(broken, WALL).clock == "wall"  # not a time: ignored, no other clock


def test_output_block2_and_iso_credttm() -> None:
    gen = TrafficGenerator(seed=3, senders=2)
    [t] = gen.transfers(1, date(2026, 11, 2), 3)
    mt = event_time(_payment(render_mt103(t)), WALL)
    assert mt.clock == "block2" and mt.at == t.sent_at.replace(second=0)  # sender's local time
    mx = event_time(_payment(render_pacs008(t), "m.xml"), WALL)
    assert mx.clock == "CreDtTm" and mx.at.replace(tzinfo=None) == t.sent_at and mx.at.tzinfo is not None


def test_wall_clock_only_without_a_time(payments_data: Path) -> None:
    text = (payments_data / "mt103_all_options.fin").read_text().replace(":13C:/SNDTIME/0915+0100\n", "")
    t = event_time(_payment(text), WALL)
    assert t.clock == "wall" and t.at == WALL.replace(tzinfo=UTC)


def test_the_decision_records_event_time_and_clock(
    make_pipeline: PipelineFactory, payments_data: Path
) -> None:
    [item] = read_bytes((payments_data / "mt103_all_options.fin").read_bytes(), "a.fin")
    [outcome] = make_pipeline(now=WALL).run([item])
    d = outcome.decision.to_dict()
    assert d["clock"] == "13C/SNDTIME" and d["event_time"] == "2026-11-24T08:15:00"
    assert 0 <= d["risk"] <= 100
