"""Incident ledger use cases: load a file of incidents (versioned, audited, actors linked to the
lists), list and show them, trace one over the loaded ledgers, tally, report and export.

Typed results with the JSON `interdict incidents ... --json` prints, so the API answers the same.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from interdict.core import config
from interdict.core.errors import InputError
from interdict.services._lock import DUCKDB_LOCK

__all__ = [
    "EXPORT_FORMATS",
    "POLICIES",
    "InputError",
    "LoadReport",
    "Shown",
    "TraceRequest",
    "Traced",
    "export_ledger",
    "incident_exposure",
    "ledger_state",
    "list_incidents",
    "load_file",
    "load_text",
    "open_ledger",
    "report_page",
    "show_incident",
    "summary_row",
    "tally_incidents",
    "trace_incident",
    "trace_incidents",
]

POLICIES = ("haircut", "poison", "fifo", "lifo", "tiho")

if TYPE_CHECKING:
    from interdict.incidents.model import Incident, IncidentVersion
    from interdict.incidents.store import IncidentStore, Loaded
    from interdict.incidents.tally import Tally


@contextlib.contextmanager
def open_ledger(*, read_only: bool = False, actor: str | None = None) -> Iterator[IncidentStore]:
    """The incident store on the configured database; writers bind what they write into the keyed
    audit chain (the case store), as list loads do."""
    from interdict.core.store import connect, lock_wait
    from interdict.incidents.store import IncidentStore

    with DUCKDB_LOCK:
        conn = connect(read_only=read_only, wait=lock_wait())
        cases = None
        try:
            if not read_only:
                from interdict.cases.audit_external import ChainSink
                from interdict.cases.store import CaseStore

                cases = CaseStore()
                yield IncidentStore(conn, ChainSink(cases, actor or actor_name()))
            else:
                yield IncidentStore(conn)
        finally:
            conn.close()
            if cases is not None:
                cases.close()


def actor_name() -> str:
    """Who runs this command, as events record it."""
    from interdict.lists.activation import default_actor

    return default_actor()


def _has_store() -> bool:
    return config.database_path().exists()


@dataclass(frozen=True)
class LoadReport:
    """What loading one file did to each incident, and how actors were linked to the lists."""

    file: str
    outcome: list[Loaded]
    links: int
    lists_note: str | None  # why actors were not linked, if they were not

    def to_json(self) -> dict[str, Any]:
        return {"file": self.file, "links": self.links, "lists_note": self.lists_note,
                "incidents": [{"id": o.id, "version": o.version, "action": o.action} for o in self.outcome]}


def load_file(path: Path) -> LoadReport:
    """Read and check a whole file, link its actors to the active lists, store every changed
    incident as a new version (all or nothing)."""
    from interdict.incidents.readers import read_incidents

    incidents = read_incidents(path)  # the whole file is checked before the store is opened
    return _store_loaded(incidents, str(Path(path).resolve()), actor_name())


def load_text(source: str, text: str, actor: str) -> LoadReport:
    """`load_file` for a request body (JSON or CSV text), recorded as loaded by `actor`."""
    from interdict.incidents.readers import read_incidents_text

    return _store_loaded(read_incidents_text(source, text), source, actor)


def relink(actor: str) -> LoadReport:
    """Link the latest version of every incident to the lists active now: an incident whose links
    changed (a list added, an entry listed or delisted) gets a new `relink` version, the rest stay."""
    with open_ledger(read_only=True) as store:
        incidents = [v.incident for v in store.latest()]
    return _store_loaded(incidents, "(relinked to the active lists)", actor)


def _store_loaded(incidents: list[Incident], source: str, actor: str) -> LoadReport:
    links, note = link_to_lists(incidents)
    with open_ledger(actor=actor) as store:
        # with the lists unreadable (note), keep what is stored rather than erase the links
        outcome = store.load(incidents, source, actor, links if note is None else None)
    return LoadReport(source, outcome, sum(len(v) for v in links.values()), note)


def link_to_lists(incidents: list[Incident]) -> tuple[dict[str, list[dict[str, Any]]], str | None]:
    """Each incident's actors screened against the active lists (none if no list is loaded)."""
    from interdict.core.errors import NotFoundError
    from interdict.incidents.attribution import link_incidents
    from interdict.services.lists import open_store
    from interdict.services.name_screening import open_index

    if not any(inc.actors for inc in incidents):
        return {}, None
    if not _has_store():
        return {}, "actors not linked to list entries: no lists loaded"
    with DUCKDB_LOCK:  # a server's other requests use the store too
        try:
            index = open_index()
        except NotFoundError as exc:
            return {}, f"actors not linked to list entries: {exc}"
        with open_store(read_only=True) as lists:
            versions = {v.list: v.version for v in lists.active_versions()}
    return link_incidents(index, incidents, versions), None


