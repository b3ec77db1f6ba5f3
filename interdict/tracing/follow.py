"""Forward taint over a loaded ledger: picks the UTXO or account model for the sources.

One place for this choice, so that the CLI and the HTTP API follow funds the same way. In the
account model amounts of different assets cannot be added, so each asset the sources moved is
followed on its own walk; a walk that leaves out an asset the sources moved lists it in
`ignored_assets`, and is then not `balanced`. Path searches and exposure sets are per asset too.
"""

from __future__ import annotations

from dataclasses import dataclass

from interdict.core.errors import InputError, NotFoundError
from interdict.tracing.ledger import Ledger
from interdict.tracing.paths import PathResult, find_path, within_hops
from interdict.tracing.policies.policy import Cutoffs, TaintPolicy, TaintResult
from interdict.tracing.policies.taint_account import taint_account
from interdict.tracing.policies.taint_utxo import taint_utxo
from interdict.tracing.tags import address_key

_BASE_UNITS = {"BTC": "satoshi", "ETH": "wei"}


def source_assets(led: Ledger, sources: list[str]) -> dict[str, int]:
    """Asset -> value (amount + fee, base units) the sources sent or carried, in order of first
    appearance; assets the sources only received come last with 0."""
    src = set(sources)
    sent: dict[str, int] = {}
    touched: dict[str, int] = {}
    for t in led.transfers:
        if t.sender in src or t.tx_id in src:
            sent[t.asset] = sent.get(t.asset, 0) + t.amount + t.fee
        elif t.receiver in src:
            touched.setdefault(t.asset, 0)
    return {**sent, **{a: 0 for a in touched if a not in sent}}


def taint_assets(led: Ledger, sources: list[str], policy: TaintPolicy, cut: Cutoffs,
                 assets: list[str] | None = None) -> list[tuple[TaintResult, str]]:
    """One walk per asset (default: every asset the sources moved); (result, asset) each."""
    if led.model_of(sources) == "utxo" and led.utxo is not None:
        return [(taint_utxo(led.utxo, sources, policy, cut, led.utxo_exits()), "BTC")]
    sources = [led.spelling(s) for s in sources]
    moved = source_assets(led, sources)
    chosen = assets or list(moved)
    unknown = [a for a in chosen if a not in moved]
    if unknown:
        raise NotFoundError(f"asset {unknown[0]}: the sources moved none"
                            f" (they moved: {', '.join(moved) or 'nothing'})")
    out = []
    for asset in chosen:
        transfers = led.account_transfers(asset)
        known = {t.sender for t in transfers} | {t.receiver for t in transfers} | {t.tx_id for t in transfers}
        res = taint_account(transfers, [s for s in sources if s in known], policy, cut, led.exit_keys)
        res.sources = list(sources)
        res.asset = asset
        res.ignored_assets = {a: v for a, v in moved.items() if a not in chosen and v}
        out.append((res, asset))
    return out


def taint_from(led: Ledger, sources: list[str], policy: TaintPolicy, cut: Cutoffs,
               asset: str | None = None) -> tuple[TaintResult, str]:
    """One walk: of `asset`, else of the first asset the sources moved. Any other asset they moved
    is listed in the result's `ignored_assets` (so it is not `balanced`): use `taint_assets` to
    follow them all."""
    if asset is None and led.model_of(sources) != "utxo":
        moved = source_assets(led, [led.spelling(s) for s in sources])
        asset = next(iter(moved), None)
    return taint_assets(led, sources, policy, cut, [asset] if asset else None)[0]


def deposit_asset(led: Ledger, deposit: str, asset: str | None) -> str:
    """The asset a backward trace of `deposit` counts: `asset`, else the only one it received.

    A deposit that received several assets needs one named: tracing the first and calling the
    result balanced would leave the others out unsaid.
    """
    received = list(dict.fromkeys(t.asset for t in led.transfers if deposit in (t.receiver, t.tx_id)))
    if asset is not None:
        if asset not in received:
            raise NotFoundError(f"asset {asset}: {deposit} received none (it received: "
                                f"{', '.join(received) or 'nothing'})")
        return asset
    if len(received) > 1:
        raise InputError("--asset", None, f"{deposit} received {', '.join(received)}: name the asset"
                         " to trace back with --asset")
    return received[0] if received else led.asset_of(deposit)


