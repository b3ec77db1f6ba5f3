"""Screening engine speed on generated traffic: `screen_text` per text, `screen` and `screen_many` per name.

Run: `.venv/bin/python benchmarks/engine_speed.py` (reads the UN and OFAC SDN lists of the shared
data; about a minute on 2 cores). Texts are address lines and remittance texts in the style of
`synthetic/payments.py`; names are a customer-like mix (60 % people, 30 % companies, 10 % listed
names): "repeating" draws from the synthetic name pools as a customer file repeats families and
counterparties, "distinct" adds generated surnames so that most names are new. Figures are CPU time
per process (the machine is shared) and wall clock for the two-worker batch.
"""

from __future__ import annotations

import os
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from interdict.core import config
from interdict.core.match import Query
from interdict.lists.formats import ofac_advanced, un
from interdict.payments.screen import split_text
from interdict.screening import ScreeningIndex, build_index, screen, screen_many, screen_text
from synthetic import payments as sp

SYLLABLES = ("ka", "ro", "vin", "mel", "dor", "sa", "li", "ber", "tan", "gor", "us", "en", "mar", "ti",
             "lo", "nes", "wick", "ham", "ford", "son")
STREET_KINDS = ("STREET", "ROAD", "AVENUE", "LANE", "DRIVE", "SQUARE", "WAY", "PLACE")
REMIT = ("PAYMENT FOR", "FREIGHT", "CONSULTING FEES", "GOODS AND SERVICES", "SALARY")


def texts(rng: random.Random, n: int) -> list[str]:
    """Distinct address lines and remittance texts, prepared as the payments engine does."""
    towns = [c.town for c in sp.COUNTRIES]
    pick, num = rng.choice, rng.randint
    makers = (
        lambda: f"{num(1, 250)} {pick(sp.LAST)} {pick(STREET_KINDS)}, {pick(towns)}",
        lambda: f"{pick(sp.ORG_A)} HOUSE {num(1, 40)} {pick(sp.STREETS)}",
        lambda: f"/INV/{num(10000, 99999)} {pick(REMIT)} {pick(sp.ORG_A)} {pick(sp.ORG_B)}",
        lambda: f"{pick(sp.FIRST)} {pick(sp.LAST)} {num(1, 250)} {pick(sp.STREETS)}",
    )
    out: set[str] = set()
    while len(out) < n:
        out.add(rng.choice(makers)())
    return [split_text(t)[0] for t in sorted(out)]


def names(rng: random.Random, n: int, listed: list[str], distinct: bool) -> list[Query]:
    """A customer-like mix of names (see the module docstring)."""
    def surname() -> str:
        made = "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 3))).capitalize()
        return made if distinct and rng.random() < 0.7 else rng.choice(sp.LAST)

    out = []
    for _ in range(n):
        r = rng.random()
        if r < 0.6:
            name = f"{rng.choice(sp.FIRST)} {surname()}"
        elif r < 0.9:
            head = surname() if distinct else rng.choice(sp.ORG_A)
            name = f"{head} {rng.choice(sp.ORG_B)} {rng.choice(sp.ORG_C)}"
        else:
            name = rng.choice(listed)
        out.append(Query(name))
    return out


def main() -> None:
    """Build the index from the shared lists and print the figures."""
    data = config.shared_data_dir()
    if data is None:
        sys.exit("../shared/data is not present")
    lists = data / "lists"
    sdn = lists / "ofac" / "sdn_advanced_2025-11" / "sdn_advanced.xml.bz2"
    entities = [*un.parse(lists / "un" / "consolidated.xml").entities, *ofac_advanced.parse(sdn).entities]
    index: ScreeningIndex = build_index(entities)
    rng = random.Random(3)
    sample = texts(rng, 3000)
    for label in ("first pass (index memo cold)", "second pass (memo warm)"):
        start = time.process_time()
        held = sum(bool(screen_text(index, t)) for t in sample)
        took = time.process_time() - start
        print(f"screen_text, {label}: {took / len(sample) * 1000:.3f} ms CPU per text; "
              f"{held} of {len(sample)} with a hit")
    listed = [e.primary_name for e in entities]
    for distinct in (False, True):
        queries = names(rng, 20_000, listed, distinct)
        kind = "distinct" if distinct else "repeating"
        index.memo.clear()
        start = time.process_time()
        for q in queries[:3000]:
            screen(index, q)
        rate = 3000 / (time.process_time() - start)
        print(f"screen, {kind} mix: {rate:,.0f} names per CPU-second, one process")
        index.memo.clear()
        wall, before = time.perf_counter(), os.times()
        done = sum(1 for _ in screen_many(index, queries, workers=2))
        wall, after = time.perf_counter() - wall, os.times()
        cpu = sum(after[i] - before[i] for i in range(4))  # user, system, children's user, system
        print(f"screen_many, {kind} mix ({len(set(queries)):,} distinct of {done:,}): "
              f"{done / wall:,.0f} names/s wall, {2 * done / cpu:,.0f} names/s on 2 idle cores by CPU time; "
              f"load {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
