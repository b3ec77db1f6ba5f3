"""Tracing use cases over the loaded ledgers: load, taint, back, path, exposure, cluster, patterns,
scenarios and address screening. Each returns a typed result with its JSON (the shape of
`interdict trace ... --json`), so the CLI and the API give the same answers.

Connections are opened and left to the caller's process (as the CLI always did): these run in
one-shot processes; the server's uses go through `services.tracing` under the process's lock.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from interdict.tracing.paths import MAX_DEPTH
from interdict.tracing.policy import TaintPolicy

__all__ = [
    "MAX_DEPTH", "BackTrace", "Exposure", "MoneyPath", "TaggedAddress", "TaintPolicy", "TaintRequest",
    "TaintRun", "dataset_loader", "exposure", "find_money_path", "list_datasets", "taint", "trace_back",
]

if TYPE_CHECKING:
    from rich.table import Table
    from rich.tree import Tree

    from interdict.tracing.back import BackResult
    from interdict.tracing.detect import Loaded
    from interdict.tracing.ledger import Ledger
    from interdict.tracing.paths import PathResult
    from interdict.tracing.policy import TaintResult
    from interdict.tracing.tags import Tag, TagIndex


def _ledger() -> Ledger:
    from interdict.core.store import connect
    from interdict.tracing.ledger import open_ledger

    return open_ledger(connect())


def dataset_loader() -> Callable[[Path, Callable[[str], None]], Loaded]:
    """A loader over one store connection: `load(path, step)` parses a dataset, recognised by its
    format, and replaces it in the store; answers what was loaded (format, items, rows)."""
    from interdict.core.store import connect
    from interdict.tracing.detect import load_path

    con = connect()
    return lambda path, step: load_path(con, path, step)


def list_datasets() -> list[tuple[str, str, int]]:
    """(name, kind, rows) of every loaded tracing dataset."""
    from interdict.core.store import connect
    from interdict.tracing import store

    return [(name, kind, rows) for name, kind, _, rows in store.datasets(connect())]


@dataclass(frozen=True)
class TaintRequest:
    """Follow funds forward from `sources` under `policy`, within the cutoffs."""

    sources: list[str]
    policy: TaintPolicy
    max_hops: int | None = None
    min_value: int = 0
    start: str | None = None
    end: str | None = None
    follow_exits: bool = False
    assets: list[str] | None = None


@dataclass(frozen=True)
class TaintRun:
    """One walk per asset, with the tags of the ledger walked."""

    walks: list[tuple[TaintResult, str]]
    tags: TagIndex

    def to_json(self) -> dict[str, Any]:
        """One walk: its object; several: {"assets": [...], "balanced": ...}."""
        from interdict.tracing import report
        from interdict.tracing.follow import base_unit

        objs = [report.taint_json(res, self.tags, base_unit(asset)) for res, asset in self.walks]
        if len(objs) == 1:
            return objs[0]
        return {"assets": objs, "balanced": all(res.balanced for res, _ in self.walks)}

    def write_html(self, html: Path) -> None:
        """A self-contained HTML flow picture per walk (`html`, or `stem-ASSET.html` for several)."""
        from interdict.tracing.ledger import DECIMALS
        from interdict.tracing.render import flow_html

        for res, asset in self.walks:
            page = html if len(self.walks) == 1 else html.with_name(f"{html.stem}-{asset}{html.suffix}")
            page.write_text(flow_html(res, self.tags, DECIMALS.get(asset, 0)), encoding="utf-8")

    def trees(self) -> list[Tree]:
        """The walks as trees for a terminal."""
        from interdict.tracing import report
        from interdict.tracing.ledger import DECIMALS

        return [report.taint_tree(res, self.tags, DECIMALS.get(asset, 0)) for res, asset in self.walks]


def taint(req: TaintRequest) -> TaintRun:
    """Follow funds forward from theft sources, each asset on its own walk."""
    from interdict.tracing.follow import taint_assets
    from interdict.tracing.policy import Cutoffs
    from interdict.tracing.transfers_csv import parse_time

    led = _ledger()
    cut = Cutoffs(req.max_hops, parse_time(req.start) if req.start else None,
                  parse_time(req.end) if req.end else None, req.min_value, req.follow_exits)
    return TaintRun(taint_assets(led, req.sources, req.policy, cut, req.assets), led.tags)


@dataclass(frozen=True)
class BackTrace:
    """Where a deposit's funds came from (haircut), with the tags to name the origins."""

    result: BackResult
    tags: TagIndex
    decimals: int

    def to_json(self) -> dict[str, Any]:
        from interdict.tracing import report

        return report.back_json(self.result, self.tags)

    def table(self) -> Table:
        from interdict.tracing import report

        return report.back_table(self.result, self.tags, self.decimals)


