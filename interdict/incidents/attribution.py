"""Attribution linked to the sanctions lists: each actor of an incident screened by the real
screening engine against the active lists, the entries at or above the threshold kept with their
score and the list version they were found in (a later list version may say otherwise: the link
says which one it read).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from interdict.core.entity import EntityKind
from interdict.core.match import Query
from interdict.incidents.actors import kind_of
from interdict.incidents.model import Incident
from interdict.screening import ScreeningIndex, screen

_KINDS = {"person": EntityKind.PERSON, "organization": EntityKind.ORGANIZATION}


def actor_links(index: ScreeningIndex, name: str, mention: str | None,
                versions: Mapping[str, int], threshold: float | None = None) -> list[dict[str, Any]]:
    """List entries an actor is (the name, and the words that named it if they differ), best first."""
    kind = _KINDS.get(kind_of(name))
    best: dict[str, dict[str, Any]] = {}
    for query in dict.fromkeys(q for q in (name, mention) if q):
        for cand in screen(index, Query(query, kind=kind), threshold=threshold):
            key = f"{cand.list}:{cand.list_id}"
            if key in best and best[key]["score"] >= cand.score:
                continue
            best[key] = {"actor": name, "query": query, "list": cand.list, "list_id": cand.list_id,
                         "entity_key": key, "name": cand.name, "matched_name": cand.matched_name,
                         "score": round(cand.score, 4), "programs": list(cand.programs),
                         "list_version": versions.get(cand.list)}
    return sorted(best.values(), key=lambda link: (-link["score"], link["entity_key"]))


def link_incidents(index: ScreeningIndex, incidents: Sequence[Incident],
                   versions: Mapping[str, int]) -> dict[str, list[dict[str, Any]]]:
    """Incident id -> the list entries its actors link to (each actor screened once)."""
    memo: dict[tuple[str, str | None], list[dict[str, Any]]] = {}
    out: dict[str, list[dict[str, Any]]] = {}
    for inc in incidents:
        links: list[dict[str, Any]] = []
        for actor in inc.actors:
            key = (actor.name, actor.mention)
            if key not in memo:
                memo[key] = actor_links(index, actor.name, actor.mention, versions)
            links += memo[key]
        out[inc.id] = links
    return out
