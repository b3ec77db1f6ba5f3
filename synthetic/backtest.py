"""A back-test world: senders' learned history, a replay week of their ordinary traffic, and a
heist-style burst injected into it (as the February 2016 central-bank heist: many instructions at
night to new individual beneficiaries abroad, through a bank never used, in round amounts).

The traffic is rendered the way a bank's archive holds it: FIN files (MT103 output messages timed
by block 2, and input messages timed by 13C `/SNDTIME/`) and one ISO 20022 pacs.008 per file,
the files in time order. Everything is deterministic for a seed; names and accounts are invented.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta

from synthetic.payments import BY_CODE, TrafficGenerator, Transfer, render_mt103, render_pacs008


@dataclass(frozen=True, slots=True)
class World:
    """History to learn, the replay week's files, and the references of the injected fraud."""

    history: list[tuple[bytes, str]]
    replay: list[tuple[bytes, str]]
    fraud: frozenset[str]  # references of the injected instructions
    sanctioned: frozenset[str]  # those of them whose beneficiary's street names a listed vessel
    n_history: int
    n_replay: int


def build(
    seed: int = 2016,
    senders: int = 2,
    per_day: int = 300,
    history_days: int = 84,
    start: date = date(2026, 8, 3),
    heist_size: int = 35,
) -> World:
    """`senders` senders paying `per_day` a business day for `history_days` days of history, then a
    week of replay with a burst of `heist_size` instructions from the first sender on the night of
    its second business day, half of them to a street named like a listed vessel (JUPITER)."""
    gen = TrafficGenerator(seed=seed, senders=senders, beneficiaries=(150, 250))
    history = gen.daily(start, history_days, per_day)
    week = start + timedelta(days=history_days)
    replay = gen.daily(week, 7, per_day, new_rate=0.003)
    thief = gen.senders[0]
    weekend = BY_CODE[thief.party.country].weekend
    days = [week + timedelta(days=n) for n in range(7) if (week + timedelta(days=n)).weekday() not in weekend]
    night = datetime.combine(days[1], datetime.min.time()) + timedelta(hours=23, minutes=5)
    burst = gen.heist(thief, night, heist_size)
    burst = [
        replace(t, creditor=replace(t.creditor, street="5 JUPITER STREET")) if k % 2 else t
        for k, t in enumerate(burst)
    ]
    traffic = sorted([*replay, *burst], key=lambda t: (t.sent_at, t.reference))
    return World(
        files(history, "hist", iso=False),
        files(traffic, "week", fraud={t.reference for t in burst}),
        frozenset(t.reference for t in burst),
        frozenset(t.reference for k, t in enumerate(burst) if k % 2),
        len(history),
        len(traffic),
    )


def _form(t: Transfer, iso: bool) -> str:
    """A stable mix: 40 % MT103 output, 30 % MT103 input (13C), 30 % pacs.008 (MT103 input
    instead without `iso`)."""
    k = int(t.uetr[:2], 16) % 10
    return "out" if k < 4 else ("in" if k < 7 or not iso else "mx")


def files(
    transfers: list[Transfer],
    prefix: str,
    fraud: set[str] | None = None,
    per_file: int = 100,
    iso: bool = True,
) -> list[tuple[bytes, str]]:
    """The transfers as files in time order: runs of up to `per_file` FIN messages of one form,
    each pacs.008 on its own; the injected instructions are FIN input messages (13C). The learned
    history is FIN only (`iso=False`): parsing XML would triple the test's set-up time."""
    out: list[tuple[bytes, str]] = []
    run: list[str] = []
    run_form = ""

    def flush() -> None:
        if run:
            out.append(("\r\n$\r\n".join(run).encode() + b"\r\n", f"{prefix}{len(out):06d}.fin"))
            run.clear()

    for n, t in enumerate(transfers):
        form = "in" if fraud and t.reference in fraud else _form(t, iso)
        if form == "mx":
            flush()
            out.append((render_pacs008(t).encode(), f"{prefix}{len(out):06d}.xml"))
            continue
        if form != run_form or len(run) >= per_file:
            flush()
            run_form = form
        run.append(render_mt103(t, n + 1, "input" if form == "in" else "output"))
    flush()
    return out
