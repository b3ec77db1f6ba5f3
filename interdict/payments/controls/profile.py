"""A sender's learned history: who it pays, where, through which banks, and how much per corridor."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
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
    beneficiaries: set[str] = field(default_factory=set)  # name|account
    beneficiary_names: dict[str, str] = field(default_factory=dict)  # normalised name -> account
    countries: set[str] = field(default_factory=set)
    corridors: set[str] = field(default_factory=set)
    banks: set[str] = field(default_factory=set)
    amounts: dict[str, AmountStats] = field(default_factory=dict)
    individuals: int = 0  # payments to private individuals
    institutions: int = 0  # payments to organisations


def learn(history: Iterable[PaymentFeatures]) -> dict[str, SenderProfile]:
    """Build every sender's profile from its past payments."""
    profiles: dict[str, SenderProfile] = {}
    amounts: dict[tuple[str, str], list[float]] = defaultdict(list)
    for f in history:
        p = profiles.get(f.sender)
        if p is None:
            p = profiles[f.sender] = SenderProfile(f.sender)
        p.n += 1
        p.beneficiaries.add(f.bene_key)
        if f.bene_name:
            p.beneficiary_names.setdefault(f.bene_name, f.bene_account)
        if f.bene_country:
            p.countries.add(f.bene_country)
        p.corridors.add(f.corridor)
        if f.bank:
            p.banks.add(f.bank)
        if f.individual is True:
            p.individuals += 1
        elif f.individual is False:
            p.institutions += 1
        amounts[(f.sender, f.corridor)].append(f.amount)
    for (sender, corridor), values in amounts.items():
        profiles[sender].amounts[corridor] = amount_stats(values)
    return profiles


def amount_stats(values: list[float]) -> AmountStats:
    """Median, MAD, minimum and maximum of a list of amounts."""
    med = median(values)
    mad = median(abs(v - med) for v in values)
    return AmountStats(len(values), med, mad, min(values), max(values))
