"""Batch screening on Spark: each partition runs `interdict.screening.engine.screen` on its rows.

A record out is what the embedded batch writes for the same row: `{"id", "candidates"}` for a
screened row, `{"id", "line", "error"}` for a row that could not be read. Rows travel with their
position in the input, so the output keeps the input's order. Partitions carry
`(pos, id, line, error, candidates)` where `candidates` is the JSON array the embedded batch writes
(serialised on the executors, where the work is); the JSON-lines writer joins them on the driver
and the Parquet writer stores them as columns.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import orjson

from interdict.screening.batch_input import BadRow, Row, row_query

if TYPE_CHECKING:
    from pyspark import RDD
    from pyspark.sql import SparkSession

    from interdict.core.match import Candidate, Query

Out = tuple[int, str | None, int | None, str | None, str | None]  # pos, id, line, error, candidates
MEMO_LIMIT = 50_000  # as the embedded batch: each worker screens a repeated name once
NEEDED = ("id", "name")


@dataclass(frozen=True, slots=True)
class Settings:
    """What every partition needs: the shipped index's name, the threshold and the limit."""

    index_name: str
    threshold: float | None
    limit: int


def screen_partition(items: Iterable[tuple[int, Row | BadRow]], settings: Settings) -> Iterator[Out]:
    """Screen one partition's rows with the engine's own `screen` (runs on an executor)."""
    from interdict.screening.engine import screen
    from interdict.spark.shipping import executor_index

    index = executor_index(settings.index_name)
    done: dict[Query, bytes] = {}
    for pos, row in items:
        if isinstance(row, BadRow):
            yield pos, row.id, row.line, row.error, None
            continue
        found = done.get(row.query)
        if found is None:
            if len(done) >= MEMO_LIMIT:
                done.clear()
            cands = screen(index, row.query, threshold=settings.threshold, limit=settings.limit)
            found = done[row.query] = _candidates_json(cands)
        yield pos, row.id, None, None, found.decode()


def _candidates_json(cands: list[Candidate]) -> bytes:
    return orjson.dumps([c.to_dict() for c in cands])


def record_line(out: Out) -> bytes:
    """The JSON line the embedded batch writes for this row (same keys, same order, same bytes)."""
    _, ident, line, error, cands = out
    if cands is None:
        return orjson.dumps({"id": ident, "line": line, "error": error}) + b"\n"
    return b'{"id":' + orjson.dumps(ident) + b',"candidates":' + cands.encode() + b"}\n"


def rows_rdd(spark: SparkSession, rows: list[Row | BadRow], partitions: int | None) -> RDD[tuple[int, Any]]:
    """Rows read on the driver (CSV, JSON lines: the embedded reader, so the same lines and errors)."""
    sc = spark.sparkContext
    return sc.parallelize(list(enumerate(rows)), partitions or sc.defaultParallelism)


def parquet_rdd(spark: SparkSession, path: str, partitions: int | None) -> RDD[tuple[int, Any]]:
    """Rows of a Parquet file read by Spark, checked on the executors with the embedded rules.

    A row's `line` is its 1-based position in the file, as the embedded reader numbers it.
    """
    frame = spark.read.parquet(path)
    columns = [c.lower() for c in frame.columns]
    if not set(NEEDED) <= set(columns):
        bad = BadRow(1, None, f"Parquet columns must contain `id` and `name`, found {sorted(columns)}")
        return spark.sparkContext.parallelize([(0, bad)], 1)
    indexed = frame.rdd.zipWithIndex().map(lambda pair: (pair[1], pair[0]))
    if partitions:  # a range partitioning by position keeps the input order across partitions
        indexed = indexed.sortByKey(numPartitions=partitions)
    return indexed.map(lambda pair: (pair[0], row_query(pair[0] + 1, _text_record(columns, pair[1]))))


def _text_record(columns: list[str], values: Iterable[Any]) -> dict[str, Any]:
    # Values as text, as the embedded Parquet reader gives them (an integer id 7 is "7").
    return {c: None if v is None else str(v) for c, v in zip(columns, values, strict=True)}


def screened(rows: RDD[tuple[int, Any]], settings: Settings) -> RDD[Out]:
    """The output tuples of every row, partition by partition in input order."""
    return rows.mapPartitions(lambda items: screen_partition(items, settings), preservesPartitioning=True)
