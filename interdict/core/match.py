"""What screening returns: a query and its candidates, with the explanation a reviewer reads."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from typing import Any

from interdict.core.entity import EntityKind, Identifier

# The explanation's JSON keys in the order the engine has always written them; a key an explanation
# lacks is left out, and keys the model does not know yet (`extra`) follow in their own order.
_KEY_ORDER = (
    "method", "identifier_type", "key", "listed_value",
    "query_form", "query_rule", "matched_name", "name_form", "name_type", "name_quality", "script",
    "window", "window_start", "window_size", "text_form",
    "tokens", "unmatched_query", "unmatched_name", "coverage", "evidence", "name_similarity",
    "spelling_variants", "adjustments", "score", "records_scored", "why",
)


_NUM = (int, float)


def _field(d: Mapping[str, Any], key: str, kind: type | tuple[type, ...]) -> Any:
    """`d[key]` if it is of `kind` (None when absent); a bool never passes for a number."""
    value = d.get(key)
    if value is None:
        return None
    if isinstance(value, bool) and bool not in (kind if isinstance(kind, tuple) else (kind,)):
        raise ValueError(f"explanation: {key!r} is {value!r}, expected {kind}")
    if not isinstance(value, kind):
        raise ValueError(f"explanation: {key!r} is {value!r}, expected {kind}")
    return value


def _items(d: Mapping[str, Any], key: str) -> list[Mapping[str, Any]] | None:
    value = d.get(key)
    if value is None:
        return None
    if not isinstance(value, list | tuple) or not all(isinstance(v, Mapping) for v in value):
        raise ValueError(f"explanation: {key!r} must be a list of objects")
    return list(value)


@dataclass(frozen=True, slots=True)
class TokenPair:
    """One aligned query token (or tokens) and list token (or tokens), and what the query side weighed."""

    query: str
    name: str
    similarity: float
    rule: str  # exact, romanization, typo:N, initial, split:…, joined:…
    weight: float

    def to_dict(self) -> dict[str, Any]:
        return {"query": self.query, "name": self.name, "similarity": self.similarity,
                "rule": self.rule, "weight": self.weight}

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> TokenPair:
        return cls(_req(d, "query", str), _req(d, "name", str), _req(d, "similarity", _NUM),
                   _req(d, "rule", str), _req(d, "weight", _NUM))


@dataclass(frozen=True, slots=True)
class Leftover:
    """A token that matched nothing on the other side, with its weight."""

    token: str
    weight: float

    def to_dict(self) -> dict[str, Any]:
        return {"token": self.token, "weight": self.weight}

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> Leftover:
        return cls(_req(d, "token", str), _req(d, "weight", _NUM))


@dataclass(frozen=True, slots=True)
class Coverage:
    """The share of the query's and of the list name's weight that matched."""

    query: float
    name: float

    def to_dict(self) -> dict[str, Any]:
        return {"query": self.query, "name": self.name}

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> Coverage:
        return cls(_req(d, "query", _NUM), _req(d, "name", _NUM))


@dataclass(frozen=True, slots=True)
class SpellingVariant:
    """A word a spelling table rewrote ("park" read as "pak") on the query or the list side."""

    side: str
    written: str
    read_as: str

    def to_dict(self) -> dict[str, Any]:
        return {"side": self.side, "written": self.written, "read_as": self.read_as}

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> SpellingVariant:
        return cls(_req(d, "side", str), _req(d, "written", str), _req(d, "read_as", str))


@dataclass(frozen=True, slots=True)
class Adjustment:
    """A context adjustment of the score: alias quality, date of birth, country."""

    feature: str
    delta: float
    why: str

    def to_dict(self) -> dict[str, Any]:
        return {"feature": self.feature, "delta": self.delta, "why": self.why}

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> Adjustment:
        return cls(_req(d, "feature", str), _req(d, "delta", _NUM), _req(d, "why", str))


def _req(d: Mapping[str, Any], key: str, kind: type | tuple[type, ...]) -> Any:
    value = _field(d, key, kind)
    if value is None:
        raise ValueError(f"explanation: {key!r} is missing")
    return value


@dataclass(frozen=True, slots=True)
class Explanation:
    """Why a candidate matched, as a reviewer reads it (docs/screening.md, "Explanation format").

    One model for the three methods: `name` (a listed name's tokens aligned with the query's),
    `text` (a name found in a window of free text: the name fields plus `window*`) and `identifier`
    (an exact identifier). A field a method does not fill stays None and is left out of the JSON.
    `extra` keeps keys this model does not know yet, so an explanation read back from a store or
    written by a newer engine loses nothing on its way through."""

    method: str | None = None  # "name", "text", "identifier", "none" (pairwise: nothing scored)
    identifier_type: str | None = None
    key: str | None = None
    listed_value: str | None = None
    query_form: str | None = None
    query_rule: str | None = None  # as written, transliterated, hangul romanized, original script
    matched_name: str | None = None
    name_form: str | None = None
    name_type: str | None = None  # primary, alias, former
    name_quality: str | None = None  # strong, weak
    script: str | None = None  # latin, original
    window: str | None = None
    window_start: int | None = None
    window_size: int | None = None
    text_form: str | None = None
    tokens: tuple[TokenPair, ...] | None = None
    unmatched_query: tuple[Leftover, ...] | None = None
    unmatched_name: tuple[Leftover, ...] | None = None
    coverage: Coverage | None = None
    evidence: float | None = None
    name_similarity: float | None = None
    spelling_variants: tuple[SpellingVariant, ...] | None = None
    adjustments: tuple[Adjustment, ...] | None = None
    score: float | None = None
    records_scored: int | None = None
    why: str | None = None
    # a plain dict (typed read-only): a mappingproxy would not pickle to batch screening's workers
    extra: Mapping[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        """The JSON object of `screen --json`, the batch output, the HTTP API and stored alerts."""
        out: dict[str, Any] = {}
        for key in _KEY_ORDER:
            value = getattr(self, key)
            if value is None:
                continue
            if isinstance(value, tuple):
                out[key] = [item.to_dict() for item in value]
            elif isinstance(value, Coverage):
                out[key] = value.to_dict()
            else:
                out[key] = value
        out.update(self.extra)
        return out

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> Explanation:
        """Read an explanation back (a stored alert, an API payload); ValueError names a bad key."""
        if not isinstance(d, Mapping):
            raise ValueError(f"explanation: expected an object, got {type(d).__name__}")
        coverage = d.get("coverage")
        if coverage is not None and not isinstance(coverage, Mapping):
            raise ValueError("explanation: 'coverage' must be an object")
        window_start, window_size = _field(d, "window_start", int), _field(d, "window_size", int)
        return cls(
            **{k: _field(d, k, str) for k in _TEXT_KEYS},
            window_start=window_start,
            window_size=window_size,
            tokens=_tuple(TokenPair, _items(d, "tokens")),
            unmatched_query=_tuple(Leftover, _items(d, "unmatched_query")),
            unmatched_name=_tuple(Leftover, _items(d, "unmatched_name")),
            coverage=Coverage.from_dict(coverage) if coverage is not None else None,
            evidence=_field(d, "evidence", _NUM),
            name_similarity=_field(d, "name_similarity", _NUM),
            spelling_variants=_tuple(SpellingVariant, _items(d, "spelling_variants")),
            adjustments=_tuple(Adjustment, _items(d, "adjustments")),
            score=_field(d, "score", _NUM),
            records_scored=_field(d, "records_scored", int),
            extra={k: v for k, v in d.items() if k not in _KEY_SET or v is None},
        )

    def with_extra(self, **keys: Any) -> Explanation:
        """A copy with more keys the model does not (yet) have fields for."""
        return replace(self, extra={**self.extra, **keys})


_KEY_SET = frozenset(_KEY_ORDER)
_TEXT_KEYS = ("method", "identifier_type", "key", "listed_value", "query_form", "query_rule",
              "matched_name", "name_form", "name_type", "name_quality", "script", "window",
              "text_form", "why")


def _tuple(kind: Any, items: list[Mapping[str, Any]] | None) -> Any:
    return None if items is None else tuple(kind.from_dict(i) for i in items)


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
    explanation: Explanation = field(default_factory=lambda: Explanation())

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
            "explanation": self.explanation.to_dict(),
        }
