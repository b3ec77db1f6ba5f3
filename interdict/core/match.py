"""What screening returns: a query and its candidates, with the explanation a reviewer reads."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from interdict.core.entity import EntityKind, Identifier


@dataclass(frozen=True, slots=True)
class Query:
    """What a user screens: a name (or pasted identifier) and optional context."""

    name: str
    kind: EntityKind | None = None  # None = any
    dob: str | None = None  # "YYYY", "YYYY-MM" or "YYYY-MM-DD"
    country: str | None = None  # ISO alpha-2 (any case) or a country name
    identifiers: tuple[Identifier, ...] = ()


@dataclass(frozen=True, slots=True)
class Candidate:
    """One listed entry that matches a query, with its score in [0, 1] and why."""

    list: str
    list_id: str
    subject_id: str  # the cross-list subject this entry belongs to (equals `list:list_id` if alone)
    name: str  # the entry's primary name
    matched_name: str  # the entry's name (any script) that matched best
    query_form: str  # the form of the query that matched (original, transliterated, identifier)
    score: float
    kind: str
    programs: tuple[str, ...] = ()
    explanation: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        """The JSON shape used by `screen --json`, the batch output and the HTTP API."""
        return {
            "list": self.list,
            "list_id": self.list_id,
            "subject_id": self.subject_id,
            "name": self.name,
            "matched_name": self.matched_name,
            "query_form": self.query_form,
            "score": round(self.score, 4),
            "kind": self.kind,
            "programs": list(self.programs),
            "explanation": self.explanation,
        }
