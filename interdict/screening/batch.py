"""Batch screening on every core: worker processes forked with the index already in memory.

Forking shares the index's pages with the workers (copy-on-write), so nothing is pickled per
worker; queries go out in chunks and results come back in input order. The first chunk is screened
here before forking: the workers then inherit the index's per-token memo already warm instead of
each filling its own from cold; likewise the address index, read from the index cache, or built
when a query read ahead (up to LOOK_AHEAD) looks like an address. On platforms without `fork`, or
for small batches, the batch runs in this process.
"""

from __future__ import annotations

import gc
import itertools
import multiprocessing
import os
from collections.abc import Iterable, Iterator, Sequence

from interdict.core.match import Candidate, Query
from interdict.screening.addresses import NAME as ADDRESS_TABLE
from interdict.screening.addresses import address_index, screened_as_address
from interdict.screening.engine import screen
from interdict.screening.index import ScreeningIndex
from interdict.screening.records import materialise

CHUNK = 256
MIN_PARALLEL = 2000  # below this, starting workers costs more than it saves
WARM_UP = 2 * CHUNK  # queries screened in this process before forking (warms the shared memo)
LOOK_AHEAD = 50_000  # queries read before forking to see whether any is an address

_WORKER_INDEX: ScreeningIndex | None = None
_WORKER_THRESHOLD: float | None = None
_WORKER_LIMIT = 10
_WORKER_DONE: dict[Query, list[Candidate]] = {}
DONE_LIMIT = 50_000


def _screen_chunk(queries: Sequence[Query]) -> list[list[Candidate]]:
    assert _WORKER_INDEX is not None
    # Customer files repeat names (families, branches, the same counterparty): each worker screens
    # a query once per batch. The memo lives in the forked worker and dies with it.
    done = _WORKER_DONE
    out = []
    for q in queries:
        found = done.get(q)
        if found is None:
            if len(done) >= DONE_LIMIT:
                done.clear()
            found = done[q] = screen(_WORKER_INDEX, q, threshold=_WORKER_THRESHOLD, limit=_WORKER_LIMIT)
        out.append(found)
    return out


def _chunks(queries: Iterable[Query], size: int) -> Iterator[list[Query]]:
    chunk: list[Query] = []
    for q in queries:
        chunk.append(q)
        if len(chunk) == size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def default_workers() -> int:
    """One worker per core available to this process."""
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)


def screen_many(index: ScreeningIndex, queries: Iterable[Query], *, threshold: float | None = None,
                limit: int = 10, workers: int | None = None,
                expected: int | None = None) -> Iterator[list[Candidate]]:
    """Screen many queries, yielding each one's candidates in input order (uses all cores)."""
    global _WORKER_INDEX, _WORKER_THRESHOLD, _WORKER_LIMIT
    n_workers = workers or default_workers()
    small = expected is not None and expected < MIN_PARALLEL
    if not small:
        materialise(index)  # a cached index's records, decoded once here rather than one by one
    if n_workers <= 1 or small or "fork" not in multiprocessing.get_all_start_methods():
        done: dict[Query, list[Candidate]] = {}
        for q in queries:
            found = done.get(q)
            if found is None:
                found = done[q] = screen(index, q, threshold=threshold, limit=limit)
                if len(done) >= DONE_LIMIT:
                    done.clear()
            yield found
        return
    _WORKER_INDEX, _WORKER_THRESHOLD, _WORKER_LIMIT = index, threshold, limit
    stream = iter(queries)
    warm: dict[Query, list[Candidate]] = {}
    for q in itertools.islice(stream, WARM_UP):
        found = warm.get(q)
        if found is None:
            found = warm[q] = screen(index, q, threshold=threshold, limit=limit)
        yield found
    # The address index: read here from the index cache when it holds one (milliseconds); else
    # built here (0.6-3 s), once, when a query ahead will need it: each worker meeting an
    # address-like name built its own copy. Either way the workers inherit it.
    ahead: list[Query] = []
    if index.stored(ADDRESS_TABLE) is not None:
        address_index(index)
    else:
        ahead = list(itertools.islice(stream, LOOK_AHEAD))
        if any(screened_as_address(q.kind, q.name) for q in ahead):
            address_index(index)
    # Objects alive now (the index above all) leave the cyclic GC's view: the workers' collections
    # then neither rescan them nor touch their pages, which stay shared with this process.
    gc.freeze()
    try:
        with multiprocessing.get_context("fork").Pool(n_workers) as pool:
            for results in pool.imap(_screen_chunk, _chunks(itertools.chain(ahead, stream), CHUNK)):
                yield from results
    finally:
        _WORKER_INDEX, _WORKER_THRESHOLD = None, None
