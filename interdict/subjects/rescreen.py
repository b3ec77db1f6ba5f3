"""The re-screen engine: screen a group of subjects against a delta (or everything), and say which
hits are new and which no longer stand. Pure functions over plain inputs (subjects, a delta, an
index, the hits already known), so that the same logic runs embedded or inside a Spark partition.

A hit is one (subject, list, entry). It is *new* when it was never found, when it had been closed,
or when the entry changed since it was found (its content fingerprint differs): a hit a reviewer
already decided is never raised again unless the entry changed. A known open hit is *closed* when
its entry was removed, or when the run screened the subject against the entry and it no longer
matched.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from interdict.core.match import Candidate, Query
from interdict.lists.diff import fingerprint
from interdict.screening.index import ScreeningIndex
from interdict.subjects.delta import (
    Delta,
    Versions,
    delta_entities,
    is_removed,
    keys_of,
    restrict,
    with_reweighted,
)
from interdict.subjects.model import Subject

__all__ = ["Closed", "FoundHit", "GroupOutcome", "HitKey", "KnownHit", "Versions", "hit_holders",
           "rescreen_group"]

HitKey = tuple[str, str, str]  # (subject id, list, entry id)
# How subjects are screened: an index and queries in, each query's candidates out, in order
# (`screening.screen_many` with its workers, or a Spark partition's loop).
ScreenFn = Callable[[ScreeningIndex, Sequence[Query]], Iterator[list[Candidate]]]
REMOVED = "entry removed"
NO_LONGER = "no longer matches"


@dataclass(frozen=True, slots=True)
class KnownHit:
    """A hit recorded by an earlier run."""

    subject_id: str
    list: str
    entry_id: str
    fingerprint: str
    state: str  # "open" | "closed"
    alert_id: int | None = None

    @property
    def entry_key(self) -> str:
        return f"{self.list}:{self.entry_id}"


@dataclass(frozen=True, slots=True)
class FoundHit:
    """A hit this run found: the subject, the entry (with its content fingerprint) and the candidate."""

    subject_id: str
    list: str
    entry_id: str
    score: float
    fingerprint: str
    candidate: Candidate

    @property
    def key(self) -> HitKey:
        return (self.subject_id, self.list, self.entry_id)

    def to_dict(self) -> dict[str, Any]:
        """The `new_hits` item of `subjects rescreen --json`."""
        return {"subject_id": self.subject_id, "list": self.list, "entry_id": self.entry_id,
                "score": round(self.score, 4)}


@dataclass(frozen=True, slots=True)
class Closed:
    """A known open hit that no longer stands, and why."""

    subject_id: str
    list: str
    entry_id: str
    why: str  # REMOVED | NO_LONGER
    alert_id: int | None = None

    def to_dict(self) -> dict[str, Any]:
        """The `closed` item of `subjects rescreen --json`."""
        return {"subject_id": self.subject_id, "list": self.list, "entry_id": self.entry_id, "why": self.why}


@dataclass(frozen=True, slots=True)
class GroupOutcome:
    """One group's run: every hit found in scope, the new ones among them, the closed ones."""

    screened: int
    found: list[FoundHit]
    new: list[FoundHit]
    closed: list[Closed]


def rescreen_group(subjects: Sequence[Subject], index: ScreeningIndex, delta: Delta | None,
                   known: Mapping[HitKey, KnownHit], screen: ScreenFn) -> GroupOutcome:
    """Re-screen subjects that saw the same list versions: against `delta` (None: everything).

    `index` is the full index of the active lists. `subjects` may be the whole group or only those
    that can match the delta (`probes`) together with those holding a hit the delta touches
    (`hit_holders`): the others would find nothing and close nothing.
    """
    partial = delta is not None and not delta.full
    target: ScreeningIndex | None = index
    if delta is not None and not delta.full:
        delta = with_reweighted(index, delta)
        scope = delta_entities(index, delta)
        target = restrict(index, scope) if scope else None
    found: list[FoundHit] = []
    if subjects and target is not None:
        found = found_hits(subjects, screen(target, [s.query() for s in subjects]), index)
    if partial and delta is not None:  # only the delta's entries count (a guard: `restrict` keeps them only)
        found = [h for h in found if delta.in_scope(f"{h.list}:{h.entry_id}")]
    ids = {s.id for s in subjects}
    if delta is None:
        active = set(keys_of(index))
        closed = closed_hits(known, ids, {h.key for h in found}, lambda k: True, lambda k: k not in active)
    else:
        closed = closed_hits(known, ids, {h.key for h in found}, delta.in_scope,
                             lambda k: is_removed(delta, k))
    return GroupOutcome(len(subjects), found, new_hits(found, known), closed)


def hit_holders(known: Mapping[HitKey, KnownHit], delta: Delta) -> set[str]:
    """Subjects with an open hit on an entry the delta changed, re-weighed or removed: they must be
    screened (to close it) whatever the pre-filter says."""
    return {h.subject_id for h in known.values()
            if h.state == "open" and (delta.in_scope(h.entry_key) or is_removed(delta, h.entry_key))}


def found_hits(subjects: Sequence[Subject], results: Iterable[list[Candidate]],
               index: ScreeningIndex) -> list[FoundHit]:
    """Each subject's candidates as hits, with the entry's content fingerprint."""
    prints: dict[str, str] = {}
    number: dict[str, int] | None = None
    out = []
    for subject, cands in zip(subjects, results, strict=True):
        for c in cands:
            key = f"{c.list}:{c.list_id}"
            fp = prints.get(key)
            if fp is None:
                if number is None:
                    number = {k: n for n, k in enumerate(keys_of(index))}
                fp = prints[key] = fingerprint(index.entities[number[key]])
            out.append(FoundHit(subject.id, c.list, c.list_id, c.score, fp, c))
    return out


def new_hits(found: Iterable[FoundHit], known: Mapping[HitKey, KnownHit]) -> list[FoundHit]:
    """The found hits never seen, closed before, or on an entry that changed since."""
    out = []
    for hit in found:
        seen = known.get(hit.key)
        if seen is None or seen.state != "open" or seen.fingerprint != hit.fingerprint:
            out.append(hit)
    return out


def closed_hits(known: Mapping[HitKey, KnownHit], subject_ids: set[str], found: set[HitKey],
                in_scope: Callable[[str], bool], removed: Callable[[str], bool]) -> list[Closed]:
    """Known open hits of these subjects whose entry was removed, or that the run screened and did
    not find again."""
    out = []
    for key, hit in known.items():
        if hit.state != "open" or hit.subject_id not in subject_ids:
            continue
        entry = hit.entry_key
        if removed(entry):
            out.append(Closed(hit.subject_id, hit.list, hit.entry_id, REMOVED, hit.alert_id))
        elif in_scope(entry) and key not in found:
            out.append(Closed(hit.subject_id, hit.list, hit.entry_id, NO_LONGER, hit.alert_id))
    return out
