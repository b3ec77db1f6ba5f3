"""Tracing benchmark: the shared 2009 Bitcoin history and a generated 10M-edge ledger, vs networkx.

Prints its figures; not a test. Usage:

    .venv/bin/python benchmarks/tracing.py [--n-tx 3000000] [--nx-edges 2000000] [--skip-generated]

1. Load the 2009 history (TaintedTX CSVs -> records -> CSR arrays; and through the DuckDB store).
2. Taint through the whole 2009 history, per policy: every coinbase output is a source, so the walk
   visits every spending transaction of the year.
3. Depth-7 path search on the 2009 address graph.
4. A generated UTXO ledger (numpy, seconds): heavy-tailed (scale-free) address popularity, peel
   chains and a CoinJoin-style mixer; its address graph has >= 10M edges. Taint (haircut, 10 hops)
   and depth-7 path search with our engine and with networkx on the same graph. If networkx cannot
   hold the whole graph in reasonable memory, both run on the largest prefix subgraph given by
   --nx-edges and the ratio is taken there (the script says so).
"""

from __future__ import annotations

import argparse
import heapq
import statistics
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Any

import networkx as nx
import numpy as np
from scipy.sparse import coo_matrix  # type: ignore[import-untyped]
from scipy.sparse.csgraph import connected_components  # type: ignore[import-untyped]

from interdict.core import config
from interdict.core.store import connect
from interdict.core.transfer import Transfer
from interdict.tracing import store
from interdict.tracing.graph import (
    FlowGraph,
    UtxoGraph,
    flow_graph,
    utxo_flow_graph,
    utxo_graph,
    utxo_graph_from_arrays,
)
from interdict.tracing.paths import _search, reach_ids
from interdict.tracing.policies.policy import Cutoffs, TaintPolicy, apportion
from interdict.tracing.policies.taint_utxo import taint_utxo
from interdict.tracing.sources.bitcoin import read_taintedtx


def timed(fn: Callable[[], Any], repeat: int = 1) -> tuple[float, Any]:
    """Best wall time of `repeat` runs, and the last result."""
    best, out = float("inf"), None
    for _ in range(repeat):
        t0 = time.perf_counter()
        out = fn()
        best = min(best, time.perf_counter() - t0)
    return best, out


def bench_2009(folder: Path) -> None:
    print("== shared 2009 Bitcoin history (taintedtx_2009)")
    t_csv, txs = timed(lambda: read_taintedtx(folder))
    t_csr, g = timed(lambda: utxo_graph(txs))
    print(
        f"load CSV -> records: {t_csv:.2f} s; records -> CSR arrays: {t_csr:.2f} s "
        f"({g.n_tx:,} txs, {len(g.out_value):,} outputs, {len(g.addresses):,} addresses)"
    )
    con = connect(":memory:")
    t_save, _ = timed(lambda: store.save_utxo(con, "2009", str(folder), txs))
    t_read, back = timed(lambda: store.load_utxo(con))
    t_build, _ = timed(lambda: utxo_graph(back))
    print(f"store: save {t_save:.2f} s; read back {t_read:.2f} s + build {t_build:.2f} s")
    coinbases = [h for h, i in g.tx_index.items() if g.tx_in_ptr[i + 1] == g.tx_in_ptr[i]]
    for policy in TaintPolicy:
        t, res = timed(lambda p=policy: taint_utxo(g, coinbases, p), repeat=3)  # type: ignore[misc]
        print(
            f"taint whole history, {policy:7}: {t * 1000:7.1f} ms  ({len(coinbases):,} sources, "
            f"{len(res.tx_taint):,} spending txs visited, balanced={res.balanced})"
        )
    fg = utxo_flow_graph(g)
    pairs = _pairs(fg, 40, depth=3, seed=1)
    times = [timed(lambda a=a, b=b: _search(fg, a, b, 7))[0] for a, b in pairs]  # type: ignore[misc]
    print(
        f"path search depth<=7 on {fg.n_edges:,} edges: median {statistics.median(times) * 1e6:.1f} µs, "
        f"max {max(times) * 1e6:.1f} µs over {len(pairs)} connected pairs"
    )


