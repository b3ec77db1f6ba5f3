"""Everything the tracing engines need, built into arrays (`store.open_ledger` reads it)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from interdict.core.errors import NotFoundError
from interdict.core.transfer import Transfer
from interdict.tracing.graph import FlowGraph, UtxoGraph, flow_graph, utxo_flow_graph
from interdict.tracing.tags import TagIndex, address_key

DATA = Path(__file__).resolve().parent / "data"


def read_decimals(path: Path = DATA / "decimals.tsv") -> dict[str, int]:
    """Asset -> decimal places of its base unit, from `asset<TAB>decimals` lines."""
    table: dict[str, int] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            asset, _, places = line.partition("\t")
            table[asset.strip()] = int(places)
    return table


DECIMALS = read_decimals()


@dataclass
class Ledger:
    """The loaded UTXO graph, account transfers and tags."""

    utxo: UtxoGraph | None
    transfers: list[Transfer]
    tags: TagIndex
    exit_keys: set[str]
    _flows: dict[str, FlowGraph] = field(default_factory=dict)

    def model_of(self, names: Sequence[str]) -> str:
        """ "utxo" or "account": the ledger that holds every given address, tx or output."""
        g = self.utxo
        if g is not None and all(
            n in g.addr_index or n in g.tx_index or n.rsplit(":", 1)[0] in g.tx_index for n in names
        ):
            return "utxo"
        known = {t.sender for t in self.transfers} | {t.receiver for t in self.transfers}
        known |= {t.tx_id for t in self.transfers}
        if all(n in known or n.lower() in known for n in names):
            return "account"
        missing = [n for n in names if n not in known and (g is None or n not in g.addr_index)]
        raise NotFoundError(
            f"{missing[0] if missing else names[0]}: not in the loaded ledgers (run `trace load`)"
        )

    def spelling(self, name: str) -> str:
        """The name as the account data spells it (hex addresses are stored in lower case)."""
        known = {t.sender for t in self.transfers} | {t.receiver for t in self.transfers}
        known |= {t.tx_id for t in self.transfers}
        return name if name in known or name.lower() not in known else name.lower()

    def asset_of(self, name: str) -> str:
        """The asset of the first transfer touching `name` (account model)."""
        for t in self.transfers:
            if name in (t.sender, t.receiver, t.tx_id):
                return t.asset
        return "?"

    def account_transfers(self, asset: str) -> list[Transfer]:
        """Transfers of one asset."""
        return [t for t in self.transfers if t.asset == asset]

    def flows(self, model: str, asset: str = "") -> FlowGraph:
        """The address graph of a ledger (built once per model and asset)."""
        key = f"{model}:{asset}"
        if key not in self._flows:
            if model == "utxo" and self.utxo is not None:
                self._flows[key] = utxo_flow_graph(self.utxo)
            else:
                self._flows[key] = flow_graph(self.account_transfers(asset) if asset else self.transfers)
        return self._flows[key]

    def utxo_exits(self) -> set[int]:
        """Address ids of tagged exits in the UTXO graph."""
        g = self.utxo
        if g is None:
            return set()
        return {i for a, i in g.addr_index.items() if address_key(a) in self.exit_keys}
