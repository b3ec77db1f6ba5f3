"""Continuous screening use cases: keep a customer base, and re-screen it against what changed on
the lists since each subject was last screened (or against everything with `full`).

A run reads its inputs (active list versions, their index, the subjects grouped by the versions
they last saw, the hits already known) and lets the store go, screens, then writes the hits, the
subjects' new versions and the run in one transaction, and raises the alerts. Subjects changed by a
load during the run keep `seen` empty and are screened in full next time.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from interdict.core import config
from interdict.core.errors import InputError, NotFoundError
from interdict.core.textfile import read_utf8
from interdict.subjects.probes import form_parts, probes_fingerprint, subject_tokens, token_probes

if TYPE_CHECKING:
    from interdict.cases.store import CaseStore
    from interdict.core.match import Candidate, Query
    from interdict.core.store import Connection
    from interdict.screening import ScreeningIndex
    from interdict.subjects.delta import Delta, Versions
    from interdict.subjects.model import Subject
    from interdict.subjects.rescreen import Closed, FoundHit, HitKey, ScreenFn
    from interdict.subjects.store import SubjectStore

RESCREEN_LIMIT = 50  # candidates kept per subject: every hit counts, not the top ten of a screen


@dataclass(frozen=True, slots=True)
class SubjectLoad:
    """What loading a subject file did."""

    added: int
    updated: int
    unchanged: int
    removed: int
    total: int

    @property
    def message(self) -> str:
        return (f"{self.added:,} added, {self.updated:,} updated, {self.unchanged:,} unchanged, "
                f"{self.removed:,} removed; the base holds {self.total:,} subjects")


@dataclass(frozen=True, slots=True)
class RescreenRequest:
    """A re-screen: against the delta (default) or everything, on how many worker processes, and
    whether to raise alerts in the case store."""

    full: bool = False
    workers: int | None = None
    alerts: bool = True
    engine: str = "embedded"  # or "spark": the screening runs in Spark partitions
    master: str = "local[2]"
    partitions: int | None = None


@dataclass(slots=True)
class RescreenResult:
    """What a run did: the list versions it used, subjects brought up to date, new and closed hits."""

    run: int
    mode: str
    list_versions: dict[str, int]
    screened: int
    new_hits: list[FoundHit] = field(default_factory=list)
    closed: list[Closed] = field(default_factory=list)
    delta_entries: int = 0  # entries added, changed or removed that the run screened against
    rescreened: int = 0  # subjects actually screened (the pre-filter's choice in a delta run)
    alerts: int = 0
    cases_closed: int = 0

    def to_json(self) -> dict[str, Any]:
        """The exact shape of `subjects rescreen --json`."""
        return {"list_versions": dict(sorted(self.list_versions.items())), "screened": self.screened,
                "new_hits": [h.to_dict() for h in self.new_hits],
                "closed": [c.to_dict() for c in self.closed]}


@contextmanager
def subject_store(*, read_only: bool = False) -> Iterator[SubjectStore]:
    """The subject base on the configured store (waiting a little for another process's lock)."""
    from interdict.core.store import connect, lock_wait
    from interdict.subjects.store import SubjectStore

    if read_only and not config.database_path().exists():
        raise NotFoundError("no subjects loaded: run `interdict subjects load FILE` first")
    conn = connect(read_only=read_only, wait=lock_wait())
    try:
        yield SubjectStore(conn)
    finally:
        conn.close()


def load_subjects(path: Path) -> SubjectLoad:
    """Load a subject file (CSV, JSON lines, Parquet): add, update by id, remove rows marked
    `deleted`; a file with any bad row loads nothing."""
    from interdict.subjects.readers import read_subject_file

    if not path.is_file():
        raise InputError(str(path), None, "no such file")
    parsed = read_subject_file(path)
    with subject_store() as store:
        _current_probes(store)
        added, updated, unchanged = store.upsert(parsed.subjects, subject_tokens, token_probes, form_parts)
        removed = store.remove(parsed.removals) if parsed.removals else 0
        return SubjectLoad(added, updated, unchanged, removed, store.count())


def _current_probes(store: SubjectStore) -> None:
    """Make the stored pre-filter probes those of the installed engine (rebuilt after an upgrade)."""
    made, now = store.probes_made_by(), probes_fingerprint()
    if made == now:
        return
    if store.count():
        store.rebuild_probes(now, subject_tokens, token_probes, form_parts)
    else:
        store.mark_probes(now)


def remove_subjects(path: Path) -> int:
    """Remove the subjects whose ids a file lists (one per line); answers how many were there."""
    ids = [line.strip() for line in read_utf8(path, "id file").splitlines() if line.strip()]
    with subject_store() as store:
        return store.remove(ids)


def list_subjects(limit: int = 50, offset: int = 0) -> dict[str, Any]:
    """A page of the base: subjects in id order with the list versions each last saw."""
    with subject_store(read_only=True) as store:
        rows = store.page(limit, offset)
        return {"total": store.count(), "offset": offset,
                "subjects": [{**s.to_dict(), "seen": seen} for s, seen in rows]}


def show_subject(subject_id: str) -> dict[str, Any]:
    """One subject, the list versions it last saw, and its hits (open and closed)."""
    with subject_store(read_only=True) as store:
        found = store.get(subject_id)
        if found is None:
            raise NotFoundError(f"no subject {subject_id!r} in the base")
        subject, seen = found
        return {**subject.to_dict(), "seen": seen, "hits": store.hits_of(subject_id)}


def pending_changes() -> tuple[int, int]:
    """(subjects in the base, list entries changed since the versions they last saw, most taken)."""
    from interdict.lists.store import ListStore
    from interdict.subjects.delta import delta_of

    if not config.database_path().exists():
        return 0, 0
    with subject_store(read_only=True) as store:
        groups = store.seen_groups()
        total = sum(n for _, n in groups)
        lists = ListStore(store.conn)
        active = {v.list: v.version for v in lists.active_versions()}
        changed = 0
        for seen, _ in groups:
            if seen is not None:
                changed = max(changed, delta_of(seen, active, lists.diff).size())
        return total, changed


def rescreen(request: RescreenRequest) -> RescreenResult:
    """Re-screen the base against the delta (or everything); record hits, raise and close alerts."""
    from interdict.core.store import connect, lock_wait

    conn = connect(wait=lock_wait())
    try:
        inputs = _read_inputs(conn, request.full)
    finally:
        conn.close()
    outcome = _screen_groups(inputs, _screen_fn(request))
    conn = connect(wait=lock_wait())
    try:
        return _record(conn, inputs, outcome, request)
    finally:
        conn.close()


@dataclass(slots=True)
class _Inputs:
    full: bool
    active: Versions
    index: ScreeningIndex
    groups: list[tuple[Versions | None, list[Subject], Delta | None]]
    known: dict[Any, Any]


def _read_inputs(conn: Connection, full: bool) -> _Inputs:
    from interdict.lists.store import ListStore
    from interdict.screening import load_index
    from interdict.subjects.delta import delta_of, with_reweighted
    from interdict.subjects.rescreen import hit_holders
    from interdict.subjects.store import SubjectStore

    lists = ListStore(conn)
    active = {v.list: v.version for v in lists.active_versions()}
    if not active:
        raise NotFoundError("no lists loaded: run `interdict lists load PATH` first")
    store = SubjectStore(conn)
    _current_probes(store)
    index = load_index(conn)
    known = store.known_hits()
    groups: list[tuple[Versions | None, list[Subject], Delta | None]] = []
    for seen, _ in store.seen_groups():
        delta = None if full else delta_of(seen, active, lists.diff)
        if delta is None or delta.full:
            groups.append((seen, store.subjects_seen(seen), delta))
        elif delta.empty:
            groups.append((seen, [], delta))  # up to date: nothing to screen, nothing to read
        else:
            delta = with_reweighted(index, delta)
            ids = _reached(store, index, seen, delta)
            groups.append((seen, store.subjects_seen(seen, ids | hit_holders(known, delta)), delta))
    return _Inputs(full, active, index, groups, known)


def _reached(store: SubjectStore, index: ScreeningIndex, seen: Versions | None, delta: Delta) -> set[str]:
    """The subjects of a group that blocking could match to the delta (`subjects.prefilter`)."""
    from interdict.subjects.delta import delta_entities, restrict
    from interdict.subjects.parts import PartStore
    from interdict.subjects.prefilter import candidates

    scope = delta_entities(index, delta)
    if not scope:
        return set()
    parts = PartStore(store.conn)
    numbers = candidates(index, restrict(index, scope), scope, parts)
    return set(store.ids_numbered(numbers.tolist(), seen))


@dataclass(slots=True)
class _Outcome:
    found: list[FoundHit] = field(default_factory=list)
    new: list[FoundHit] = field(default_factory=list)
    closed: list[Closed] = field(default_factory=list)
    delta_entries: int = 0
    subjects: dict[str, Subject] = field(default_factory=dict)


def _screen_fn(request: RescreenRequest) -> ScreenFn:
    """How subjects are screened: forked workers here, or Spark partitions (`--engine spark`)."""
    if request.engine == "spark":
        from interdict.spark.rescreen import spark_screen
        from interdict.spark.session import session

        return spark_screen(session(request.master, "interdict subjects rescreen", request.partitions),
                            RESCREEN_LIMIT, request.partitions)
    if request.engine != "embedded":
        raise InputError("command line", "--engine", f"expected embedded or spark, got {request.engine!r}")
    from interdict.screening import screen_many

    workers = request.workers

    def screen(index: ScreeningIndex, queries: Sequence[Query]) -> Iterator[list[Candidate]]:
        return screen_many(index, queries, limit=RESCREEN_LIMIT, workers=workers, expected=len(queries))

    return screen


def _screen_groups(inputs: _Inputs, screen: ScreenFn) -> _Outcome:
    from interdict.subjects.rescreen import rescreen_group

    out = _Outcome()
    for _, subjects, delta in inputs.groups:
        if not subjects:
            continue
        result = rescreen_group(subjects, inputs.index, delta, inputs.known, screen)
        out.found += result.found
        out.new += result.new
        out.closed += result.closed
        out.delta_entries = max(out.delta_entries, delta.size() if delta is not None else len(inputs.index))
        wanted = {h.subject_id for h in result.new}
        out.subjects.update((s.id, s) for s in subjects if s.id in wanted)
    return out


def _record(conn: Connection, inputs: _Inputs, outcome: _Outcome, request: RescreenRequest) -> RescreenResult:
    """Alerts first, then the run: raising an alert twice finds the first (the case store
    de-duplicates), so a run that fails after raising them raises nothing twice when repeated."""
    from interdict.subjects.store import SubjectStore

    store = SubjectStore(conn)
    groups = [(seen, [s.id for s in subjects]) for seen, subjects, _ in inputs.groups]
    mode = "full" if inputs.full else "delta"
    result = RescreenResult(0, mode, inputs.active, store.count(), sorted(outcome.new, key=_order),
                            sorted(outcome.closed, key=lambda c: (c.subject_id, c.list, c.entry_id)),
                            outcome.delta_entries, sum(len(s) for _, s, _ in inputs.groups))
    cases = _case_store() if request.alerts and (outcome.new or outcome.closed) else None
    try:
        made = _raise(cases, inputs, outcome, result.new_hits) if cases is not None else {}
        result.alerts = len(made)
        result.run = store.record_run(mode, inputs.active, groups, outcome.found, outcome.closed,
                                      (result.screened, len(outcome.new)), made)
        if cases is not None and any(c.alert_id is not None for c in outcome.closed):
            from interdict.services.subject_alerts import withdraw

            result.cases_closed = withdraw(cases, result.closed, store.withdrawn_alerts(), result.run)
    finally:
        if cases is not None:
            cases.close()
    return result


def _case_store() -> CaseStore:
    from interdict.cases.store import CaseStore

    return CaseStore()


def _raise(cases: CaseStore, inputs: _Inputs, outcome: _Outcome, new: list[FoundHit]) -> dict[HitKey, int]:
    from interdict.services.subject_alerts import raise_alerts

    by_key = {e.key: e for e in inputs.index.entities}
    return dict(raise_alerts(cases, [(h, outcome.subjects[h.subject_id], by_key.get(f"{h.list}:{h.entry_id}"))
                                     for h in new]))


def _order(hit: FoundHit) -> tuple[str, float, str, str]:
    return (hit.subject_id, -hit.score, hit.list, hit.entry_id)
