"""Reading the cached screening index: the mapped `.npz` (format 6) against the pickle it replaced.

    INTERDICT_HOME=DIR .venv/bin/python benchmarks/index_cache.py [--repeat 5]

DIR must hold a list store with the lists loaded (e.g. the three real lists of the demo). The index
is built once from the store, written in both formats into a temporary folder, and each is read
back `--repeat` times; the best CPU and wall times are printed. The pickle is read as the earlier
loader read it (`pickle.load` with the garbage collector on); the `.npz` through the loader itself,
twice: opened (what `interdict screen` pays before its first query: the file is mapped and each
field decoded when first read) and opened with every field decoded (what a batch pays).
"""

from __future__ import annotations

import argparse
import pickle
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from interdict.core import config
from interdict.core.store import connect
from interdict.lists.store import ListStore
from interdict.screening import build_index
from interdict.screening.loader import _read, encode
from interdict.screening.records import materialise


def best(read: Callable[[], object], repeat: int) -> tuple[float, float]:
    """Best wall and best CPU seconds of `repeat` calls."""
    walls, cpus = [], []
    for _ in range(repeat):
        wall, cpu = time.perf_counter(), time.process_time()
        read()
        walls.append(time.perf_counter() - wall)
        cpus.append(time.process_time() - cpu)
    return min(walls), min(cpus)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    conn = connect(config.database_path(), read_only=True)
    store = ListStore(conn)
    index = build_index(store.active_entities(), store.subjects())
    conn.close()
    with tempfile.TemporaryDirectory() as tmp:
        npz, pkl = Path(tmp) / "index.npz", Path(tmp) / "index.pickle"
        npz.write_bytes(encode(index))
        with pkl.open("wb") as fh:
            pickle.dump(("stamp", index), fh, protocol=pickle.HIGHEST_PROTOCOL)

        def read_pickle() -> object:
            with pkl.open("rb") as fh:
                return pickle.load(fh)

        def read_all() -> object:
            found = _read(npz)
            assert found is not None
            materialise(found)
            return (found.vocab, found.identifiers, found.subjects, found.rows())

        print(f"{len(index):,} entries, {index.info['records']:,} records, {index.info['keys']:,} keys")
        for name, path, read in (("pickle (before)", pkl, read_pickle),
                                 ("npz, opened (now)", npz, lambda: _read(npz)),
                                 ("npz, every field decoded (now)", npz, read_all)):
            wall, cpu = best(read, args.repeat)
            print(f"{name}: {path.stat().st_size / 2**20:.1f} MiB, read best of {args.repeat}:"
                  f" {wall:.3f} s wall, {cpu:.3f} s CPU")


if __name__ == "__main__":
    main()
