"""A vessel screen also reaches a listed vessel through its owner or operator.

OFAC SDN vessel entries link their owner (`Owned or Controlled By`, `Property in the interest of`:
the owner's name and its entry, kept by the reader as "NAME (ofac_sdn:ID)") or name it in free text
(`Vessel Owner`). A vessel query is screened as a name against the whole index with the same
engine; an owner it hits brings in the vessels linked to it, and free-text owners are compared
with the same name scoring on a small index of their own. The vessel's score is the owner's.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, replace

from interdict.core.entity import Entity, EntityKind, Name
from interdict.core.match import Candidate, Query
from interdict.screening.index import ScreeningIndex, build_index

OWNER_RELATIONS = frozenset({"Owned or Controlled By", "Property in the interest of", "Vessel Owner",
                             "Vessel Operator"})
_LINK = re.compile(r"^(?P<name>.*?)\s*\((?P<key>[a-z_]+:[^()]+)\)$")

Screen = Callable[[ScreeningIndex, Query, float], list[Candidate]]


@dataclass(frozen=True, slots=True)
class OwnerTable:
    """Vessels by the entry key of their linked owner, and the free-text owners' own index."""

    by_owner_key: dict[str, tuple[tuple[int, str, str], ...]]  # key → (vessel no, relation, owner)
    free_text: ScreeningIndex | None  # pseudo entities: list_id = vessel number, name = owner
    free_relation: dict[int, str]


def owner_table(index: ScreeningIndex) -> OwnerTable:
    """The owner table of a screening index, built on first use."""
    return index.derived("vessel_owners", _build_owner_table)


def _build_owner_table(index: ScreeningIndex) -> OwnerTable:
    linked: defaultdict[str, list[tuple[int, str, str]]] = defaultdict(list)
    free: list[Entity] = []
    relation: dict[int, str] = {}
    for e_no, entity in enumerate(index.entities):
        if entity.kind != EntityKind.VESSEL:
            continue
        for label, value in entity.extra:
            if label not in OWNER_RELATIONS:
                continue
            if m := _LINK.match(value):
                linked[m["key"]].append((e_no, label, m["name"]))
            elif value.strip():
                free.append(Entity("owner", str(e_no), EntityKind.ORGANIZATION, (Name(value.strip()),)))
                relation[e_no] = label
    return OwnerTable({k: tuple(v) for k, v in linked.items()}, build_index(free) if free else None,
                      relation)


def _through_owner(index: ScreeningIndex, vessel: int, owner: Candidate, relation: str,
                   owner_name: str) -> Candidate:
    entity = index.entities[vessel]
    expl = owner.explanation.with_extra(
        matched_through="owner", owner=owner_name, owner_relation=relation,
        owner_entry=f"{owner.list}:{owner.list_id}" if owner.list != "owner" else None)
    expl = replace(expl, why=f"matched through the owner: {owner_name!r} ({relation}) ~ query "
                             f"{owner.query_form!r} at {owner.score:.2f}")
    return Candidate(list=entity.list, list_id=entity.list_id, subject_id=index.subject_of(vessel),
                     name=entity.primary_name, matched_name=owner_name, query_form=owner.query_form,
                     score=owner.score, kind=entity.kind.value, programs=entity.programs,
                     explanation=expl)


def vessels_by_owner(index: ScreeningIndex, query: Query, threshold: float,
                     screen: Screen) -> dict[int, Candidate]:
    """Listed vessels whose owner or operator the query names, each with the owner's score."""
    table = owner_table(index)
    as_owner = replace(query, kind=None, identifiers=())
    out: dict[int, Candidate] = {}
    for owner in screen(index, as_owner, threshold):
        for vessel, relation, name in table.by_owner_key.get(f"{owner.list}:{owner.list_id}", ()):
            if vessel not in out or owner.score > out[vessel].score:
                out[vessel] = _through_owner(index, vessel, owner, relation, name)
    if table.free_text is not None:
        for owner in screen(table.free_text, as_owner, threshold):
            vessel = int(owner.list_id)
            if vessel not in out or owner.score > out[vessel].score:
                out[vessel] = _through_owner(index, vessel, owner, table.free_relation[vessel], owner.name)
    return out
