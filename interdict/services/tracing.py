"""Tracing use cases: follow funds from sources (raising alerts on exits), tags on an address."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from interdict.services._lock import locked_connection

if TYPE_CHECKING:
    from interdict.cases.users import Actor
    from interdict.services.screening import Engines


def trace_taint(
    eng: Engines, actor: Actor, sources: list[str], policy: str, max_hops: int, alert: bool
) -> dict[str, Any]:
    """Forward taint from the sources (as `trace taint --json`) with its flow picture; exits may alert."""
    from interdict.cases import alerts
    from interdict.tracing import report
    from interdict.tracing.follow import base_unit, taint_from
    from interdict.tracing.ledger import DECIMALS, open_ledger
    from interdict.tracing.policy import Cutoffs, TaintPolicy
    from interdict.tracing.render import flow_svg

    with locked_connection(read_only=False) as conn:
        led = open_ledger(conn)
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