def list_incidents() -> list[IncidentVersion]:
    """The latest version of every incident, by date."""
    if not _has_store():
        return []
    with open_ledger(read_only=True) as store:
        return store.latest()


@dataclass(frozen=True)
class Shown:
    """One incident version, its history and its latest trace."""

    version: IncidentVersion
    events: list[dict[str, Any]]
    trace: dict[str, Any] | None

    def to_json(self) -> dict[str, Any]:
        return {**self.version.to_dict(), "events": self.events, "trace": self.trace}


def show_incident(ident: str, version: int | None = None) -> Shown:
    """One incident (latest version, or `version`) with its events and latest trace."""
    from interdict.core.errors import NotFoundError

    if not _has_store():
        raise NotFoundError(f"incident {ident!r}: no ledger yet (run `interdict incidents load`)")
    with open_ledger(read_only=True) as store:
        found = store.get(ident, version)
        return Shown(found, store.events(ident), store.latest_traces().get(ident))


def summary_row(v: IncidentVersion) -> dict[str, Any]:
    """One line of `incidents list`: id, date, name, chain, amount, USD, actors, theft addresses."""
    inc = v.incident
    return {
        "id": inc.id, "version": v.version, "date": inc.date.isoformat(), "name": inc.name,
        "chain": inc.chain, "amount": str(inc.amount.value) if inc.amount else None,
        "unit": inc.amount.unit if inc.amount else None,
        "amount_usd": str(inc.amount_usd) if inc.amount_usd is not None else None,
        "actors": [a.name for a in inc.actors], "theft_addresses": len(inc.theft_addresses()),
        "linked_entries": sorted({link["entity_key"] for link in v.links}),
    }


@dataclass(frozen=True)
class TraceRequest:
    """Trace incident `id` from its theft addresses under `policy`, within the cut-offs."""

    id: str
    policy: str = "haircut"
    max_hops: int | None = None
    follow_exits: bool = False
    actor: str | None = None  # who asks (default: the user at the command line)


@dataclass(frozen=True)
class Traced:
    """The stored trace of an incident (its number, and the summary `incidents show` gives too)."""

    id: str
    version: int
    trace: int
    result: dict[str, Any]

    def to_json(self) -> dict[str, Any]:
        return {"id": self.id, "version": self.version, "trace": self.trace, **self.result}


def trace_incident(req: TraceRequest) -> Traced:
    """Follow the incident's funds over the loaded ledgers and store the result with the incident."""
    return trace_incidents([req.id], req)[0]


def trace_incidents(ids: list[str], req: TraceRequest) -> list[Traced]:
    """`trace_incident` for several incidents (`req.id` unused) over one read of the ledgers: the
    read costs seconds on a large store, the walks milliseconds each."""
    from interdict.core.store import connect
    from interdict.incidents.trace import trace_incident as run
    from interdict.tracing.policies.policy import Cutoffs, TaintPolicy
    from interdict.tracing.store import open_ledger as open_tracing

    versions = [show_incident(i).version for i in ids]
    with DUCKDB_LOCK:
        conn = connect()
        try:
            led = open_tracing(conn)
        finally:
            conn.close()
    cut = Cutoffs(max_hops=req.max_hops, follow_exits=req.follow_exits)
    found = [run(led, v.incident, TaintPolicy(req.policy), cut) for v in versions]
    who = req.actor or actor_name()
    out = []
    with open_ledger(actor=who) as store:
        for v, f in zip(versions, found, strict=True):
            result = f.to_json()
            number = store.add_trace(v.incident.id, v.version, req.policy, result, who, f.receivers)
            out.append(Traced(v.incident.id, v.version, number, result))
    return out


