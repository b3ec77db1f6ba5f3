"""Documented DPRK cases (`scenarios/dprk_scenarios.json`) checked against what the data holds.

Reading the file is `tracing.sources.scenarios`; the JSON a reader sees is `tracing.reports.scenarios`.

For each case: every address the case names, its role, the tags and sanctions entries on it, and
whether the loaded ledgers contain its transactions, so that a reader sees what can be traced here
and what would need a node or an explorer export.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass, field
from typing import Any

from interdict.tracing.tags import Tag, TagIndex, address_key

ADDRESS_KEYS = (
    "theft_addresses",
    "laundering_addresses",
    "other_labelled_addresses",
    "compromised_or_victim_addresses",
    "victim_addresses_sample",
)


@dataclass
class CaseAddress:
    """One address a case names, with what the tags and the ledger say about it."""

    address: str
    group: str  # theft_addresses, laundering_addresses, ...
    role: str
    tags: list[Tag]
    in_ledger: bool


@dataclass
class Case:
    """A documented case and the evidence the loaded data gives for it."""

    id: str
    name: str
    chain: str
    amount: str
    attribution: str
    laundering_path: list[str]
    sources: list[str]
    addresses: list[CaseAddress] = field(default_factory=list)

    @property
    def traceable(self) -> bool:
        """True if at least one named address has transactions in the loaded data."""
        return any(a.in_ledger for a in self.addresses)


def check_cases(raw: list[dict[str, Any]], tags: TagIndex, ledger: Collection[str]) -> list[Case]:
    """Match every case's addresses against tags and the addresses present in the ledgers."""
    keys = {address_key(a) for a in ledger}
    cases = []
    for c in raw:
        amount = f"{c.get('amount')} {c.get('unit')}" if c.get("amount") is not None else "not stated"
        case = Case(
            c["id"],
            c.get("name", ""),
            str(c.get("chain", "")),
            amount,
            c.get("attribution", ""),
            list(c.get("laundering_path") or []),
            list(c.get("sources") or []),
        )
        for group in ADDRESS_KEYS:
            for entry in c.get(group) or []:
                addr = str(entry.get("address", "")).strip()
                if addr:
                    case.addresses.append(
                        CaseAddress(
                            addr,
                            group,
                            str(entry.get("role", "")),
                            tags.lookup(addr),
                            address_key(addr) in keys,
                        )
                    )
        cases.append(case)
    return cases
