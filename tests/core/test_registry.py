"""The shared registry: unique names, lookups by name, typed documentation."""

from __future__ import annotations

import json

import pytest

from interdict.core.errors import InputError
from interdict.core.registry import Documentation, FieldDoc, ParameterDoc, Registry


def double(x: int, factor: int = 2) -> int:
    """Multiply by a factor."""
    return x * factor


def test_register_lookup_and_explain() -> None:
    reg: Registry[object] = Registry("example")
    reg.register("double", double, parameters=(ParameterDoc("factor", "int", 2, "the multiplier"),),
                 evidence=(FieldDoc("result", "int", "x times factor"),))
    assert "double" in reg and len(reg) == 1 and reg.names() == ["double"]
    assert reg["double"] is double
    docs = reg.explain("double")
    assert isinstance(docs, Documentation)
    assert docs.summary == "Multiply by a factor." and docs.kind == "example"
    assert json.loads(json.dumps(docs.to_dict()))["parameters"] == [
        {"name": "factor", "type": "int", "default": 2, "description": "the multiplier"}
    ]
    assert [d.name for d in reg.docs()] == ["double"]


def test_duplicate_name_is_refused() -> None:
    reg: Registry[object] = Registry("example")
    reg.register("double", double)
    with pytest.raises(InputError, match="registered twice"):
        reg.register("double", double)


def test_unknown_name_lists_the_known_ones() -> None:
    reg: Registry[object] = Registry("example")
    reg.register("double", double)
    with pytest.raises(InputError, match="unknown example 'triple'; known: double"):
        reg.get("triple")


def test_documentation_is_frozen() -> None:
    reg: Registry[object] = Registry("example")
    reg.register("double", double, summary="given summary")
    docs = reg.explain("double")
    assert docs.summary == "given summary"
    with pytest.raises(AttributeError):
        docs.name = "other"  # type: ignore[misc]
