"""Tracing use cases: follow funds from sources (raising alerts on exits), tags on an address."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from interdict.services._lock import locked_connection

if TYPE_CHECKING:
    from interdict.cases.users import Actor
    from interdict.services.screening import Engines
    from interdict.tracing.ledger import Ledger


def trace_taint(
    eng: Engines, actor: Actor, sources: list[str], policy: str, max_hops: int, alert: bool
) -> dict[str, Any]:
    """Forward taint from the sources (as `trace taint --json`) with its flow picture; exits may alert."""
    from interdict.cases import alerts
    from interdict.tracing.follow import base_unit, taint_from
    from interdict.tracing.ledger import DECIMALS
    from interdict.tracing.policies.policy import Cutoffs, TaintPolicy
    from interdict.tracing.reports import report
    from interdict.tracing.reports.render import flow_svg

    led = locked_ledger()
    res, asset = taint_from(led, sources, TaintPolicy(policy), Cutoffs(max_hops=max_hops))
    result: dict[str, Any] = report.taint_json(res, led.tags, base_unit(asset))
    picture = flow_svg(res, led.tags, DECIMALS.get(asset, 0))
    if alert and result.get("exits"):
        cases: list[int] = []
        with eng.store.write() as session:
            for exit_ in result["exits"]:
                _, case, _ = alerts.ingest(session, actor, alerts.from_trace_exit(result, exit_, picture))
                if case is not None and case.id not in cases:
                    cases.append(case.id)
        result["cases"] = cases
    return result


def address_tags(address: str) -> list[dict[str, Any]]:
    """Tracing tags (TagPacks, OFAC addresses) on one address, if the tracing store has any."""
    from interdict.core import config
    from interdict.core.store import DatabaseError
    from interdict.tracing import store as trace_store
    from interdict.tracing.tags import TagIndex, tag_to_json

    if not config.database_path().exists():
        return []
    with locked_connection(read_only=True) as conn:
        try:
            index = TagIndex(trace_store.load_tags(conn, [address]))
        except DatabaseError:
            return []  # no tracing data loaded in this store
    return [tag_to_json(t) for t in index.lookup(address)]


def address_incidents(address: str) -> list[dict[str, Any]]:
    """Incidents whose traced funds the address received (incident, value, share), if any."""
    from interdict.core import config
    from interdict.services.incidents import incident_exposure

    if not config.database_path().exists():
        return []
    with locked_connection(read_only=True) as conn:
        return incident_exposure(conn, [address])[address]


def locked_ledger() -> Ledger:
    """The store's ledgers read into memory under the process's DuckDB lock (for a server)."""
    from interdict.tracing.store import open_ledger

    with locked_connection(read_only=False) as conn:
        return open_ledger(conn)


def exposure_json(address: str, max_hops: int, back: bool) -> dict[str, Any]:
    """`trace exposure --json` for a server: the same object (hop counts keyed by text, as JSON has it)."""
    from interdict.services.trace_queries import exposure

    out = exposure(address, max_hops, back, led=locked_ledger()).to_json()
    for part in out.get("assets", [out]):
        part["by_hops"] = {str(k): v for k, v in part["by_hops"].items()}
    return out


def patterns_json(min_length: int) -> dict[str, Any]:
    """`trace patterns --json` for a server."""
    from interdict.services.trace_patterns import patterns

    return patterns(min_length, led=locked_ledger()).to_json()