def trace_back(deposit: str, max_hops: int | None, asset: str | None) -> BackTrace:
    """Trace a deposit backwards: how much of it comes from which origins (haircut)."""
    from interdict.tracing.back import trace_back_account, trace_back_utxo
    from interdict.tracing.follow import deposit_asset
    from interdict.tracing.ledger import DECIMALS

    led = _ledger()
    if led.model_of([deposit]) == "utxo" and led.utxo is not None:
        tagged = {i for a, i in led.utxo.addr_index.items() if led.tags.lookup(a)}
        return BackTrace(trace_back_utxo(led.utxo, deposit, max_hops, tagged), led.tags, 8)
    deposit = led.spelling(deposit)
    asset = deposit_asset(led, deposit, asset)
    stop = {t.sender for t in led.transfers if led.tags.lookup(t.sender)}
    res = trace_back_account(led.account_transfers(asset), deposit, max_hops, stop)
    return BackTrace(res, led.tags, DECIMALS.get(asset, 0))


@dataclass(frozen=True)
class MoneyPath:
    """A money path between two addresses (or none), with amounts per hop."""

    result: PathResult
    decimals: int

    def to_json(self) -> dict[str, Any]:
        from interdict.tracing import report

        return report.path_json(self.result)

    def table(self) -> Table:
        from interdict.tracing import report

        return report.path_table(self.result, self.decimals)


def find_money_path(start: str, target: str, max_depth: int, through_exits: bool) -> MoneyPath:
    """Find a money path between two addresses (either direction)."""
    from interdict.tracing.ledger import DECIMALS
    from interdict.tracing.paths import find_path
    from interdict.tracing.tags import address_key

    led = _ledger()
    model = led.model_of([start, target])
    if model == "account":
        start, target = led.spelling(start), led.spelling(target)
    asset = "" if model == "utxo" else led.asset_of(start)
    flows = led.flows(model, asset)
    avoid = [] if through_exits else [a for a in flows.addresses if address_key(a) in led.exit_keys]
    found = find_path(flows, start, target, max_depth, avoid=avoid)
    return MoneyPath(found, DECIMALS.get(asset or "BTC", 0))


def _tags_json(tags: list[Tag]) -> list[dict[str, Any]]:
    from interdict.tracing.tags import tag_to_json

    return [tag_to_json(t) for t in tags]


@dataclass(frozen=True)
class TaggedAddress:
    """A tagged address reached, with its fewest hops and its tags (`tag_to_json` dicts)."""

    address: str
    hops: int
    tags: list[dict[str, Any]]


@dataclass(frozen=True)
class Exposure:
    """Every address money reached from an address within N hops (or came from): counts per hop
    and the tagged ones (sorted by hops, then address)."""

    address: str
    direction: str
    max_hops: int
    reached: int
    by_hops: dict[int, int]
    tagged: list[TaggedAddress] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        """The object `trace exposure --json` prints."""
        return {
            "address": self.address,
            "direction": self.direction,
            "max_hops": self.max_hops,
            "reached": self.reached,
            "by_hops": self.by_hops,
            "tagged": [{"address": t.address, "hops": t.hops, "tags": t.tags} for t in self.tagged],
        }


def exposure(address: str, max_hops: int, back: bool = False, led: Ledger | None = None) -> Exposure:
    """Every address money reached from `address` within `max_hops` (or came from, `back`), in
    `led` (default: the local store's ledgers)."""
    from interdict.tracing.paths import within_hops

    led = led or _ledger()
    model = led.model_of([address])
    if model == "account":
        address = led.spelling(address)
    asset = "" if model == "utxo" else led.asset_of(address)
    reached = within_hops(led.flows(model, asset), address, max_hops, forward=not back)
    tagged = sorted((h, a) for a, h in reached.items() if led.tags.lookup(a))
    by_hops: dict[int, int] = {}
    for h in reached.values():
        by_hops[h] = by_hops.get(h, 0) + 1
    return Exposure(
        address, "back" if back else "forward", max_hops, len(reached), by_hops,
        [TaggedAddress(a, h, _tags_json(led.tags.lookup(a))) for h, a in tagged],
    )
