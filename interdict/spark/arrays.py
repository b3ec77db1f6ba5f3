"""Columns of a Spark DataFrame written as NumPy `.npy` files the embedded engine maps.

Each partition writes its slice of every column as a raw chunk (`_parts/<name>/<partition>.bin`)
from the executor that holds it, reading Arrow batches (`mapInArrow`: whole columns at a time,
no Python object per value); the driver then joins the chunks in partition order behind an
`.npy` header, streaming (a running sum where the array is a prefix sum, such as string offsets).
A sorted DataFrame's partitions are its order's consecutive ranges, so the joined file is the
column in that order. Unsorted rows that carry their own position are scattered into place
instead (`write_scattered`), which spares a sort. On a cluster the output folder must be shared
storage (NFS or similar) that executors and driver both see; in local mode it is a local folder.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

if TYPE_CHECKING:
    from pyspark.sql import DataFrame

CHUNK = 1 << 20  # rows per driver copy
COUNTS = "p long, n long"  # what each partition's writer answers: its index and its row count


@dataclass(frozen=True, slots=True)
class Column:
    """One column to write: the DataFrame column, the file's name, and how to store it."""

    column: str
    name: str
    kind: str = "int64"  # "int64", or "text" (a UTF-8 blob + int64 lengths, offsets made on joining)


def write_chunks(frame: DataFrame, columns: list[Column], parts: Path) -> dict[int, int]:
    """Each partition's slice of `columns` as raw chunks under `parts`; rows per partition index."""
    from pyspark.sql import functions as F

    for c in columns:
        (parts / c.name).mkdir(parents=True, exist_ok=True)
    specs = [(c.name, c.kind) for c in columns]
    # int64 columns cast in Spark, so every Arrow batch is a plain int64 buffer
    picked = [F.col(c.column).cast("long" if c.kind == "int64" else "string").alias(f"c{k}")
              for k, c in enumerate(columns)]
    rows = frame.select(*picked).mapInArrow(_partition_writer(specs, str(parts)), COUNTS).collect()
    counts: dict[int, int] = {}
    for p, n in rows:
        counts[int(p)] = counts.get(int(p), 0) + int(n)
    return counts


def write_columns(frame: DataFrame, columns: list[Column], folder: Path) -> dict[int, int]:
    """Write `columns` of `frame` (in its current order) to `folder`; rows per partition index."""
    parts = folder / "_parts"
    counts = write_chunks(frame, columns, parts)
    total = sum(counts.values())
    for c in columns:
        chunks = [parts / c.name / f"{i:06d}.bin" for i in sorted(counts) if counts[i]]
        if c.kind == "text":
            join_chunks(chunks, folder / f"{c.name}_offsets.npy", total + 1, suffix=".len", running=True)
            join_chunks(chunks, folder / f"{c.name}_blob.npy", None, dtype=np.uint8)
        else:
            join_chunks(chunks, folder / f"{c.name}.npy", total)
    shutil.rmtree(parts)
    return counts


def write_scattered(frame: DataFrame, position: str, columns: list[Column], rows: int, folder: Path) -> None:
    """Int64 `columns` of `frame`, in any order, each row stored at index `position` of its file.

    For rows that already know their place (an edge's input position), this replaces a sort of
    them all with one pass of writes on the driver.
    """
    parts = folder / "_parts"
    counts = write_chunks(frame, [Column(position, "_pos"), *columns], parts)
    outs = {c.name: _npy(folder / f"{c.name}.npy", rows) for c in columns}
    for i in sorted(counts):
        if not counts[i]:
            continue
        pos = np.fromfile(parts / "_pos" / f"{i:06d}.bin", np.int64)
        for c in columns:
            outs[c.name][pos] = np.fromfile(parts / c.name / f"{i:06d}.bin", np.int64)
    for out in outs.values():
        out.flush()
    shutil.rmtree(parts)


def write_pointers(sorted_ids: Path, n: int, out: Path) -> None:
    """CSR pointers (n + 1) from a sorted id column: entry v is where id v's run starts."""
    ids = np.load(sorted_ids, mmap_mode="r")
    ptr = _npy(out, n + 1)
    for lo in range(0, n + 1, CHUNK):  # chunked: the n + 1 queries are never all in memory
        hi = min(lo + CHUNK, n + 1)
        ptr[lo:hi] = np.searchsorted(ids, np.arange(lo, hi, dtype=np.int64), side="left")
    ptr.flush()


def _npy(path: Path, rows: int) -> np.memmap[Any, np.dtype[np.int64]]:
    out: np.memmap[Any, np.dtype[np.int64]] = np.lib.format.open_memmap(
        path, mode="w+", dtype=np.int64, shape=(rows,))
    return out


def _partition_writer(specs: list[tuple[str, str]], target: str) -> Callable[[Iterator[Any]], Iterator[Any]]:
    """The `mapInArrow` function: write one partition's batches, answer (partition, rows)."""

    def run(batches: Iterator[Any]) -> Iterator[Any]:
        import pyarrow as pa  # type: ignore[import-untyped]
        from pyspark import TaskContext

        context = TaskContext.get()
        index = context.partitionId() if context is not None else 0
        files = {}
        for name, kind in specs:
            base = Path(target) / name / f"{index:06d}"
            files[name] = (open(base.with_suffix(".bin"), "wb"),  # noqa: SIM115 (closed below)
                           open(base.with_suffix(".len"), "wb") if kind == "text" else None)  # noqa: SIM115
        count = 0
        try:
            for batch in batches:
                for k, (name, kind) in enumerate(specs):
                    _write_array(batch.column(k), kind, *files[name])
                count += batch.num_rows
        finally:
            for data, lengths in files.values():
                data.close()
                if lengths:
                    lengths.close()
        yield pa.RecordBatch.from_pydict({"p": [index], "n": [count]})

    return run


def _write_array(array: Any, kind: str, data: Any, lengths: Any) -> None:
    if kind != "text":
        data.write(np.asarray(array.to_numpy(zero_copy_only=False), dtype=np.int64).tobytes())
        return
    if len(array) == 0:
        return
    import pyarrow as pa

    wide = pa.types.is_large_string(array.type) or pa.types.is_large_binary(array.type)
    _, offset_buffer, value_buffer = array.buffers()
    offsets = np.frombuffer(offset_buffer, np.int64 if wide else np.int32)
    offsets = offsets[array.offset:array.offset + len(array) + 1]
    lengths.write(np.diff(offsets).astype(np.int64).tobytes())
    if value_buffer is not None:
        data.write(memoryview(value_buffer)[int(offsets[0]):int(offsets[-1])])


def join_chunks(chunks: list[Path], out: Path, rows: int | None, *, suffix: str = ".bin",
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
