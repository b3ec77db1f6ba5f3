"""List store figures on the real shared lists: load, no-op reload, read-back, subjects, diff.

Run: .venv/bin/python benchmarks/list_store.py   (needs ../shared/data; uses a temporary database)
"""

from __future__ import annotations

import statistics
import tempfile
import time
from dataclasses import replace
from pathlib import Path

from interdict.core import config
from interdict.core.config import SHARED_LIST_FILES
from interdict.core.store import connect
from interdict.lists.formats import parse_list
from interdict.lists.store import ListStore
from interdict.lists.subjects import link_subjects

FILES = SHARED_LIST_FILES


def timed(label: str, fn, repeat: int = 1):  # type: ignore[no-untyped-def]
    """Run fn `repeat` times; print the median time; return the last result."""
    times, result = [], None
    for _ in range(repeat):
        started = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - started)
    note = f"  (median of {repeat})" if repeat > 1 else ""
    print(f"{label:<52} {statistics.median(times) * 1000:9.1f} ms{note}")
    return result


def main() -> None:
    shared = config.shared_data_dir()
    if shared is None:
        raise SystemExit("../shared/data is not present")
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "bench.duckdb"
        store = ListStore(connect(db))
        for name in FILES:
            path = shared / "lists" / name
            parsed = timed(f"parse {path.name}", lambda p=path: parse_list(p))
            timed(f"store {len(parsed.entities):,} entries (transaction + subjects)",
                  lambda p=parsed: store.load(p))
            timed(f"reload {path.name} (sha256 known: no-op)", lambda p=path: store.load_path(p))
        entities = timed("active_entities()", store.active_entities, repeat=5)
        print(f"{'  entries read back':<52} {len(entities):9,}")
        timed("subjects() (stored)", store.subjects, repeat=5)
        result = timed("link_subjects() over all active entries", lambda: link_subjects(entities), repeat=3)
        print(f"{'  links':<52} {len(result.links):9,}  {result.evidence_counts()}")
        timed("state_token()", store.state_token, repeat=5)
        # A second OFAC version: 100 entries removed, 100 changed (an alias added), to diff.
        ofac = [e for e in entities if e.list == "ofac_sdn"]
        changed = [replace(e, names=(*e.names, replace(e.names[0], full=e.names[0].full + " X")))
                   for e in ofac[100:200]]
        v2 = parse_list(shared / "lists" / FILES[1])
        v2 = replace(v2, sha256="0" * 64, published="2025-12-01", entities=(*changed, *ofac[200:]))
        timed(f"store a second ofac_sdn version ({len(v2.entities):,})", lambda: store.load(v2))
        diff = timed("diff ofac_sdn 1 -> 2", lambda: store.diff("ofac_sdn"), repeat=3)
        counts = f"{len(diff.added)} / {len(diff.removed)} / {len(diff.changed)}"
        print(f"{'  added / removed / changed':<52} {counts}")
        store.conn.close()
        print(f"{'database size':<52} {db.stat().st_size / 1e6:9.1f} MB")


if __name__ == "__main__":
    main()
