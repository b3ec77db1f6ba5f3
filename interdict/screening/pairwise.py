"""Pairwise matching: the score of a query against one given entity, by the list-screening engine.

`interdict match NAME1 NAME2` and the name benchmarks must measure the matcher that screens lists,
not a second one. So the listed side becomes a one-entity index (the same normalisation, records,
candidate stage and scoring as `build_index` over a whole list) and the query is screened against
it with `screen_detailed` at threshold 0. What differs from a list screen is only what a single
entity cannot provide: token rarity. In a one-entity index every token is "rare", so the weights
are those of an unseen token (common words and legal forms keep their table weights).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from interdict.core.entity import Entity, EntityKind, Identifier, Name
from interdict.core.match import Candidate, Explanation, Query
from interdict.screening.engine import screen_detailed
from interdict.screening.index import build_index

PAIR_LIST = "pair"
PAIR_ID = "name2"

# FollowTheMoney schema → what our kind filter and person/organisation scoring need. LegalEntity
# may be either, so it stays of unknown kind (scored like a person, matched by any query kind).
KIND_BY_SCHEMA: dict[str, EntityKind | None] = {
    "Person": EntityKind.PERSON,
    "Company": EntityKind.ORGANIZATION,
    "Organization": EntityKind.ORGANIZATION,
    "PublicBody": EntityKind.ORGANIZATION,
    "LegalEntity": None,
    "Vessel": EntityKind.VESSEL,
    "Airplane": EntityKind.AIRCRAFT,
}


@dataclass(frozen=True, slots=True)
class PairMatch:
    """A query scored against one entity: the best candidate (None when no name got to scoring)."""

    score: float
    candidate: Candidate | None
    explanation: Explanation = field(default_factory=lambda: Explanation())

    def to_dict(self) -> dict[str, Any]:
        """JSON shape: score, and the screen's own explanation of the best name pair."""
        return {"score": round(self.score, 4), "explanation": self.explanation.to_dict()}


def pair_entity(names: list[str] | tuple[str, ...], kind: EntityKind | None, *,
                birth_dates: tuple[str, ...] = (), nationalities: tuple[str, ...] = (),
                identifiers: tuple[Identifier, ...] = ()) -> Entity:
    """The listed side of a pair as an entity (first name primary, the others aliases)."""
    if not names:
        raise ValueError("the listed side of a pair needs at least one name")
    return Entity(list=PAIR_LIST, list_id=PAIR_ID, kind=kind or EntityKind.UNKNOWN,
                  names=tuple(Name(n) for n in names), birth_dates=birth_dates,
                  nationalities=nationalities, identifiers=identifiers)


def match_entity(query: Query, entity: Entity) -> PairMatch:
    """Screen `query` against `entity` alone with the list-screening engine (threshold 0)."""
    result = screen_detailed(build_index([entity]), query, threshold=0.0, limit=1)
    if not result.candidates:
        why = "no query token reached the listed names (no shared or similar word): not scored"
        return PairMatch(0.0, None, Explanation(method="none", score=0.0, why=why))
    best = result.candidates[0]
    return PairMatch(best.score, best, best.explanation)


def match_names(name1: str, name2: str, kind: EntityKind | None = None) -> PairMatch:
    """Score query `name1` against listed name `name2` (both of `kind`, or any kind if None)."""
    return match_entity(Query(name=name1, kind=kind), pair_entity([name2], kind))
