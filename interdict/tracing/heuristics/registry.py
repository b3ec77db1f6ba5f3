"""The tracing heuristics, registered by name with their parameters and the evidence they return.

Each heuristic's first argument is the graph it reads (`UtxoGraph` for those in `utxo`); the
defaults shown come from the function's own signature, so the documentation cannot drift.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable
from typing import Any

from interdict.core.registry import FieldDoc, ParameterDoc, Registry
from interdict.tracing.heuristics import utxo

Heuristic = Callable[..., Any]

# Per heuristic: (parameter, type, meaning) for each argument after the graph, and its evidence.
_UTXO: dict[str, tuple[Heuristic, tuple[tuple[str, str, str], ...], tuple[FieldDoc, ...]]] = {
    "looks_like_coinjoin": (
        utxo.looks_like_coinjoin,
        (("tx", "int", "the transaction's dense id in the graph"),),
        (FieldDoc("result", "bool", "two or more input owners, three or more outputs, half or more "
                  "of them of one value"),),
    ),
    "multi_input_clusters": (
        utxo.multi_input_clusters,
        (("guard", "TxGuard | None", "transactions it rejects are not joined (None: join all; "
          "`flagged(hashes)` for a provider's CoinJoin list)"),),
        (FieldDoc("addresses", "list[str]", "addresses believed to share an owner"),
         FieldDoc("evidence", "list[str]", "hashes of the transactions that spent several of them "
                  "together")),
    ),
    "change_output": (
        utxo.change_output,
        (("tx", "int", "the transaction's dense id in the graph"),),
        (FieldDoc("output", "int", "the change output's dense id (None when unclear)"),
         FieldDoc("reason", "str", "pays back to an input address, the other output is round, or "
                  "the only output to a never-used address")),
    ),
    "peel_chains": (
        utxo.peel_chains,
        (("min_length", "int", "fewest consecutive peel steps reported as a chain"),),
        (FieldDoc("txs", "tuple[str, ...]", "hashes of the chain's transactions in order"),
         FieldDoc("peeled", "tuple[tuple[str, int], ...]", "(address, value) paid off at each step"),
         FieldDoc("start_value", "int", "value entering the first step")),
    ),
    "exchange_deposits": (
        utxo.exchange_deposits,
        (("exchange_addresses", "Collection[str]", "addresses tagged as an exchange's wallet"),),
        (FieldDoc("address", "str", "an untagged address swept into the exchange (the key)"),
         FieldDoc("evidence", "list[str]", "hashes of the sweeping transactions")),
    ),
}


def _default(fn: Heuristic, name: str) -> Any:
    default = inspect.signature(fn).parameters[name].default
    if default is inspect.Parameter.empty:
        return None
    return getattr(default, "__name__", default)  # a guard function is shown by its name


def _registry() -> Registry[Heuristic]:
    reg: Registry[Heuristic] = Registry("tracing heuristic")
    for name, (fn, params, evidence) in _UTXO.items():
        graph = ParameterDoc("g", "UtxoGraph", None, "the UTXO transaction graph")
        rest = tuple(ParameterDoc(p, t, _default(fn, p), meaning) for p, t, meaning in params)
        reg.register(name, fn, parameters=(graph, *rest), evidence=evidence)
    return reg


HEURISTICS: Registry[Heuristic] = _registry()


def run_heuristic(name: str, *args: Any, **kwargs: Any) -> Any:
    """Run one registered heuristic by name with the arguments of its function."""
    return HEURISTICS[name](*args, **kwargs)
