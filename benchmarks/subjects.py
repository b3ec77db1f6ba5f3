"""Continuous screening at scale: a generated customer base against the real UN and OFAC SDN lists.

Run: `PYTHONPATH=. .venv/bin/python benchmarks/subjects.py [--subjects 1000000] [--workers 2]`
(reads the shared data; about ten minutes for a million subjects on 2 cores).

Steps, each timed (wall clock; CPU of this process and, apart, of the worker processes it waited
for, from `getrusage`):
1. lists: an earlier UN publication (`synthetic.customers.older_un`: 20 entries not yet listed,
   15 spelt otherwise, 5 since delisted) and the OFAC SDN advanced XML, loaded into a fresh store;
2. the base: generated customers (0.2 % listed names, half with a typo) written as CSV and loaded;
3. the first screen of the whole base (every subject is new: screened against every entry);
4. the real UN file loaded: a day's delta of 40 entries; the screening index of the new lists
   built (timed apart: any first screen after a list change builds it, full or delta); the delta
   re-screen;
5. a full re-screen of the base against every entry (`rescreen --full`), for comparison;
6. the per-core rate: one process screening a sample of the base, CPU time.
No alerts are raised (`--no-alerts`): the figures are screening's, not the case store's.
"""

from __future__ import annotations

import argparse
import os
import random
import resource
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from interdict.core import config
from synthetic.customers import customer_names, older_un


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _timed(label: str, fn, *args, **kwargs):  # type: ignore[no-untyped-def]
    wall, cpu, workers = time.perf_counter(), time.process_time(), _children_cpu()
    out = fn(*args, **kwargs)
    wall, cpu, workers = time.perf_counter() - wall, time.process_time() - cpu, _children_cpu() - workers
    print(f"{label}: {wall:.1f} s wall, {cpu:.1f} s CPU in this process + {workers:.1f} s in workers"
          f" = {cpu + workers:.1f} s CPU", flush=True)
    return out, wall


def _index() -> None:
    """Build (and cache) the screening index of the active lists."""
    from interdict.services.name_screening import open_index

    open_index()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--subjects", type=int, default=1_000_000)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--sample", type=int, default=20_000, help="names for the per-core rate")
    parser.add_argument("--delta-again", type=Path, metavar="HOME",
                        help="only repeat the delta re-screen on a data directory this script left")
    parser.add_argument("--full-rerun", action="store_true",
                        help="also time `rescreen --full` (the first screen already screens everyone)")
    args = parser.parse_args()
    if args.delta_again:
        _delta_again(args.delta_again, args.workers, args.full_rerun)
        return
    data = config.shared_data_dir()
    if data is None:
        sys.exit("../shared/data is not present")
    home = Path(tempfile.mkdtemp(prefix="interdict-subjects-bench-"))
    os.environ["INTERDICT_HOME"] = str(home)
    from interdict.services.lists import load_one
    from interdict.services.subjects import RescreenRequest, load_subjects, rescreen

    lists = data / "lists"
    edits = older_un(lists / "un" / "consolidated.xml", home / "un-old.xml", seed=1, added=20, changed=15,
                     delisted=5)
    for path in (edits.path, lists / "ofac" / "sdn_advanced_2025-11" / "sdn_advanced.xml.bz2"):
        _timed(f"load {path.name}", load_one, None, path, None)
    _timed("build the screening index (older UN + OFAC)", _index)
    listed = [*edits.added, *(new for _, new in edits.changed), *(name for _, name in edits.delisted)]
    names = customer_names(random.Random(5), args.subjects, listed, listed_share=0.002)
    csv_path = home / "customers.csv"
    with csv_path.open("w", encoding="utf-8") as fh:
        fh.write("id,name\n")
        fh.writelines(f'C{n:07d},"{name}"\n' for n, name in enumerate(names))
    loaded, _ = _timed(f"subjects load ({args.subjects:,} rows)", load_subjects, csv_path)
    print(f"  {loaded.message}")
    request = RescreenRequest(workers=args.workers, alerts=False)
    first, t_first = _timed("first screen of the base (delta = everything)", rescreen, request)
    print(f"  {len(first.new_hits):,} hits; {args.subjects / t_first:,.0f} names/s")
    _timed("load the newer UN (the real file)", load_one, None, lists / "un" / "consolidated.xml", None)
    _timed("build the screening index (newer UN + OFAC)", _index)
    delta, t_delta = _timed("delta re-screen", rescreen, request)
    print(f"  {delta.delta_entries} entries in the delta; {delta.rescreened:,} subjects screened after the"
          f" pre-filter; {len(delta.new_hits)} new hits, {len(delta.closed)} closed;"
          f" {t_first / t_delta:.1f}x faster than the first (full) screen")
    if args.full_rerun:
        full, t_full = _timed("full re-screen (--full)", rescreen,
                              RescreenRequest(full=True, workers=args.workers, alerts=False))
        print(f"  {len(full.new_hits)} new hits, {len(full.closed)} closed; "
              f"{args.subjects / t_full:,.0f} names/s; delta run {t_full / t_delta:.1f}x faster")
    _per_core(names[: args.sample])
    print(f"peak RSS of this process: {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB")


def _delta_again(home: Path, workers: int, full: bool) -> None:
    """Set every subject back to the earlier UN version (as after step 3) and time the delta
    re-screen again (its hits are known by then: the work is the same, nothing is new); then, with
    `--full-rerun`, a full re-screen of the same base."""
    os.environ["INTERDICT_HOME"] = str(home)
    from interdict.core.store import connect
    from interdict.services.subjects import RescreenRequest, load_subjects, rescreen

    empty = home / "no-subjects.csv"
    empty.write_text("id,name\n", encoding="utf-8")
    # A load makes the pre-filter's stored data current (rebuilt after an engine upgrade).
    _timed("subjects load of no rows (pre-filter data made current)", load_subjects, empty)
    _timed("build the screening index", _index)
    conn = connect()
    conn.execute("""UPDATE subjects SET seen = replace(seen, '"un":2', '"un":1')""")
    conn.close()
    result, t_delta = _timed("delta re-screen", rescreen, RescreenRequest(workers=workers, alerts=False))
    print(f"  {result.delta_entries} entries in the delta; {result.rescreened:,} subjects screened after the"
          f" pre-filter; {len(result.new_hits)} new hits, {len(result.closed)} closed", flush=True)
    if full:
        whole, t_full = _timed("full re-screen (--full)", rescreen,
                               RescreenRequest(full=True, workers=workers, alerts=False))
        print(f"  {whole.screened:,} subjects; {whole.screened / t_full:,.0f} names/s wall;"
              f" {len(whole.new_hits)} new hits, {len(whole.closed)} closed; the delta run was"
              f" {t_full / t_delta:.1f}x faster by wall clock", flush=True)


def _per_core(names: list[str]) -> None:
    from interdict.core.match import Query
    from interdict.screening import screen_many
    from interdict.services.name_screening import open_index

    index = open_index()
    cpu = time.process_time()
    for _ in screen_many(index, [Query(n) for n in names], workers=1, limit=50):
        pass
    cpu = time.process_time() - cpu
    print(f"per core: {len(names) / cpu:,.0f} names/s CPU ({len(names):,} names, one process)")


if __name__ == "__main__":
    main()
