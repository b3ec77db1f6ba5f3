"""A sender's learned history: who it pays, where, through which banks, how much per corridor, how
many payments at its busiest, and its daily value and volume per corridor.

A profile is built once from the stored history (`learn`, or the store's aggregate queries, which
compute the same) and then updated in constant time by every released payment (`SenderProfile.add`).
The amount statistics (median, MAD) come from the learned history alone and move only when
`payments learn` runs again: a running median cannot be kept in constant time, and statistics that
moved with every release would make a service restarted mid-week decide differently from one that
ran through (tests/payments/test_backtest.py checks they decide alike).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from statistics import median

from interdict.payments.controls.features import PaymentFeatures


@dataclass(frozen=True, slots=True)
class AmountStats:
    """Robust statistics of one corridor's amounts: median and median absolute deviation."""

    n: int
    median: float
    mad: float
    low: float
    high: float


@dataclass(slots=True)
class SenderProfile:
    """What a sender usually does, learned from its payment history (`interdict payments learn`)."""

    sender: str
    n: int = 0
    beneficiaries: Counter[str] = field(default_factory=Counter)  # name|account -> payments
    beneficiary_names: dict[str, str] = field(default_factory=dict)  # normalised name -> account
    countries: Counter[str] = field(default_factory=Counter)
    corridors: Counter[str] = field(default_factory=Counter)
    banks: Counter[str] = field(default_factory=Counter)
    amounts: dict[str, AmountStats] = field(default_factory=dict)
    individuals: int = 0  # payments to private individuals
    institutions: int = 0  # payments to organisations
    peak: int = 0  # most payments within one velocity window
    days: int = 0  # distinct local days with payments
    last_day: date | None = None  # the latest of them
    corridor_days: dict[str, tuple[float, int]] = field(default_factory=dict)  # max value, count a day

    def add(self, f: PaymentFeatures) -> None:
        """Count one more (released) payment: known beneficiary, country, corridor, bank."""
        self.count(f)

    def count(self, f: PaymentFeatures, times: int = 1) -> None:
        """Count the payment's beneficiary, country, corridor, bank and kind of beneficiary (`times`
        payments alike, for profiles aggregated by the store)."""
        self.n += times
        self.beneficiaries[f.bene_key] += times
        if f.bene_name:
            self.beneficiary_names.setdefault(f.bene_name, f.bene_account)
        if f.bene_country:
            self.countries[f.bene_country] += times
        self.corridors[f.corridor] += times
        if f.bank:
            self.banks[f.bank] += times
        if f.individual is True:
            self.individuals += times
        elif f.individual is False:
            self.institutions += times

    def note_date(self, day: date) -> None:
        """Count a new local day (payments come roughly in event order)."""
        if self.last_day is None or day > self.last_day:
            self.days += 1
            self.last_day = day

    def note_day(self, corridor: str, value: float, count: int) -> None:
        """Raise the corridor's daily maxima to a (released) day's running totals."""
        old_value, old_count = self.corridor_days.get(corridor, (0.0, 0))
        if value > old_value or count > old_count:
            self.corridor_days[corridor] = (max(value, old_value), max(count, old_count))


def learn(
    history: Iterable[PaymentFeatures], window_minutes: int = 60, released: Iterable[PaymentFeatures] = ()
) -> dict[str, SenderProfile]:
    """Build every sender's profile from its learned payments (any order), and count `released`
    ones (decided since) as the store does: all but the amount statistics."""
    profiles: dict[str, SenderProfile] = {}
    amounts: dict[tuple[str, str], list[float]] = defaultdict(list)
    times: dict[str, list[PaymentFeatures]] = defaultdict(list)
    for learned, group in ((True, history), (False, released)):
        for f in group:
            p = profiles.get(f.sender)
            if p is None:
                p = profiles[f.sender] = SenderProfile(f.sender)
            if learned:
                amounts[(f.sender, f.corridor)].append(f.amount)
            times[f.sender].append(f)
            p.count(f)
    for (sender, corridor), values in amounts.items():
        profiles[sender].amounts[corridor] = amount_stats(values)
    for sender, feats in times.items():
        prof = profiles[sender]
        prof.peak = peak_count(sorted(f.ts for f in feats), timedelta(minutes=window_minutes))
        local_days = {f.local_ts.date() for f in feats}
        prof.days, prof.last_day = len(local_days), max(local_days)
        per_day: dict[tuple[str, date], list[float]] = defaultdict(lambda: [0.0, 0.0])
        for f in feats:
            cell = per_day[(f.corridor, f.local_ts.date())]
            cell[0] += f.amount
            cell[1] += 1
        for (corridor, _), (value, count) in per_day.items():
            prof.note_day(corridor, value, int(count))
    return profiles


def peak_count(times: list[datetime], window: timedelta) -> int:
    """The most events within any window ending at an event (times sorted)."""
    best, start = 0, 0
    for end, t in enumerate(times):
        while times[start] < t - window:
            start += 1
        best = max(best, end - start + 1)
    return best


def amount_stats(values: list[float]) -> AmountStats:
    """Median, MAD, minimum and maximum of a list of amounts."""
    med = median(values)
    mad = median(abs(v - med) for v in values)
    return AmountStats(len(values), med, mad, min(values), max(values))
