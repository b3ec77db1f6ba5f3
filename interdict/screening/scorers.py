"""Registered pairwise scorers: ours (the list-screening engine) and an OFAC SLS emulation.

Modelled on nomenklatura's `ScoringAlgorithm` registry: each scorer has a `NAME`, a default
threshold, typed parameters, and an `explain()` that documents every feature its explanation
reports, so `interdict match --algorithms` can say what each one does. All score one query (name
and context) against one entity, in [0, 1].
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any, ClassVar, Protocol

from interdict.core.entity import Entity
from interdict.core.errors import InputError
from interdict.core.match import Query
from interdict.screening import ofac_sls
from interdict.screening.pairwise import match_entity
from interdict.screening.threshold import DEFAULT_THRESHOLD


@dataclass(frozen=True, slots=True)
class Feature:
    """One documented feature of a scorer's explanation."""

    name: str
    type: str  # "float", "bool", "list", "object"
    description: str


@dataclass(frozen=True, slots=True)
class Parameter:
    """One fixed parameter of a scorer (shown, not set from the command line)."""

    name: str
    type: str
    value: float | str
    description: str


@dataclass(frozen=True, slots=True)
class AlgorithmDocs:
    """What `explain()` returns: the scorer's description, threshold, parameters and features."""

    name: str
    description: str
    threshold: float
    parameters: tuple[Parameter, ...]
    features: tuple[Feature, ...]

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-ready dict."""
        return asdict(self)


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
        return AlgorithmDocs(
            name=cls.NAME,
            description="Interdict's screen: normalised and transliterated name forms, token "
                        "alignment weighted by rarity, joined/split words, then date-of-birth, "
                        "country and alias-quality adjustments; identifiers match exactly.",
            threshold=cls.THRESHOLD,
            parameters=(Parameter("threshold", "float", cls.THRESHOLD,
                                  "calibrated default (interdict.screening.threshold)"),),
            features=(
                Feature("method", "str", "'name', 'identifier', or 'none' when nothing was scored"),
                Feature("query_form", "str", "the normalised query form that matched"),
                Feature("name_form", "str", "the normalised listed form it matched"),
                Feature("tokens", "list", "aligned token pairs: similarity, rule, weight"),
                Feature("unmatched_query", "list", "query tokens without a partner, with weights"),
                Feature("unmatched_name", "list", "listed tokens without a partner, with weights"),
                Feature("coverage", "object", "share of query and listed weight matched"),
                Feature("evidence", "float", "matched rarity, damping matches on common words"),
                Feature("name_similarity", "float", "the name score before adjustments"),
                Feature("adjustments", "list", "dob / country / weak-alias deltas with reasons"),
                Feature("score", "float", "final score, name similarity plus adjustments"),
            ),
        )

    def score(self, query: Query, entity: Entity) -> PairScore:
        """The engine's score and explanation for the best name (or identifier) of the entity."""
        found = match_entity(query, entity)
        return PairScore(found.score, found.explanation)


class OfacSlsScorer:
    """OFAC Sanctions List Search as its FAQ 249 describes it (`interdict.screening.ofac_sls`)."""

    NAME: ClassVar[str] = "ofac-sls"
    THRESHOLD: ClassVar[float] = ofac_sls.DEFAULT_THRESHOLD

    @classmethod
    def explain(cls) -> AlgorithmDocs:
        """Document the emulation's features."""
        return AlgorithmDocs(
            name=cls.NAME,
            description="Emulates OFAC Sanctions List Search (FAQ 249): Jaro-Winkler of the whole "
                        "name, and per name part Jaro-Winkler with Soundex; reports the higher. "
                        "Names only: context and identifiers are ignored, as in SLS's name score.",
            threshold=cls.THRESHOLD,
            parameters=(
                Parameter("soundex_weight", "float", ofac_sls.SOUNDEX_WEIGHT,
                          "share of a part's score from Soundex agreement (FAQ leaves it open)"),
                Parameter("threshold", "float", cls.THRESHOLD, "minimum score shown as a match"),
            ),
            features=(
                Feature("whole", "float", "Jaro-Winkler of the entire names"),
                Feature("composite", "float", "mean over query parts of their best part score"),
                Feature("parts", "list", "per query part: best listed part, Jaro-Winkler, Soundex"),
                Feature("matched_name", "str", "the entity's name that scored best"),
                Feature("score", "float", "max(whole, composite)"),
            ),
        )

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


SCORERS: dict[str, type[InterdictScorer] | type[OfacSlsScorer]] = {
    InterdictScorer.NAME: InterdictScorer,
    OfacSlsScorer.NAME: OfacSlsScorer,
}
DEFAULT_SCORER = InterdictScorer.NAME


def get_scorer(name: str) -> Scorer:
    """A registered scorer by name; InputError naming the known ones otherwise."""
    cls = SCORERS.get(name.strip().lower())
    if cls is None:
        raise InputError("command line", "--algorithm",
                         f"unknown algorithm {name!r}; known: {', '.join(sorted(SCORERS))}")
    return cls()


def scorer_docs() -> list[AlgorithmDocs]:
    """Every registered scorer's documentation, default first."""
    return [SCORERS[n].explain() for n in sorted(SCORERS, key=lambda n: (n != DEFAULT_SCORER, n))]
