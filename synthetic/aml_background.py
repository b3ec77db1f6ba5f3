"""Benign background transfers with IBM AMLworld HI-Small's 370 real laundering attempts injected.

The full HI-Small file (5 M transfers) is not available here, only its labelled attempts (the
patterns CSV). This builds a stand-in: a seeded population of persons, merchants, billers and
employers exchanging ~18 days of ordinary traffic (2022-09-01 to 09-18, minute resolution like
AMLworld), including benign look-alikes of the typologies (payroll fan-outs of near-equal amounts,
merchants' and billers' fan-ins, suppliers paid by many shops, friends paying each other back), and
the attempts injected at HI-Small's ratio (3,209 attempt transfers in ~3.2 M at scale 1, about one
in 1,000).

Injection keeps each attempt's shape, amounts, currencies and timings relative to its first
transfer; its accounts are mapped (consistently across attempts) onto population accounts of the
same currency, so launderers also carry ordinary traffic, as in AMLworld. Each attempt is moved by
a whole number of days (time of day and gaps kept) so that its first transfer falls on a day drawn
uniformly over the 18: HI-Small's attempts all start in its first 12 days, which would leave a
temporal test split (the last 20 % of time) without any. Like any extract of a longer stream, the
data is a window: the transfers of late attempts that fall after its end are not in it (393 of the 3,209
attempt transfers with seed 0). `keep_times=True` keeps their real timestamps.

Not product code: `python -m synthetic.aml_background --scale 0.05 --out DIR` writes
`DIR/Synthetic_Trans.csv` (AMLworld's format, with `Is Laundering`) and `DIR/Synthetic_patterns.csv`
(the patterns CSV's format, for the attempts' families).
"""

from __future__ import annotations

import argparse
import csv
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import overload

import numpy as np
import numpy.typing as npt

from interdict.aml.sources.amlworld import Attempts, read_patterns
from interdict.aml.table import IntArray, TransferTable

PATTERNS = Path("/work/shared/data/aml/ibm_amlworld/HI-Small_patterns.csv")
START = int(np.datetime64("2022-09-01T00:00", "s").astype(np.int64))
DAYS = 18
DAY = 86_400
BACKGROUND_PER_SCALE = 3_200_000
# units per US dollar (rough 2022 rates, read off the patterns' medians) and the share of accounts
CURRENCIES: dict[str, tuple[float, float]] = {
    "US Dollar": (1.0, 0.37), "Euro": (0.85, 0.27), "Saudi Riyal": (3.75, 0.10), "Swiss Franc": (0.95, 0.04),
    "Rupee": (80.0, 0.035), "Yuan": (7.0, 0.035), "Yen": (115.0, 0.03), "Canadian Dollar": (1.3, 0.025),
    "Ruble": (72.0, 0.02), "UK Pound": (0.85, 0.02), "Australian Dollar": (1.4, 0.02),
    "Mexican Peso": (25.0, 0.015), "Shekel": (3.4, 0.01), "Brazil Real": (5.0, 0.01),
    "Bitcoin": (1 / 20_000, 0.0),
}
# share of background transfers per kind
MIX = {"p2p": 0.30, "purchase": 0.36, "bill": 0.08, "payroll": 0.08, "supplier": 0.12, "sweep": 0.06}
HOURS = np.array([1, 1, 1, 1, 1, 2, 3, 5, 7, 8, 8, 8, 8, 8, 8, 8, 7, 6, 5, 4, 3, 2, 2, 1], dtype=np.float64)


class LazyIds(Sequence[str]):
    """Transfer ids `prefix:n` made on demand: millions of Python strings would cost ~100 bytes each."""

    def __init__(self, prefix: str, numbers: IntArray) -> None:
        self.prefix, self.numbers = prefix, numbers

    def __len__(self) -> int:
        return int(self.numbers.shape[0])

    @overload
    def __getitem__(self, i: int) -> str: ...
    @overload
    def __getitem__(self, i: slice) -> Sequence[str]: ...
    def __getitem__(self, i: int | slice) -> str | Sequence[str]:
        if isinstance(i, slice):
            return [f"{self.prefix}:{n}" for n in self.numbers[i]]
        return f"{self.prefix}:{self.numbers[i]}"

    def __iter__(self) -> Iterator[str]:
        return (f"{self.prefix}:{n}" for n in self.numbers)


@dataclass(frozen=True)
class Benchmark:
    """The generated table (labels set) and, per transfer, its attempt id (-1 benign) and family ("")."""

    table: TransferTable
    attempt: IntArray
    family: npt.NDArray[np.str_]
    kinds: dict[str, int]  # background transfers per kind


