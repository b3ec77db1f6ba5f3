"""Path search: hand-made ledger (answers by hand) and the real 2009 history."""

from __future__ import annotations

import pytest

from interdict.core.errors import NotFoundError
from interdict.core.transfer import Transfer
from interdict.tracing import paths
from interdict.tracing.graph import UtxoGraph, flow_graph, utxo_flow_graph
from interdict.tracing.paths import find_path


def test_hand_path_with_amounts(hand_transfers: list[Transfer]) -> None:
    g = flow_graph(hand_transfers)
    # T -a1-> M -a3-> N -a5-> P : three hops, 100, 48, 48
    p = find_path(g, "T", "P")
    assert p.direction == "forward"
    assert [(e.sender, e.receiver, e.amount, e.tx) for e in p.edges] == [
        ("T", "M", 100, "a1"),
        ("M", "N", 48, "a3"),
        ("N", "P", 48, "a5"),
    ]
    back = find_path(g, "P", "T")  # no money went from P to T, but it went the other way
    assert back.direction == "backward" and len(back.edges) == 3
    assert find_path(g, "T", "P", max_depth=2).direction == "none"
    assert find_path(g, "P", "T", both_directions=False).direction == "none"
    assert find_path(g, "C", "X").edges[-1].amount == 120


def test_unknown_address(hand_transfers: list[Transfer]) -> None:
    with pytest.raises(NotFoundError):
        find_path(flow_graph(hand_transfers), "T", "nobody")


@pytest.mark.shared
def test_satoshi_to_hal(graph_2009: UtxoGraph) -> None:
    g = utxo_flow_graph(graph_2009)
    p = find_path(g, "12cbQLTFMXRnSzktFkuoG3eHoMeFtpTu3S", "1Q2TWHE3GMdB6BZKafqwxXtWAWgFt5Jvm3")
    assert len(p.edges) == 1
    assert p.edges[0].amount == 1_000_000_000
    assert p.edges[0].tx == "f4184fc596403b9d638783cf57adfe4c75c605f6356fbc91338530e9831e9e16"


@pytest.mark.parametrize(
    ("impl", "small", "chunk"),
    [("compiled", 512, 8192), ("arrays", 512, 8192), ("arrays", 4, 16)],  # numpy: default, forced chunks
)
def test_fewest_hops_match_networkx_on_random_graphs(
    impl: str, small: int, chunk: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    nx = pytest.importorskip("networkx")
    if impl == "arrays":
        monkeypatch.setattr(paths, "_search", paths.search_arrays)
    monkeypatch.setattr(paths, "SMALL", small)
    monkeypatch.setattr(paths, "CHUNK", chunk)
    import numpy as np

    rng = np.random.default_rng(4)
    for n, m in ((60, 120), (400, 1500), (2000, 12000)):  # the last is large enough to vectorise levels
        src = (rng.pareto(1.0, m) * 5).astype(int) % n
        dst = rng.integers(0, n, m)
        g = flow_graph(
            [Transfer(f"t{i}", f"n{s}", f"n{d}", 1) for i, (s, d) in enumerate(zip(src, dst, strict=True))]
        )
        G = nx.DiGraph(zip(g.src.tolist(), g.dst.tolist(), strict=True))
        for _ in range(40):
            a, b = rng.choice(len(g.addresses), 2, replace=False).tolist()
            ours = find_path(g, g.addresses[a], g.addresses[b], both_directions=False)
            try:
                want = len(nx.shortest_path(G, a, b)) - 1
            except nx.NetworkXNoPath:
                want = None
            got = len(ours.edges) if ours.direction == "forward" else None
            assert got == (want if want is not None and want <= 7 else None)
            for e1, e2 in zip(ours.edges, ours.edges[1:], strict=False):
                assert e1.receiver == e2.sender
        # the same with the five busiest senders avoided (as exits would be)
        hubs = np.argsort(-np.bincount(g.src, minlength=len(g.addresses)))[:5].tolist()
        for _ in range(20):
            a, b = rng.choice(len(g.addresses), 2, replace=False).tolist()
            keep = [v for v in G if v not in hubs or v in (a, b)]
            ours = find_path(
                g, g.addresses[a], g.addresses[b], both_directions=False, avoid={g.addresses[h] for h in hubs}
            )
            try:
                want = len(nx.shortest_path(G.subgraph(keep), a, b)) - 1
            except (nx.NetworkXNoPath, nx.NodeNotFound):
                want = None
            got = len(ours.edges) if ours.direction == "forward" else None
            assert got == (want if want is not None and want <= 7 else None)


def test_paths_avoid_exits(hand_transfers: list[Transfer]) -> None:
    g = flow_graph(hand_transfers)
    # C -> M -> X is the only way to X; with M avoided there is none, X itself may still be the target
    assert find_path(g, "C", "X", avoid={"M"}).direction == "none"
    assert len(find_path(g, "M", "X", avoid={"X"}).edges) == 1
    assert len(find_path(g, "T", "P", avoid={"X"}).edges) == 3


def test_within_hops_matches_networkx() -> None:
    nx = pytest.importorskip("networkx")
    import numpy as np

    from interdict.tracing.paths import within_hops

    rng = np.random.default_rng(8)
    src, dst = rng.integers(0, 500, 2500), rng.integers(0, 500, 2500)
    g = flow_graph(
        [Transfer(f"t{i}", f"n{s}", f"n{d}", 1) for i, (s, d) in enumerate(zip(src, dst, strict=True))]
    )
    G = nx.DiGraph(
        (g.addresses[s], g.addresses[d]) for s, d in zip(g.src.tolist(), g.dst.tolist(), strict=True)
    )
    for start in ("n1", "n7", "n42"):
        for depth in (1, 3, 7):
            want = nx.single_source_shortest_path_length(G, start, cutoff=depth)
            want.pop(start)
            assert within_hops(g, start, depth) == want
            for forward in (True, False):  # the compiled walk and the numpy one agree, hop for hop
                nodes, hops = paths.reach_ids(g, g.addr_index[start], depth, forward)
                nodes2, hops2 = paths.reach_arrays(g, g.addr_index[start], depth, forward)
                got = dict(zip(nodes.tolist(), hops.tolist(), strict=True))
                assert got == dict(zip(nodes2.tolist(), hops2.tolist(), strict=True))
    hand = flow_graph([Transfer("x", "A", "B", 1), Transfer("y", "B", "C", 1)])
    assert within_hops(hand, "C", forward=False) == {"B": 1, "A": 2}  # where C's money came from
