"""Policy files (YAML and TOML): defaults, per-sender calendars and control overrides, errors."""

from __future__ import annotations

from pathlib import Path

import pytest

from interdict.core.errors import ConfigError
from interdict.payments.policy import Policy, load_policy
from interdict.payments.reader import read_bytes
from tests.payments.conftest import PipelineFactory

TOML = """
[screening]
embargo = ["KP", "IR"]

[controls]
hold_points = 3
velocity_max_count = 4

[senders.BBHOBDDH]
country = "BD"
timezone = "Asia/Dhaka"
weekend = ["fri", "sat"]
holidays = [2026-11-23]
controls = { business_hours = "10:00-16:00", velocity_max_count = 2 }
"""

YAML = """
screening:
  hold_score: 0.9
senders:
  "000123456789":
    timezone: Europe/London
"""


def test_defaults_without_a_file() -> None:
    p = load_policy(None)
    assert p.screening.hold_score == 0.85 and p.controls.hold_points == 2 and p.senders == {}


def test_toml_policy_with_sender_overrides(tmp_path: Path) -> None:
    path = tmp_path / "policy.toml"
    path.write_text(TOML)
    p = load_policy(path)
    assert p.screening.embargo == ["KP", "IR"] and p.controls.hold_points == 3
    s = p.sender(None, "BBHOBDDHXXX")  # an 11-character BIC finds its BIC8 section
    assert s.timezone == "Asia/Dhaka" and str(s.holidays[0]) == "2026-11-23"
    ctrl = p.controls_for(s)
    assert ctrl.business_hours == "10:00-16:00" and ctrl.velocity_max_count == 2 and ctrl.hold_points == 3
    assert p.controls_for(p.sender("nobody")).velocity_max_count == 4


def test_yaml_policy_keyed_by_account(tmp_path: Path) -> None:
    path = tmp_path / "policy.yaml"
    path.write_text(YAML)
    p = load_policy(path)
    assert p.screening.hold_score == 0.9 and p.sender("000123456789").timezone == "Europe/London"


@pytest.mark.parametrize(
    ("text", "where"),
    [
        ("controls:\n  velocity: sometimes\n", "controls.velocity"),
        ("colors: red\n", "colors"),
        ("screening: [1\n", "cannot read policy"),
    ],
)
def test_invalid_policies_name_the_setting(tmp_path: Path, text: str, where: str) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text(text)
    with pytest.raises(ConfigError, match=where.replace(".", r"\.")):
        load_policy(path)


def test_sender_holiday_and_hours_drive_outside_hours(
    make_pipeline: PipelineFactory, payments_data: Path, tmp_path: Path
) -> None:
    # The hand-written pacs.008 is sent Saturday 03:12 Dhaka time; on a Monday 11:00 it is in hours,
    # unless the policy declares that Monday a holiday.
    text = (
        (payments_data / "pacs008_unstructured.xml")
        .read_text()
        .replace("2026-11-21T03:12", "2026-11-23T11:00")
    )
    [item] = read_bytes(text.encode(), "p.xml")
    plain = next(iter(make_pipeline(policy=Policy()).run([item]))).decision
    assert not any("outside_hours" in r.message for r in plain.reasons)
    path = tmp_path / "policy.toml"
    path.write_text(TOML)
    held = next(iter(make_pipeline(policy=load_policy(path)).run([item]))).decision
    assert any("outside_hours: sent on a holiday 2026-11-23" in r.message for r in held.reasons)