@dataclass(frozen=True)
class Population:
    """Accounts by role: dense ids into `names`, each with a home currency index."""

    names: list[str]
    currency: IntArray
    persons: IntArray
    merchants: IntArray
    billers: IntArray
    employers: IntArray


def population(rng: np.random.Generator, scale: float) -> Population:
    """About 500,000 accounts at scale 1: persons, merchants, billers, employers."""
    sizes = {"persons": int(440_000 * scale) + 50, "merchants": int(45_000 * scale) + 10,
             "billers": int(600 * scale) + 3, "employers": int(12_000 * scale) + 5}
    n = sum(sizes.values())
    share = np.array([s for _, s in CURRENCIES.values()])
    currency = rng.choice(len(CURRENCIES), size=n, p=share / share.sum()).astype(np.int64)
    banks = rng.integers(1, 30_000, size=n)
    numbers = rng.choice(0xFFFFFFF, size=n, replace=False) + 0x800000000
    names = [f"{b}:{a:09X}" for b, a in zip(banks.tolist(), numbers.tolist(), strict=True)]
    ids = np.arange(n, dtype=np.int64)
    bounds = np.cumsum([0, *sizes.values()])
    parts = [ids[bounds[i]:bounds[i + 1]] for i in range(4)]
    return Population(names, currency, *parts)


def _times(rng: np.random.Generator, n: int, days: IntArray | None = None) -> IntArray:
    """Minute-resolution times, daytime-weighted, on `days` (else uniform over the period)."""
    day = rng.integers(0, DAYS, size=n) if days is None else days
    hour = rng.choice(24, size=n, p=HOURS / HOURS.sum())
    return START + day * DAY + hour * 3600 + rng.integers(0, 60, size=n) * 60


def _amounts(usd: npt.NDArray[np.float64], cur: IntArray) -> npt.NDArray[np.float64]:
    rates = np.array([r for r, _ in CURRENCIES.values()], dtype=np.float64)
    out: npt.NDArray[np.float64] = np.round(usd * rates[cur], 2)
    return out


def _zipf_pick(rng: np.random.Generator, pool: IntArray, n: int, a: float = 1.2) -> IntArray:
    """`n` draws from `pool` with popularity falling as a power of the rank (a few big merchants)."""
    weights = 1.0 / np.arange(1, pool.shape[0] + 1) ** a
    return pool[rng.choice(pool.shape[0], size=n, p=weights / weights.sum())]


Flow = tuple[IntArray, IntArray, npt.NDArray[np.float64], IntArray]


def _p2p(rng: np.random.Generator, pop: Population, n: int) -> Flow:
    src = pop.persons[rng.integers(0, pop.persons.shape[0], size=n)]
    friend = rng.integers(0, 6, size=n)  # each person has six friends: repeated counterparties
    dst = pop.persons[(src * 7919 + friend * 104_729 + 1) % pop.persons.shape[0]]
    return src, dst, rng.lognormal(np.log(120), 1.1, size=n), _times(rng, n)


def _purchase(rng: np.random.Generator, pop: Population, n: int) -> Flow:
    src = pop.persons[rng.integers(0, pop.persons.shape[0], size=n)]
    return src, _zipf_pick(rng, pop.merchants, n), rng.lognormal(np.log(45), 1.0, size=n), _times(rng, n)


def _bill(rng: np.random.Generator, pop: Population, n: int) -> Flow:
    src = pop.persons[rng.integers(0, pop.persons.shape[0], size=n)]
    dst = pop.billers[(src * 31 + rng.integers(0, 3, size=n)) % pop.billers.shape[0]]
    # the same bill each time: the amount is a function of the (person, biller) pair
    base = np.exp(np.log(90) + 0.8 * np.sin(src * 12.9898 + dst * 78.233))
    return src, dst, np.round(base, 0) + rng.choice([0, 0, 0, 0.99], size=n), _times(rng, n)


def _payroll(rng: np.random.Generator, pop: Population, n: int) -> Flow:
    """Employers pay their staff on paydays, all at the same minute, near-equal salaries."""
    n_emp = pop.employers.shape[0]
    staff = np.clip(rng.zipf(1.8, size=n_emp), 1, 2_000)
    rounds = np.where(rng.random(n_emp) < 0.5, 2, 3)  # twice a month or weekly-ish in 18 days
    per = staff * rounds
    scale = n / per.sum()
    staff = np.maximum(1, np.round(staff * scale)).astype(np.int64)
    emp = np.repeat(np.arange(n_emp), staff * rounds)
    k = np.concatenate([np.repeat(np.arange(r), s) for s, r in zip(staff, rounds, strict=True)])
    member = np.concatenate([np.tile(np.arange(s), r) for s, r in zip(staff, rounds, strict=True)])
    dst = pop.persons[(emp * 1_000_003 + member * 9_973) % pop.persons.shape[0]]
    payday = (rng.integers(0, 5, size=n_emp) + 6 * np.arange(3)[:, None]).T  # (n_emp, 3) days
    at = START + payday[emp, k] * DAY + (8 + emp % 4) * 3600
    salary = np.exp(np.log(3000) + 0.5 * np.sin(dst * 1.618 + emp))
    return pop.employers[emp], dst, np.round(salary * rng.uniform(0.98, 1.02, size=emp.shape[0]), 2), at


