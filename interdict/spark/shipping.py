"""Shipping the screening index to the executors, and reading it there once per Python worker.

The driver builds the index (or reads it from its on-disk cache, `screening/loader.py`) and hands
Spark the cache file with `SparkContext.addFile`: Spark copies it to every executor (from the
driver, or from HDFS / S3 when the path is on shared storage). Each executor's Python worker
decodes it on first use and keeps it for the tasks that follow (Spark reuses Python workers), so a
partition pays for the index once per worker, not once per task. The file is data only (`.npz`
read with `allow_pickle=False`), never a pickle, so an executor runs no code from it.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from interdict.core.errors import ConfigError

if TYPE_CHECKING:
    from pyspark import SparkContext

    from interdict.screening.index import ScreeningIndex

_INDEXES: dict[str, ScreeningIndex] = {}  # per Python worker: file name -> decoded index


def ship_index(sc: SparkContext, path: Path | str) -> str:
    """Give every executor the index file at `path` (local, or `hdfs://`, `s3a://`); its name."""
    sc.addFile(str(path))
    return Path(str(path)).name


def executor_index(name: str) -> ScreeningIndex:
    """The index shipped under `name`, decoded once per Python worker (call inside a task)."""
    found = _INDEXES.get(name)
    if found is None:
        found = _INDEXES[name] = _decode(name)
    return found


def _decode(name: str) -> ScreeningIndex:
    from pyspark import SparkFiles

    from interdict.screening.loader import decode, engine_fingerprint

    # The file's name carries the fingerprint of the engine that built it: an executor with a
    # different interdict (code or data tables) would screen differently, so it refuses.
    if engine_fingerprint() not in name:
        raise ConfigError(f"index {name}: built by another interdict build than this executor's "
                          f"(engine {engine_fingerprint()}); install the driver's interdict on the executors")
    index = decode(Path(SparkFiles.get(name)).read_bytes())
    if index is None:
        raise ConfigError(f"index {name}: not a complete screening index of this interdict's format")
    from interdict.screening.records import materialise

    materialise(index)  # an executor screens whole partitions: decoding record by record costs ~10 %
    return index
