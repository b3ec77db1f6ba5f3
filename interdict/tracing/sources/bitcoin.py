"""Bitcoin data in: raw serialized blocks (decoded by python-bitcoinlib) and the TaintedTX CSV graph.

Both produce `UtxoTx` records (inputs and outputs in on-chain order). Malformed rows raise
`TransferFormatError` naming the file and line; nothing is returned half-read.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterator, Mapping
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from bitcoin.core import CBlock, CTransaction, b2lx
from bitcoin.core.script import CScript
from bitcoin.wallet import CBitcoinAddress, CBitcoinAddressError

from interdict.core.errors import TransferFormatError
from interdict.core.transfer import TxInput, TxOutput, UtxoTx
from interdict.tracing.sources.rows import MAX_BIGINT, check_time, csv_records, in_range, open_lines

TAINTEDTX_FILES = ("tx_output.csv", "tx_input.csv", "adr_hash.csv")


def script_address(script: bytes) -> str:
    """The address of an output script, or `script:<hex>` where no standard address exists.

    python-bitcoinlib 0.12 knows P2PKH, P2SH, P2WPKH and P2WSH; taproot (bech32m) and bare P2PK
    scripts are kept as their script so that they still group by owner.
    """
    try:
        return str(CBitcoinAddress.from_scriptPubKey(CScript(script)))
    except (CBitcoinAddressError, ValueError):
        return "script:" + script.hex()


def decode_tx(tx: CTransaction, height: int | None, time: int | None) -> UtxoTx:
    """Turn a python-bitcoinlib transaction into a `UtxoTx` (input values are unknown here)."""
    txid = b2lx(tx.GetTxid())
    coinbase = tx.is_coinbase()
    inputs = () if coinbase else tuple(TxInput(b2lx(i.prevout.hash), i.prevout.n) for i in tx.vin)
    outputs = tuple(
        TxOutput(txid, n, script_address(bytes(o.scriptPubKey)), int(o.nValue)) for n, o in enumerate(tx.vout)
    )
    return UtxoTx(txid, inputs, outputs, height=height, time=time, coinbase=coinbase)


def read_block(path: Path, height: int | None = None) -> list[UtxoTx]:
    """Decode one raw serialized block file; checks the merkle root."""
    raw = path.read_bytes()
    try:
        block = CBlock.deserialize(raw)
    except Exception as exc:  # the library raises several types for truncated data
        raise TransferFormatError(str(path), "byte 0", f"not a serialized Bitcoin block ({exc})") from exc
    if block.calc_merkle_root() != block.hashMerkleRoot:
        raise TransferFormatError(str(path), "block header", "merkle root does not match the transactions")
    return [decode_tx(tx, height, int(block.nTime)) for tx in block.vtx]


def block_hash(path: Path) -> str:
    """The block hash (hex, as explorers show it) of a raw block file."""
    return str(b2lx(CBlock.deserialize(path.read_bytes()).GetHash()))


def _rows(path: Path) -> Iterator[tuple[int, dict[str, str | None]]]:
    with open_lines(path) as lines:
        yield from csv_records(path, lines, strip=True)


def _int(path: Path, line: int, row: Mapping[str, str | None], key: str, *,
         optional: bool = False) -> int | None:
    raw = (row.get(key) or "").strip()
    if raw == "" or raw.upper() == "NA":
        if optional:
            return None
        raise TransferFormatError(str(path), f"line {line}", f"column {key!r} is empty; expected an integer")
    try:
        value = float(raw) if "." in raw or "e" in raw.lower() else int(raw)
        whole = int(value)  # OverflowError for inf ("1e999"), ValueError for nan
    except (ValueError, OverflowError) as exc:
        raise TransferFormatError(
            str(path), f"line {line}", f"column {key!r} = {raw!r}; expected an integer"
        ) from exc
    if value != whole or value < 0:
        raise TransferFormatError(
            str(path), f"line {line}", f"column {key!r} = {raw!r}; expected a whole number >= 0"
        )
    return in_range(path, f"line {line}", key, whole, 0, MAX_BIGINT)


def _block_times(folder: Path) -> dict[int, int]:
    path = folder / "blocks.csv"
    if not path.exists():
        return {}
    times: dict[int, int] = {}
    for line, row in _rows(path):
        try:
            when = datetime.strptime((row["time"] or "").strip(), "%d/%m/%Y %H:%M:%S").replace(tzinfo=UTC)
        except (KeyError, ValueError) as exc:
            raise TransferFormatError(
                str(path), f"line {line}", "time: expected dd/mm/yyyy HH:MM:SS"
            ) from exc
        times[_int(path, line, row, "blockindex") or 0] = int(when.timestamp())
    return times


def _tx_hashes(folder: Path) -> dict[int, str]:
    # tx_hash.csv of the 2009 export lost a trailing "b" from 2,052 hashes; prefer the repaired file
    path = folder / "tx_hash_repaired.csv"
    if not path.exists():
        path = folder / "tx_hash.csv"
    return {
        _int(path, line, row, "tx_index") or 0: (row.get("tx_hash") or "").strip()
        for line, row in _rows(path)
    }


Row = tuple[int, int, int, int | None]  # output_index, adr_index, value, spent_index


def _read_outputs(p: Path) -> dict[int, list[Row]]:
    outs: dict[int, list[Row]] = defaultdict(list)
    for ln, r in _rows(p):
        ti = _int(p, ln, r, "tx_index") or 0
        spent = _int(p, ln, r, "spent_index", optional=True) or None
        outs[ti].append(
            (
                _int(p, ln, r, "output_index") or 0,
                _int(p, ln, r, "adr_index") or 0,
                _int(p, ln, r, "output_value") or 0,
                spent,
            )
        )
    for rows in outs.values():
        rows.sort()
    return outs


class _OutputMatcher:
    """Find the output an input row spends.

    By `output_index` when both rows agree on the creating and spending tx; otherwise by (creating tx,
    spending tx, value), then (creating tx, spending tx, address): the synthetic TaintedTX test data
    numbers some inputs `tx_index*10 + vout` while its outputs are numbered 0, 1, 2, ...
    """

    def __init__(self, outs: dict[int, list[Row]]) -> None:
        self.used: set[tuple[int, int]] = set()
        self.by_value: dict[tuple[int, int | None, int], list[tuple[int, int]]] = defaultdict(list)
        self.by_addr: dict[tuple[int, int | None, int], list[tuple[int, int]]] = defaultdict(list)
        self.spender: dict[tuple[int, int], int | None] = {}
        for ti, rows in outs.items():
            for n, (_, a, v, s) in enumerate(rows):
                self.by_value[(ti, s, v)].append((ti, n))
                self.by_addr[(ti, s, a)].append((ti, n))
                self.spender[(ti, n)] = s

    def __call__(
        self, oi: int, pos: tuple[int, int] | None, prev: int | None, ti: int, a: int, v: int
    ) -> tuple[int, int] | None:
        if pos is not None and pos not in self.used and pos[0] == prev and self.spender[pos] == ti:
            self.used.add(pos)
            return pos
        if prev is None:
            return None
        for table, key in ((self.by_value, (prev, ti, v)), (self.by_addr, (prev, ti, a))):
            for cand in table.get(key, []):
                if cand not in self.used:
                    self.used.add(cand)
                    return cand
        return None


def read_taintedtx(folder: Path) -> list[UtxoTx]:
    """Read a TaintedTX (BlockSci export) folder: tx_output, tx_input, adr_hash, tx_hash, tx_height.

    Output order within a transaction follows `output_index`; input order follows the file. A
    `spent_index` of 0 or empty means unspent (transaction 0 is the genesis coinbase, which spends
    nothing). Inputs spending outputs missing from the files keep their value and address.
    """
    for name in TAINTEDTX_FILES:
        if not (folder / name).exists():
            raise TransferFormatError(str(folder), None, f"missing {name}; expected a TaintedTX folder")
    adr = {
        _int(folder / "adr_hash.csv", ln, r, "adr_index") or 0: (r.get("adr_hash") or "").strip()
        for ln, r in _rows(folder / "adr_hash.csv")
    }
    hashes = _tx_hashes(folder)
    heights: dict[int, int] = {}
    if (folder / "tx_height.csv").exists():
        p = folder / "tx_height.csv"
        heights = {_int(p, ln, r, "tx_index") or 0: _int(p, ln, r, "block_index") or 0 for ln, r in _rows(p)}
    times = _block_times(folder)

    def txh(i: int) -> str:
        return hashes.get(i) or f"tx:{i}"

    def addr(i: int) -> str:
        return adr.get(i) or f"adr:{i}"

    outs = _read_outputs(folder / "tx_output.csv")
    out_pos = {row[0]: (ti, n) for ti, rows in outs.items() for n, row in enumerate(rows)}
    ins: dict[int, list[TxInput]] = defaultdict(list)
    match = _OutputMatcher(outs)
    p = folder / "tx_input.csv"
    for ln, r in _rows(p):
        oi, ti = _int(p, ln, r, "output_index") or 0, _int(p, ln, r, "tx_index") or 0
        prev = _int(p, ln, r, "spent_index", optional=True)
        a, v = _int(p, ln, r, "adr_index") or 0, _int(p, ln, r, "input_value") or 0
        pos = match(oi, out_pos.get(oi), prev, ti, a, v)
        if pos is not None:
            ins[ti].append(TxInput(txh(pos[0]), pos[1]))
        else:  # created before the export starts: keep what the input row says
            ins[ti].append(TxInput(f"{txh(prev) if prev is not None else 'tx:?'}#{oi}", 0, addr(a), v))
    txs: list[UtxoTx] = []
    for ti in sorted(set(hashes) | set(outs) | set(ins)):
        h = txh(ti)
        o = tuple(
            TxOutput(h, n, addr(a), v, txh(s) if s else None) for n, (_, a, v, s) in enumerate(outs[ti])
        )
        height = heights.get(ti)
        t_time = times.get(height) if height is not None else None
        txs.append(UtxoTx(h, tuple(ins[ti]), o, height=height, time=t_time, coinbase=not ins[ti]))
    return txs


def _gs_address(entry: dict[str, Any]) -> str:
    addrs = entry.get("address") or []
    if not isinstance(addrs, list) or not addrs:
        return "?"
    return str(addrs[0]) if len(addrs) == 1 else "multisig(" + ",".join(str(a) for a in addrs) + ")"


def read_graphsense_utxo(path: Path) -> tuple[list[UtxoTx], set[str]]:
    """GraphSense `test_txs.json` (JSON lines): transactions and the hashes flagged as CoinJoin.

    Its inputs name address and value but not the output they spend; each is linked to the earliest
    unspent earlier output with the same address and value.
    """
    unspent: dict[tuple[str, int], list[tuple[str, int]]] = defaultdict(list)
    spent_by: dict[tuple[str, int], str] = {}
    raw: list[tuple[dict[str, Any], list[TxInput]]] = []
    coinjoin: set[str] = set()
    with open_lines(path) as lines:
        for line, text in enumerate(lines, 1):
            try:
                d = json.loads(text)
                h = str(d["txHash"])
                ins_raw, outs_raw = list(d["inputs"]), list(d["outputs"])
                for e in (*ins_raw, *outs_raw):
                    e["value"] = in_range(path, f"line {line}", "value", int(e["value"]), 0, MAX_BIGINT)
                for field in ("blockId", "timestamp"):
                    d[field] = in_range(path, f"line {line}", field, int(d[field]), 0, MAX_BIGINT)
                check_time(path, f"line {line}", "timestamp", d["timestamp"])
            except (json.JSONDecodeError, KeyError, TypeError, ValueError) as exc:
                raise TransferFormatError(
                    str(path), f"line {line}", f"expected a GraphSense tx JSON object ({exc})"
                ) from exc
            if d.get("coinjoin"):
                coinjoin.add(h)
            ins = []
            for i, e in enumerate(ins_raw):
                key = (_gs_address(e), int(e["value"]))
                prev = unspent[key].pop(0) if unspent[key] else (f"{h}#in{i}", 0)
                spent_by[prev] = h
                ins.append(TxInput(prev[0], prev[1], key[0], key[1]))
            for n, e in enumerate(outs_raw):
                unspent[(_gs_address(e), int(e["value"]))].append((h, n))
            raw.append((d, ins))
    txs = []
    for d, ins in raw:
        h = str(d["txHash"])
        outs = tuple(
            TxOutput(h, n, _gs_address(e), int(e["value"]), spent_by.get((h, n)))
            for n, e in enumerate(list(d["outputs"]))
        )
        txs.append(
            UtxoTx(
                h,
                tuple(ins),
                outs,
                int(d["blockId"]),
                int(d["timestamp"]),
                bool(d.get("coinbase")),
            )
        )
    return txs, coinjoin