def _supplier(rng: np.random.Generator, pop: Population, n: int) -> Flow:
    src = _zipf_pick(rng, pop.merchants, n, 0.8)
    dst = pop.merchants[(src * 613 + rng.integers(0, 8, size=n)) % pop.merchants.shape[0]]
    usd = rng.lognormal(np.log(6000), 1.2, size=n)
    usd = np.where(rng.random(n) < 0.3, np.round(usd, -2), usd)  # invoices in round hundreds
    return src, dst, usd, _times(rng, n)


def _sweep(rng: np.random.Generator, pop: Population, n: int) -> Flow:
    """Persons moving salary on to savings or a landlord soon after payday: benign pass-through."""
    src = pop.persons[rng.integers(0, pop.persons.shape[0], size=n)]
    dst = pop.persons[(src * 2_654_435 + 7) % pop.persons.shape[0]]
    days = rng.choice([1, 2, 7, 8, 14], size=n)
    return src, dst, rng.lognormal(np.log(900), 0.7, size=n), _times(rng, n, days)


KINDS = {"p2p": _p2p, "purchase": _purchase, "bill": _bill, "payroll": _payroll, "supplier": _supplier,
         "sweep": _sweep}


def background(rng: np.random.Generator, pop: Population, n: int) -> tuple[Flow, dict[str, int]]:
    """`n` benign transfers (about; payroll rounds to whole staffs) in the mix of `MIX`."""
    parts = [KINDS[k](rng, pop, max(1, int(n * share))) for k, share in MIX.items()]
    kinds = {k: int(p[0].shape[0]) for k, p in zip(MIX, parts, strict=True)}
    src, dst, usd, at = (np.concatenate([p[i] for p in parts]) for i in range(4))
    cur = pop.currency[src]
    return (src.astype(np.int64), dst.astype(np.int64), _amounts(usd, cur), at.astype(np.int64)), kinds


def choose_attempts(rng: np.random.Generator, attempts: Attempts, scale: float) -> npt.NDArray[np.int64]:
    """All attempts at scale >= 1; else a share of each family's (at least one per family)."""
    ids = np.unique(attempts.attempt)
    if scale >= 1:
        return ids
    family = {int(a): str(f) for a, f in zip(attempts.attempt, attempts.family, strict=True)}
    chosen: list[int] = []
    for fam in sorted(set(family.values())):
        members = np.array([a for a in ids if family[int(a)] == fam])
        k = max(1, round(members.shape[0] * scale))
        chosen += rng.choice(members, size=k, replace=False).tolist()
    return np.sort(np.array(chosen, dtype=np.int64))


def _map_accounts(rng: np.random.Generator, pop: Population, attempts: Attempts, rows: IntArray,
                  cur_of: dict[str, int]) -> tuple[IntArray, IntArray]:
    """Each attempt account onto a population account of its (first paid) currency, one to one."""
    t = attempts.table
    wanted = np.unique(np.concatenate([t.src[rows], t.dst[rows]]))
    taken: set[int] = set()
    target: dict[int, int] = {}
    pools = {c: np.flatnonzero(pop.currency == c) for c in range(len(CURRENCIES))}
    for a in wanted.tolist():
        same = pools[cur_of.get(t.accounts[a], 0)]
        pool = same if same.shape[0] > 10 else np.arange(len(pop.names))
        pick = int(pool[rng.integers(0, pool.shape[0])])
        while pick in taken:
            pick = int(pool[rng.integers(0, pool.shape[0])])
        taken.add(pick)
        target[a] = pick
    lut = np.vectorize(target.__getitem__, otypes=[np.int64])
    return lut(t.src[rows]), lut(t.dst[rows])


