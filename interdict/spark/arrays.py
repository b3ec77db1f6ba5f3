"""Columns of a sorted Spark DataFrame written as NumPy `.npy` files the embedded engine maps.

Each partition writes its slice of every column as a raw chunk (`_parts/<name>/<partition>.bin`)
from the executor that holds it; the driver then joins the chunks in partition order behind an
`.npy` header, streaming (a running sum where the array is a prefix sum, such as CSR pointers or
string offsets). A sorted DataFrame's partitions are its order's consecutive ranges, so the joined
file is the column in that order. On a cluster the output folder must be shared storage (NFS or
similar) that executors and driver both see; in local mode it is a local folder.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

if TYPE_CHECKING:
    from pyspark.sql import DataFrame

CHUNK = 1 << 20  # rows per numpy conversion inside a partition, and per driver copy


@dataclass(frozen=True, slots=True)
class Column:
    """One column to write: the DataFrame column, the file's name, and how to store it."""

    column: str
    name: str
    kind: str = "int64"  # "int64", or "text" (a UTF-8 blob + int64 lengths, offsets made on joining)


def write_columns(frame: DataFrame, columns: list[Column], folder: Path) -> int:
    """Write `columns` of `frame` (in its current order) to `folder`; the number of rows."""
    parts = folder / "_parts"
    for c in columns:
        (parts / c.name).mkdir(parents=True, exist_ok=True)
    names = [c.column for c in columns]
    specs = [(c.name, c.kind) for c in columns]
    target = str(parts)
    counts = dict(frame.select(*names).rdd.mapPartitionsWithIndex(
        lambda i, rows: _write_partition(i, rows, specs, target)).collect())
    order = sorted(counts)
    total = sum(counts.values())
    for c in columns:
        chunks = [parts / c.name / f"{i:06d}.bin" for i in order if counts[i]]
        if c.kind == "text":
            _join(chunks, folder / f"{c.name}_offsets.npy", total + 1, suffix=".len", running=True)
            _join(chunks, folder / f"{c.name}_blob.npy", None, dtype=np.uint8)
        else:
            _join(chunks, folder / f"{c.name}.npy", total)
    shutil.rmtree(parts)
    return total


def _write_partition(index: int, rows: Iterable[Any], specs: list[tuple[str, str]],
                     target: str) -> Iterator[tuple[int, int]]:
    files = {}
    for name, kind in specs:
        base = Path(target) / name / f"{index:06d}"
        files[name] = (open(base.with_suffix(".bin"), "wb"),  # noqa: SIM115 (closed below)
                       open(base.with_suffix(".len"), "wb") if kind == "text" else None)  # noqa: SIM115
    count = 0
    try:
        batch: list[Any] = []
        for row in rows:
            batch.append(row)
            if len(batch) == CHUNK:
                _flush(batch, specs, files)
                count += len(batch)
                batch = []
        _flush(batch, specs, files)
        count += len(batch)
    finally:
        for data, lengths in files.values():
            data.close()
            if lengths:
                lengths.close()
    yield index, count


def _flush(batch: list[Any], specs: list[tuple[str, str]], files: dict[str, Any]) -> None:
    if not batch:
        return
    for k, (name, kind) in enumerate(specs):
        data, lengths = files[name]
        if kind == "text":
            encoded = [str(row[k]).encode() for row in batch]
            data.write(b"".join(encoded))
            lengths.write(np.fromiter(map(len, encoded), np.int64, len(encoded)).tobytes())
        else:
            data.write(np.fromiter((row[k] for row in batch), np.int64, len(batch)).tobytes())


def _join(chunks: list[Path], out: Path, rows: int | None, *, suffix: str = ".bin",
          running: bool = False, dtype: type[np.generic] = np.int64) -> None:
    """Concatenate raw chunks behind an `.npy` header; `running`: write the running sum, from 0."""
    sources = [c.with_suffix(suffix) for c in chunks]
    itemsize = np.dtype(dtype).itemsize
    if rows is None:
        rows = sum(s.stat().st_size for s in sources) // itemsize
    with out.open("wb") as sink:
        np.lib.format.write_array_header_1_0(sink, {"descr": np.dtype(dtype).str, "fortran_order": False,
                                                    "shape": (rows,)})
        total = np.int64(0)
        if running:
            sink.write(np.zeros(1, np.int64).tobytes())
        for source in sources:
            with source.open("rb") as fh:
                while block := fh.read(CHUNK * itemsize):
                    if running:
                        sums = np.cumsum(np.frombuffer(block, np.int64)) + total
                        total = sums[-1]
                        block = sums.tobytes()
                    sink.write(block)


def write_prefix_counts(counts: DataFrame, column: str, name: str, folder: Path) -> None:
    """A CSR pointer array: `counts` (one row per id, in id order) summed into `name.npy` (n + 1)."""
    parts = folder / "_parts"
    (parts / name).mkdir(parents=True, exist_ok=True)
    target = str(parts)
    spec = [(name, "int64")]
    got = dict(counts.select(column).rdd.mapPartitionsWithIndex(
        lambda i, rows: _write_partition(i, rows, spec, target)).collect())
    chunks = [parts / name / f"{i:06d}.bin" for i in sorted(got) if got[i]]
    _join(chunks, folder / f"{name}.npy", sum(got.values()) + 1, running=True)
    shutil.rmtree(parts / name)