def incident_exposure(conn: Any, addresses: list[str]) -> dict[str, list[dict[str, Any]]]:
    """For address screening: each address that received an incident's funds (latest trace of
    each incident), with the incident, the value and its share of all the address received."""
    from interdict.incidents.store import exposure_of
    from interdict.incidents.trace import native
    from interdict.tracing.ledger import DECIMALS
    from interdict.tracing.tags import address_key

    by_key: dict[str, list[str]] = {}
    for a in addresses:
        by_key.setdefault(address_key(a), []).append(a)
    out: dict[str, list[dict[str, Any]]] = {a: [] for a in addresses}
    for r in exposure_of(conn, list(by_key)):
        for a in by_key.get(address_key(r.address), []):
            out[a].append({"incident": r.id, "name": r.name, "asset": r.asset,
                           "tainted_value": native(r.tainted_value, DECIMALS.get(r.asset, 0)),
                           "share": round(r.share, 6), "hops": r.hops, "policy": r.policy})
    return out


def ledger_state() -> tuple[list[IncidentVersion], dict[str, dict[str, Any]]]:
    """The latest version of every incident and the latest trace of each traced one."""
    if not _has_store():
        return [], {}
    with open_ledger(read_only=True) as store:
        return store.latest(), store.latest_traces()


def tally_incidents(by: str, start: str | None = None, end: str | None = None) -> Tally:
    """`incidents tally`: totals by actor, chain, exit or quarter, dated within [start, end]."""
    from interdict.incidents.tally import tally

    versions, traces = ledger_state()
    return tally(versions, traces, by, _day(start, "--from"), _day(end, "--to"))


def _day(text: str | None, option: str) -> date | None:
    if text is None:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError as exc:
        raise InputError(option, None, f"expected a date YYYY-MM-DD, found {text!r}") from exc


def report_page(start: str | None = None, end: str | None = None,
                svg_out: dict[str, str] | None = None) -> str:
    """`incidents report`: the self-contained HTML page over the incidents dated within [start, end];
    its charts are also put in `svg_out` (name -> SVG document) when given."""
    from interdict.incidents.report import report_html

    versions, traces = ledger_state()
    return report_html(versions, traces, _day(start, "--from"), _day(end, "--to"), svg_out=svg_out)


EXPORT_FORMATS = {"stix": "application/json", "ftm": "application/x-ndjson"}


def export_ledger(fmt: str) -> str:
    """The ledger as a STIX 2.1 bundle (JSON) or FollowTheMoney entities (JSON lines)."""
    import json

    from interdict.incidents.exports import ledger_ftm, ledger_stix

    if fmt not in EXPORT_FORMATS:
        raise InputError("--format", None, f"expected one of {', '.join(EXPORT_FORMATS)}, found {fmt!r}")
    versions, _ = ledger_state()
    listed = _listed_entries({link["entity_key"] for v in versions for link in v.links})
    if fmt == "stix":
        return json.dumps(ledger_stix(versions, listed), indent=2, ensure_ascii=False)
    entities = ledger_ftm(versions, listed)
    return "".join(json.dumps(e, ensure_ascii=False, sort_keys=True) + "\n" for e in entities)


def _listed_entries(keys: set[str]) -> dict[str, Any]:
    """The active list entries with these keys (`list:list_id`)."""
    from interdict.services.lists import open_store

    if not keys or not _has_store():
        return {}
    with DUCKDB_LOCK, open_store(read_only=True) as lists:
        return {e.key: e for e in lists.active_entities() if e.key in keys}
