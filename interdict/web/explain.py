"""A screening explanation made readable for a reviewer: one sentence, the token pairs, what moved the score.

The engine's explanation dict (docs/screening.md, "Explanation format") is read key by key here. Anything of
an unexpected shape or an unknown method yields None and the page falls back to the generic dump, so a new
engine key never breaks the case page. Output is plain text: the template escapes every value.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any


class _Unreadable(Exception):
    """The explanation is not of the shape this view knows."""


@dataclass(frozen=True)
class TokenPair:
    """One aligned query token (or tokens) and list token (or tokens)."""

    query: str
    name: str
    rule: str
    similarity: float
    weight: float


@dataclass(frozen=True)
class Leftover:
    """A token that matched nothing on the other side, with its weight."""

    token: str
    weight: float


@dataclass(frozen=True)
class Variant:
    """A word a spelling table rewrote ("park" read as "pak") on one side."""

    side: str
    written: str
    read_as: str


@dataclass(frozen=True)
class Adjustment:
    """A context adjustment of the score (alias quality, date of birth, country)."""

    feature: str
    delta: float
    why: str


@dataclass(frozen=True)
class ExplanationView:
    """What the case page shows for one alert's explanation."""

    method: str
    sentence: str
    pairs: tuple[TokenPair, ...] = ()
    unmatched_query: tuple[Leftover, ...] = ()
    unmatched_name: tuple[Leftover, ...] = ()
    variants: tuple[Variant, ...] = ()
    adjustments: tuple[Adjustment, ...] = ()
    facts: tuple[tuple[str, str], ...] = ()


def _str(d: dict[str, Any], key: str) -> str:
    value = d.get(key)
    if not isinstance(value, str):
        raise _Unreadable(key)
    return value


def _num(d: dict[str, Any], key: str) -> float:
    value = d.get(key)
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise _Unreadable(key)
    return float(value)


def _dicts(d: dict[str, Any], key: str) -> list[dict[str, Any]]:
    value = d.get(key, [])
    if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
        raise _Unreadable(key)
    return value


def _rule_phrase(rule: str) -> str:
    return {"as written": "read as written", "original script": "read in its original script"}.get(
        rule, f"read {rule}"
    )


def _matched(expl: dict[str, Any]) -> str:
    """The list side of the sentence: the primary name 'Park Jin Hyok' (strong)."""
    script = ", original script" if expl.get("script") == "original" else ""
    return (
        f"the {_str(expl, 'name_type')} name '{_str(expl, 'matched_name')}' "
        f"({_str(expl, 'name_quality')}{script})"
    )


def _name_parts(expl: dict[str, Any]) -> dict[str, Any]:
    """The token table, leftovers, variants, adjustments and figures shared by name and text matches."""
    pairs = tuple(
        TokenPair(
            _str(t, "query"), _str(t, "name"), _str(t, "rule"), _num(t, "similarity"), _num(t, "weight")
        )
        for t in _dicts(expl, "tokens")
    )
    coverage = expl.get("coverage")
    if not isinstance(coverage, dict):
        raise _Unreadable("coverage")
    facts = [
        ("Coverage", f"query {_num(coverage, 'query'):.0%}, list name {_num(coverage, 'name'):.0%}"),
        ("Evidence", f"{_num(expl, 'evidence'):.2f}"),
        ("Name similarity", f"{_num(expl, 'name_similarity'):.2f}"),
    ]
    if "records_scored" in expl:
        facts.append(("Records scored", f"{_num(expl, 'records_scored'):.0f}"))
    return {
        "pairs": pairs,
        "unmatched_query": tuple(
            Leftover(_str(u, "token"), _num(u, "weight")) for u in _dicts(expl, "unmatched_query")
        ),
        "unmatched_name": tuple(
            Leftover(_str(u, "token"), _num(u, "weight")) for u in _dicts(expl, "unmatched_name")
        ),
        "variants": tuple(
            Variant(_str(v, "side"), _str(v, "written"), _str(v, "read_as"))
            for v in _dicts(expl, "spelling_variants")
        ),
        "adjustments": tuple(
            Adjustment(_str(a, "feature"), _num(a, "delta"), _str(a, "why"))
            for a in _dicts(expl, "adjustments")
        ),
        "facts": tuple(facts),
    }


def _name_view(expl: dict[str, Any], query_name: str | None) -> ExplanationView:
    query = query_name.strip() if query_name and query_name.strip() else _str(expl, "query_form")
    sentence = (
        f"'{query}' {_rule_phrase(_str(expl, 'query_rule'))} matched {_matched(expl)}"
        f" — score {_num(expl, 'score'):.2f}"
    )
    return ExplanationView("name", sentence, **_name_parts(expl))


def _text_view(expl: dict[str, Any]) -> ExplanationView:
    start, size = int(_num(expl, "window_start")), int(_num(expl, "window_size"))
    sentence = (
        f"The words '{_str(expl, 'window')}' (words {start + 1}–{start + size} of the text) matched "
        f"{_matched(expl)} — score {_num(expl, 'score'):.2f}"
    )
    return ExplanationView("text", sentence, **_name_parts(expl))


def _identifier_view(expl: dict[str, Any]) -> ExplanationView:
    kind = _str(expl, "identifier_type")
    sentence = (
        f"{kind.upper()} identifier matched the listed value '{_str(expl, 'listed_value')}'"
        f" — score {_num(expl, 'score'):.2f}"
    )
    return ExplanationView(
        "identifier", sentence, facts=(("Key", _str(expl, "key")), ("Why", _str(expl, "why")))
    )


def explanation_view(expl: Any, query_name: Any = None) -> ExplanationView | None:
    """The readable form of a screening explanation, or None when its method or shape is unknown."""
    if not isinstance(expl, dict):
        return None
    name = query_name if isinstance(query_name, str) else None
    try:
        match expl.get("method"):
            case "name":
                return _name_view(expl, name)
            case "text":
                return _text_view(expl)
            case "identifier":
                return _identifier_view(expl)
            case _:
                return None
    except (_Unreadable, TypeError, ValueError):
        return None


def pretty_json(value: Any) -> str:
    """The raw explanation, indented, for the collapsed "raw" block (escaped by the template)."""
    return json.dumps(value, indent=2, ensure_ascii=False, sort_keys=False, default=str)
