"""The behavioural controls. Each is a named function of a `ControlContext` returning whether it
fired and why, in the manner of SWIFT's Payment Controls service. Novelty controls need a learned
profile; without one they do not fire (and say so), nor for an allow-listed counterparty. Every
control reads the sender's state in constant time (`state.SenderActivity`, `profile.SenderProfile`)."""

from __future__ import annotations

import math
from collections.abc import Callable, Collection
from dataclasses import dataclass
from datetime import date, timedelta

from rapidfuzz import fuzz, process

from interdict.payments.controls.features import PaymentFeatures
from interdict.payments.controls.profile import SenderProfile
from interdict.payments.controls.state import SenderActivity
from interdict.payments.policy import DAYS, ControlSettings, parse_hours


@dataclass(frozen=True, slots=True)
class ControlResult:
    """The outcome of one control on one payment."""

    control: str
    fired: bool
    why: str


@dataclass(frozen=True, slots=True)
class ControlContext:
    """Everything a control may read: the payment's features, the sender's learned profile, the
    sender's recent activity (learned and screened, before this payment) and the settings."""

    payment: PaymentFeatures
    profile: SenderProfile | None
    recent: SenderActivity
    settings: ControlSettings
    weekend: tuple[str, ...]
    holidays: tuple[date, ...] = ()

    @property
    def allowed(self) -> bool:
        """The beneficiary (account, name or bank) is on the policy's allow list of counterparties."""
        return bool(self.settings.allow_counterparties) and bool(
            counterparty_keys(self.payment) & set(self.settings.allow_counterparties)
        )


Control = Callable[[ControlContext], ControlResult]
_NO_HISTORY = "no learned history for this sender"
_ALLOWED = "allow-listed counterparty"


def counterparty_keys(p: PaymentFeatures) -> set[str]:
    """What an allow or forbid list entry may name: account, normalised name, bank BIC8."""
    return {k for k in (p.bene_account, p.bene_name, p.bank) if k}


@dataclass(frozen=True, slots=True)
class NoveltyControl:
    """One implementation of the four novelty controls: fires when the payment's `value` is not
    among the sender's learned `known` values. Quiet without a learned profile, for an allow-listed
    counterparty, and (when `skip_empty`) when the payment does not say."""

    name: str
    summary: str
    value: Callable[[PaymentFeatures], str]
    known: Callable[[SenderProfile], Collection[str]]
    quiet: str
    message: Callable[[PaymentFeatures, SenderProfile], str]
    skip_empty: bool = False

    def __call__(self, ctx: ControlContext) -> ControlResult:
        p, prof = ctx.payment, ctx.profile
        if prof is None:
            return ControlResult(self.name, False, _NO_HISTORY)
        if ctx.allowed:
            return ControlResult(self.name, False, _ALLOWED)
        value = self.value(p)
        if (self.skip_empty and not value) or value in self.known(prof):
            return ControlResult(self.name, False, self.quiet)
        return ControlResult(self.name, True, self.message(p, prof))


new_beneficiary = NoveltyControl(
    "new_beneficiary",
    "Fires when the sender has never paid this beneficiary (normalised name + account).",
    value=lambda p: p.bene_key,
    known=lambda prof: prof.beneficiaries,
    quiet="known beneficiary",
    message=lambda p, prof: f"first payment to {p.bene_name or '?'} account "
    f"{p.bene_account or '?'} ({prof.n} past payments, {len(prof.beneficiaries)} beneficiaries)",
)
new_country = NoveltyControl(
    "new_country",
    "Fires when the beneficiary's country has never been paid by this sender.",
    value=lambda p: p.bene_country,
    known=lambda prof: prof.countries,
    quiet="known or unknown country",
    message=lambda p, prof: f"beneficiary country {p.bene_country} never paid before "
    f"(known: {', '.join(sorted(prof.countries)) or 'none'})",
    skip_empty=True,
)
new_corridor = NoveltyControl(
    "new_corridor",
    "Fires on a new corridor: debtor country > beneficiary country in this currency.",
    value=lambda p: p.corridor,
    known=lambda prof: prof.corridors,
    quiet="known corridor",
    message=lambda p, prof: f"corridor {p.corridor} never used before",
)
new_bank = NoveltyControl(
    "new_bank",
    "Fires when the beneficiary's bank (creditor agent) has never been used by this sender.",
    value=lambda p: p.bank,
    known=lambda prof: prof.banks,
    quiet="known or unknown bank",
    message=lambda p, prof: f"beneficiary bank {p.bank} never used before",
    skip_empty=True,
)


