"""Tracing use cases that read patterns out of the loaded ledgers: a UTXO address's cluster, peel
chains / CoinJoin-like transactions / exchange deposits, the documented DPRK scenarios, and
whether addresses are listed or tagged. Typed results with the JSON `interdict trace ... --json`
prints, so the API can answer the same."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from interdict.core.errors import NotFoundError
from interdict.services.incidents import incident_exposure
from interdict.services.trace_queries import _ledger

if TYPE_CHECKING:
    from interdict.tracing.heuristics.utxo import Cluster, PeelChain
    from interdict.tracing.ledger import Ledger
    from interdict.tracing.scenarios import Case
    from interdict.tracing.tags import Tag, TagIndex


@dataclass(frozen=True)
class ClusterResult:
    """Addresses that share an owner with one address, with the tags to name them."""

    address: str
    cluster: Cluster
    tags: TagIndex

    def to_json(self) -> dict[str, Any]:
        from interdict.tracing.reports import report

        return report.cluster_json(self.cluster, self.tags)


def cluster(address: str) -> ClusterResult:
    """The multi-input (CoinJoin-guarded) cluster of a UTXO address."""
    from interdict.tracing.heuristics.utxo import cluster_of, multi_input_clusters

    led = _ledger()
    if led.utxo is None or address not in led.utxo.addr_index:
        raise NotFoundError(f"address {address}: not in the loaded UTXO data")
    found = cluster_of(multi_input_clusters(led.utxo), address)
    assert found is not None  # every address is in some cluster
    return ClusterResult(address, found, led.tags)


@dataclass(frozen=True)
class Patterns:
    """Peel chains, CoinJoin-like transactions and exchange deposit addresses in the UTXO data."""

    peel_chains: list[PeelChain]
    coinjoin_like: list[str]
    exchange_deposits: dict[str, list[str]]

    def to_json(self) -> dict[str, Any]:
        """The object `trace patterns --json` prints."""
        return {
            "peel_chains": [
                {
                    "txs": list(c.txs),
                    "start_value": c.start_value,
                    "peeled": [{"address": a, "value": v} for a, v in c.peeled],
                }
                for c in self.peel_chains
            ],
            "coinjoin_like": self.coinjoin_like,
            "exchange_deposits": self.exchange_deposits,
        }


def patterns(min_length: int = 3, led: Ledger | None = None) -> Patterns:
    """Peel chains of at least `min_length` steps, CoinJoin-like transactions, exchange deposits
    in `led` (default: the local store's ledgers)."""
    from interdict.tracing.heuristics.utxo import exchange_deposits, looks_like_coinjoin, peel_chains

    led = led or _ledger()
    g = led.utxo
    if g is None:
        raise NotFoundError("no UTXO data loaded (run `trace load` on a Bitcoin dataset)")
    chains = peel_chains(g, min_length)
    joins = [g.tx_hash[t] for t in range(g.n_tx) if looks_like_coinjoin(g, t)]
    exchanges = {a for a in g.addresses if any(t.category == "exchange" for t in led.tags.lookup(a))}
    return Patterns(chains, joins, exchange_deposits(g, exchanges))


def fmt_value(value: int, decimals: int) -> str:
    """An integer base-unit value as a decimal string (8 for BTC, 18 for ETH, 0 to keep integers)."""
    from interdict.tracing.reports import report

    return report.fmt(value, decimals)


@dataclass(frozen=True)
class Scenarios:
    """The documented cases checked against the loaded tags and ledgers."""

    cases: list[Case]

    def to_json(self) -> list[dict[str, Any]]:
        from interdict.tracing.reports.scenarios import case_json

        return [case_json(c) for c in self.cases]


def check_scenarios(path: Path | None) -> Scenarios:
    """Check the documented DPRK cases (default: the shared data's) against the loaded data."""
    from interdict.core import config
    from interdict.tracing import scenarios
    from interdict.tracing.sources.scenarios import read_cases

    if path is None:
        shared = config.shared_data_dir()
        if shared is None:
            raise NotFoundError("no --file given and no shared data folder found")
        path = shared / "tracing" / "scenarios" / "dprk_scenarios.json"
    led = _ledger()
    ledger_addrs = set(led.utxo.addresses if led.utxo else []) | {t.sender for t in led.transfers}
    ledger_addrs |= {t.receiver for t in led.transfers}
    return Scenarios(scenarios.check_cases(read_cases(path), led.tags, ledger_addrs))


@dataclass(frozen=True)
class AddressHits:
    """Each screened address with the tags (list entries and tracing tags) found on it."""

    hits: dict[str, list[Tag]]
    # incidents whose traced funds the address received (issue 17): incident, value, share
    incidents: dict[str, list[dict[str, Any]]] = field(default_factory=dict)

    @property
    def any(self) -> bool:
        """Whether any address is listed or tagged, or received an incident's funds."""
        return any(self.hits.values()) or any(self.incidents.values())

    def to_json(self) -> dict[str, Any]:
        """The object `screen-address --json` prints."""
        from interdict.tracing.tags import tag_to_json

        return {
            "results": [
                {"address": a, "listed_or_tagged": bool(ts), "tags": [tag_to_json(t) for t in ts],
                 "incidents": self.incidents.get(a, [])}
                for a, ts in self.hits.items()
            ]
        }


def screen_addresses(addresses: list[str]) -> AddressHits:
    """Whether crypto addresses are listed (sanctions lists) or tagged (tracing tags), with the source."""
    from interdict.core import config
    from interdict.core.store import connect
    from interdict.tracing import store
    from interdict.tracing.store import list_tags
    from interdict.tracing.tags import TagIndex, address_key

    con = connect(config.database_path())
    idx = TagIndex(store.load_tags(con, addresses))
    keys = {address_key(a) for a in addresses}
    idx.add(t for t in list_tags(con) if address_key(t.address) in keys)
    return AddressHits({a: idx.lookup(a) for a in addresses}, incident_exposure(con, addresses))
