"""Transfers (Parquet, the generic `from,to,asset,amount,time,tx_id` schema) -> the CSR files of a
`FlowGraph`, built with Spark; `interdict.tracing.sources.csr_files.read_flow_csr` maps them.

The ids are the embedded engine's own (`tracing.graph.flow_graph`): edges numbered in input order,
addresses in first-seen order (every sender by its first transfer, then every address that only
receives, by its first receipt), so the files equal the arrays the embedded build makes from the same
file. Dense numbers come from per-partition row counts summed in partition order (`dense_positions`),
never from one partition holding everything.

The build is few jobs: one pass over the input types it, checks it and counts it (and is cached);
the per-edge arrays are written straight from that input order; one aggregation and one sort give
the address ids; two joins give each edge its ids (scattered into place, no sort); one aggregation
and two sorts give the CSR of both directions; one sort gives the lookup order of addresses.
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import orjson

from interdict.core.errors import TransferFormatError
from interdict.spark.arrays import Column, write_columns, write_pointers, write_scattered

if TYPE_CHECKING:
    from pyspark.sql import Column as SparkColumn
    from pyspark.sql import DataFrame, SparkSession

REQUIRED = ("from", "to", "asset", "amount", "time", "tx_id")
FORMAT = "interdict-flow-csr/1"
INT64_MAX = 2**63 - 1
PART_BITS = 33  # monotonically_increasing_id: partition index above bit 33, row number below


@dataclass(frozen=True, slots=True)
class CsrSummary:
    """What a build wrote: nodes, edges, distinct (sender, receiver) pairs, and where."""

    nodes: int
    edges: int
    pairs: int
    folder: Path


def with_positions(tagged: DataFrame, counts: dict[int, int], name: str) -> DataFrame:
    """`tagged` (a `_mid` column of `monotonically_increasing_id`) with `name` = its dense position,
    given the rows of each partition index; `_mid` dropped."""
    from pyspark.sql import functions as F

    offsets, total = [], 0
    for p in sorted(counts):
        offsets.append((p, total))
        total += counts[p]
    base = tagged.sparkSession.createDataFrame(offsets or [(0, 0)], "p long, base long")
    part = F.shiftright("_mid", PART_BITS)
    return (tagged.join(F.broadcast(base), part == base.p)
            .withColumn(name, F.col("_mid") - F.shiftleft(F.col("p"), PART_BITS) + F.col("base"))
            .drop("_mid", "p", "base"))


def dense_positions(frame: DataFrame, name: str) -> DataFrame:
    """`frame` with `name` = 0-based position in its current partition order (no single partition)."""
    from pyspark.sql import functions as F

    tagged = frame.withColumn("_mid", F.monotonically_increasing_id()).persist()
    part = F.shiftright("_mid", PART_BITS)
    counts = {int(p): int(n) for p, n in tagged.groupBy(part.alias("p")).count().collect()}
    return with_positions(tagged, counts, name)


def _typed(spark: SparkSession, path: str) -> DataFrame:
    """The input's typed columns `src_name, dst_name, amount, time, tx, asset` and `bad` (the row
    breaks the embedded reader's rules), `amount_text` and `time_text` for the error message."""
    from pyspark.sql import functions as F

    raw = spark.read.parquet(path)
    missing = [c for c in REQUIRED if c not in raw.columns]
    if missing:
        raise TransferFormatError(path, "header",
                                  f"missing column(s) {', '.join(missing)}; expected {REQUIRED}")
    text = {c: F.trim(F.col(f"`{c}`").cast("string")) for c in REQUIRED}
    amount, amount_ok = _amount(raw, text["amount"])
    typed = raw.select(
        text["from"].alias("src_name"), text["to"].alias("dst_name"), amount.alias("amount"),
        _time(raw, text["time"]).alias("time"), text["tx_id"].alias("tx"),
        F.coalesce(F.when(text["asset"] != "", text["asset"]), F.lit("?")).alias("asset"),
        text["amount"].alias("amount_text"), text["time"].alias("time_text"),
        amount_ok.alias("amount_ok"),
        F.greatest(*(F.col(f"`{c}`").isNull().cast("int") for c in REQUIRED)).alias("absent"))
    # The embedded reader's rules: every column present (time and asset may be empty), amount an
    # integer >= 0, time unix seconds or ISO 8601.
    empty = (F.col("src_name") == "") | (F.col("dst_name") == "") | (F.col("tx") == "")
    bad = ((F.col("absent") == 1) | empty | ~F.col("amount_ok") | F.col("amount").isNull()
           | F.col("time").isNull())
    return typed.withColumn("bad", bad).drop("absent", "amount_ok")


