"""The daily totals report: what went out, per day, set against what each sender usually sends.

Beside reconciliation, the other morning-after look: value and count per message type, per sender
and per counterparty (the beneficiary's bank, else the beneficiary) against the sender's learned
daily averages, the largest single payments, payments far above what the sender usually pays in the
corridor, and counterparties, beneficiaries and corridors the sender has never paid before.

Learned averages are per day of the history: a sender's totals over the history divided by the
number of days the history covers (days with any payment), so a sender that pays rarely has a small
average. The history's features carry no message type, so per-type totals have no average.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from interdict.core.payment import Payment
from interdict.payments.controls.features import PaymentFeatures
from interdict.payments.controls.profile import SenderProfile, amount_stats, learn

# A robust z-score of the median absolute deviation scaled to a normal standard deviation.
_MAD_SCALE = 1.4826


@dataclass(frozen=True, slots=True)
class Settings:
    """Thresholds of the report."""

    factor: float = 3.0  # a total above factor x the learned daily average is reported
    z: float = 5.0  # a payment this many robust deviations above the corridor median is unusual
    largest: int = 10  # the largest payments listed per currency


@dataclass(frozen=True, slots=True)
class Sent:
    """One sent payment with its features (sender, counterparty, corridor) and the day it counts on."""

    payment: Payment
    features: PaymentFeatures

    @property
    def day(self) -> date:
        """The value date, else the sender's local day of sending."""
        return self.payment.value_date or self.features.local_ts.date()

    @property
    def counterparty(self) -> str:
        """The beneficiary's bank (BIC8 or name), else the beneficiary."""
        return _party(self.features.bank, self.features.bene_name)

    @property
    def type_family(self) -> str:
        """MT103, MT202 COV, pacs.008 (the ISO version dropped)."""
        kind = self.payment.type
        return kind[:8] if self.payment.format == "iso20022" else kind

    def to_dict(self) -> dict[str, Any]:
        """The payment as listed in the report."""
        p, f = self.payment, self.features
        return {
            "date": self.day.isoformat(),
            "type": p.type,
            "reference": p.reference,
            "uetr": p.uetr,
            "sender": f.sender,
            "counterparty": self.counterparty,
            "beneficiary": f.bene_name,
            "amount": str(p.amount) if p.amount is not None else None,
            "currency": f.currency,
            "source": p.source,
        }


def daily_report(sent: Iterable[Sent], history: list[PaymentFeatures], settings: Settings) -> dict[str, Any]:
    """The report as a JSON-ready dict."""
    items = sorted(sent, key=lambda s: (s.day, s.features.sender, s.payment.source))
    profiles = learn(history)
    days = len({f.local_ts.date() for f in history})
    return {
        "messages": len(items),
        "days": sorted({s.day.isoformat() for s in items}),
        "history_payments": len(history),
        "history_days": days,
        "by_type": _by_type(items),
        "by_sender": _against(items, history, days, settings, per_party=False),
        "by_counterparty": _against(items, history, days, settings, per_party=True),
        "largest": _largest(items, settings.largest),
        "unusual": _unusual(items, profiles, history, settings.z),
        "new_combinations": _new(items, profiles),
    }


def findings(report: dict[str, Any]) -> int:
    """How many things the report flags (totals above usual, unusual payments, new combinations)."""
    above = sum(r["above_usual"] for key in ("by_sender", "by_counterparty") for r in report[key])
    return int(above) + len(report["unusual"]) + len(report["new_combinations"])


def _total(items: Iterable[Sent]) -> tuple[int, Decimal]:
    n, value = 0, Decimal(0)
    for s in items:
        n += 1
        value += s.payment.amount or Decimal(0)
    return n, value


def _by_type(items: list[Sent]) -> list[dict[str, Any]]:
    groups: dict[tuple[str, str, str], list[Sent]] = defaultdict(list)
    for s in items:
        groups[(s.day.isoformat(), s.type_family, s.features.currency)].append(s)
    out = []
    for (day, kind, ccy), group in sorted(groups.items()):
        n, value = _total(group)
        out.append({"date": day, "type": kind, "currency": ccy, "count": n, "value": str(value)})
    return out


def _party(bank: str, bene_name: str) -> str:
    return bank or bene_name or "unknown"


