"""Tiny transfer graphs written in the tests: (from, to, amount, hour) rows."""

from __future__ import annotations

from interdict.aml.table import TransferTable, table_from_columns


def graph(rows: list[tuple[str, str, float, float]]) -> TransferTable:
    """A table of the rows, `hour` hours after the epoch; tx ids are t1, t2, ... in row order."""
    return table_from_columns(
        "test",
        [r[0] for r in rows],
        [r[1] for r in rows],
        [r[2] for r in rows],
        [int(r[3] * 3600) for r in rows],
        currency=["EUR"] * len(rows),
        tx=[f"t{i + 1}" for i in range(len(rows))],
    )
