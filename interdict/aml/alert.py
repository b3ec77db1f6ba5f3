"""`TypologyAlert`: what a detector (or the ranker) reports, in the data's own account ids."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True, slots=True)
class TypologyAlert:
    """One suspected laundering structure.

    `accounts` and `transactions` are ids as the data gives them; `start`/`end` are Unix seconds;
    `amount` is the value moved through the structure in `currency` ("mixed" when several);
    `score` is in [0, 1]; `explanation` is one sentence a reviewer can read; `evidence` holds the
    measured features and the parameters the detector used (JSON-ready values).
    """

    typology: str
    accounts: tuple[str, ...]
    transactions: tuple[str, ...]
    start: int
    end: int
    amount: float
    currency: str
    score: float
    explanation: str
    evidence: Mapping[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        """The JSON line `aml scan --out` writes."""
        return {
            "typology": self.typology,
            "accounts": list(self.accounts),
            "transactions": list(self.transactions),
            "start": self.start,
            "end": self.end,
            "amount": self.amount,
            "currency": self.currency,
            "score": self.score,
            "explanation": self.explanation,
            "evidence": dict(self.evidence),
        }