def _integral(raw: DataFrame, name: str) -> bool:
    from pyspark.sql.types import ByteType, IntegerType, LongType, ShortType

    return isinstance(raw.schema[name].dataType, ByteType | ShortType | IntegerType | LongType)


def _amount(raw: DataFrame, text: SparkColumn) -> tuple[SparkColumn, SparkColumn]:
    """The amount as decimal(38,0) and whether it is an integer >= 0 written in digits only.

    An integer column needs no text round trip and no regular expression per row: the check is
    `value >= 0`, what the text rule answers for an integer's digits.
    """
    from pyspark.sql import functions as F

    if _integral(raw, "amount"):
        return F.col("amount").cast("decimal(38,0)"), F.col("amount") >= 0
    return text.cast("decimal(38,0)"), text.rlike("^[0-9]+$")


def _time(raw: DataFrame, when: SparkColumn) -> SparkColumn:
    """Unix seconds: an integer as it is, text as digits or ISO 8601; empty text -1 (no time)."""
    from pyspark.sql import functions as F

    if _integral(raw, "time"):
        return F.col("time").cast("long")
    digits = when.rlike(r"^-?[0-9]+$")
    iso = F.unix_timestamp(F.to_timestamp(F.regexp_replace(when, "Z$", "+00:00")))
    return F.when(when.isNull() | (when == ""), F.lit(-1)).when(digits, when.cast("long")).otherwise(iso)


def read_edges(spark: SparkSession, path: str) -> DataFrame:
    """Typed edges `pos, src_name, dst_name, amount, time, tx, asset` of a transfers Parquet file;
    a TransferFormatError names the first bad row (its 1-based position, as the embedded reader)."""
    edges = dense_positions(_typed(spark, path), "pos")
    first = edges.filter("bad").orderBy("pos").first()
    if first is not None:
        raise TransferFormatError(path, f"line {first['pos'] + 1}",
                                  f"a bad row (amount {first['amount_text']!r}, time {first['time_text']!r};"
                                  " from, to and tx_id must not be empty)")
    return edges.select("pos", "src_name", "dst_name", "amount", "time", "tx", "asset")


@dataclass(frozen=True, slots=True)
class _Scan:
    """What the one pass over the input learnt: rows per partition, the widest amount, the assets."""

    counts: dict[int, int]
    amount_fits: bool
    one_asset: str | None


def _scan(spark: SparkSession, path: str, tagged: DataFrame) -> _Scan:
    """Count, check and summarise the cached input in one job; a bad row raises as `read_edges`."""
    from pyspark.sql import functions as F

    rows = tagged.groupBy(F.shiftright("_mid", PART_BITS).alias("p")).agg(
        F.count(F.lit(1)).alias("n"), F.max(F.col("bad").cast("int")).alias("bad"),
        F.max("amount").alias("top"), F.min("asset").alias("lo"), F.max("asset").alias("hi")).collect()
    if any(r["bad"] for r in rows):
        read_edges(spark, path)  # names the first bad row
        raise TransferFormatError(path, None, "a bad row")  # unreachable unless the file changed meanwhile
    tops = [int(r["top"]) for r in rows if r["top"] is not None]
    assets = {r[k] for r in rows for k in ("lo", "hi") if r[k] is not None}
    one = next(iter(assets)) if len(assets) == 1 else None
    return _Scan({int(r["p"]): int(r["n"]) for r in rows}, not tops or max(tops) <= INT64_MAX, one)