def base_unit(asset: str) -> str:
    """The name of an asset's integer base unit, as the JSON report states it."""
    return _BASE_UNITS.get(asset, f"{asset} base unit")


@dataclass(frozen=True, slots=True)
class AssetPath:
    """A path search in one asset, and the assets of the two ends it did not search."""

    path: PathResult
    asset: str
    ignored_assets: dict[str, int]


@dataclass(frozen=True, slots=True)
class Exposure:
    """Addresses money reached from (or came from) one address in one asset, with fewest hops."""

    address: str
    forward: bool
    max_hops: int
    asset: str
    reached: dict[str, int]
    ignored_assets: dict[str, int]


def moved_by(led: Ledger, name: str, sent: bool | None = None) -> dict[str, int]:
    """Asset -> amount (base units) of the address's transfers, in order of first appearance: those
    it sent (`sent=True`), received (`False`) or both (`None`)."""
    out: dict[str, int] = {}
    for t in led.transfers:
        if (sent is not False and name == t.sender) or (sent is not True and name == t.receiver):
            out[t.asset] = out.get(t.asset, 0) + t.amount
    return out


def _choose(relevant: dict[str, int], touched: dict[str, int], assets: list[str] | None,
            name: str) -> tuple[list[str], dict[str, int]]:
    """The assets to walk and the relevant ones left out (with their value)."""
    if assets:
        unknown = [a for a in assets if a not in touched]
        if unknown:
            raise NotFoundError(f"asset {unknown[0]}: {name} moved none"
                                f" (it moved: {', '.join(touched) or 'nothing'})")
        return list(assets), {a: v for a, v in relevant.items() if a not in assets}
    # nothing relevant (no edge that way): one walk in the first asset, which finds nothing
    return list(relevant) or list(touched)[:1], {}


def path_assets(led: Ledger, start: str, target: str, max_depth: int, through_exits: bool = False,
                assets: list[str] | None = None) -> list[AssetPath]:
    """One path search per asset both ends moved (or per `assets`); UTXO data is one search."""
    model = led.model_of([start, target])
    if model == "utxo":
        return [AssetPath(_path(led, model, "", start, target, max_depth, through_exits), "BTC", {})]
    start, target = led.spelling(start), led.spelling(target)
    ends = moved_by(led, start), moved_by(led, target)
    touched = {**ends[1], **ends[0]}
    common = {a: v for a, v in ends[0].items() if a in ends[1]}
    chosen, ignored = _choose(common, touched, assets, f"{start} or {target}")
    return [AssetPath(_path(led, model, a, start, target, max_depth, through_exits), a, ignored)
            for a in chosen or [""]]


def _path(led: Ledger, model: str, asset: str, start: str, target: str, max_depth: int,
          through_exits: bool) -> PathResult:
    flows = led.flows(model, asset)
    if asset and not (start in flows.addr_index and target in flows.addr_index):
        return PathResult(start, target, "none", ())  # one end never moved this asset
    avoid = [] if through_exits else [a for a in flows.addresses if address_key(a) in led.exit_keys]
    return find_path(flows, start, target, max_depth, avoid=avoid)


def exposure_assets(led: Ledger, address: str, max_hops: int, forward: bool = True,
                    assets: list[str] | None = None) -> list[Exposure]:
    """One exposure set per asset the address sent (`forward`) or received, or per `assets`."""
    model = led.model_of([address])
    if model == "utxo":
        reached = within_hops(led.flows(model, ""), address, max_hops, forward=forward)
        return [Exposure(address, forward, max_hops, "BTC", reached, {})]
    address = led.spelling(address)
    chosen, ignored = _choose(moved_by(led, address, forward), moved_by(led, address), assets, address)
    out = []
    for asset in chosen or [""]:
        flows = led.flows(model, asset)
        # an address that never moved this asset reaches nothing in it; a name that is no address
        # at all (a tx id) still fails in within_hops, as before
        reached = (within_hops(flows, address, max_hops, forward)
                   if address in flows.addr_index or not asset else {})
        out.append(Exposure(address, forward, max_hops, asset, reached, ignored))
    return out
