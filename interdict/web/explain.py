"""A screening explanation made readable for a reviewer: one sentence, the token pairs, what moved the score.

A stored alert holds the engine's explanation as JSON (docs/screening.md, "Explanation format"); it is
read back into `core.match.Explanation` and its fields are read here. Anything of an unexpected shape or
an unknown method yields None and the page falls back to the generic dump, so a new engine key never
breaks the case page. Output is plain text: the template escapes every value.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any, TypeVar

from interdict.core.match import Adjustment, Explanation, Leftover, SpellingVariant, TokenPair

T = TypeVar("T")


class _Unreadable(Exception):
    """The explanation lacks a field this view needs."""


@dataclass(frozen=True)
class ExplanationView:
    """What the case page shows for one alert's explanation."""

    method: str
    sentence: str
    pairs: tuple[TokenPair, ...] = ()
    unmatched_query: tuple[Leftover, ...] = ()
    unmatched_name: tuple[Leftover, ...] = ()
    variants: tuple[SpellingVariant, ...] = ()
    adjustments: tuple[Adjustment, ...] = ()
    facts: tuple[tuple[str, str], ...] = ()


def _need(value: T | None, key: str) -> T:
    if value is None:
        raise _Unreadable(key)
    return value


def _rule_phrase(rule: str) -> str:
    return {"as written": "read as written", "original script": "read in its original script"}.get(
        rule, f"read {rule}"
    )


def _matched(expl: Explanation) -> str:
    """The list side of the sentence: the primary name 'Park Jin Hyok' (strong)."""
    script = ", original script" if expl.script == "original" else ""
    return (
        f"the {_need(expl.name_type, 'name_type')} name '{_need(expl.matched_name, 'matched_name')}' "
        f"({_need(expl.name_quality, 'name_quality')}{script})"
    )


def _name_parts(expl: Explanation) -> dict[str, Any]:
    """The token table, leftovers, variants, adjustments and figures shared by name and text matches."""
    coverage = _need(expl.coverage, "coverage")
    facts = [
        ("Coverage", f"query {coverage.query:.0%}, list name {coverage.name:.0%}"),
        ("Evidence", f"{_need(expl.evidence, 'evidence'):.2f}"),
        ("Name similarity", f"{_need(expl.name_similarity, 'name_similarity'):.2f}"),
    ]
    if expl.records_scored is not None:
        facts.append(("Records scored", f"{expl.records_scored:.0f}"))
    return {
        "pairs": expl.tokens or (),
        "unmatched_query": expl.unmatched_query or (),
        "unmatched_name": expl.unmatched_name or (),
        "variants": expl.spelling_variants or (),
        "adjustments": expl.adjustments or (),
        "facts": tuple(facts),
    }


def _name_view(expl: Explanation, query_name: str | None) -> ExplanationView:
    query = query_name.strip() if query_name and query_name.strip() else _need(expl.query_form, "query_form")
    sentence = (
        f"'{query}' {_rule_phrase(_need(expl.query_rule, 'query_rule'))} matched {_matched(expl)}"
        f" — score {_need(expl.score, 'score'):.2f}"
    )
    return ExplanationView("name", sentence, **_name_parts(expl))


def _text_view(expl: Explanation) -> ExplanationView:
    start, size = _need(expl.window_start, "window_start"), _need(expl.window_size, "window_size")
    sentence = (
        f"The words '{_need(expl.window, 'window')}' (words {start + 1}–{start + size} of the text) matched "
        f"{_matched(expl)} — score {_need(expl.score, 'score'):.2f}"
    )
    return ExplanationView("text", sentence, **_name_parts(expl))


def _identifier_view(expl: Explanation) -> ExplanationView:
    kind = _need(expl.identifier_type, "identifier_type")
    sentence = (
        f"{kind.upper()} identifier matched the listed value '{_need(expl.listed_value, 'listed_value')}'"
        f" — score {_need(expl.score, 'score'):.2f}"
    )
    return ExplanationView(
        "identifier", sentence, facts=(("Key", _need(expl.key, "key")), ("Why", _need(expl.why, "why")))
    )


def explanation_view(expl: Any, query_name: Any = None) -> ExplanationView | None:
    """The readable form of a screening explanation (the model or its JSON), or None when its method or
    shape is unknown."""
    name = query_name if isinstance(query_name, str) else None
    try:
        model = expl if isinstance(expl, Explanation) else Explanation.from_dict(expl)
        match model.method:
            case "name":
                return _name_view(model, name)
            case "text":
                return _text_view(model)
            case "identifier":
                return _identifier_view(model)
            case _:
                return None
    except (_Unreadable, TypeError, ValueError):
        return None


def pretty_json(value: Any) -> str:
    """The raw explanation, indented, for the collapsed "raw" block (escaped by the template)."""
    return json.dumps(value, indent=2, ensure_ascii=False, sort_keys=False, default=str)
