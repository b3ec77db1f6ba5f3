"""Continuous screening's re-screen on Spark: the `screen` function `subjects.rescreen_group` takes,
run by Spark partitions.

`rescreen_group(subjects, index, delta, known, screen)` is pure; its `screen(index, queries)` is the
only part that scales with the base. Here it writes the index it is given (the small index of the
delta's entries, or the full one) as a data-only `.npz` named by its content, ships it to the
executors like the batch's index, and screens the queries in partitions with the engine's own
`screen`; candidates come back in query order. Everything else (the delta, the known hits, what is
new or closed) stays the embedded engine's, so the run's outcome is the embedded run's.
"""

from __future__ import annotations

import hashlib
import tempfile
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pyspark.sql import SparkSession

    from interdict.core.match import Candidate, Query
    from interdict.screening.index import ScreeningIndex
    from interdict.subjects.rescreen import ScreenFn


def _index_file(index: ScreeningIndex, folder: Path) -> Path:
    from interdict.screening.loader import CACHE_PREFIX, encode, engine_fingerprint

    data = encode(index)
    # The engine fingerprint in the name lets an executor refuse an index from another build.
    digest = hashlib.sha256(data).hexdigest()[:20]
    path = folder / f"{CACHE_PREFIX}{engine_fingerprint()}-rescreen-{digest}.npz"
    if not path.exists():
        path.write_bytes(data)
    return path


def _screen_part(items: Iterable[tuple[int, Query]], name: str,
                 limit: int) -> Iterator[tuple[int, list[Candidate]]]:
    from interdict.screening.engine import screen
    from interdict.spark.shipping import executor_index

    index = executor_index(name)
    for pos, query in items:
        yield pos, screen(index, query, limit=limit)


def spark_screen(spark: SparkSession, limit: int, partitions: int | None = None) -> ScreenFn:
    """A `screen(index, queries)` for `rescreen_group` that screens on `spark`."""
    from interdict.spark.shipping import ship_index

    folder = Path(tempfile.mkdtemp(prefix="interdict-rescreen-"))

    def screen(index: ScreeningIndex, queries: Sequence[Query]) -> Iterator[list[Candidate]]:
        sc = spark.sparkContext
        name = ship_index(sc, _index_file(index, folder))
        rows = sc.parallelize(list(enumerate(queries)), partitions or sc.defaultParallelism)
        outs = rows.mapPartitions(lambda items: _screen_part(items, name, limit), preservesPartitioning=True)
        for _, cands in outs.toLocalIterator(prefetchPartitions=True):
            yield cands

    return screen
