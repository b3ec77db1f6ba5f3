"""Transfers (Parquet, the generic `from,to,asset,amount,time,tx_id` schema) -> the CSR files of a
`FlowGraph`, built with Spark; `interdict.tracing.sources.csr_files.read_flow_csr` maps them.

The ids are the embedded engine's own (`tracing.graph.flow_graph`): edges numbered in input order,
addresses in first-seen order (every sender by its first transfer, then every address that only
receives, by its first receipt), so the files equal the arrays the embedded build makes from the same
file. Dense numbers come from a sort and per-partition offsets (`dense_positions`), never from one
partition holding everything.
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import orjson

from interdict.core.errors import TransferFormatError
from interdict.spark.arrays import Column, write_columns, write_prefix_counts

if TYPE_CHECKING:
    from pyspark.sql import DataFrame, SparkSession

REQUIRED = ("from", "to", "asset", "amount", "time", "tx_id")
FORMAT = "interdict-flow-csr/1"
INT64_MAX = 2**63 - 1


@dataclass(frozen=True, slots=True)
class CsrSummary:
    """What a build wrote: nodes, edges, distinct (sender, receiver) pairs, and where."""

    nodes: int
    edges: int
    pairs: int
    folder: Path


def dense_positions(frame: DataFrame, name: str) -> DataFrame:
    """`frame` with `name` = 0-based position in its current partition order (no single partition).

    `monotonically_increasing_id` numbers rows within each partition (partition index in the high
    bits); the partitions' row counts, summed in order, turn that into dense positions.
    """
    from pyspark.sql import functions as F

    tagged = frame.withColumn("_mid", F.monotonically_increasing_id()).persist()
    part = F.shiftright("_mid", 33)
    counts = sorted(tuple(r) for r in tagged.groupBy(part.alias("p")).count().collect())
    offsets, total = [], 0
    for p, n in counts:
        offsets.append((p, total))
        total += n
    spark = frame.sparkSession
    base = spark.createDataFrame(offsets or [(0, 0)], "p long, base long")
    return (tagged.join(F.broadcast(base), part == base.p)
            .withColumn(name, F.col("_mid") - F.shiftleft(F.col("p"), 33) + F.col("base"))
            .drop("_mid", "p", "base"))


def read_edges(spark: SparkSession, path: str) -> DataFrame:
    """Typed edges `pos, src_name, dst_name, amount, time, tx, asset` of a transfers Parquet file;
    a TransferFormatError names the first bad row (its 1-based position, as the embedded reader)."""
    from pyspark.sql import functions as F

    raw = spark.read.parquet(path)
    missing = [c for c in REQUIRED if c not in raw.columns]
    if missing:
        raise TransferFormatError(path, "header",
                                  f"missing column(s) {', '.join(missing)}; expected {REQUIRED}")
    text = {c: F.trim(F.col(f"`{c}`").cast("string")) for c in REQUIRED}
    when = text["time"]
    digits = when.rlike(r"^-?[0-9]+$")
    iso = F.unix_timestamp(F.to_timestamp(F.regexp_replace(when, "Z$", "+00:00")))
    edges = dense_positions(raw, "pos").select(
        "pos", text["from"].alias("src_name"), text["to"].alias("dst_name"),
        text["amount"].cast("decimal(38,0)").alias("amount"),
        F.when(when.isNull() | (when == ""), F.lit(-1)).when(digits, when.cast("long")).otherwise(iso)
        .alias("time"),
        text["tx_id"].alias("tx"),
        F.coalesce(F.when(text["asset"] != "", text["asset"]), F.lit("?")).alias("asset"),
        text["amount"].alias("amount_text"), when.alias("time_text"),
        F.greatest(*(text[c].isNull().cast("int") for c in REQUIRED)).alias("absent"))
    # The embedded reader's rules: every column present (time and asset may be empty), amount an
    # integer >= 0, time unix seconds or ISO 8601.
    empty = (F.col("src_name") == "") | (F.col("dst_name") == "") | (F.col("tx") == "")
    bad = ((F.col("absent") == 1) | empty | ~F.col("amount_text").rlike("^[0-9]+$")
           | F.col("amount").isNull() | F.col("time").isNull())
    first = edges.filter(bad).orderBy("pos").first()
    if first is not None:
        raise TransferFormatError(path, f"line {first['pos'] + 1}",
                                  f"a bad row (amount {first['amount_text']!r}, time {first['time_text']!r};"
                                  " from, to and tx_id must not be empty)")
    return edges.drop("amount_text", "time_text", "absent")


def address_ids(edges: DataFrame, m: int) -> DataFrame:
    """`name, id`: dense ids in the embedded engine's first-seen order (senders first)."""
    from pyspark.sql import functions as F

    seen = (edges.select(F.col("src_name").alias("name"), F.col("pos").alias("key"))
            .unionByName(edges.select(F.col("dst_name").alias("name"), (F.col("pos") + m).alias("key"))))
    firsts = seen.groupBy("name").agg(F.min("key").alias("key")).orderBy("key")
    return dense_positions(firsts, "id").select("name", "id")


