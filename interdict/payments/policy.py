"""The decision policy: thresholds, embargo list, control actions and per-sender settings.

Loaded from a YAML or TOML file (`--policy FILE`); every setting has a default, so an empty file
(or none) is a valid policy. Per-sender sections (keyed by sender BIC, BIC8 or debtor account)
override the sender's country, time zone, weekend, business hours, holidays and control settings.
"""

from __future__ import annotations

import csv
import tomllib
from datetime import date, time
from functools import lru_cache
from pathlib import Path
from typing import Any, Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from interdict.core.errors import ConfigError

DATA = Path(__file__).resolve().parent / "data"
Action = Literal["off", "info", "flag", "hold", "reject"]
DAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


class ScreeningPolicy(BaseModel):
    """How screening hits turn into decisions."""

    model_config = ConfigDict(extra="forbid")
    hold_score: float = 0.85  # a name/text hit at or above this score holds the payment
    reject_score: float = 1.01  # above 1 = never reject on a name score alone
    identifier_action: Action = "reject"  # a listed BIC / account / identifier in the payment
    embargo: list[str] | None = None  # None = every default entry of data/embargo.toml
    embargo_action: Action = "reject"  # a structured country code (Ctry, BIC, IBAN) embargoed
    embargo_text_action: Action = "hold"  # an embargoed place named in an address or free text
    # A listed vessel's name inside a postal address ("JUPITER STREET", "STATION ROAD" vs the vessels
    # JUPITER and Road): the 2016 heist was stopped by exactly such a hit, so hold by default.
    vessel_in_address_action: Action = "hold"


Mode = Literal["blocking", "monitoring"]

# How much each fired control adds to the risk score (see `decisions.risk_score`).
DEFAULT_RISK_WEIGHTS = {
    "new_beneficiary": 0.30, "new_country": 0.25, "new_corridor": 0.20, "new_bank": 0.15,
    "unusual_amount": 0.30, "velocity": 0.50, "daily_aggregate": 0.50, "corridor_aggregate": 0.40,
    "outside_hours": 0.25, "individual_from_institutional_account": 0.30, "near_duplicate": 0.50,
    "beneficiary_misspelling": 0.60, "forbidden_counterparty": 1.0,
}  # fmt: skip


class CorridorLimit(BaseModel):
    """A daily limit on one corridor's value and/or number of payments."""

    model_config = ConfigDict(extra="forbid")
    max_amount: float | None = None
    max_count: int | None = None


class ControlSettings(BaseModel):
    """Actions and limits of the behavioural controls; `flag` adds one point, `hold_points` hold."""

    model_config = ConfigDict(extra="forbid")
    hold_points: int = 2
    # Controls in monitoring mode: they run and their reasons are recorded (with what they would
    # have done), but they neither hold nor count towards hold points. Others are blocking.
    modes: dict[str, Mode] = Field(default_factory=dict)
    risk_weights: dict[str, float] = Field(default_factory=lambda: dict(DEFAULT_RISK_WEIGHTS))
    risk_hold: float | None = None  # hold when the risk score (0-100) reaches this; None = score only
    new_beneficiary: Action = "flag"
    new_country: Action = "flag"
    new_corridor: Action = "flag"
    new_bank: Action = "flag"
    unusual_amount: Action = "flag"
    velocity: Action = "hold"
    daily_aggregate: Action = "hold"
    outside_hours: Action = "flag"
    individual_from_institutional_account: Action = "flag"
    near_duplicate: Action = "hold"
    beneficiary_misspelling: Action = "hold"
    corridor_aggregate: Action = "hold"
    forbidden_counterparty: Action = "hold"
    # Counterparties (beneficiary account, name, or its bank's BIC / BIC8) always refused, and
    # always known (the novelty controls do not fire for them; windows and limits still apply).
    forbid_counterparties: list[str] = Field(default_factory=list)
    allow_counterparties: list[str] = Field(default_factory=list)
    amount_robust_z: float = 5.0
    amount_min_history: int = 5
    velocity_window_minutes: int = 60
    velocity_max_count: int = 10
    # The limit rises to this multiple of the sender's learned peak within one window (None: fixed).
    velocity_learned_factor: float | None = 1.5
    daily_max_amount: float | None = None
    daily_max_count: int | None = None
    business_hours: str = "08:00-18:00"
    misspelling_min_score: float = 85.0
    near_duplicate_hours: float = 24.0
    # Same amount to the cent by default: at hundreds of payments a day, a 1 % band matches recurring
    # payments to the same supplier by chance (measured in tests/payments/test_backtest.py).
    near_duplicate_amount_tolerance: float = 0.0
    # Per-corridor daily limits ("BD>PH:USD", or "*" for any), and a learned one: the day's value or
    # count in a corridor above this multiple of the sender's largest learned day in it.
    corridor_limits: dict[str, CorridorLimit] = Field(default_factory=dict)
    corridor_learned_factor: float | None = 2.0
    corridor_min_days: int = 20  # learned days needed before the learned corridor limit applies
    institutional_min_history: int = 10

    @field_validator("risk_weights")
    @classmethod
    def _over_defaults(cls, weights: dict[str, float]) -> dict[str, float]:
        """A policy's weights override the defaults one by one (not the whole table)."""
        return {**DEFAULT_RISK_WEIGHTS, **weights}

    def mode(self, control: str) -> Mode:
        """Blocking unless the policy puts the control (or "*") in monitoring mode."""
        return self.modes.get(control) or self.modes.get("*") or "blocking"


