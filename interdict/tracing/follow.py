"""Forward taint over a loaded ledger: picks the UTXO or account model for the sources.

One place for this choice, so that the CLI and the HTTP API follow funds the same way. In the
account model amounts of different assets cannot be added, so each asset the sources moved is
followed on its own walk; a walk that leaves out an asset the sources moved lists it in
`ignored_assets`, and is then not `balanced`.
"""

from __future__ import annotations

from interdict.core.errors import InputError, NotFoundError
from interdict.tracing.ledger import Ledger
from interdict.tracing.policy import Cutoffs, TaintPolicy, TaintResult
from interdict.tracing.taint import taint_utxo
from interdict.tracing.taint_account import taint_account

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
