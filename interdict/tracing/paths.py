"""Path search between two addresses: bidirectional breadth-first search on the CSR arrays.

Each step expands the frontier with fewer edges by one level, forward from the start on outgoing
edges and backward from the target on incoming edges, until the two meet or the depth limit (7 by
default) is reached. The result is a fewest-hops path with the amount on every edge. The search
runs as one compiled loop (`kernels`); the numpy version (`search_arrays`, `reach_arrays`) stays
as the tests' cross-check.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from interdict.core.errors import NotFoundError
from interdict.tracing import kernels
from interdict.tracing.graph import FlowGraph, IntArray

MAX_DEPTH = 7
_NONE = np.empty(0, dtype=np.int64)  # no blocked nodes


@dataclass(frozen=True, slots=True)
class PathEdge:
    """One hop of a path: who paid whom, how much, in which transaction."""

    sender: str
    receiver: str
    amount: int
    tx: str
    time: int | None


@dataclass(frozen=True, slots=True)
class PathResult:
    """A path (possibly empty) and the direction in which money moved."""

    start: str
    target: str
    direction: str  # "forward" (start paid towards target), "backward", or "none"
    edges: tuple[PathEdge, ...]


Seen = npt.NDArray[np.int8]


def _expand(
    frontier: IntArray, ptr: IntArray, order: IntArray, far: IntArray, seen: Seen, parent: IntArray
) -> IntArray:
    """One BFS level: mark unseen neighbours of `frontier`, remember the edge that reached them."""
    starts, ends = ptr[frontier], ptr[frontier + 1]
    counts = ends - starts
    total = int(counts.sum())
    if total == 0:
        return np.empty(0, dtype=np.int64)
    base = np.repeat(starts - (np.cumsum(counts) - counts), counts)
    edges = order[base + np.arange(total, dtype=np.int64)]
    nbr = far[edges]
    fresh = seen[nbr] == 0
    nbr, edges = nbr[fresh], edges[fresh]
    # dedupe without sorting: every edge writes its node's parent, the edge that wrote last wins,
    # and exactly that edge per node finds its own id there
    parent[nbr] = edges
    fresh_nodes: IntArray = nbr[parent[nbr] == edges]
    return fresh_nodes


SMALL = 512  # edges: a level this small is walked in plain Python and stops at the first meeting
CHUNK = 8192  # edges per vectorised step of a big level


def _expand_small(
    frontier: IntArray,
    ptr: IntArray,
    order: IntArray,
    far: IntArray,
    seen: Seen,
    parent: IntArray,
    other: Seen,
    depth: int,
) -> tuple[IntArray, int]:
    """One small BFS level, node by node; returns the new nodes and a meeting node (or -1)."""
    new: list[int] = []
    for u in frontier.tolist():
        edges = order[ptr[u] : ptr[u + 1]]
        for e, v in zip(edges.tolist(), far[edges].tolist(), strict=True):
            if seen[v] == 0:
                seen[v] = depth + 1
                parent[v] = e
                new.append(v)
                if other[v] > 0:
                    return np.asarray(new, dtype=np.int64), v
    return np.asarray(new, dtype=np.int64), -1


def _level(
    g: FlowGraph,
    forward: bool,
    front: IntArray,
    depth: int,
    seen: Seen,
    parent: IntArray,
    other: Seen,
    cost: int,
) -> tuple[IntArray, int]:
    """Expand one side by one level (vectorised when large); returns (new frontier, meeting node or -1)."""
    ptr, order, far = (g.out_ptr, g.out_edges, g.dst) if forward else (g.in_ptr, g.in_edges, g.src)
    if cost <= SMALL:
        return _expand_small(front, ptr, order, far, seen, parent, other, depth)
    # big levels go in chunks of about CHUNK edges, so that a meeting early in a hub's
    # neighbourhood ends the search without gathering the rest of the level
    ends = np.cumsum(ptr[front + 1] - ptr[front])
    # chunks double from SMALL edges up to CHUNK: an early meeting is cheap, a full level still vectorises
    sizes = np.minimum(SMALL * 2 ** np.arange(1, 16, dtype=np.int64), CHUNK)
    limits = np.cumsum(np.concatenate([sizes, np.full(int(ends[-1]) // CHUNK + 1, CHUNK, dtype=np.int64)]))
    cuts = np.searchsorted(ends, limits[limits < ends[-1]], side="right")
    parts: list[IntArray] = []
    for chunk in np.split(front, np.unique(cuts)):
        new = _expand(chunk, ptr, order, far, seen, parent)
        seen[new] = depth + 1
        parts.append(new)
        meet = new[other[new] > 0]
        if meet.size:
            return np.concatenate(parts), int(meet[np.argmin(other[meet])])
    return np.concatenate(parts) if parts else front[:0], -1


def _search(g: FlowGraph, a: int, b: int, max_depth: int, avoid: IntArray | None = None) -> list[int] | None:
    """Edge ids of a fewest-hops path a -> b that passes through no `avoid` node, or None.

    The compiled bidirectional search (`kernels.bidirectional`); `search_arrays` is the same search
    in numpy, kept as an independent cross-check for the tests.
    """
    if a == b:
        return []
    blocked = _NONE if avoid is None else avoid
    s = g.take()  # not `with g.scratch()`: at ~4 µs a query, a generator context costs a quarter
    try:
        found = kernels.bidirectional(*g.search_args, *s.buffers, a, b, max_depth, blocked, s.next_stamp())
    finally:
        g.pool.append(s)
    return found.tolist() if found.size else None


def search_arrays(
    g: FlowGraph, a: int, b: int, max_depth: int, avoid: IntArray | None = None
) -> list[int] | None:
    """`_search` on whole numpy arrays, level by level (small levels in Python, big ones chunked)."""
    n = len(g.addresses)
    if a == b:
        return []
    # depth + 1 per node, 0 = unseen: np.zeros is lazily zeroed memory, so a query on a big graph
    # costs what it touches, not the size of the graph; parents are only read where seen
    seen_f = np.zeros(n, dtype=np.int8)
    seen_b = np.zeros(n, dtype=np.int8)
    par_f = np.empty(n, dtype=np.int64)
    par_b = np.empty(n, dtype=np.int64)
    if avoid is not None and avoid.size:
        # -1: never entered, so never expanded and never a meeting point
        seen_f[avoid], seen_b[avoid] = -1, -1
        seen_f[b], seen_b[a] = 0, 0
    seen_f[a], seen_b[b] = 1, 1
    front_f, front_b = np.array([a], dtype=np.int64), np.array([b], dtype=np.int64)
    depth_f = depth_b = 0
    while depth_f + depth_b < max_depth and front_f.size and front_b.size:
        cost_f = int((g.out_ptr[front_f + 1] - g.out_ptr[front_f]).sum())
        cost_b = int((g.in_ptr[front_b + 1] - g.in_ptr[front_b]).sum())
        if cost_f <= cost_b:
            depth_f += 1
            front_f, meet = _level(g, True, front_f, depth_f, seen_f, par_f, seen_b, cost_f)
        else:
            depth_b += 1
            front_b, meet = _level(g, False, front_b, depth_b, seen_b, par_b, seen_f, cost_b)
        if meet >= 0:
            return _stitch(g, meet, a, b, par_f, par_b)
    return None


def _stitch(g: FlowGraph, m: int, a: int, b: int, par_f: IntArray, par_b: IntArray) -> list[int]:
    head: list[int] = []
    node = m
    while node != a:
        e = int(par_f[node])
        head.append(e)
        node = int(g.src[e])
    head.reverse()
    node = m
    while node != b:
        e = int(par_b[node])
        head.append(e)
        node = int(g.dst[e])
    return head


def find_path(
    g: FlowGraph,
    start: str,
    target: str,
    max_depth: int = MAX_DEPTH,
    both_directions: bool = True,
    avoid: Collection[str] = (),
) -> PathResult:
    """Fewest-hops money path from `start` to `target` (and, if none, from `target` to `start`).

    Addresses in `avoid` (typically exchanges, mixers, bridges) are not passed through: a path via
    an exchange's wallet connects customers, it does not show money moving between them.
    """
    for name in (start, target):
        if name not in g.addr_index:
            raise NotFoundError(f"address {name}: not in the loaded transfers")
    a, b = g.addr_index[start], g.addr_index[target]
    blocked = np.asarray(sorted(g.addr_index[x] for x in avoid if x in g.addr_index), dtype=np.int64)
    tries = [("forward", a, b)] + ([("backward", b, a)] if both_directions else [])
    for direction, x, y in tries:
        found = _search(g, x, y, max_depth, blocked)
        if found is not None:
            edges = tuple(
                PathEdge(
                    g.addresses[int(g.src[e])],
                    g.addresses[int(g.dst[e])],
                    int(g.amount[e]),
                    g.tx[e],
                    int(g.time[e]) if g.time[e] >= 0 else None,
                )
                for e in found
            )
            return PathResult(start, target, direction, edges)
    return PathResult(start, target, "none", ())


def within_hops(g: FlowGraph, start: str, max_depth: int = MAX_DEPTH, forward: bool = True) -> dict[str, int]:
    """Every address money can reach from `start` (or came from, `forward=False`) in at most
    `max_depth` hops, with its fewest hops: the exposure set of a theft address."""
    if start not in g.addr_index:
        raise NotFoundError(f"address {start}: not in the loaded transfers")
    nodes, depths = reach_ids(g, g.addr_index[start], max_depth, forward)
    return {g.addresses[v]: d for v, d in zip(nodes.tolist(), depths.tolist(), strict=True)}


def reach_ids(g: FlowGraph, a: int, max_depth: int, forward: bool = True) -> tuple[IntArray, IntArray]:
    """Node ids within `max_depth` hops of node `a` (itself excluded) and their hop counts."""
    ptr, nbr = (g.out_ptr, g.out_nbr) if forward else (g.in_ptr, g.in_nbr)
    with g.scratch() as s:
        nodes, depths = kernels.reach(ptr, nbr, a, max_depth, s.mark_f, s.q_f, s.next_stamp())
    return nodes, depths


def reach_arrays(g: FlowGraph, a: int, max_depth: int, forward: bool = True) -> tuple[IntArray, IntArray]:
    """`reach_ids` on whole numpy arrays, level by level (the cross-check for the tests)."""
    ptr, order, far = (g.out_ptr, g.out_edges, g.dst) if forward else (g.in_ptr, g.in_edges, g.src)
    seen = np.zeros(len(g.addresses), dtype=np.int8)
    parent = np.empty(len(g.addresses), dtype=np.int64)
    seen[a] = 1
    front = np.array([a], dtype=np.int64)
    levels: list[IntArray] = []
    depths: list[IntArray] = []
    for depth in range(1, max_depth + 1):
        front = _expand(front, ptr, order, far, seen, parent)
        if not front.size:
            break
        seen[front] = depth + 1
        levels.append(front)
        depths.append(np.full(front.shape[0], depth, dtype=np.int64))
    if not levels:
        return np.empty(0, dtype=np.int64), np.empty(0, dtype=np.int64)
    return np.concatenate(levels), np.concatenate(depths)
