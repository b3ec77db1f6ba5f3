"""A subject of continuous screening: a customer or counterparty with its own id."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from interdict.core.entity import EntityKind, Identifier, IdentifierType
from interdict.core.match import Query


@dataclass(frozen=True, slots=True)
class Subject:
    """One customer or counterparty: the bank's id, a name and optional context."""

    id: str
    name: str
    kind: EntityKind | None = None
    dob: str | None = None
    country: str | None = None
    identifiers: tuple[Identifier, ...] = ()

    def query(self) -> Query:
        """The screening query for this subject."""
        return Query(name=self.name, kind=self.kind, dob=self.dob, country=self.country,
                     identifiers=self.identifiers)

    def to_dict(self) -> dict[str, Any]:
        """JSON shape (stored, and shown by `subjects show --json`); empty fields left out."""
        out: dict[str, Any] = {"id": self.id, "name": self.name}
        if self.kind is not None:
            out["kind"] = self.kind.value
        if self.dob:
            out["dob"] = self.dob
        if self.country:
            out["country"] = self.country
        if self.identifiers:
            out["identifiers"] = [_identifier_dict(i) for i in self.identifiers]
        return out


def _identifier_dict(ident: Identifier) -> dict[str, str]:
    out = {"type": ident.type.value, "value": ident.value}
    if ident.country:
        out["country"] = ident.country
    if ident.currency:
        out["currency"] = ident.currency
    return out


def subject_from_dict(data: dict[str, Any]) -> Subject:
    """The subject stored as `Subject.to_dict()`."""
    kind = data.get("kind")
    return Subject(
        id=str(data["id"]),
        name=str(data["name"]),
        kind=EntityKind(kind) if kind else None,
        dob=data.get("dob"),
        country=data.get("country"),
        identifiers=tuple(Identifier(IdentifierType(i["type"]), i["value"], country=i.get("country"),
                                     currency=i.get("currency")) for i in data.get("identifiers", ())),
    )