def build_flow_csr(spark: SparkSession, path: str, folder: Path) -> CsrSummary:
    """Build the CSR files of the transfers at `path` into `folder` (replaced)."""
    from pyspark import StorageLevel
    from pyspark.sql import functions as F

    if folder.exists():
        shutil.rmtree(folder)
    folder.mkdir(parents=True)
    keep = StorageLevel.MEMORY_AND_DISK
    tagged = (_typed(spark, path).drop("amount_text", "time_text")
              .withColumn("_mid", F.monotonically_increasing_id()).persist(keep))
    scan = _scan(spark, path, tagged)
    m = sum(scan.counts.values())
    amount = Column("amount", "amount", "int64" if scan.amount_fits else "text")
    # The cached input's partitions are the input order: these arrays need no sort.
    write_columns(tagged, [Column("time", "time"), amount, Column("tx", "tx", "text")], folder)
    _write_assets(tagged, scan.one_asset, folder)
    edges = with_positions(tagged.select("_mid", "src_name", "dst_name"), scan.counts, "pos")
    ids, n = _address_ids(edges, m, folder)
    numbered = (edges.join(ids.select(F.col("name").alias("src_name"), F.col("id").alias("src")), "src_name")
                .join(ids.select(F.col("name").alias("dst_name"), F.col("id").alias("dst")), "dst_name")
                .select("pos", "src", "dst").persist(keep))
    write_scattered(numbered, "pos", [Column("src", "src"), Column("dst", "dst")], m, folder)
    tagged.unpersist()  # only now: `numbered` is cached, so nothing reads the input again
    pairs = _write_csr(numbered, n, folder)
    numbered.unpersist()
    write_columns(ids.orderBy(F.col("name").cast("binary")), [Column("id", "addr_order")], folder)
    ids.unpersist()
    (folder / "manifest.json").write_bytes(orjson.dumps({
        "format": FORMAT, "nodes": n, "edges": m, "pairs": pairs, "amount": amount.kind, "source": path}))
    return CsrSummary(n, m, pairs, folder)


def _address_ids(edges: DataFrame, m: int, folder: Path) -> tuple[DataFrame, int]:
    """`name, id` (cached) and their number: dense ids in the embedded engine's first-seen order
    (senders first); writes `addresses` (the names in id order) on the way."""
    from pyspark import StorageLevel
    from pyspark.sql import functions as F

    seen = (edges.select(F.col("src_name").alias("name"), F.col("pos").alias("key"))
            .unionByName(edges.select(F.col("dst_name").alias("name"), (F.col("pos") + m).alias("key"))))
    ordered = (seen.groupBy("name").agg(F.min("key").alias("key")).orderBy("key")
               .withColumn("_mid", F.monotonically_increasing_id()).persist(StorageLevel.MEMORY_AND_DISK))
    counts = write_columns(ordered, [Column("name", "addresses", "text")], folder)
    ids = with_positions(ordered.select("_mid", "name"), counts, "id").persist(StorageLevel.MEMORY_AND_DISK)
    ids.count()
    ordered.unpersist()
    return ids, sum(counts.values())


def _write_assets(tagged: DataFrame, one: str | None, folder: Path) -> None:
    if one is not None:  # one asset for every edge: one line (FlowGraph reads it as "all")
        (folder / "assets.txt").write_text(one + "\n", encoding="utf-8")
        return
    write_columns(tagged, [Column("asset", "assets_tmp", "text")], folder)
    from interdict.tracing.sources.csr_files import MappedStrings, _array

    names = MappedStrings(_array(folder, "assets_tmp_blob"), _array(folder, "assets_tmp_offsets"))
    with (folder / "assets.txt").open("w", encoding="utf-8") as fh:
        for k in range(len(names)):
            fh.write(names[k] + "\n")
    for suffix in ("blob", "offsets"):
        (folder / f"assets_tmp_{suffix}.npy").unlink()


def _write_csr(numbered: DataFrame, n: int, folder: Path) -> int:
    """Both directions' CSR over the first edge of each (sender, receiver) pair; the pair count."""
    from pyspark import StorageLevel
    from pyspark.sql import functions as F

    firsts = (numbered.groupBy("src", "dst").agg(F.min("pos").alias("e"))
              .persist(StorageLevel.MEMORY_AND_DISK))
    pairs = 0
    for side, far, label in (("src", "dst", "out"), ("dst", "src", "in")):
        columns = [Column("e", f"{label}_edges"), Column(far, f"{label}_nbr"), Column(side, f"_{label}_side")]
        counts = write_columns(firsts.orderBy(side, "e"), columns, folder)
        pairs = sum(counts.values())
        write_pointers(folder / f"_{label}_side.npy", n, folder / f"{label}_ptr.npy")
        (folder / f"_{label}_side.npy").unlink()
    firsts.unpersist()
    return pairs
