"""An incident: what was stolen, when, from whom, by whom (with the attribution's source), on which
chain, and the addresses, transactions and documents that tie it to the record.

Immutable types with `to_dict` / `incident_from_dict`; amounts are `Decimal` (native units such as
401346.77 ETH must not pick up binary-float noise) and are written as strings in JSON.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

import orjson


@dataclass(frozen=True, slots=True)
class Amount:
    """An amount in one unit (a chain's native unit, a token, or USD)."""

    value: Decimal
    unit: str

    def to_dict(self) -> dict[str, str]:
        return {"amount": str(self.value), "unit": self.unit}


@dataclass(frozen=True, slots=True)
class Actor:
    """An attributed actor, the attribution's source and confidence (as the source states it)."""

    name: str
    source: str = ""
    confidence: str | None = None  # "high", "FBI confirmed", a number...: the source's own words
    mention: str | None = None  # the words of the attribution text that named it, if read from text

    def to_dict(self) -> dict[str, Any]:
        return {"name": self.name, "source": self.source, "confidence": self.confidence,
                "mention": self.mention}


@dataclass(frozen=True, slots=True)
class AddressRef:
    """An address (or account, or transaction) the incident names, with its role and source."""

    address: str
    group: str  # theft, laundering, victim, other, transaction
    role: str = ""
    source: str = ""
    chain: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"address": self.address, "group": self.group, "role": self.role, "source": self.source,
                "chain": self.chain}


@dataclass(frozen=True, slots=True)
class Incident:
    """One theft (or designation) in the ledger, as loaded from its file."""

    id: str
    name: str
    date: dt.date
    chain: str
    date_end: dt.date | None = None
    victim: str | None = None
    amount: Amount | None = None  # the source's headline amount, in native units or USD
    amount_extra: tuple[Amount, ...] = ()  # other assets stolen in the same incident
    amount_usd: Decimal | None = None  # USD at the time, only where a source gives it
    amount_usd_source: str | None = None
    actors: tuple[Actor, ...] = ()
    attribution: str = ""
    addresses: tuple[AddressRef, ...] = ()
    sources: tuple[str, ...] = ()  # documents: indictments, advisories, list entries, write-ups
    notes: str = ""
    verified: bool | None = None

    @property
    def chain_key(self) -> str:
        """The chain for grouping: "multi (BTC, ETH)" counts as "multi"."""
        return self.chain.split("(")[0].strip() or "unknown"

    @property
    def quarter(self) -> str:
        """The calendar quarter of the incident's date, as `2022Q1`."""
        return f"{self.date.year}Q{(self.date.month - 1) // 3 + 1}"

    def theft_addresses(self) -> list[str]:
        """The theft addresses (where the stolen funds first went), in file order."""
        return [a.address for a in self.addresses if a.group == "theft"]

    def amounts(self) -> list[Amount]:
        """Every stated amount in a native unit (the headline one unless it is USD, and the extras)."""
        head = [self.amount] if self.amount is not None and self.amount.unit != "USD" else []
        return [*head, *self.amount_extra]

    def to_dict(self) -> dict[str, Any]:
        """The documented JSON form (docs/incidents.md), which `incident_from_dict` reads back."""
        return {
            "id": self.id, "name": self.name, "date": self.date.isoformat(),
            "date_end": self.date_end.isoformat() if self.date_end else None,
            "victim": self.victim, "chain": self.chain,
            "amount": str(self.amount.value) if self.amount else None,
            "unit": self.amount.unit if self.amount else None,
            "amount_extra": [a.to_dict() for a in self.amount_extra],
            "amount_usd": str(self.amount_usd) if self.amount_usd is not None else None,
            "amount_usd_source": self.amount_usd_source,
            "actors": [a.to_dict() for a in self.actors], "attribution": self.attribution,
            "addresses": [a.to_dict() for a in self.addresses], "sources": list(self.sources),
            "notes": self.notes, "verified": self.verified,
        }

    def fingerprint(self) -> str:
        """sha256 of the canonical JSON: equal content, equal fingerprint (a reload is a no-op)."""
        return hashlib.sha256(orjson.dumps(self.to_dict(), option=orjson.OPT_SORT_KEYS)).hexdigest()


@dataclass(frozen=True, slots=True)
class IncidentVersion:
    """One stored version of an incident, with the list entries its actors were linked to."""

    incident: Incident
    version: int
    loaded_at: str
    source_file: str
    sha256: str
    links: tuple[dict[str, Any], ...] = field(default_factory=tuple)

    def to_dict(self) -> dict[str, Any]:
        return {**self.incident.to_dict(), "version": self.version, "loaded_at": self.loaded_at,
                "source_file": self.source_file, "sha256": self.sha256, "links": list(self.links)}


def incident_from_dict(d: dict[str, Any]) -> Incident:
    """Read back `Incident.to_dict` (trusted, already validated data from the store)."""
    def amt(x: dict[str, Any]) -> Amount:
        return Amount(Decimal(x["amount"]), x["unit"])

    return Incident(
        id=d["id"], name=d["name"], date=dt.date.fromisoformat(d["date"]), chain=d["chain"],
        date_end=dt.date.fromisoformat(d["date_end"]) if d.get("date_end") else None,
        victim=d.get("victim"),
        amount=Amount(Decimal(d["amount"]), d["unit"]) if d.get("amount") is not None else None,
        amount_extra=tuple(amt(x) for x in d.get("amount_extra") or []),
        amount_usd=Decimal(d["amount_usd"]) if d.get("amount_usd") is not None else None,
        amount_usd_source=d.get("amount_usd_source"),
        actors=tuple(Actor(a["name"], a.get("source") or "", a.get("confidence"), a.get("mention"))
                     for a in d.get("actors") or []),
        attribution=d.get("attribution") or "",
        addresses=tuple(AddressRef(a["address"], a["group"], a.get("role") or "", a.get("source") or "",
                                   a.get("chain")) for a in d.get("addresses") or []),
        sources=tuple(d.get("sources") or []), notes=d.get("notes") or "", verified=d.get("verified"),
    )