def _against(
    items: list[Sent], history: list[PaymentFeatures], days: int, settings: Settings, per_party: bool
) -> list[dict[str, Any]]:
    """Totals per (day, sender[, counterparty], currency) beside the learned daily average of the same."""
    learned: dict[tuple[str, str, str], tuple[int, float]] = {}
    for f in history:
        k = (f.sender, _party(f.bank, f.bene_name) if per_party else "", f.currency)
        hist_n, hist_value = learned.get(k, (0, 0.0))
        learned[k] = (hist_n + 1, hist_value + f.amount)
    groups: dict[tuple[str, str, str, str], list[Sent]] = defaultdict(list)
    for s in items:
        party = s.counterparty if per_party else ""
        groups[(s.day.isoformat(), s.features.sender, party, s.features.currency)].append(s)
    out = []
    for (day, sender, party, ccy), group in sorted(groups.items()):
        n, value = _total(group)
        learned_n, learned_value = learned.get((sender, party, ccy), (0, 0.0))
        avg_n, avg_value = (learned_n / days, learned_value / days) if days else (0.0, 0.0)
        above = n > settings.factor * avg_n or float(value) > settings.factor * avg_value
        row: dict[str, Any] = {
            "date": day,
            "sender": sender,
            "currency": ccy,
            "count": n,
            "value": str(value),
        }
        if per_party:
            row["counterparty"] = party
        row |= {"avg_count": round(avg_n, 3), "avg_value": round(avg_value, 2), "above_usual": above}
        out.append(row)
    return out


def _largest(items: list[Sent], limit: int) -> list[dict[str, Any]]:
    by_ccy: dict[str, list[Sent]] = defaultdict(list)
    for s in items:
        if s.payment.amount is not None:
            by_ccy[s.features.currency].append(s)
    out = []
    for ccy in sorted(by_ccy):
        top = sorted(by_ccy[ccy], key=lambda s: s.payment.amount or 0, reverse=True)[:limit]
        out += [s.to_dict() for s in top]
    return out


def _unusual(
    items: list[Sent], profiles: dict[str, SenderProfile], history: list[PaymentFeatures], z: float
) -> list[dict[str, Any]]:
    """Payments above anything learned in their corridor (in a new corridor: anything the sender paid
    in that currency) and far above its median."""
    by_currency: dict[tuple[str, str], list[float]] = defaultdict(list)
    for f in history:
        by_currency[(f.sender, f.currency)].append(f.amount)
    out = []
    for s in items:
        f = s.features
        profile = profiles.get(f.sender)
        stats, basis = (profile.amounts.get(f.corridor) if profile else None), f.corridor
        if stats is None and (f.sender, f.currency) in by_currency:
            stats, basis = amount_stats(by_currency[(f.sender, f.currency)]), f"any {f.currency}"
        if stats is None or f.amount <= stats.high:
            continue
        spread = max(stats.mad * _MAD_SCALE, stats.median * 0.01, 0.01)
        score = (f.amount - stats.median) / spread
        if score >= z:
            row = s.to_dict() | {"basis": basis, "learned_median": stats.median}
            out.append(row | {"learned_high": stats.high, "robust_z": round(score, 1)})
    return out


def _new(items: list[Sent], profiles: dict[str, SenderProfile]) -> list[dict[str, Any]]:
    """(sender, beneficiary / bank / corridor) never seen in the sender's history, with totals."""
    groups: dict[tuple[str, str, str, str], list[Sent]] = defaultdict(list)
    for s in items:
        f = s.features
        p = profiles.get(f.sender)
        if p is None:
            groups[(f.sender, "sender", f.sender, f.currency)].append(s)
            continue
        if f.bene_key not in p.beneficiaries:
            groups[(f.sender, "beneficiary", f.bene_name or f.bene_account, f.currency)].append(s)
        if f.bank and f.bank not in p.banks:
            groups[(f.sender, "bank", f.bank, f.currency)].append(s)
        if f.corridor not in p.corridors:
            groups[(f.sender, "corridor", f.corridor, f.currency)].append(s)
    out = []
    for (sender, kind, value, ccy), group in sorted(groups.items()):
        n, total = _total(group)
        refs = [g.payment.reference or g.payment.message_id for g in group]
        out.append(
            {"sender": sender, "kind": kind, "value": value, "currency": ccy, "count": n, "total": str(total)}
            | {"references": refs}
        )
    return out
