"""Hop-limited exposure and poison reach on Spark: iterative joins of a frontier with the edges.

For graphs that do not fit one machine. Each answers exactly what an embedded engine answers:

- `exposure`: every address within `max_hops` of `start` (forward: money it sent on; backward:
  where money came from) with its fewest hops, start excluded: `tracing.paths.within_hops`.
- `poison_reach`: the transfers a POISON taint walk from source addresses marks as carrying taint,
  replaying the ledger in time order: `tracing.policies.taint_account` with `TaintPolicy.POISON`
  and `Cutoffs(max_hops=...)` (its `tx_taint` keys). An address is poisoned by the earliest tainted
  transfer it receives within the hop limit, and taints everything it sends after that; a
  source taints all it sends (hop 1). Level by level, an address's earliest tainted receipt with at
  most h hops decides which of its transfers carry taint with at most h + 1.

Edges are the `read_edges` frame of `interdict.spark.graph` (names, amount, time, position).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pyspark.sql import Column, DataFrame

MAX_LEVELS = 10_000  # an unlimited walk stops when a level adds nothing; this only bounds a bug


def exposure(edges: DataFrame, start: str, max_hops: int, forward: bool = True) -> dict[str, int]:
    """Address -> fewest hops from `start` (itself excluded), at most `max_hops`."""
    from pyspark import StorageLevel
    from pyspark.sql import functions as F

    near, far = ("src_name", "dst_name") if forward else ("dst_name", "src_name")
    pairs = edges.select(F.col(near).alias("near"), F.col(far).alias("far")).distinct()
    pairs = pairs.persist(StorageLevel.MEMORY_AND_DISK)
    spark = edges.sparkSession
    seen = spark.createDataFrame([(start, 0)], "node string, hop int")
    frontier = seen.select("node")
    found: dict[str, int] = {}
    for hop in range(1, max_hops + 1):
        step = (frontier.withColumnRenamed("node", "near").join(pairs, "near")
                .select(F.col("far").alias("node")).distinct()
                .join(seen, "node", "left_anti").localCheckpoint())
        new = [r[0] for r in step.collect()]
        if not new:
            break
        found.update((name, hop) for name in new)
        seen = seen.unionByName(step.withColumn("hop", F.lit(hop))).localCheckpoint()
        frontier = step
    pairs.unpersist()
    return found


@dataclass(frozen=True, slots=True)
class PoisonReach:
    """The transfers carrying taint (tx id -> fewest hops) and the addresses poisoned (-> hop)."""

    transfers: dict[str, int]
    poisoned: dict[str, int]


def _key(frame: DataFrame) -> Column:
    from pyspark.sql import functions as F

    # The embedded replay's order: (time, or 0 when unknown; position in the input).
    return F.struct(F.when(frame.time < 0, F.lit(0)).otherwise(frame.time).alias("t"), frame.pos.alias("p"))


def poison_reach(edges: DataFrame, sources: list[str], max_hops: int | None = None) -> PoisonReach:
    """The POISON walk from `sources` (addresses), with an optional hop limit."""
    from pyspark import StorageLevel
    from pyspark.sql import functions as F

    live = (edges.filter(F.col("amount") > 0)
            .select("pos", "tx", "src_name", "dst_name", _key(edges).alias("key"))
            .persist(StorageLevel.MEMORY_AND_DISK))
    source_set = set(sources)
    tainted = live.filter(F.col("src_name").isin(sources)).select("pos", "tx", "dst_name", "key",
                                                                  F.lit(1).alias("hop")).localCheckpoint()
    others = live.filter(~F.col("src_name").isin(sources))
    hop = 1
    while hop < MAX_LEVELS:
        credited = tainted if max_hops is None else tainted.filter(F.col("hop") <= max_hops)
        arrival = (credited.groupBy(F.col("dst_name").alias("src_name")).agg(F.min("key").alias("arrived"))
                   .filter(~F.col("src_name").isin(list(source_set))).localCheckpoint())
        reached = (others.join(arrival, "src_name")
                   .filter(F.col("key") > F.col("arrived")).select("pos", "tx", "dst_name", "key"))
        new = reached.join(tainted.select("pos"), "pos", "left_anti").localCheckpoint()
        if new.isEmpty() or (max_hops is not None and hop > max_hops):
            break
        hop += 1
        tainted = tainted.unionByName(new.withColumn("hop", F.lit(hop))).localCheckpoint()
    transfers = {r[0]: r[1] for r in tainted.groupBy("tx").agg(F.min("hop")).collect()}
    credited = tainted if max_hops is None else tainted.filter(F.col("hop") <= max_hops)
    poisoned = {r[0]: r[1] for r in credited.groupBy("dst_name").agg(F.min("hop")).collect()
                if r[0] not in source_set}
    live.unpersist()
    return PoisonReach(transfers, poisoned)
