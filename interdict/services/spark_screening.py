"""`interdict screen --batch IN --out OUT --engine spark`: the batch screened on Apache Spark.

The lists stay in the embedded store: the driver takes one snapshot of it (the active versions and
the index built from exactly those, or read from its cache), ships the index file to the executors
and names the versions in the result. CSV and JSON lines are read on the driver with the embedded
reader (the same rows, lines and errors); Parquet is read by Spark itself, for inputs larger than
the driver.
"""

from __future__ import annotations

import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from interdict.core import config
from interdict.core.errors import InputError, NotFoundError

if TYPE_CHECKING:
    from pyspark.sql import SparkSession

    from interdict.spark.output import Written

__all__ = ["SparkBatchRequest", "SparkBatchResult", "screen_batch_spark", "spark_missing"]


@dataclass(frozen=True, slots=True)
class SparkBatchRequest:
    """A batch file, where its records go (None: stdout, JSON lines only) and the Spark settings."""

    path: Path
    out: Path | None
    threshold: float | None = None
    limit: int = 10
    master: str = "local[2]"
    partitions: int | None = None


@dataclass(frozen=True, slots=True)
class SparkBatchResult:
    """What a Spark batch did: rows written, unreadable rows (line, id, error), the list versions."""

    rows: int
    bad: list[tuple[int, str | None, str]]
    matched: bool
    list_versions: dict[str, int]
    index_file: str
    seconds: float


def spark_missing() -> list[str]:
    """What this machine lacks for `--engine spark` (each with how to install it); empty if ready."""
    from interdict.spark.session import missing

    return missing()


def screen_batch_spark(req: SparkBatchRequest) -> SparkBatchResult:
    """Screen a batch file on Spark against the store's active lists; the records the embedded batch
    writes, to `req.out` (`.parquet`: a Parquet directory, else JSON lines)."""
    from interdict.spark.session import require_spark, session

    require_spark()
    parquet_in = req.path.suffix.lower() == ".parquet"
    parquet_out = req.out is not None and req.out.suffix.lower() == ".parquet"
    if not req.path.exists():
        raise InputError(str(req.path), None, "no such batch file")
    versions, index_path = _lists_snapshot()
    start = time.perf_counter()
    spark = session(req.master, "interdict screen --batch", req.partitions)
    written = _run(spark, req, index_path, versions, parquet_in=parquet_in, parquet_out=parquet_out)
    return SparkBatchResult(written.rows, written.bad, written.matched, versions, index_path.name,
                            time.perf_counter() - start)


def _run(spark: SparkSession, req: SparkBatchRequest, index_path: Path, versions: dict[str, int], *,
         parquet_in: bool, parquet_out: bool) -> Written:
    from interdict.services.name_screening import read_batch_file
    from interdict.spark import batch, output
    from interdict.spark.shipping import ship_index

    settings = batch.Settings(ship_index(spark.sparkContext, index_path), req.threshold, req.limit)
    if parquet_in:
        rows = batch.parquet_rdd(spark, str(req.path.resolve()), req.partitions)
    else:
        rows = batch.rows_rdd(spark, read_batch_file(req.path).rows, req.partitions)
    outs = batch.screened(rows, settings)
    if parquet_out:
        assert req.out is not None
        return output.write_parquet(spark, outs, req.out, versions)
    if req.out is None:
        return output.write_jsonl(outs, sys.stdout.buffer)
    return output.write_jsonl_file(outs, req.out)


def _lists_snapshot() -> tuple[dict[str, int], Path]:
    """The active list versions and the index file built from exactly them (built if not cached)."""
    from interdict.core.store import connect, lock_wait
    from interdict.lists.store import ListStore
    from interdict.screening.loader import cache_path, index_of, snapshot

    path = config.database_path()
    if not path.exists():
        raise NotFoundError(f"no lists loaded in {path}: run `interdict lists load PATH` first")
    conn = connect(path, read_only=True, wait=lock_wait())
    try:
        snap = snapshot(conn)
        versions = {v.list: v.version for v in ListStore(conn).active_versions()}
    finally:
        conn.close()
    index = index_of(snap)  # writes the cache file when it was not there
    if len(index) == 0:
        raise NotFoundError(f"no active list entries in {path}: run `interdict lists load PATH` first")
    return versions, cache_path(snap.token)
