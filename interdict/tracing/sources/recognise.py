"""Recognise a tracing dataset by its format, parse it (`read_path`) and load it into the store.

Recognised: a TaintedTX folder (tx_output.csv ...), raw Bitcoin blocks (*.bin, or a folder of them),
a GraphSense UTXO test_txs.json, a GraphSense ETH export folder (transactions.csv, traces, logs),
TagPacks (*.yaml, or a folder with packs/), an OFAC address-list folder (sanctioned_addresses_*.txt),
and the generic transfer CSV/Parquet. A dataset's name is its path, so loading twice replaces it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from interdict.core.errors import TransferFormatError
from interdict.core.transfer import Transfer, UtxoTx
from interdict.tracing import store
from interdict.tracing.sources import bitcoin, ethereum, ofac, tagpacks, transfers
from interdict.tracing.tags import Tag


@dataclass(frozen=True, slots=True)
class Loaded:
    """What one load did."""

    name: str
    format: str
    rows: int
    items: int  # transactions, transfers or tags


def detect(path: Path) -> str:
    """The format name of `path`; raises TransferFormatError if none fits."""
    if path.is_dir():
        if (path / "tx_output.csv").exists():
            return "taintedtx"
        if (path / "transactions.csv").exists() or (path / "transactions.csv.gz").exists():
            return "eth"
        if list(path.glob("sanctioned_addresses_*.txt")):
            return "ofac"
        if list(path.glob("*.yaml")) or (path / "packs").is_dir():
            return "tagpacks"
        if list(path.glob("*.bin")) or (path / "blocks").is_dir():
            return "blocks"
        if (path / "test_txs.json").exists():
            return "graphsense_utxo"
    elif path.is_file():
        suffix = path.suffix.lower()
        if suffix == ".bin":
            return "blocks"
        if suffix in (".yaml", ".yml"):
            return "tagpacks"
        if path.name == "test_txs.json":
            return "graphsense_utxo"
        if suffix in (".csv", ".parquet") and transfers.looks_like_transfers(path):
            return "transfers"
    raise TransferFormatError(
        str(path),
        None,
        "unrecognised: expected a TaintedTX folder, raw blocks, an ETH "
        "export, TagPacks, an OFAC address folder or a transfer CSV/Parquet",
    )


def _yaml_files(path: Path) -> list[Path]:
    if path.is_file():
        return [path]
    folder = path / "packs" if (path / "packs").is_dir() else path
    return sorted(folder.glob("*.yaml"))


def _block_files(path: Path) -> list[Path]:
    if path.is_file():
        return [path]
    folder = path / "blocks" if (path / "blocks").is_dir() else path
    return sorted(folder.glob("*.bin"))


@dataclass(frozen=True, slots=True)
class Dataset:
    """One parsed dataset, not yet stored: UTXO transactions, account transfers or tags."""

    name: str
    format: str
    utxo: list[UtxoTx] = field(default_factory=list)
    transfers: list[Transfer] = field(default_factory=list)
    tags: list[Tag] = field(default_factory=list)


def read_path(path: Path, step: Callable[[str], None] = lambda _: None) -> Dataset:
    """Recognise `path` and parse it completely (nothing is stored)."""
    fmt = detect(path)
    name = str(path.resolve())
    if fmt == "taintedtx":
        step("reading TaintedTX CSVs")
        return Dataset(name, fmt, utxo=bitcoin.read_taintedtx(path))
    if fmt == "blocks":
        txs: list[UtxoTx] = []
        for f in _block_files(path):
            step(f"decoding {f.name}")
            txs.extend(bitcoin.read_block(f))
        return Dataset(name, fmt, utxo=txs)
    if fmt == "graphsense_utxo":
        txs, _ = bitcoin.read_graphsense_utxo(path if path.is_file() else path / "test_txs.json")
        return Dataset(name, fmt, utxo=txs)
    if fmt in ("eth", "transfers"):
        step("reading transfers")
        moved = ethereum.read_eth_folder(path) if fmt == "eth" else transfers.read_transfers(path)
        return Dataset(name, fmt, transfers=moved)
    if fmt == "ofac":
        return Dataset(name, fmt, tags=ofac.read_ofac_folder(path))
    found: list[Tag] = []
    for f in _yaml_files(path):
        step(f"reading {f.name}")
        found.extend(tagpacks.read_tagpack(f))
    return Dataset(name, fmt, tags=found)


def load_path(con: store.Connection, path: Path, step: Callable[[str], None] = lambda _: None) -> Loaded:
    """Parse `path` completely, then replace its dataset in the store in one transaction."""
    data = read_path(path, step)
    step("writing")
    name, fmt = data.name, data.format
    if fmt in ("eth", "transfers"):
        rows = store.save_transfers(con, name, str(path), data.transfers)
        return Loaded(name, fmt, rows, len(data.transfers))
    if fmt in ("ofac", "tagpacks"):
        return Loaded(name, fmt, store.save_tags(con, name, str(path), data.tags), len(data.tags))
    return Loaded(name, fmt, store.save_utxo(con, name, str(path), data.utxo), len(data.utxo))
