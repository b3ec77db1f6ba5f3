"""Results as plain JSON-ready dicts (integer base units); `text` holds their readable form."""

from __future__ import annotations

from typing import Any

from interdict.tracing.back import BackResult
from interdict.tracing.follow import Exposure
from interdict.tracing.heuristics.utxo import Cluster
from interdict.tracing.paths import PathResult
from interdict.tracing.policies.policy import TaintResult
from interdict.tracing.tags import TagIndex, tag_to_json


def taint_json(res: TaintResult, tags: TagIndex | None = None, unit: str = "base unit") -> dict[str, Any]:
    """The `trace taint --json` object; source + mixed_in = sum(addresses) + fees + unexplored."""
    tags = tags or TagIndex()
    addresses = sorted(res.holdings.items(), key=lambda kv: (-kv[1], kv[0]))
    return {
        "policy": str(res.policy),
        "sources": list(res.sources),
        "total_source_value": res.source_value,
        "addresses": [{"address": a, "tainted_value": v, "hops": res.hops.get(a)} for a, v in addresses],
        "received": [
            {"address": a, "tainted_value_received": v, "hops": res.received_hops.get(a)}
            for a, v in sorted(res.received.items(), key=lambda kv: (-kv[1], kv[0]))
        ],
        "exits": [
            {"address": a, "tainted_value": v, "tags": [tag_to_json(t) for t in tags.lookup(a)]}
            for a, v in sorted(res.exits.items(), key=lambda kv: -kv[1])
        ],
        "fees": res.fees,
        "unexplored_value": res.unexplored_value,
        # beyond the required keys: what lets a reader check the books and follow the money
        "mixed_in_value": res.mixed_in,
        "unexplored_by_reason": dict(res.unexplored),
        "balanced": res.balanced,
        "unit": unit,
        "asset": res.asset or None,
        # assets the sources also moved that this walk did not follow (their own base units)
        "ignored_assets": dict(res.ignored_assets),
        "transactions": [
            {"tx": t, "tainted_value": v} for t, v in sorted(res.tx_taint.items(), key=lambda kv: -kv[1])
        ],
        "paths": {a: res.paths.get(a, []) for a, _ in addresses},
    }


def fmt(value: int, decimals: int) -> str:
    """An integer base-unit value as a decimal string (8 for BTC, 18 for ETH, 0 to keep integers)."""
    if decimals == 0:
        return f"{value:,}"
    whole, frac = divmod(value, 10**decimals)
    return f"{whole:,}.{frac:0{decimals}d}".rstrip("0").rstrip(".")


def back_json(res: BackResult, tags: TagIndex) -> dict[str, Any]:
    """The `trace back --json` object."""
    return {
        "deposit": res.deposit,
        "deposit_value": res.deposit_value,
        "origins": [
            {
                "address": a,
                "value": v,
                "hops": res.hops.get(a),
                "tags": [tag_to_json(t) for t in tags.lookup(a)],
            }
            for a, v in sorted(res.origins.items(), key=lambda kv: -kv[1])
        ],
        "tagged_value": sum(res.tagged.values()),
        "unexplored_value": res.unexplored,
        "balanced": res.balanced,
    }


def path_json(p: PathResult, asset: str | None = None,
              ignored_assets: dict[str, int] | None = None) -> dict[str, Any]:
    """A path as JSON (with the asset searched and the assets of its ends left out, when given)."""
    extra: dict[str, Any] = {} if asset is None else {
        "asset": asset, "ignored_assets": dict(ignored_assets or {})}
    return {
        "start": p.start,
        "target": p.target,
        "direction": p.direction,
        "hops": len(p.edges),
        "edges": [
            {"from": e.sender, "to": e.receiver, "amount": e.amount, "tx": e.tx, "time": e.time}
            for e in p.edges
        ],
        **extra,
    }


def cluster_json(c: Cluster, tags: TagIndex) -> dict[str, Any]:
    """A cluster with its evidence and the tags of its members."""
    return {
        "size": len(c.addresses),
        "addresses": c.addresses,
        "evidence": c.evidence,
        "tags": {a: [tag_to_json(t) for t in tags.lookup(a)] for a in c.addresses if tags.lookup(a)},
    }


def exposure_tagged(e: Exposure, tags: TagIndex) -> list[tuple[int, str]]:
    """(hops, address) of the tagged addresses an exposure set reached, nearest first."""
    return sorted((h, a) for a, h in e.reached.items() if tags.lookup(a))


def exposure_by_hops(e: Exposure) -> dict[int, int]:
    """How many addresses were reached at each hop count."""
    by_hops: dict[int, int] = {}
    for h in e.reached.values():
        by_hops[h] = by_hops.get(h, 0) + 1
    return by_hops


def exposure_json(e: Exposure, tags: TagIndex) -> dict[str, Any]:
    """The `trace exposure --json` object of one asset."""
    return {
        "address": e.address,
        "direction": "forward" if e.forward else "back",
        "max_hops": e.max_hops,
        "reached": len(e.reached),
        "by_hops": exposure_by_hops(e),
        "tagged": [
            {"address": a, "hops": h, "tags": [tag_to_json(t) for t in tags.lookup(a)]}
            for h, a in exposure_tagged(e, tags)
        ],
        "asset": e.asset,
        "ignored_assets": dict(e.ignored_assets),
    }