def build_flow_csr(spark: SparkSession, path: str, folder: Path) -> CsrSummary:
    """Build the CSR files of the transfers at `path` into `folder` (replaced)."""
    from pyspark import StorageLevel
    from pyspark.sql import functions as F

    if folder.exists():
        shutil.rmtree(folder)
    folder.mkdir(parents=True)
    edges = read_edges(spark, path).persist(StorageLevel.MEMORY_AND_DISK)
    m = edges.count()
    ids = address_ids(edges, m).persist(StorageLevel.MEMORY_AND_DISK)
    n = ids.count()
    src, dst = ids.select(F.col("name").alias("src_name"), F.col("id").alias("src")), \
        ids.select(F.col("name").alias("dst_name"), F.col("id").alias("dst"))
    numbered = edges.join(src, "src_name").join(dst, "dst_name").persist(StorageLevel.MEMORY_AND_DISK)
    wide = numbered.agg(F.max("amount")).first()
    fits = wide is None or wide[0] is None or int(wide[0]) <= INT64_MAX
    amount = Column("amount", "amount", "int64" if fits else "text")
    per_edge = [Column("src", "src"), Column("dst", "dst"), Column("time", "time"), amount,
                Column("tx", "tx", "text")]
    write_columns(numbered.orderBy("pos"), per_edge, folder)
    _write_assets(numbered, folder)
    pairs = _write_csr(spark, numbered, n, folder)
    write_columns(ids.orderBy("id"), [Column("name", "addresses", "text")], folder)
    write_columns(ids.orderBy(F.col("name").cast("binary")), [Column("id", "addr_order")], folder)
    (folder / "manifest.json").write_bytes(orjson.dumps({
        "format": FORMAT, "nodes": n, "edges": m, "pairs": pairs, "amount": amount.kind, "source": path}))
    for frame in (numbered, ids, edges):
        frame.unpersist()
    return CsrSummary(n, m, pairs, folder)


def _write_assets(numbered: DataFrame, folder: Path) -> None:
    distinct = [r[0] for r in numbered.select("asset").distinct().limit(2).collect()]
    if len(distinct) == 1:  # one asset for every edge: one line (FlowGraph reads it as "all")
        (folder / "assets.txt").write_text(distinct[0] + "\n", encoding="utf-8")
        return
    write_columns(numbered.orderBy("pos"), [Column("asset", "assets_tmp", "text")], folder)
    from interdict.tracing.sources.csr_files import MappedStrings, _array

    names = MappedStrings(_array(folder, "assets_tmp_blob"), _array(folder, "assets_tmp_offsets"))
    with (folder / "assets.txt").open("w", encoding="utf-8") as fh:
        for k in range(len(names)):
            fh.write(names[k] + "\n")
    for suffix in ("blob", "offsets"):
        (folder / f"assets_tmp_{suffix}.npy").unlink()


def _write_csr(spark: SparkSession, numbered: DataFrame, n: int, folder: Path) -> int:
    """Both directions' CSR over the first edge of each (sender, receiver) pair; the pair count."""
    from pyspark import StorageLevel
    from pyspark.sql import functions as F

    firsts = (numbered.groupBy("src", "dst").agg(F.min("pos").alias("e"))
              .persist(StorageLevel.MEMORY_AND_DISK))
    pairs = firsts.count()
    nodes = spark.range(n).withColumnRenamed("id", "node")
    for side, far, label in (("src", "dst", "out"), ("dst", "src", "in")):
        write_columns(firsts.orderBy(side, "e"), [Column("e", f"{label}_edges"), Column(far, f"{label}_nbr")],
                      folder)
        counts = firsts.groupBy(side).count()
        per_node = (nodes.join(counts, nodes.node == counts[side], "left")
                    .select("node", F.coalesce("count", F.lit(0)).alias("count")).orderBy("node"))
        write_prefix_counts(per_node, "count", f"{label}_ptr", folder)
    firsts.unpersist()
    return pairs
