"""Tracing use cases over the loaded ledgers: load, taint, back, path, exposure, cluster, patterns,
scenarios and address screening. Each returns a typed result with its JSON (the shape of
`interdict trace ... --json`), so the CLI and the API give the same answers.

Connections are opened and left to the caller's process (as the CLI always did): these run in
one-shot processes; the server's uses go through `services.tracing` under the process's lock.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from interdict.tracing.paths import MAX_DEPTH
from interdict.tracing.policies.policy import TaintPolicy

__all__ = [
    "MAX_DEPTH", "BackTrace", "Exposure", "MoneyPath", "TaggedAddress", "TaintPolicy", "TaintRequest",
    "TaintRun", "dataset_loader", "exposure", "find_money_path", "list_datasets", "taint", "trace_back",
]

if TYPE_CHECKING:
    from interdict.core.text import TextTable, TextTree
    from interdict.tracing.back import BackResult
    from interdict.tracing.follow import AssetPath
    from interdict.tracing.follow import Exposure as AssetExposure
    from interdict.tracing.ledger import Ledger
    from interdict.tracing.policies.policy import TaintResult
    from interdict.tracing.sources.recognise import Loaded
    from interdict.tracing.tags import TagIndex


def _ledger() -> Ledger:
    from interdict.core.store import connect
    from interdict.tracing.store import open_ledger

    return open_ledger(connect())


def dataset_loader() -> Callable[[Path, Callable[[str], None]], Loaded]:
    """A loader over one store connection: `load(path, step)` parses a dataset, recognised by its
    format, and replaces it in the store; answers what was loaded (format, items, rows)."""
    from interdict.core.store import connect
    from interdict.tracing.sources.recognise import load_path

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
        from interdict.tracing.follow import base_unit
        from interdict.tracing.reports import report

        objs = [report.taint_json(res, self.tags, base_unit(asset)) for res, asset in self.walks]
        if len(objs) == 1:
            return objs[0]
        return {"assets": objs, "balanced": all(res.balanced for res, _ in self.walks)}

    def write_html(self, html: Path) -> None:
        """A self-contained HTML flow picture per walk (`html`, or `stem-ASSET.html` for several)."""
        from interdict.tracing.ledger import DECIMALS
        from interdict.tracing.reports.render import flow_html

        for res, asset in self.walks:
            page = html if len(self.walks) == 1 else html.with_name(f"{html.stem}-{asset}{html.suffix}")
            page.write_text(flow_html(res, self.tags, DECIMALS.get(asset, 0)), encoding="utf-8")

    def trees(self) -> list[TextTree]:
        """The walks as trees for a terminal."""
        from interdict.tracing.ledger import DECIMALS
        from interdict.tracing.reports import text

        return [text.taint_tree(res, self.tags, DECIMALS.get(asset, 0)) for res, asset in self.walks]


def taint(req: TaintRequest) -> TaintRun:
    """Follow funds forward from theft sources, each asset on its own walk."""
    from interdict.tracing.follow import taint_assets
    from interdict.tracing.policies.policy import Cutoffs
    from interdict.tracing.sources.transfers import parse_time

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
        from interdict.tracing.reports import report

        return report.back_json(self.result, self.tags)

    def table(self) -> TextTable:
        from interdict.tracing.reports import text

        return text.back_table(self.result, self.tags, self.decimals)


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
    """Money paths between two addresses, one search per asset both ends moved (or none found),
    with the assets left out."""

    found: list[AssetPath]

    @property
    def ignored_assets(self) -> dict[str, int]:
        """Assets the ends also moved that were not searched (base units)."""
        return self.found[0].ignored_assets

    def to_json(self) -> dict[str, Any]:
        """One search: its object; several: {"start", "target", "assets": [...]}."""
        from interdict.tracing.reports import report

        objs = [report.path_json(f.path, f.asset, f.ignored_assets) for f in self.found]
        if len(objs) == 1:
            return objs[0]
        return {"start": self.found[0].path.start, "target": self.found[0].path.target, "assets": objs}

    def tables(self) -> list[TextTable]:
        """One table per asset searched."""
        from interdict.tracing.ledger import DECIMALS
        from interdict.tracing.reports import text

        out = []
        for f in self.found:
            table = text.path_table(f.path, DECIMALS.get(f.asset, 0))
            table.title = f"{table.title} in {f.asset}"
            out.append(table)
        return out


def find_money_path(
    start: str, target: str, max_depth: int, through_exits: bool, assets: list[str] | None = None
) -> MoneyPath:
    """Find a money path between two addresses (either direction), per asset."""
    from interdict.tracing.follow import path_assets

    return MoneyPath(path_assets(_ledger(), start, target, max_depth, through_exits, assets))


def _tags_json(index: TagIndex, address: str) -> list[dict[str, Any]]:
    from interdict.tracing.tags import tag_to_json

    return [tag_to_json(t) for t in index.lookup(address)]


@dataclass(frozen=True)
class TaggedAddress:
    """A tagged address reached, with its fewest hops and its tags (`tag_to_json` dicts)."""

    address: str
    hops: int
    tags: list[dict[str, Any]]


@dataclass(frozen=True)
class Exposure:
    """Every address money reached from an address within N hops (or came from), one set per
    asset: counts per hop and the tagged ones (sorted by hops, then address)."""

    sets: list[AssetExposure]
    tags_index: TagIndex
    max_hops: int

    @property
    def ignored_assets(self) -> dict[str, int]:
        """Assets the address also moved that were not followed (base units)."""
        return self.sets[0].ignored_assets

    def to_json(self) -> dict[str, Any]:
        """The object `trace exposure --json` prints: one set's, or {"assets": [...]} for several."""
        from interdict.tracing.reports import report

        objs = [report.exposure_json(e, self.tags_index) for e in self.sets]
        if len(objs) == 1:
            return objs[0]
        first = self.sets[0]
        return {"address": first.address, "direction": objs[0]["direction"], "max_hops": self.max_hops,
                "assets": objs}

    def per_asset(self) -> list[tuple[str, int, dict[int, int], list[TaggedAddress]]]:
        """(asset, addresses reached, count per hop, tagged addresses) for each set."""
        from interdict.tracing.reports import report

        return [
            (e.asset, len(e.reached), dict(sorted(report.exposure_by_hops(e).items())),
             [TaggedAddress(a, h, _tags_json(self.tags_index, a)) for h, a in
              report.exposure_tagged(e, self.tags_index)])
            for e in self.sets
        ]


def exposure(
    address: str, max_hops: int, back: bool = False, led: Ledger | None = None,
    assets: list[str] | None = None,
) -> Exposure:
    """Every address money reached from `address` within `max_hops` (or came from, `back`), per
    asset, in `led` (default: the local store's ledgers)."""
    from interdict.tracing.follow import exposure_assets

    led = led or _ledger()
    return Exposure(exposure_assets(led, address, max_hops, not back, assets), led.tags, max_hops)
