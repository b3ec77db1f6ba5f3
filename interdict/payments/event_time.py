"""When a payment happened, on the message's own clock.

The behavioural controls (velocity, daily totals, hours, near-duplicates) must read the time the
sender sent the payment, not the time it is screened: a week of history screened in a minute is not
a burst. The clocks, best first:

- MT field 13C `/SNDTIME/HHMM+hhmm` (time sent, with the sender's UTC offset), on the message date;
- the input time and date of an output message's block 2 (the MIR: sender's local time);
- MT field 13C `/CLSTIME/` or `/RNCTIME/` (CLS deadlines and receipt), on the message date;
- ISO 20022 `GrpHdr/CreDtTm` (else the AppHdr `CreDt`, mapped into the same field);
- the wall clock, only for a message that carries no time at all (live screening).

The message date of a 13C time is block 2's input date, else the date the caller gives
(`--date`), else the value date of field 32A.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta, timezone

from interdict.core.payment import Payment

WALL = "wall"
# 13C codes that date the sending, in order of preference after SNDTIME and block 2.
_LATER_CODES = ("CLSTIME", "RNCTIME")
_13C = re.compile(r"^/([A-Z]{7})/(\d{2})(\d{2})([+-])(\d{2})(\d{2})")


@dataclass(frozen=True, slots=True)
class EventTime:
    """The payment's time and the clock it was read from. A naive `at` is the sender's local time
    (block 2 and offset-less ISO times); an aware one is exact."""

    at: datetime
    clock: str  # "13C/SNDTIME", "block2", "13C/CLSTIME", "13C/RNCTIME", "CreDtTm", "wall"


def event_time(payment: Payment, now: datetime, on_date: date | None = None) -> EventTime:
    """The payment's own time (see the module doc); `now` (UTC) only when the message has none."""
    codes = _codes_13c(payment)
    day = _message_date(payment, on_date)
    if "SNDTIME" in codes and day is not None:
        return EventTime(_on(day, codes["SNDTIME"]), "13C/SNDTIME")
    if payment.created_at is not None:
        return EventTime(payment.created_at, "block2" if payment.format == "mt" else "CreDtTm")
    for code in _LATER_CODES:
        if code in codes and day is not None:
            return EventTime(_on(day, codes[code]), f"13C/{code}")
    return EventTime(now if now.tzinfo else now.replace(tzinfo=UTC), WALL)


def _codes_13c(payment: Payment) -> dict[str, tuple[time, timezone]]:
    out: dict[str, tuple[time, timezone]] = {}
    for tag, value in payment.codes:
        if tag != "13C":
            continue
        m = _13C.match(value.strip())
        if not m:
            continue
        code, hh, mi, sign, oh, om = m.groups()
        try:
            offset = timedelta(hours=int(oh), minutes=int(om)) * (1 if sign == "+" else -1)
            out.setdefault(code, (time(int(hh), int(mi)), timezone(offset)))
        except ValueError:  # 2561+0600 or an offset over 24 h: not a time, ignore the code
            continue
    return out


def _message_date(payment: Payment, on_date: date | None) -> date | None:
    if payment.format == "mt" and payment.created_at is not None:
        return payment.created_at.date()
    return on_date or payment.value_date


def _on(day: date, hhmm: tuple[time, timezone]) -> datetime:
    clock, zone = hhmm
    return datetime.combine(day, clock, tzinfo=zone)
