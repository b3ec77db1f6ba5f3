"""Forward taint over a loaded ledger: picks the UTXO or account model for the sources.

One place for this choice, so that the CLI and the HTTP API follow funds the same way.
"""

from __future__ import annotations

from interdict.tracing.ledger import Ledger
from interdict.tracing.policy import Cutoffs, TaintPolicy, TaintResult
from interdict.tracing.taint import taint_utxo
from interdict.tracing.taint_account import taint_account

_BASE_UNITS = {"BTC": "satoshi", "ETH": "wei"}


def taint_from(led: Ledger, sources: list[str], policy: TaintPolicy, cut: Cutoffs) -> tuple[TaintResult, str]:
    """Taint from `sources` under `policy`; returns the result and the asset it is counted in."""
    if led.model_of(sources) == "utxo" and led.utxo is not None:
        return taint_utxo(led.utxo, sources, policy, cut, led.utxo_exits()), "BTC"
    sources = [led.spelling(s) for s in sources]
    asset = led.asset_of(sources[0])
    return taint_account(led.account_transfers(asset), sources, policy, cut, led.exit_keys), asset


def base_unit(asset: str) -> str:
    """The name of an asset's integer base unit, as the JSON report states it."""
    return _BASE_UNITS.get(asset, f"{asset} base unit")
