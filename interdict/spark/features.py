"""The AML ranker's per-account window features as Spark SQL, over the generic transfers schema
(`from, to, asset, amount, time, tx_id`), for typology scans on data beyond one machine.

They are `interdict.aml.features`' account features, defined in its docstring (the contract): for
the sender (`s_`) and the receiver (`r_`) of each transfer at its time t, over the account's sent
(`out`) or received (`in`) transfers with time in [t - W, t] (W = 1 day or 7 days, both ends
inclusive, so every transfer at the same second counts): `{io}_n_{w}`, `{io}_sum_{w}`, `{io}_cp_{w}`
(distinct counterparties), `{io}_cv_{w}`, `{io}_round_7d`, `{io}_near_7d`, `pass_{w}`, `age` and
`compress`. One window per account: events (the transfers an account sent or received) and queries
(the transfers whose features we want, as sender or receiver) share `PARTITION BY account ORDER BY
time RANGE BETWEEN W PRECEDING AND CURRENT ROW`; only events count, so a query at t sees exactly the
events of [t - W, t].
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pyspark.sql import Column, DataFrame

DAY = 86_400
WINDOWS = (("1d", DAY), ("7d", 7 * DAY))
NEAR_LOW, NEAR_HIGH = 9_000.0, 10_000.0


def account_feature_names(prefix: str) -> list[str]:
    """The columns this module computes for one side, named as `aml.features` names them."""
    stats = ("n", "sum", "cp", "cv")
    names = [f"{prefix}_{io}_{k}_{w}" for io in ("out", "in") for w, _ in WINDOWS for k in stats]
    names += [f"{prefix}_{io}_{k}_7d" for io in ("out", "in") for k in ("round", "near")]
    names += [f"{prefix}_pass_{w}" for w, _ in WINDOWS] + [f"{prefix}_age", f"{prefix}_compress"]
    return names


def _rows(transfers: DataFrame) -> DataFrame:
    """Events and queries on one time line per account."""
    from pyspark.sql import functions as F

    t = transfers.select(F.col("`from`").cast("string").alias("s"), F.col("`to`").cast("string").alias("r"),
                         F.col("amount").cast("double").alias("x"), F.col("time").cast("long").alias("t"),
                         F.col("tx_id").cast("string").alias("tx"))
    none = F.lit(None)
    events = [t.select(F.col(a).alias("account"), "t", F.lit(io).alias("io"), "x", F.col(cp).alias("cp"),
                       none.cast("string").alias("tx"), none.cast("string").alias("side"))
              for a, cp, io in (("s", "r", "out"), ("r", "s", "in"))]
    queries = [t.select(F.col(a).alias("account"), "t", none.cast("string").alias("io"), none.cast("double")
                        .alias("x"), none.cast("string").alias("cp"), "tx", F.lit(side).alias("side"))
               for a, side in (("s", "s"), ("r", "r"))]
    out = events[0]
    for frame in (*events[1:], *queries):
        out = out.unionByName(frame)
    return out


def _is(io: str, cond: Column | None = None) -> Column:
    from pyspark.sql import functions as F

    test = F.col("io") == io
    return test if cond is None else test & cond


def _window_columns(side: str) -> list[Column]:
    from pyspark.sql import Window
    from pyspark.sql import functions as F

    x = F.col("x")
    is_round = (x >= 100) & (F.bround(x * 100) % 10_000 == 0)  # HALF_EVEN, as numpy's round
    is_near = (x >= NEAR_LOW) & (x < NEAR_HIGH)
    cols = []
    for io in ("out", "in"):
        for w, width in WINDOWS:
            win = Window.partitionBy("account").orderBy("t").rangeBetween(-width, 0)
            n = F.sum(F.when(_is(io), 1).otherwise(0)).over(win)
            s = F.coalesce(F.sum(F.when(_is(io), x)).over(win), F.lit(0.0))
            s2 = F.coalesce(F.sum(F.when(_is(io), x * x)).over(win), F.lit(0.0))
            cp = F.size(F.collect_set(F.when(_is(io), F.col("cp"))).over(win))
            mean = s / n
            cv = F.when((n >= 2) & (s > 0), F.sqrt(F.greatest(F.lit(0.0), s2 / n - mean * mean)) / mean)
            cols += [n.alias(f"{side}_{io}_n_{w}"), s.alias(f"{side}_{io}_sum_{w}"),
                     cp.alias(f"{side}_{io}_cp_{w}"), F.coalesce(cv, F.lit(0.0)).alias(f"{side}_{io}_cv_{w}")]
            if w == "7d":
                for k, cond in (("round", is_round), ("near", is_near)):
                    hits = F.sum(F.when(_is(io, cond), 1).otherwise(0)).over(win)
                    cols.append(F.when(n > 0, hits / n).otherwise(0.0).alias(f"{side}_{io}_{k}_7d"))
    first = F.min("t").over(Window.partitionBy("account"))
    cols.append((F.col("t") - first).alias(f"{side}_age"))
    return cols


def account_features(transfers: DataFrame) -> DataFrame:
    """`tx_id` and the sender's and receiver's window features of every transfer (one row each)."""
    from pyspark.sql import functions as F

    rows = _rows(transfers)
    sides = []
    for side in ("s", "r"):
        frame = rows.filter((F.col("side") == side) | F.col("side").isNull())
        frame = frame.select("side", "tx", *_window_columns(side)).filter(F.col("side") == side).drop("side")
        for w, _ in WINDOWS:
            inflow, outflow = F.col(f"{side}_in_sum_{w}"), F.col(f"{side}_out_sum_{w}")
            frame = frame.withColumn(f"{side}_pass_{w}", F.when(inflow > 0, outflow / inflow).otherwise(-1.0))
        day = F.col(f"{side}_in_n_1d") + F.col(f"{side}_out_n_1d")
        week = F.col(f"{side}_in_n_7d") + F.col(f"{side}_out_n_7d")
        sides.append(frame.withColumn(f"{side}_compress", day / week))
    return sides[0].join(sides[1], "tx").withColumnRenamed("tx", "tx_id")
