"""The typed screening explanation: its JSON is the engine's, unknown keys survive, bad shapes are refused."""

from __future__ import annotations

import copy
import json
import pickle
from typing import Any

import pytest

from interdict.core.match import Adjustment, Explanation

# A text match as the engine writes it (docs/screening.md, "Explanation format"), keys in its order.
TEXT: dict[str, Any] = {
    "method": "text",
    "query_form": "jupiter street",
    "query_rule": "as written",
    "matched_name": "JUPITER",
    "name_form": "jupiter",
    "name_type": "primary",
    "name_quality": "strong",
    "script": "latin",
    "window": "jupiter",
    "window_start": 1,
    "window_size": 1,
    "text_form": "12 jupiter street limassol",
    "tokens": [{"query": "jupiter", "name": "jupiter", "similarity": 1.0, "rule": "exact", "weight": 0.9}],
    "unmatched_query": [],
    "unmatched_name": [],
    "coverage": {"query": 1.0, "name": 1.0},
    "evidence": 1.0,
    "name_similarity": 1.0,
    "spelling_variants": [{"side": "query", "written": "park", "read_as": "pak"}],
    "adjustments": [
        {"feature": "alias_quality", "delta": -0.06, "why": "matched a weak / low-quality alias"}
    ],
    "score": 0.94,
    "records_scored": 3,
}


def test_round_trip_keeps_keys_values_and_order() -> None:
    model = Explanation.from_dict(TEXT)
    assert model.window == "jupiter" and model.tokens is not None and model.tokens[0].rule == "exact"
    assert model.adjustments == (Adjustment("alias_quality", -0.06, "matched a weak / low-quality alias"),)
    assert json.dumps(model.to_dict()) == json.dumps(TEXT)


def test_unknown_keys_survive_in_extra() -> None:
    newer = dict(TEXT, phonetic={"codes": ["J136"]}, records_scored=None)
    model = Explanation.from_dict(newer)
    assert model.extra == {"phonetic": {"codes": ["J136"]}, "records_scored": None}
    assert model.to_dict() == newer
    assert model.with_extra(note="x").to_dict()["note"] == "x"


def test_empty_explanation_is_an_empty_object_and_pickles() -> None:
    assert Explanation().to_dict() == {}
    model = Explanation.from_dict(TEXT)
    assert pickle.loads(pickle.dumps(model)) == model  # batch screening sends candidates to workers


@pytest.mark.parametrize(("path", "bad"), [
    (("tokens", 0, "weight"), "heavy"),
    (("score",), True),
    (("window_start",), 1.5),
    (("coverage",), [1.0]),
    (("adjustments", 0, "why"), None),
])
def test_bad_shapes_are_refused_naming_the_key(path: tuple[Any, ...], bad: Any) -> None:
    broken = copy.deepcopy(TEXT)
    target: Any = broken
    for step in path[:-1]:
        target = target[step]
    target[path[-1]] = bad
    with pytest.raises(ValueError, match="explanation"):
        Explanation.from_dict(broken)