def unusual_amount(ctx: ControlContext) -> ControlResult:
    """Fires when the amount is far from the corridor's usual range: robust z-score
    |x - median| / (1.4826 * MAD) above the limit, or outside [min/2, 2*max] when MAD is 0."""
    p, prof, s = ctx.payment, ctx.profile, ctx.settings
    stats = prof.amounts.get(p.corridor) if prof else None
    if stats is None or stats.n < s.amount_min_history:
        return ControlResult("unusual_amount", False, "too little history in this corridor")
    if stats.mad > 0:
        z = abs(p.amount - stats.median) / (1.4826 * stats.mad)
        if z > s.amount_robust_z:
            return ControlResult(
                "unusual_amount",
                True,
                f"amount {p.amount:,.2f} {p.currency} is {z:.1f} robust "
                f"deviations from the median {stats.median:,.2f} (n={stats.n})",
            )
        return ControlResult("unusual_amount", False, f"robust z {z:.1f}")
    if p.amount > 2 * stats.high or p.amount < stats.low / 2:
        return ControlResult(
            "unusual_amount",
            True,
            f"amount {p.amount:,.2f} outside usual {stats.low:,.2f}-{stats.high:,.2f} (n={stats.n})",
        )
    return ControlResult("unusual_amount", False, "within usual range")


def velocity(ctx: ControlContext) -> ControlResult:
    """Fires when the sender's payments within the window (this one included) exceed the count limit:
    the policy's, raised to `velocity_learned_factor` x the sender's learned peak in one window."""
    p, s = ctx.payment, ctx.settings
    start = p.ts - timedelta(minutes=s.velocity_window_minutes)
    count = 1 + ctx.recent.count_between(start, p.ts)
    limit, why = s.velocity_max_count, ""
    if s.velocity_learned_factor is not None and ctx.profile is not None:
        learned = math.ceil(s.velocity_learned_factor * ctx.profile.peak)
        if learned > limit:
            limit, why = learned, f", {s.velocity_learned_factor:g} x learned peak {ctx.profile.peak}"
    if count > limit:
        return ControlResult(
            "velocity", True, f"{count} payments in {s.velocity_window_minutes} min (limit {limit}{why})"
        )
    return ControlResult("velocity", False, f"{count} in window")


def daily_aggregate(ctx: ControlContext) -> ControlResult:
    """Fires when the sender's total (or count) on the payment's local day exceeds the daily limit."""
    p, s = ctx.payment, ctx.settings
    if s.daily_max_amount is None and s.daily_max_count is None:
        return ControlResult("daily_aggregate", False, "no daily limit set")
    value, before = ctx.recent.day(p)
    total, count = p.amount + value, 1 + before
    if s.daily_max_amount is not None and total > s.daily_max_amount:
        return ControlResult(
            "daily_aggregate",
            True,
            f"{total:,.2f} {p.currency} on {p.local_ts.date()} (limit {s.daily_max_amount:,.2f})",
        )
    if s.daily_max_count is not None and count > s.daily_max_count:
        return ControlResult(
            "daily_aggregate", True, f"{count} payments on {p.local_ts.date()} (limit {s.daily_max_count})"
        )
    return ControlResult("daily_aggregate", False, f"{count} payments, {total:,.2f} today")


def outside_hours(ctx: ControlContext) -> ControlResult:
    """Fires outside the sender's business hours, on its weekend days or on its holidays (local time)."""
    p = ctx.payment
    start, end = parse_hours(ctx.settings.business_hours)
    local = p.local_ts
    day = DAYS[local.weekday()]
    if day in ctx.weekend:
        return ControlResult(
            "outside_hours", True, f"sent {local:%a %Y-%m-%d %H:%M} local time, a weekend day"
        )
    if local.date() in ctx.holidays:
        return ControlResult("outside_hours", True, f"sent on a holiday {local.date()}")
    if not start <= local.time() <= end:
        return ControlResult(
            "outside_hours", True, f"sent {local:%H:%M} local time, outside {ctx.settings.business_hours}"
        )
    return ControlResult("outside_hours", False, f"{local:%a %H:%M} local time")


def individual_from_institutional_account(ctx: ControlContext) -> ControlResult:
    """Fires when a private individual is paid from an account that has only ever paid organisations."""
    p, prof = ctx.payment, ctx.profile
    if prof is None or prof.n < ctx.settings.institutional_min_history:
        return ControlResult("individual_from_institutional_account", False, "too little history")
    if ctx.allowed:
        return ControlResult("individual_from_institutional_account", False, _ALLOWED)
    if p.individual is True and prof.individuals == 0 and prof.institutions > 0:
        return ControlResult(
            "individual_from_institutional_account",
            True,
            f"beneficiary {p.bene_name} "
            f"looks like a private individual; the last {prof.n} payments all went to organisations",
        )
    return ControlResult("individual_from_institutional_account", False, "consistent with history")