def generate(n_tx: int, seed: int = 7) -> UtxoGraph:
    """A random UTXO ledger with heavy-tailed address reuse, 50 peel chains and a CoinJoin mixer."""
    rng = np.random.default_rng(seed)
    n_addr = n_tx // 3
    k_out = rng.integers(1, 4, n_tx)
    out_tx = np.repeat(np.arange(n_tx, dtype=np.int64), k_out)
    n_out = out_tx.shape[0]
    # Pareto popularity: a few addresses (exchanges, services) receive a large share of outputs
    out_addr = np.minimum((rng.pareto(1.1, n_out) * 50).astype(np.int64), n_addr - 1)
    out_addr = (out_addr * 2654435761 + rng.integers(0, 2, n_out)) % n_addr
    out_value = (rng.lognormal(13, 2, n_out)).astype(np.int64) + 546
    spender = out_tx + 1 + rng.geometric(1 / 40, n_out)
    out_spent = np.where((spender < n_tx) & (rng.random(n_out) > 0.08), spender, -1).astype(np.int64)
    out_tx, out_addr, out_value, out_spent, n_tx = _add_peel_chains_and_mixer(
        rng, out_tx, out_addr, out_value, out_spent, n_tx, n_addr
    )
    return utxo_graph_from_arrays(out_tx, out_addr, out_value, out_spent, n_tx, n_addr + 2)