def inject(rng: np.random.Generator, pop: Population, attempts: Attempts, chosen: IntArray,
           keep_times: bool) -> tuple[Flow, IntArray, npt.NDArray[np.str_], IntArray]:
    """The chosen attempts' transfers in the population: (flow, attempt id, family, currency index)."""
    t = attempts.table
    rows = np.flatnonzero(np.isin(attempts.attempt, chosen))
    names = list(CURRENCIES)
    cur = np.array([names.index(t.currencies[c]) for c in t.currency[rows]], dtype=np.int64)
    cur_of: dict[str, int] = {}
    for r, c in zip(rows.tolist(), cur.tolist(), strict=True):
        cur_of.setdefault(t.accounts[int(t.src[r])], c)
        cur_of.setdefault(t.accounts[int(t.dst[r])], c)
    src, dst = _map_accounts(rng, pop, attempts, rows, cur_of)
    at = t.time[rows].copy()
    keep = np.ones(rows.shape[0], dtype=bool)
    if not keep_times:
        att = attempts.attempt[rows]
        for a in np.unique(att):
            mine = att == a
            at[mine] += (int(rng.integers(0, DAYS)) - (at[mine].min() - START) // DAY) * DAY
        keep = at < START + DAYS * DAY  # the data is an 18-day window: late attempts run past its end
    return ((src[keep], dst[keep], t.amount[rows][keep], at[keep]), attempts.attempt[rows][keep],
            attempts.family[rows][keep], cur[keep])


def generate(scale: float = 1.0, seed: int = 0, *, patterns: Path = PATTERNS,
             keep_times: bool = False) -> Benchmark:
    """Background of ~3.2 M x `scale` transfers with the (share of) HI-Small attempts injected."""
    rng = np.random.default_rng(seed)
    pop = population(rng, scale)
    (b_src, b_dst, b_amt, b_at), kinds = background(rng, pop, int(BACKGROUND_PER_SCALE * scale))
    attempts = read_patterns(patterns)
    (l_src, l_dst, l_amt, l_at), l_att, l_fam, l_cur = inject(
        rng, pop, attempts, choose_attempts(rng, attempts, scale), keep_times)
    n_b = b_src.shape[0]
    at = np.concatenate([b_at, l_at])
    order = np.argsort(at, kind="stable")
    attempt = np.concatenate([np.full(n_b, -1, dtype=np.int64), l_att])[order]
    family = np.concatenate([np.full(n_b, "", dtype=l_fam.dtype), l_fam])[order]
    table = TransferTable(
        accounts=pop.names,
        src=np.concatenate([b_src, l_src])[order],
        dst=np.concatenate([b_dst, l_dst])[order],
        amount=np.concatenate([b_amt, l_amt])[order],
        time=at[order],
        currency=np.concatenate([pop.currency[b_src], l_cur])[order],
        currencies=list(CURRENCIES),
        tx=LazyIds("synthetic", order + 1),
        label=(attempt >= 0).astype(np.int64),
    )
    return Benchmark(table, attempt, family, kinds)


def write(bench: Benchmark, out: Path) -> tuple[Path, Path]:
    """`out/Synthetic_Trans.csv` (AMLworld's columns) and `out/Synthetic_patterns.csv` (the attempts)."""
    out.mkdir(parents=True, exist_ok=True)
    t = bench.table
    stamps = np.datetime_as_string(t.time.astype("datetime64[s]"), unit="m")
    stamps = np.char.replace(np.char.replace(stamps, "-", "/"), "T", " ")
    bank = [a.split(":")[0] for a in t.accounts]
    acct = [a.split(":")[1] for a in t.accounts]
    trans, pats = out / "Synthetic_Trans.csv", out / "Synthetic_patterns.csv"
    with trans.open("w", newline="") as fh, pats.open("w", newline="") as ph:
        w, p = csv.writer(fh), csv.writer(ph)
        w.writerow(["Timestamp", "From Bank", "Account", "To Bank", "Account", "Amount Received",
                    "Receiving Currency", "Amount Paid", "Payment Currency", "Payment Format",
                    "Is Laundering"])
        p.writerow(["attempt_id", "family", "timestamp", "from_bank", "from_account", "to_bank", "to_account",
                    "amount_paid", "payment_currency", "is_laundering"])
        for i in range(t.n_transfers):
            s, d, cur = int(t.src[i]), int(t.dst[i]), t.currencies[int(t.currency[i])]
            amt = f"{t.amount[i]:.2f}"
            lab = int(bench.attempt[i] >= 0)
            w.writerow([stamps[i], bank[s], acct[s], bank[d], acct[d], amt, cur, amt, cur, "ACH", lab])
            if lab:
                p.writerow([int(bench.attempt[i]), bench.family[i], stamps[i], bank[s], acct[s], bank[d],
                            acct[d], amt, cur, 1])
    return trans, pats


def main() -> None:
    """Generate and write the benchmark files."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--scale", type=float, default=1.0)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--keep-times", action="store_true")
    ap.add_argument("--out", type=Path, required=True)
    args = ap.parse_args()
    bench = generate(args.scale, args.seed, keep_times=args.keep_times)
    trans, pats = write(bench, args.out)
    n_lab = int((bench.attempt >= 0).sum())
    print(f"{bench.table.n_transfers:,} transfers ({n_lab:,} laundering) -> {trans}, {pats}")


if __name__ == "__main__":
    main()
