"""Writing a Spark batch's records: JSON lines (one file, in input order) or Parquet (a directory).

JSON lines stream through the driver partition by partition (`toLocalIterator`), so the file is the
embedded batch's file byte for byte and the driver holds one partition at a time. Parquet is
written by the executors: one row per record with the record's fields as columns (`id`, `line`,
`error`, and `candidates` as the JSON array the embedded batch writes), plus `_lists.json` naming
the list versions screened against (Spark and DuckDB skip files starting with `_`).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, TYPE_CHECKING

import orjson

from interdict.core.errors import InterdictError
from interdict.spark.batch import Out, record_line

if TYPE_CHECKING:
    from pyspark import RDD
    from pyspark.sql import SparkSession

LISTS_FILE = "_lists.json"


@dataclass
class Written:
    """What a write saw: rows, the unreadable ones (line, id, error) and whether any matched."""

    rows: int = 0
    bad: list[tuple[int, str | None, str]] = field(default_factory=list)
    matched: bool = False

    def add(self, out: Out) -> None:
        """Count one record."""
        self.rows += 1
        if out[4] is None:
            self.bad.append((out[2] or 0, out[1], out[3] or ""))
        elif out[4] != "[]":
            self.matched = True


def write_jsonl(outs: RDD[Out], sink: IO[bytes]) -> Written:
    """Stream the records to `sink` as JSON lines, in input order."""
    seen = Written()
    for out in _in_order(outs):
        seen.add(out)
        sink.write(record_line(out))
    return seen


def _in_order(outs: RDD[Out]) -> Iterator[Out]:
    # Partitions already hold consecutive positions in order: a local iterator yields them in order.
    # The check keeps that promise honest (a shuffle upstream would break it loudly, not silently).
    last = -1
    for out in outs.toLocalIterator(prefetchPartitions=True):
        if out[0] <= last:
            raise InterdictError(f"Spark batch output out of order at position {out[0]}")
        last = out[0]
        yield out


def write_jsonl_file(outs: RDD[Out], path: Path) -> Written:
    """Write the JSON lines to `path` (through a `.part` file renamed at the end)."""
    tmp = path.with_name(path.name + ".part")
    with tmp.open("wb") as sink:
        seen = write_jsonl(outs, sink)
    tmp.replace(path)
    return seen


def write_parquet(spark: SparkSession, outs: RDD[Out], path: Path, lists: dict[str, int]) -> Written:
    """Write the records as a Parquet directory at `path` (replacing it), with `_lists.json`."""
    from pyspark import StorageLevel
    from pyspark.sql.types import LongType, StringType, StructField, StructType

    schema = StructType([StructField("id", StringType()), StructField("line", LongType()),
                         StructField("error", StringType()), StructField("candidates", StringType())])
    outs = outs.persist(StorageLevel.MEMORY_AND_DISK)
    try:
        frame = spark.createDataFrame(outs.map(lambda o: (o[1], o[2], o[3], o[4])), schema)
        frame.write.mode("overwrite").parquet(str(path))
        hits = outs.filter(lambda o: o[4] not in (None, "[]"))
        seen = Written(rows=outs.count(), matched=not hits.isEmpty())
        bad = outs.filter(lambda o: o[4] is None).collect()
        seen.bad = sorted((o[2] or 0, o[1], o[3] or "") for o in bad)
    finally:
        outs.unpersist()
    (path / LISTS_FILE).write_bytes(orjson.dumps({"list_versions": lists}))
    return seen