def _add_peel_chains_and_mixer(
    rng: np.random.Generator,
    out_tx: Any,
    out_addr: Any,
    out_value: Any,
    out_spent: Any,
    n_tx: int,
    n_addr: int,
) -> tuple[Any, Any, Any, Any, int]:
    """Append 50 peel chains of 30 steps and 100 CoinJoins of 20 equal outputs (mixer fee address)."""
    rows: list[tuple[int, int, int, int]] = []  # (tx, addr, value, spent)
    unspent = np.flatnonzero(out_spent < 0)
    unspent = unspent[out_value[unspent] > 10_000_000]  # chains and mixes start from sizeable coins
    starts = rng.choice(unspent, 50 + 100 * 20, replace=False)
    exchange, mixer = n_addr, n_addr + 1  # two extra addresses: a peel target and the mixer's fee wallet
    tx = n_tx
    for c in range(50):
        out_spent[starts[c]] = tx
        value = int(out_value[starts[c]])
        for _ in range(30):
            peel = value // 50
            rest = value - peel - 1_000
            rows.append((tx, int(rng.integers(0, n_addr)), rest, tx + 1))
            rows.append((tx, exchange, peel, -1))
            value, tx = rest, tx + 1
        rows[-2] = (rows[-2][0], rows[-2][1], rows[-2][2], -1)
    for m in range(100):
        ins = starts[50 + 20 * m : 50 + 20 * (m + 1)]
        out_spent[ins] = tx
        unit = int(out_value[ins].min()) - 100
        rows.extend((tx, int(rng.integers(0, n_addr)), unit, -1) for _ in range(20))
        rows.append((tx, mixer, 100 * 20 // 2, -1))
        tx += 1
    extra = np.asarray(rows, dtype=np.int64)
    return (
        np.concatenate([out_tx, extra[:, 0]]),
        np.concatenate([out_addr, extra[:, 1]]),
        np.concatenate([out_value, extra[:, 2]]),
        np.concatenate([out_spent, extra[:, 3]]),
        tx,
    )


def _pairs(fg: FlowGraph, n: int, depth: int, seed: int) -> list[tuple[int, int]]:
    """(a, b) with b reachable from a in exactly `depth` hops (found by a forward BFS)."""
    rng = np.random.default_rng(seed)
    out: list[tuple[int, int]] = []
    has_out = np.flatnonzero(np.diff(fg.out_ptr) > 0)
    while len(out) < n:
        a = int(rng.choice(has_out))
        level = {a}
        seen = {a}
        for _ in range(depth):
            nxt = set()
            for u in level:
                for e in fg.out_edges[fg.out_ptr[u] : fg.out_ptr[u + 1]][:50]:
                    v = int(fg.dst[e])
                    if v not in seen:
                        seen.add(v)
                        nxt.add(v)
            level = nxt
            if not level:
                break
        if level:
            out.append((a, int(rng.choice(sorted(level)))))
    return out


def nx_haircut(G: Any, g: UtxoGraph, seeds: list[int], max_hops: int) -> int:
    """The same haircut walk as `taint_utxo`, but driven by a networkx tx graph (DiGraph tx -> tx)."""
    taint = {o: int(g.out_value[o]) for o in seeds}
    hop = dict.fromkeys(seeds, 0)
    heap = sorted({int(g.out_spent[o]) for o in seeds if g.out_spent[o] >= 0})
    queued = set(heap)
    fees = 0
    while heap:
        tx = heapq.heappop(heap)
        preds = G.pred[tx]
        ins = [o for u in preds for o in preds[u]["outs"]] + G.nodes[tx].get("ext", [])
        live = [o for o in ins if o in taint and hop[o] < max_hops]
        t_in = sum(taint[o] for o in live)
        outs = G.nodes[tx]["outs"]
        vals = [int(g.out_value[o]) for o in outs]
        total_in = sum(int(g.out_value[o]) for o in ins)
        fee = max(total_in - sum(vals), 0)
        shares = apportion(t_in, [*vals, fee])
        fees += shares[-1]
        h = min(hop[o] for o in live) + 1
        for o, s in zip(outs, shares, strict=False):
            if s:
                taint[o], hop[o] = s, h
                nxt = int(g.out_spent[o])
                if nxt >= 0 and h < max_hops and nxt not in queued:
                    queued.add(nxt)
                    heapq.heappush(heap, nxt)
    return fees


def nx_tx_graph(g: UtxoGraph, txs: Any) -> Any:
    """networkx DiGraph of the given txs: edge u -> v carries the outputs of u that v spends."""
    G = nx.DiGraph()
    for t in txs.tolist():
        G.add_node(t, outs=[int(o) for o in g.outputs(t)], fee=max(g.fee(t), 0))
    for t in txs.tolist():
        for o in g.inputs(t).tolist():
            u = int(g.out_tx[o])
            if u in G:
                if G.has_edge(u, t):
                    G[u][t]["outs"].append(o)
                else:
                    G.add_edge(u, t, outs=[o])
            else:
                G.nodes[t].setdefault("ext", []).append(o)
    return G


def bench_generated(n_tx: int, nx_edges: int) -> None:
    print(f"== generated ledger ({n_tx:,} random txs + 1,600 peel/mixer txs)")
    t_gen, g = timed(lambda: generate(n_tx))
    t_fg, fg = timed(lambda: utxo_flow_graph(g))
    n_in = int((g.out_spent >= 0).sum())
    print(
        f"generate + CSR: {t_gen:.1f} s; address graph: {t_fg:.1f} s; {g.n_tx:,} txs, {n_in:,} inputs, "
        f"{len(g.out_value):,} outputs; address graph {fg.n_edges:,} edges, {len(g.addresses):,} addresses"
    )
    rng = np.random.default_rng(3)
    src_outs = rng.choice(np.flatnonzero(g.out_spent >= 0), 5, replace=False)
    sources = [f"{g.tx_hash[int(g.out_tx[o])]}:{int(g.out_n[o])}" for o in src_outs]
    for policy in (TaintPolicy.POISON, TaintPolicy.HAIRCUT, TaintPolicy.FIFO):
        t, res = timed(lambda p=policy: taint_utxo(g, sources, p, Cutoffs(max_hops=10)))  # type: ignore[misc]
        print(
            f"taint {policy:7} 10 hops, 5 sources: {t * 1000:8.1f} ms ({len(res.tx_taint):,} txs visited, "
            f"balanced={res.balanced})"
        )
    exchange = len(g.addresses) - 2  # the peel chains' payee, tagged as an exchange here
    peel = taint_utxo(g, [g.tx_hash[n_tx]], TaintPolicy.FIFO, None, {exchange})
    print(
        f"peel chain (FIFO, exchange as exit): {peel.source_value:,} sat in, {sum(peel.exits.values()):,} "
        f"reached the exchange in {max(peel.hops.values())} hops, fees {peel.fees:,}, "
        f"balanced={peel.balanced}"
    )
    t, wide = timed(partial(taint_utxo, g, sources, TaintPolicy.POISON, Cutoffs()))
    print(
        f"taint poison, no hop limit: {t:.2f} s, {len(wide.tx_taint):,} txs visited, balanced={wide.balanced}"
    )
    print(f"our search buffers for the address graph: {_buffers(fg) * 1000:.0f} ms, once per graph")
    pairs = _pairs(fg, 20, depth=6, seed=5)
    times = [timed(lambda a=a, b=b: _search(fg, a, b, 7))[0] for a, b in pairs]  # type: ignore[misc]
    print(
        f"path search depth<=7 on {fg.n_edges:,} edges: median {statistics.median(times) * 1e6:.1f} µs, "
        f"max {max(times) * 1e6:.1f} µs over {len(pairs)} pairs 6 hops apart"
    )
    compare_paths(fg, nx_edges, pairs)
    compare_taint(g, sources)


def nx_poison(G: Any, g: UtxoGraph, seeds: list[int], max_hops: int) -> int:
    """The same POISON walk driven by a networkx tx graph: BFS over successors; returns the fees."""
    first = {int(g.out_spent[o]) for o in seeds if g.out_spent[o] >= 0 and g.out_value[o] > 0}
    seen, level, hop, fees = set(first), list(first), 1, 0
    while level:
        nxt = []
        for tx in level:
            fees += G.nodes[tx]["fee"]
            if hop >= max_hops:
                continue
            for v, data in G.succ[tx].items():
                if v not in seen and any(g.out_value[o] > 0 for o in data["outs"]):
                    seen.add(v)
                    nxt.append(v)
        level, hop = nxt, hop + 1
    return fees


def compare_paths(fg: FlowGraph, nx_edges: int, six: list[tuple[int, int]]) -> None:
    """Depth-7 path search, ours vs networkx, on the whole graph or a prefix subgraph.

    networkx has no depth limit in its bidirectional search, so for it "no path within 7 hops"
    means searching until the reachable set is exhausted; that is the query as networkx offers it.
    """
    order = np.argsort(fg.time, kind="stable")[:nx_edges]
    sub = FlowGraph(
        fg.addresses,
        fg.addr_index,
        fg.src[order],
        fg.dst[order],
        np.asarray(fg.amount)[order],
        fg.time[order],
        [""],
        ["BTC"],
    )
    scope = "whole graph" if nx_edges >= fg.n_edges else f"prefix subgraph of {sub.n_edges:,} edges"
    t_build, G = timed(lambda: nx.DiGraph(zip(sub.src.tolist(), sub.dst.tolist(), strict=True)))
    print(f"our search buffers for this graph: {_buffers(sub) * 1000:.0f} ms, once (not counted)")
    print(f"networkx DiGraph ({scope}): build {t_build:.1f} s, {G.number_of_edges():,} distinct edges")
    _path_round(sub, G, scope, None)
    _deep_round(sub, G, scope, six)
    _exposure_round(sub, G, scope)
    # investigators do not route through exchanges: the 1,000 busiest addresses play the services
    degree = np.diff(sub.out_ptr) + np.diff(sub.in_ptr)
    hubs = np.argsort(-degree)[:1000].astype(np.int64)
    t_view, H = timed(lambda: G.subgraph(set(G) - set(hubs.tolist())).copy())
    print(f"networkx graph without the 1,000 busiest addresses: {t_view:.1f} s to build (not counted)")
    _path_round(sub, H, scope + ", avoiding the 1,000 busiest addresses", hubs)


def _exposure_round(sub: FlowGraph, G: Any, scope: str) -> None:
    """Every address within 7 hops of a source: ours vs networkx's cut-off BFS."""
    rng = np.random.default_rng(13)
    ours: list[float] = []
    theirs: list[float] = []
    sizes: list[int] = []
    for a in rng.choice(np.flatnonzero(np.diff(sub.out_ptr) > 0), 10).tolist():
        t, (nodes, _) = timed(partial(reach_ids, sub, a, 7))
        t_nx, want = timed(partial(nx.single_source_shortest_path_length, G, a, cutoff=7))
        assert len(want) - 1 == nodes.shape[0]
        ours.append(t)
        theirs.append(t_nx)
        sizes.append(nodes.shape[0])
    mo, mt = statistics.median(ours), statistics.median(theirs)
    print(
        f"exposure within 7 hops ({scope}), 10 random sources reaching {min(sizes):,}-{max(sizes):,} "
        f"addresses: ours median {mo * 1000:.1f} ms, networkx median {mt * 1000:.1f} ms, "
        f"ratio {sum(theirs) / sum(ours):.1f}x (same sets)"
    )


def _deep_pairs(sub: FlowGraph, k: int, seed: int) -> dict[str, list[tuple[int, int]]]:
    """Pairs exactly 6 and 7 hops apart, and pairs in one weak component with no path within 7."""
    n = len(sub.addresses)
    adj = coo_matrix((np.ones(sub.n_edges, dtype=np.int8), (sub.src, sub.dst)), shape=(n, n))
    _, comp = connected_components(adj, directed=True, connection="weak")
    giant = np.argmax(np.bincount(comp))
    in_giant = comp == giant
    pool_src = np.flatnonzero((np.diff(sub.out_ptr) > 0) & in_giant)
    pool_dst = np.flatnonzero((np.diff(sub.in_ptr) > 0) & in_giant)
    rng = np.random.default_rng(seed)
    out: dict[str, list[tuple[int, int]]] = {"6 hops": [], "7 hops": [], "none within 7": []}
    while min(len(v) for v in out.values()) < k:
        a = int(rng.choice(pool_src))
        nodes, depths = reach_ids(sub, a, 7)  # a full BFS: depths are exact distances
        for key, d in (("6 hops", 6), ("7 hops", 7)):
            at = nodes[depths == d]
            if at.size and len(out[key]) < k:
                out[key].append((a, int(rng.choice(at))))
        if len(out["none within 7"]) < k:
            far = np.setdiff1d(rng.choice(pool_dst, 64), nodes)
            far = far[far != a]
            if far.size:
                out["none within 7"].append((a, int(far[0])))
    return out


def _deep_round(sub: FlowGraph, G: Any, scope: str, six: list[tuple[int, int]]) -> None:
    """Long queries, ours vs networkx, best of 3 each, answers cross-checked.

    `six` are the pairs `_pairs` found 6 levels deep in a BFS capped at 50 edges per node (their true
    distance can be shorter); the other classes use exact distances from a full BFS.
    """
    classes = {"_pairs 6 deep": six, **_deep_pairs(sub, 20, seed=17)}
    for key, pairs in classes.items():
        ours: list[float] = []
        theirs: list[float] = []
        hops: list[int | None] = []
        agree = 0
        for a, b in pairs:
            t, path = timed(partial(_search, sub, a, b, 7), repeat=3)
            t_nx, nx_len = timed(partial(_nx_hops, G, a, b), repeat=3)
            mine = None if path is None else len(path)
            agree += mine == (nx_len if nx_len is not None and nx_len <= 7 else None)
            ours.append(t)
            theirs.append(t_nx)
            hops.append(mine if mine is not None else nx_len)
        o, x = statistics.median(ours), statistics.median(theirs)
        seen = ", ".join(f"{h}:{hops.count(h)}" for h in sorted(set(hops), key=lambda h: (h is None, h or 0)))
        print(
            f"path search {key:13} ({len(pairs)} pairs, {scope}): ours median {o * 1e6:8.1f} µs "
            f"(max {max(ours) * 1e6:.1f}), networkx median {x * 1e6:8.1f} µs (max {max(theirs) * 1e6:.1f}), "
            f"ratio of medians {x / o:6.1f}x, of totals {sum(theirs) / sum(ours):.1f}x; "
            f"same answer {agree}/{len(pairs)}; hops (networkx beyond 7, None = no path) {seen}"
        )


def _buffers(fg: FlowGraph) -> float:
    """Time to allocate (and pre-fault) a graph's reusable search buffers; later queries reuse them."""
    t0 = time.perf_counter()
    with fg.scratch():
        pass
    return time.perf_counter() - t0


def _nx_hops(G: Any, a: int, b: int) -> int | None:
    """Hops of networkx's bidirectional shortest path a -> b, None if there is none."""
    try:
        return len(nx.bidirectional_shortest_path(G, a, b)) - 1
    except (nx.NetworkXNoPath, nx.NodeNotFound):
        return None


def _path_round(sub: FlowGraph, G: Any, scope: str, avoid: Any) -> None:
    """30 random pairs, ours vs networkx, by class of answer."""
    rng = np.random.default_rng(11)
    pool_src = np.flatnonzero(np.diff(sub.out_ptr) > 0)
    pool_dst = np.flatnonzero(np.diff(sub.in_ptr) > 0)
    if avoid is not None:
        pool_src = np.setdiff1d(pool_src, avoid)
        pool_dst = np.setdiff1d(pool_dst, avoid)
    srcs = rng.choice(pool_src, 30)
    dsts = rng.choice(pool_dst, 30)
    classes: dict[str, list[tuple[float, float]]] = {"1-3 hops": [], "4-7 hops": [], "none within 7": []}
    agree = 0
    for a, b in zip(srcs.tolist(), dsts.tolist(), strict=True):
        # best of 3 for both: the first call of each also pays for cold caches on this pair's nodes
        t, path = timed(partial(_search, sub, a, b, 7, avoid), repeat=3)
        t_nx, nx_len = timed(partial(_nx_hops, G, a, b), repeat=3)
        agree += (None if path is None else len(path)) == (
            nx_len if nx_len is not None and nx_len <= 7 else None
        )
        key = "none within 7" if path is None else ("1-3 hops" if len(path) <= 3 else "4-7 hops")
        classes[key].append((t, t_nx))
    for key, rows in classes.items():
        if rows:
            o = statistics.median(r[0] for r in rows)
            x = statistics.median(r[1] for r in rows)
            print(
                f"path search {key:13} ({len(rows):2} pairs, {scope}): ours median {o * 1e6:8.1f} µs, "
                f"networkx median {x * 1e6:8.1f} µs, ratio {x / o:6.1f}x"
            )
    total_o = sum(r[0] for rows in classes.values() for r in rows)
    total_x = sum(r[1] for rows in classes.values() for r in rows)
    print(
        f"path search, all 30 random pairs: ours {total_o:.2f} s, networkx {total_x:.2f} s, "
        f"ratio {total_x / total_o:.1f}x; same answer on {agree}/30"
    )


def compare_taint(g: UtxoGraph, sources: list[str]) -> None:
    """Poison and haircut, ours vs the same walk over a networkx graph of the reached transactions."""
    seeds = [int(g.tx_out[g.tx_out_ptr[g.tx_index[s.split(":")[0]]] + int(s.split(":")[1])]) for s in sources]
    for policy, walk in ((TaintPolicy.POISON, nx_poison), (TaintPolicy.HAIRCUT, nx_haircut)):
        t_ours, res = timed(partial(taint_utxo, g, sources, policy, Cutoffs(max_hops=10)), repeat=3)
        visited = np.asarray(sorted(g.tx_index[h] for h in res.tx_taint), dtype=np.int64)
        reach = np.unique(np.concatenate([visited, g.out_tx[seeds]]))
        t_build, T = timed(partial(nx_tx_graph, g, reach))
        t_nx, fees = timed(partial(walk, T, g, seeds, 10), repeat=3)  # best of 3, as ours
        print(
            f"{policy} taint 10 hops: ours {t_ours * 1000:.1f} ms; networkx walk {t_nx * 1000:.1f} ms over a "
            f"pre-built DiGraph of the {len(reach):,} reached txs (build {t_build:.1f} s, not counted); "
            f"ratio {t_nx / t_ours:.1f}x; same fees: {fees == res.fees}"
        )


def warm_up() -> None:
    """Load (or compile, the first time) the numba kernels, so no timed query pays for it."""
    t0 = time.perf_counter()
    tiny = utxo_graph_from_arrays(*(np.asarray(x, dtype=np.int64) for x in ([0], [0], [5], [-1])), 1, 1)
    taint_utxo(tiny, ["g0"], TaintPolicy.POISON, Cutoffs(max_hops=3))
    fg = flow_graph([Transfer("t", "a", "b", 1)])
    _search(fg, 0, 1, 7), reach_ids(fg, 0, 7)
    print(f"numba kernels loaded in {time.perf_counter() - t0:.2f} s (compiled on first use, then cached)")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n-tx", type=int, default=3_000_000)
    ap.add_argument("--nx-edges", type=int, default=100_000_000, help="networkx on this many edges")
    ap.add_argument("--skip-generated", action="store_true")
    args = ap.parse_args()
    warm_up()
    shared = config.shared_data_dir()
    if shared is not None:
        bench_2009(shared / "tracing" / "taintedtx_2009")
    if not args.skip_generated:
        bench_generated(args.n_tx, args.nx_edges)


if __name__ == "__main__":
    main()
