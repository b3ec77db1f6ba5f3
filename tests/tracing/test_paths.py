"""Path search: hand-made ledger (answers by hand) and the real 2009 history."""

from __future__ import annotations

import pytest

from interdict.core.errors import NotFoundError
from interdict.core.transfer import Transfer
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
