"""The controls' running state per sender, kept incrementally so that a payment costs the same at
the 10th and at the 100,000th: the event times of the velocity window (sorted, pruned), running
value and count per local day and currency and per day and corridor, and hash buckets of recent
payments keyed on beneficiary, currency and amount for the near-duplicate check.

Times are event times (`event_time`): a payment arriving out of order lands in its place in the
windows (binary search), so history screened from files gives the decisions it got live.
"""

from __future__ import annotations

import math
from bisect import bisect_left, bisect_right, insort
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Protocol

from interdict.payments.controls.features import PaymentFeatures
from interdict.payments.controls.profile import SenderProfile

# Amount grid of the near-duplicate buckets: 1 % steps in log space, so any tolerance up to 1 %
# looks in at most three buckets (and an exact match in one).
_STEP = math.log(1.01)
_SWEEP_EVERY = 4096  # adds between sweeps of buckets nobody looks at any more
_KEEP_DAYS = 3  # local days of daily totals kept (a day in the sender's zone spans up to 3 UTC days)


@dataclass(frozen=True, slots=True)
class Seen:
    """What the near-duplicate check keeps of a payment."""

    ts: datetime
    amount: float
    message_id: str
    uetr: str
    currency: str


class DayTotal:
    """The payments of one local day (per currency or corridor): running value and count for the
    usual case of a payment later than all before it, a prefix sum for one that arrives late."""

    __slots__ = ("amounts", "times", "value")

    def __init__(self) -> None:
        self.times: list[datetime] = []
        self.amounts: list[float] = []
        self.value = 0.0

    def add(self, ts: datetime, amount: float) -> None:
        """Count a payment at its event time."""
        if not self.times or ts >= self.times[-1]:
            self.times.append(ts)
            self.amounts.append(amount)
        else:
            k = bisect_right(self.times, ts)
            self.times.insert(k, ts)
            self.amounts.insert(k, amount)
        self.value += amount

    def until(self, ts: datetime) -> tuple[float, int]:
        """Value and count of the payments at or before `ts`."""
        if not self.times or ts >= self.times[-1]:
            return self.value, len(self.times)
        k = bisect_right(self.times, ts)
        return sum(self.amounts[:k]), k


class SenderActivity:
    """One sender's recent payments, as windows, running totals and buckets."""

    def __init__(self, horizon: timedelta) -> None:
        self.horizon = horizon  # how far back any window looks
        self.times: list[datetime] = []  # sorted
        self._head = 0  # times[: _head] are expired
        self.latest: datetime | None = None
        self.days: dict[tuple[date, str], DayTotal] = {}  # (local day, currency)
        self.corridor_days: dict[tuple[date, str], DayTotal] = {}  # (local day, corridor)
        self.buckets: dict[tuple[str, str, int], list[Seen]] = {}
        self._adds = 0

    @classmethod
    def of(cls, recent: Iterable[PaymentFeatures], horizon: timedelta = timedelta(days=2)) -> SenderActivity:
        """The activity made of these payments (any order)."""
        out = cls(horizon)
        for f in sorted(recent, key=lambda r: r.ts):
            out.add(f)
        return out

    def add(self, f: PaymentFeatures) -> None:
        """Record a payment in every window."""
        if self.latest is None or f.ts > self.latest:
            self.latest = f.ts
        if not self.times or f.ts >= self.times[-1]:
            self.times.append(f.ts)
        else:
            insort(self.times, f.ts, lo=self._head)
        for table, key in ((self.days, f.currency), (self.corridor_days, f.corridor)):
            total = table.get((f.local_ts.date(), key))
            if total is None:
                total = table[(f.local_ts.date(), key)] = DayTotal()
            total.add(f.ts, f.amount)
        bucket = self.buckets.setdefault((bene_id(f), f.currency, _grid(f.amount)), [])
        insort(bucket, Seen(f.ts, f.amount, f.message_id, f.uetr, f.currency), key=lambda s: s.ts)
        self._adds += 1
        self._prune()

    def count_between(self, start: datetime, end: datetime) -> int:
        """Payments with start <= ts <= end."""
        return max(
            0, bisect_right(self.times, end, lo=self._head) - bisect_left(self.times, start, lo=self._head)
        )

    def day(self, f: PaymentFeatures) -> tuple[float, int]:
        """Value and count of the sender's payments in f's currency on f's local day, up to f."""
        total = self.days.get((f.local_ts.date(), f.currency))
        return total.until(f.ts) if total else (0.0, 0)

    def corridor_day(self, f: PaymentFeatures) -> tuple[float, int]:
        """Value and count of the sender's payments in f's corridor on f's local day, up to f."""
        total = self.corridor_days.get((f.local_ts.date(), f.corridor))
        return total.until(f.ts) if total else (0.0, 0)

    def similar(self, f: PaymentFeatures, window: timedelta, tolerance: float) -> Seen | None:
        """An earlier payment (within `window` before this one) to the same beneficiary in the same
        currency, its amount within `tolerance` (a fraction of this amount), other than itself and
        other than another leg of the same UETR. Only earlier ones: on event time the duplicate is
        the later payment, whichever order the files come in."""
        limit = tolerance * max(f.amount, 1.0)
        low, high = _grid(max(f.amount - limit, 0.01)), _grid(f.amount + limit)
        bene = bene_id(f)
        for k in range(low, high + 1):
            for s in self.buckets.get((bene, f.currency, k), ()):
                if not f.ts - window <= s.ts <= f.ts or abs(s.amount - f.amount) > limit:
                    continue
                if s.message_id != f.message_id and not (f.uetr and s.uetr == f.uetr):
                    return s
        return None

    def _prune(self) -> None:
        assert self.latest is not None
        cutoff = self.latest - self.horizon
        while self._head < len(self.times) and self.times[self._head] < cutoff:
            self._head += 1
        if self._head > 1024 and self._head * 2 > len(self.times):  # amortised O(1) compaction
            del self.times[: self._head]
            self._head = 0
        if self._adds % _SWEEP_EVERY == 0:
            self._sweep(cutoff)

    def _sweep(self, cutoff: datetime) -> None:
        for key in list(self.buckets):
            kept = [s for s in self.buckets[key] if s.ts >= cutoff]
            if kept:
                self.buckets[key] = kept
            else:
                del self.buckets[key]
        oldest = cutoff.date() - timedelta(days=_KEEP_DAYS)
        for table in (self.days, self.corridor_days):
            for day_key in [k for k in table if k[0] < oldest]:
                del table[day_key]


