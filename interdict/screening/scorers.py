"""Registered pairwise scorers: ours (the list-screening engine) and an OFAC SLS emulation.

Modelled on nomenklatura's `ScoringAlgorithm` registry: each scorer is registered in `SCORERS` (a
`core.registry.Registry`) under its `NAME` with its parameters and the features its explanation
reports, so `interdict match --algorithms` can say what each one does. All score one query (name
and context) against one entity, in [0, 1].
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, ClassVar, Protocol

from interdict.core.entity import Entity
from interdict.core.errors import InputError
from interdict.core.match import Query
from interdict.core.registry import Documentation, FieldDoc, ParameterDoc, Registry
from interdict.screening import ofac_sls
from interdict.screening.pairwise import match_entity
from interdict.screening.threshold import DEFAULT_THRESHOLD


@dataclass(frozen=True, slots=True)
class AlgorithmDocs:
    """What `explain()` returns: a scorer's registry documentation and its default threshold.

    `to_dict()` keeps the shape `interdict match --algorithms --json` has always printed
    (description, threshold, parameters with their value, features)."""

    docs: Documentation
    threshold: float

    @property
    def name(self) -> str:
        return self.docs.name

    @property
    def description(self) -> str:
        return self.docs.summary

    @property
    def parameters(self) -> tuple[ParameterDoc, ...]:
        return self.docs.parameters

    @property
    def features(self) -> tuple[FieldDoc, ...]:
        return self.docs.evidence

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-ready dict."""
        return {
            "name": self.name,
            "description": self.description,
            "threshold": self.threshold,
            "parameters": [{"name": p.name, "type": p.type, "value": p.default, "description": p.description}
                           for p in self.parameters],
            "features": [{"name": f.name, "type": f.type, "description": f.description}
                         for f in self.features],
        }


@dataclass(frozen=True, slots=True)
class PairScore:
    """A scorer's result for one pair: score in [0, 1], and its explanation (documented features)."""

    score: float
    explanation: dict[str, Any]


class Scorer(Protocol):
    """A pairwise scorer."""

    NAME: ClassVar[str]
    THRESHOLD: ClassVar[float]

    @classmethod
    def explain(cls) -> AlgorithmDocs:
        """Document the scorer: description, threshold, parameters, features."""
        ...

    def score(self, query: Query, entity: Entity) -> PairScore:
        """Score a query against one entity."""
        ...


class InterdictScorer:
    """The list-screening engine itself, run against a one-entity index (see `pairwise`)."""

    NAME: ClassVar[str] = "interdict"
    THRESHOLD: ClassVar[float] = DEFAULT_THRESHOLD

    @classmethod
    def explain(cls) -> AlgorithmDocs:
        """Document the engine's explanation fields."""
        return AlgorithmDocs(SCORERS.explain(cls.NAME), cls.THRESHOLD)

    def score(self, query: Query, entity: Entity) -> PairScore:
        """The engine's score and explanation for the best name (or identifier) of the entity."""
        found = match_entity(query, entity)
        return PairScore(found.score, found.explanation.to_dict())


class OfacSlsScorer:
    """OFAC Sanctions List Search as its FAQ 249 describes it (`interdict.screening.ofac_sls`)."""

    NAME: ClassVar[str] = "ofac-sls"
    THRESHOLD: ClassVar[float] = ofac_sls.DEFAULT_THRESHOLD

    @classmethod
    def explain(cls) -> AlgorithmDocs:
        """Document the emulation's features."""
        return AlgorithmDocs(SCORERS.explain(cls.NAME), cls.THRESHOLD)

    def score(self, query: Query, entity: Entity) -> PairScore:
        """The highest SLS score over the entity's names."""
        best: tuple[ofac_sls.SlsScore, str] | None = None
        for name in entity.names:
            s = ofac_sls.sls_score(query.name, name.full)
            if best is None or s.score > best[0].score:
                best = (s, name.full)
        if best is None:
            return PairScore(0.0, {"score": 0.0, "whole": 0.0, "composite": 0.0, "parts": []})
        s, matched = best
        return PairScore(s.score, {
            "whole": round(s.whole, 4), "composite": round(s.composite, 4),
            "parts": [{"part": p.part, "best": p.best, "jaro_winkler": round(p.jaro_winkler, 4),
                       "soundex_equal": p.soundex_equal, "score": round(p.score, 4)} for p in s.parts],
            "matched_name": matched, "score": round(s.score, 4)})


SCORERS: Registry[type[InterdictScorer] | type[OfacSlsScorer]] = Registry("scorer")
SCORERS.register(
    InterdictScorer.NAME,
    InterdictScorer,
    summary="Interdict's screen: normalised and transliterated name forms, token alignment weighted by "
            "rarity, joined/split words, then date-of-birth, country and alias-quality adjustments; "
            "identifiers match exactly.",
    parameters=(ParameterDoc("threshold", "float", InterdictScorer.THRESHOLD,
                             "calibrated default (interdict.screening.threshold)"),),
    evidence=(
        FieldDoc("method", "str", "'name', 'identifier', or 'none' when nothing was scored"),
        FieldDoc("query_form", "str", "the normalised query form that matched"),
        FieldDoc("name_form", "str", "the normalised listed form it matched"),
        FieldDoc("tokens", "list", "aligned token pairs: similarity, rule, weight"),
        FieldDoc("unmatched_query", "list", "query tokens without a partner, with weights"),
        FieldDoc("unmatched_name", "list", "listed tokens without a partner, with weights"),
        FieldDoc("coverage", "object", "share of query and listed weight matched"),
        FieldDoc("evidence", "float", "matched rarity, damping matches on common words"),
        FieldDoc("name_similarity", "float", "the name score before adjustments"),
        FieldDoc("adjustments", "list", "dob / country / weak-alias deltas with reasons"),
        FieldDoc("score", "float", "final score, name similarity plus adjustments"),
    ),
)
SCORERS.register(
    OfacSlsScorer.NAME,
    OfacSlsScorer,
    summary="Emulates OFAC Sanctions List Search (FAQ 249): Jaro-Winkler of the whole "
            "name, and per name part Jaro-Winkler with Soundex; reports the higher. "
            "Names only: context and identifiers are ignored, as in SLS's name score.",
    parameters=(
        ParameterDoc("soundex_weight", "float", ofac_sls.SOUNDEX_WEIGHT,
                     "share of a part's score from Soundex agreement (FAQ leaves it open)"),
        ParameterDoc("threshold", "float", OfacSlsScorer.THRESHOLD, "minimum score shown as a match"),
    ),
    evidence=(
        FieldDoc("whole", "float", "Jaro-Winkler of the entire names"),
        FieldDoc("composite", "float", "mean over query parts of their best part score"),
        FieldDoc("parts", "list", "per query part: best listed part, Jaro-Winkler, Soundex"),
        FieldDoc("matched_name", "str", "the entity's name that scored best"),
        FieldDoc("score", "float", "max(whole, composite)"),
    ),
)
DEFAULT_SCORER = InterdictScorer.NAME


def get_scorer(name: str) -> Scorer:
    """A registered scorer by name; InputError naming the known ones otherwise."""
    key = name.strip().lower()
    if key not in SCORERS:
        raise InputError("command line", "--algorithm",
                         f"unknown algorithm {name!r}; known: {', '.join(sorted(SCORERS.names()))}")
    return SCORERS[key]()


def scorer_docs() -> list[AlgorithmDocs]:
    """Every registered scorer's documentation, default first."""
    return [SCORERS[n].explain() for n in sorted(SCORERS.names(), key=lambda n: (n != DEFAULT_SCORER, n))]
