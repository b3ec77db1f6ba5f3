"""Taint policies, cut-offs and the result every taint walk returns.

A policy says how the taint on a transaction's inputs is shared among its outputs and its fee:

- POISON: any tainted input taints every output (and the fee) in full. Clean value mixed in this way
  is reported as `mixed_in`, so the books still balance.
- HAIRCUT: every output (and the fee) carries the share of taint the inputs carried in total.
- FIFO (Anderson et al. 2018; TaintedTX): the inputs, in their order, fill the outputs, in their
  order, and the fee last; taint keeps its position on that line of value.
- LIFO: as FIFO with the inputs taken in reverse order.
- TIHO (taint in, highest out): the tainted amount goes to the largest outputs first, the fee last.

Every walk balances: source value + mixed_in = frontier holdings + fees + unexplored.
"""

from __future__ import annotations

import heapq
from collections.abc import Sequence
from dataclasses import dataclass, field
from enum import StrEnum


class TaintPolicy(StrEnum):
    """How taint is shared among a transaction's outputs; see the module docstring."""

    POISON = "poison"
    HAIRCUT = "haircut"
    FIFO = "fifo"
    LIFO = "lifo"
    TIHO = "tiho"


@dataclass(frozen=True, slots=True)
class Cutoffs:
    """Where a walk stops: hops, a time window, dust, and whether taint passes through exits."""

    max_hops: int | None = None
    start_time: int | None = None  # unix seconds; earlier transactions are not followed
    end_time: int | None = None
    min_value: int = 0  # tainted amounts below this are not followed (dust)
    follow_exits: bool = False  # follow taint through exchanges, mixers and bridges


@dataclass
class TaintResult:
    """What a forward taint walk found; all values in the ledger's base unit."""

    policy: TaintPolicy
    sources: list[str]
    source_value: int = 0
    mixed_in: int = 0  # POISON only: clean value that became tainted by mixing
    holdings: dict[str, int] = field(default_factory=dict)  # frontier: where taint rests
    # every address that received tainted value on the way (sources at hop 0, the frontier too):
    # the intermediate addresses an exchange must block are named here, not only where taint rests
    received: dict[str, int] = field(default_factory=dict)
    received_hops: dict[str, int] = field(default_factory=dict)
    hops: dict[str, int] = field(default_factory=dict)  # fewest hops from a source, per address
    exits: dict[str, int] = field(default_factory=dict)  # the part of holdings at tagged exits
    tx_taint: dict[str, int] = field(default_factory=dict)  # tainted value entering each transaction
    fees: int = 0
    unexplored: dict[str, int] = field(default_factory=dict)  # by reason
    paths: dict[str, list[str]] = field(default_factory=dict)  # largest holdings -> tx ids from a source
    asset: str = ""  # what the values count (account model: one asset per walk)
    # Other assets the sources moved that this walk did not follow: their value (own base units).
    ignored_assets: dict[str, int] = field(default_factory=dict)

    @property
    def unexplored_value(self) -> int:
        """Tainted value the walk stopped following (cut-offs, or spent outside the data)."""
        return sum(self.unexplored.values())

    @property
    def frontier_value(self) -> int:
        """Tainted value resting at the frontier (holdings, exits included)."""
        return sum(self.holdings.values())

    @property
    def balanced(self) -> bool:
        """True if source value (+ mixed-in) equals frontier + fees + unexplored, and no asset the
        sources moved was left out: books that balance over part of the money do not balance."""
        lhs = self.source_value + self.mixed_in
        return lhs == self.frontier_value + self.fees + self.unexplored_value and not self.ignored_assets


PATHS = 100  # paths are kept for this many of the largest holdings


def top_holdings(holdings: dict[str, int], n: int = PATHS) -> list[str]:
    """The `n` addresses holding the most taint (ties by address), whose paths a result keeps."""
    if len(holdings) > 2 * n:  # sort only the candidates: the n-th largest value and above
        floor = heapq.nlargest(n, holdings.values())[-1]
        holdings = {a: v for a, v in holdings.items() if v >= floor}
    return [a for a, _ in sorted(holdings.items(), key=lambda kv: (-kv[1], kv[0]))[:n]]


def apportion(total: int, parts: Sequence[int]) -> list[int]:
    """Share integer `total` in proportion to `parts` (largest remainder), never above a part.

    Exact: the shares sum to `total` whenever total <= sum(parts).
    """
    whole = sum(parts)
    if whole <= 0 or total <= 0:
        return [0] * len(parts)
    shares = [total * p // whole for p in parts]
    rest = total - sum(shares)
    if rest:
        order = sorted(range(len(parts)), key=lambda k: -((total * parts[k]) % whole))
        for k in order[:rest]:
            shares[k] += 1
    return shares


Intervals = list[tuple[int, int]]


def shift_into(intervals: Intervals, offset: int, lo: int, hi: int) -> Intervals:
    """Intervals moved by `offset`, clipped to [lo, hi) and re-based at `lo`."""
    out: Intervals = []
    for a, b in intervals:
        a2, b2 = max(a + offset, lo), min(b + offset, hi)
        if a2 < b2:
            if out and out[-1][1] == a2 - lo:
                out[-1] = (out[-1][0], b2 - lo)
            else:
                out.append((a2 - lo, b2 - lo))
    return out


def length(intervals: Intervals) -> int:
    """Total length of disjoint intervals."""
    return sum(b - a for a, b in intervals)


def fill_in_order(
    ins: Sequence[int], taints: Sequence[Intervals], outs: Sequence[int], fee: int
) -> tuple[list[Intervals], Intervals]:
    """FIFO core: inputs laid end to end fill outputs laid end to end, then the fee.

    Returns the tainted intervals of each output and of the fee (positions relative to each).
    """
    line: Intervals = []
    pos = 0
    for value, iv in zip(ins, taints, strict=True):
        line.extend((a + pos, b + pos) for a, b in iv)
        pos += value
    result: list[Intervals] = []
    pos = 0
    for value in outs:
        result.append(shift_into(line, 0, pos, pos + value))
        pos += value
    return result, shift_into(line, 0, pos, pos + fee)


def highest_first(tainted: int, outs: Sequence[int], fee: int) -> tuple[list[int], int]:
    """TIHO core: the tainted amount fills the largest outputs first, then the fee."""
    shares = [0] * len(outs)
    left = tainted
    for k in sorted(range(len(outs)), key=lambda k: -outs[k]):
        take = min(left, outs[k])
        shares[k] = take
        left -= take
    return shares, min(left, fee)