def bene_id(f: PaymentFeatures) -> str:
    """The beneficiary for duplicates: its account, else its name (a same-account payment to a
    differently spelled name is still the same beneficiary)."""
    return f"A:{f.bene_account}" if f.bene_account else f"N:{f.bene_name}"


def _grid(amount: float) -> int:
    return math.floor(math.log(max(amount, 0.01)) / _STEP)


class StateSource(Protocol):
    """Where the controls' state comes from: the store's learned and released history."""

    def profiles(self, senders: Sequence[str], window_minutes: int) -> dict[str, SenderProfile]:
        """The senders' profiles (learned history and released payments)."""
        ...

    def recent(self, senders: Sequence[str], since: datetime) -> list[PaymentFeatures]:
        """The senders' payments (any decision) from `since` (UTC) on, oldest first."""
        ...


class ControlState:
    """Profiles and activity of every sender met, each loaded from the source at first sight."""

    def __init__(self, source: StateSource, horizon: timedelta, window_minutes: int) -> None:
        self.source, self.horizon, self.window_minutes = source, horizon, window_minutes
        self.profiles: dict[str, SenderProfile] = {}
        self.activity: dict[str, SenderActivity] = {}

    def load(self, first: dict[str, datetime]) -> None:
        """Load the senders not met yet (sender -> its earliest event time in the batch): profile,
        and payments within the horizon before that time (one query each for all of them)."""
        new = [s for s in first if s not in self.activity]
        if not new:
            return
        self.profiles.update(self.source.profiles(new, self.window_minutes))
        for s in new:
            self.activity[s] = SenderActivity(self.horizon)
        # A local day may start 14 h before its UTC date: a day more than the horizon.
        since = min(first[s] for s in new) - self.horizon - timedelta(days=1)
        for f in self.source.recent(new, since):
            self.activity[f.sender].add(f)

    def record(self, f: PaymentFeatures, released: bool) -> None:
        """Count a decided payment in the windows, and in the profile when it was released."""
        act = self.activity.setdefault(f.sender, SenderActivity(self.horizon))
        act.add(f)
        if not released:
            return
        prof = self.profiles.get(f.sender)
        if prof is None:
            prof = self.profiles[f.sender] = SenderProfile(f.sender)
        prof.add(f)
        prof.note_date(f.local_ts.date())
        prof.peak = max(prof.peak, act.count_between(f.ts - timedelta(minutes=self.window_minutes), f.ts))
        value, count = act.corridor_day(f)
        prof.note_day(f.corridor, value, count)
