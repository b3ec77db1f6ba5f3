"""Path search between two addresses: bidirectional breadth-first search on the CSR arrays.

Each step expands the smaller frontier by whole array slices (numpy), forward from the start on
outgoing edges and backward from the target on incoming edges, until the two meet or the depth
limit (7 by default) is reached. The result is a fewest-hops path with the amount on every edge.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from interdict.core.errors import NotFoundError
from interdict.tracing.graph import FlowGraph, IntArray

MAX_DEPTH = 7


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
    nodes, first = np.unique(nbr, return_index=True)
    parent[nodes] = edges[first]
    return nodes


def _search(g: FlowGraph, a: int, b: int, max_depth: int) -> list[int] | None:
    """Edge ids of a fewest-hops path a -> b, or None."""
    n = len(g.addresses)
    if a == b:
        return []
    # depth + 1 per node, 0 = unseen: np.zeros is lazily zeroed memory, so a query on a big graph
    # costs what it touches, not the size of the graph; parents are only read where seen
    seen_f = np.zeros(n, dtype=np.int8)
    seen_b = np.zeros(n, dtype=np.int8)
    par_f = np.empty(n, dtype=np.int64)
    par_b = np.empty(n, dtype=np.int64)
    seen_f[a], seen_b[b] = 1, 1
    front_f, front_b = np.array([a], dtype=np.int64), np.array([b], dtype=np.int64)
    depth_f = depth_b = 0
    while depth_f + depth_b < max_depth and front_f.size and front_b.size:
        cost_f = int((g.out_ptr[front_f + 1] - g.out_ptr[front_f]).sum())
        cost_b = int((g.in_ptr[front_b + 1] - g.in_ptr[front_b]).sum())
        if cost_f <= cost_b:
            depth_f += 1
            front_f = _expand(front_f, g.out_ptr, g.out_edges, g.dst, seen_f, par_f)
            seen_f[front_f] = depth_f + 1
            meet = front_f[seen_b[front_f] > 0]
        else:
            depth_b += 1
            front_b = _expand(front_b, g.in_ptr, g.in_edges, g.src, seen_b, par_b)
            seen_b[front_b] = depth_b + 1
            meet = front_b[seen_f[front_b] > 0]
        if meet.size:
            m = int(meet[np.argmin(seen_f[meet] + seen_b[meet])])
            return _stitch(g, m, a, b, par_f, par_b)
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
    g: FlowGraph, start: str, target: str, max_depth: int = MAX_DEPTH, both_directions: bool = True
) -> PathResult:
    """Fewest-hops money path from `start` to `target` (and, if none, from `target` to `start`)."""
    for name in (start, target):
        if name not in g.addr_index:
            raise NotFoundError(f"address {name}: not in the loaded transfers")
    a, b = g.addr_index[start], g.addr_index[target]
    tries = [("forward", a, b)] + ([("backward", b, a)] if both_directions else [])
    for direction, x, y in tries:
        found = _search(g, x, y, max_depth)
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