class SenderSettings(BaseModel):
    """One sender's calendar and control overrides."""

    model_config = ConfigDict(extra="forbid")
    country: str | None = None
    timezone: str | None = None
    weekend: list[str] | None = None
    holidays: list[date] = Field(default_factory=list)
    controls: dict[str, Any] = Field(default_factory=dict)


class Policy(BaseModel):
    """The whole policy file."""

    model_config = ConfigDict(extra="forbid")
    screening: ScreeningPolicy = Field(default_factory=ScreeningPolicy)
    controls: ControlSettings = Field(default_factory=ControlSettings)
    senders: dict[str, SenderSettings] = Field(default_factory=dict)

    def sender(self, *keys: str | None) -> SenderSettings:
        """The settings of the first key (account, BIC, BIC8) that has a section, else defaults."""
        for key in keys:
            if key and key in self.senders:
                return self.senders[key]
            if key and len(key) == 11 and key[:8] in self.senders:
                return self.senders[key[:8]]
        return SenderSettings()

    def controls_for(self, settings: SenderSettings) -> ControlSettings:
        """The control settings with the sender's overrides applied."""
        if not settings.controls:
            return self.controls
        try:
            return ControlSettings(**{**self.controls.model_dump(), **settings.controls})
        except ValidationError as exc:
            raise ConfigError(f"policy: sender controls: {exc}") from exc


def load_policy(path: Path | None) -> Policy:
    """Read a YAML (.yaml/.yml) or TOML (.toml) policy; None gives the default policy."""
    if path is None:
        return Policy()
    try:
        text = path.read_text(encoding="utf-8")
        data = tomllib.loads(text) if path.suffix == ".toml" else yaml.safe_load(text)
    except (OSError, tomllib.TOMLDecodeError, yaml.YAMLError) as exc:
        raise ConfigError(f"{path}: cannot read policy: {exc}") from exc
    try:
        return Policy(**(data or {}))
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first["loc"])
        raise ConfigError(f"{path}: at {where}: {first['msg']}") from exc


def parse_hours(text: str) -> tuple[time, time]:
    """ "08:00-18:00" -> (08:00, 18:00)."""
    try:
        start, end = text.split("-")
        return time.fromisoformat(start.strip()), time.fromisoformat(end.strip())
    except ValueError as exc:
        raise ConfigError(f"policy: business_hours {text!r}: expected HH:MM-HH:MM") from exc


@lru_cache(maxsize=1)
def country_calendar() -> dict[str, tuple[str, tuple[str, ...]]]:
    """country -> (time zone, weekend days), from data/countries.csv."""
    out: dict[str, tuple[str, tuple[str, ...]]] = {}
    with (DATA / "countries.csv").open(encoding="utf-8") as fh:
        rows = csv.DictReader(line for line in fh if not line.startswith("#"))
        for row in rows:
            out[row["country"]] = (row["timezone"], tuple(row["weekend"].split()))
    return out


@lru_cache(maxsize=1)
def embargo_table() -> dict[str, dict[str, Any]]:
    """The embargo entries of data/embargo.toml, by code."""
    with (DATA / "embargo.toml").open("rb") as fh:
        return tomllib.load(fh)