def near_duplicate(ctx: ControlContext) -> ControlResult:
    """Fires when another payment of the sender to the same beneficiary with (almost) the same amount
    and currency was made within the look-back window. Messages of the same UETR are legs of one
    payment (or resends, caught by the UETR check), not near-duplicates."""
    p, s = ctx.payment, ctx.settings
    window = timedelta(hours=s.near_duplicate_hours)
    r = ctx.recent.similar(p, window, s.near_duplicate_amount_tolerance)
    if r is not None:
        return ControlResult(
            "near_duplicate",
            True,
            f"like {r.message_id}: same beneficiary, "
            f"{r.amount:,.2f} {r.currency} at {r.ts:%Y-%m-%d %H:%M} UTC",
        )
    return ControlResult("near_duplicate", False, "no similar payment in window")


def beneficiary_misspelling(ctx: ControlContext) -> ControlResult:
    """Fires when the beneficiary name is not known but is a close misspelling of a known one."""
    p, prof = ctx.payment, ctx.profile
    if prof is None or not p.bene_name or p.bene_name in prof.beneficiary_names or ctx.allowed:
        return ControlResult("beneficiary_misspelling", False, "known name, allowed or no history")
    best = process.extractOne(
        p.bene_name,
        prof.beneficiary_names.keys(),
        scorer=fuzz.ratio,
        score_cutoff=ctx.settings.misspelling_min_score,
    )
    if best is None:
        return ControlResult("beneficiary_misspelling", False, "not close to a known beneficiary")
    return ControlResult(
        "beneficiary_misspelling",
        True,
        f"{p.bene_name!r} is a close misspelling of known beneficiary {best[0]!r} (similarity {best[1]:.0f})",
    )


def corridor_aggregate(ctx: ControlContext) -> ControlResult:
    """Fires when the corridor's value or count on the payment's local day (this one included)
    exceeds the policy's limit for the corridor (or "*"), or `corridor_learned_factor` x the
    sender's largest learned day in that corridor (once `corridor_min_days` days are learned)."""
    p, s, prof = ctx.payment, ctx.settings, ctx.profile
    value, count = ctx.recent.corridor_day(p)
    value, count = value + p.amount, count + 1
    day = f"{p.corridor} on {p.local_ts.date()}"
    limit = s.corridor_limits.get(p.corridor) or s.corridor_limits.get("*")
    if limit is not None and limit.max_amount is not None and value > limit.max_amount:
        return ControlResult(
            "corridor_aggregate", True, f"{value:,.2f} {p.currency} {day} (limit {limit.max_amount:,.2f})"
        )
    if limit is not None and limit.max_count is not None and count > limit.max_count:
        return ControlResult("corridor_aggregate", True, f"{count} payments {day} (limit {limit.max_count})")
    learned = prof.corridor_days.get(p.corridor) if prof else None
    factor = s.corridor_learned_factor
    if learned is None or factor is None or prof is None or prof.days < s.corridor_min_days:
        return ControlResult("corridor_aggregate", False, f"{count} payments, {value:,.2f} {day}")
    top_value, top_count = learned
    if value > factor * top_value or count > factor * top_count:
        return ControlResult(
            "corridor_aggregate",
            True,
            f"{count} payments, {value:,.2f} {p.currency} {day}: over {factor:g} x the largest learned "
            f"day ({top_count} payments, {top_value:,.2f})",
        )
    return ControlResult("corridor_aggregate", False, f"{count} payments, {value:,.2f} {day}")


def forbidden_counterparty(ctx: ControlContext) -> ControlResult:
    """Fires when the beneficiary's account, name or bank is on the policy's forbid list."""
    if not ctx.settings.forbid_counterparties:
        return ControlResult("forbidden_counterparty", False, "no forbid list")
    found = counterparty_keys(ctx.payment) & set(ctx.settings.forbid_counterparties)
    if found:
        return ControlResult(
            "forbidden_counterparty", True, f"forbidden counterparty {', '.join(sorted(found))}"
        )
    return ControlResult("forbidden_counterparty", False, "not forbidden")


CONTROLS: dict[str, Control] = {
    (f.name if isinstance(f, NoveltyControl) else f.__name__): f
    for f in (
        new_beneficiary,
        new_country,
        new_corridor,
        new_bank,
        unusual_amount,
        velocity,
        daily_aggregate,
        outside_hours,
        individual_from_institutional_account,
        near_duplicate,
        beneficiary_misspelling,
        corridor_aggregate,
        forbidden_counterparty,
    )
}


def run_controls(ctx: ControlContext) -> list[ControlResult]:
    """Every control that is not switched off in the settings."""
    return [fn(ctx) for name, fn in CONTROLS.items() if getattr(ctx.settings, name) != "off"]
