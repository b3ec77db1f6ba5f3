"""A small typed registry for "one of several named algorithms" (payment controls, tracing
heuristics, and later screening scorers and typology detectors).

Modelled on nomenklatura's registry of matching algorithms: each item is registered under a unique
name with its parameters (defaults and meaning) and the evidence it returns, and `explain()` gives
that documentation as a frozen, JSON-ready value the CLI, API and web page can all show.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import asdict, dataclass
from typing import Any, Generic, TypeVar

from interdict.core.errors import InputError

T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class ParameterDoc:
    """One parameter of a registered item: its type, default and what it means."""

    name: str
    type: str
    default: Any
    description: str


@dataclass(frozen=True, slots=True)
class FieldDoc:
    """One field of the evidence (or explanation) a registered item returns."""

    name: str
    type: str
    description: str


@dataclass(frozen=True, slots=True)
class Documentation:
    """What `explain()` returns: name, one-line summary, parameters and evidence fields."""

    kind: str
    name: str
    summary: str
    parameters: tuple[ParameterDoc, ...]
    evidence: tuple[FieldDoc, ...]

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-ready dict."""
        return asdict(self)


@dataclass(frozen=True, slots=True)
class Registered(Generic[T]):
    """One registered item and its documentation."""

    name: str
    item: T
    docs: Documentation

    def explain(self) -> Documentation:
        """The item's typed documentation."""
        return self.docs


def _summary(item: object) -> str:
    doc = getattr(item, "__doc__", None) or ""
    return " ".join(doc.split())


class Registry(Generic[T]):
    """Items of one kind by unique name, in registration order."""

    def __init__(self, kind: str) -> None:
        self.kind = kind
        self._items: dict[str, Registered[T]] = {}

    def register(
        self,
        name: str,
        item: T,
        *,
        summary: str | None = None,
        parameters: tuple[ParameterDoc, ...] = (),
        evidence: tuple[FieldDoc, ...] = (),
    ) -> T:
        """Register `item` under `name` (the summary defaults to its docstring); returns the item."""
        if name in self._items:
            raise InputError(f"{self.kind} registry", name, f"{self.kind} {name!r} is registered twice")
        text = _summary(item) if summary is None else summary
        docs = Documentation(self.kind, name, text, parameters, evidence)
        self._items[name] = Registered(name, item, docs)
        return item

    def get(self, name: str) -> Registered[T]:
        """The entry registered under `name`; InputError naming the known ones otherwise."""
        entry = self._items.get(name)
        if entry is None:
            known = ", ".join(self._items)
            raise InputError(f"{self.kind} registry", name, f"unknown {self.kind} {name!r}; known: {known}")
        return entry

    def __getitem__(self, name: str) -> T:
        return self.get(name).item

    def __contains__(self, name: object) -> bool:
        return name in self._items

    def __iter__(self) -> Iterator[Registered[T]]:
        return iter(self._items.values())

    def __len__(self) -> int:
        return len(self._items)

    def names(self) -> list[str]:
        """Every registered name, in registration order."""
        return list(self._items)

    def explain(self, name: str) -> Documentation:
        """The documentation of the item registered under `name`."""
        return self.get(name).explain()

    def docs(self) -> list[Documentation]:
        """Every item's documentation, in registration order."""
        return [e.docs for e in self._items.values()]
