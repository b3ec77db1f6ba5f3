"""Forward taint through an account ledger (Ethereum, bank transfers) under an explicit policy.

Transfers are replayed in time order. Every account holds a balance (what the loaded data shows it
received minus what it sent) and the tainted part of it: an amount (POISON, HAIRCUT) or an ordered
queue of tainted and clean lots (FIFO spends the oldest lot first, LIFO the newest). Money an account
sends beyond what the data shows it received is treated as clean (earlier, unseen funds). A source
address taints everything it sends; a source transfer taints what it carried. Fees are taken last.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Collection, Sequence
from dataclasses import dataclass, field

from interdict.core.errors import NotFoundError
from interdict.core.transfer import Transfer
from interdict.tracing.policies.policy import Cutoffs, TaintPolicy, TaintResult, apportion, top_holdings


@dataclass
class _Account:
    balance: int = 0
    tainted: int = 0
    poisoned: bool = False
    lots: deque[list[int]] = field(default_factory=deque)  # [amount, 1 if tainted else 0]
    hop: int = 1 << 30
    via: str | None = None  # the transfer that first brought taint


def _take_lots(acc: _Account, amount: int, newest_first: bool) -> int:
    """Remove `amount` from the lot queue; return how much of it was tainted."""
    tainted, left = 0, amount
    while left and acc.lots:
        lot = acc.lots[-1] if newest_first else acc.lots[0]
        take = min(lot[0], left)
        tainted += take * lot[1]
        lot[0] -= take
        left -= take
        if lot[0] == 0:
            acc.lots.pop() if newest_first else acc.lots.popleft()
    return tainted


class _Replay:
    def __init__(self, policy: TaintPolicy, cut: Cutoffs, exits: Collection[str], res: TaintResult) -> None:
        self.policy, self.cut, self.exits, self.res = policy, cut, exits, res
        self.acc: dict[str, _Account] = {}
        self.paths: dict[str, list[str]] = {}

    def account(self, a: str) -> _Account:
        """The state of account `a` (created empty)."""
        got = self.acc.get(a)
        if got is None:
            got = self.acc[a] = _Account()
        return got

    def spend(self, s: _Account, amount: int, fee: int) -> tuple[int, int]:
        """Take amount + fee from a sender; return the tainted parts (of amount, of fee)."""
        total = amount + fee
        p = self.policy
        if p is TaintPolicy.POISON:
            if not s.poisoned:
                return 0, 0
            from_taint = min(s.tainted, total)
            s.tainted -= from_taint
            self.res.mixed_in += total - from_taint
            return amount, fee
        if p is TaintPolicy.TIHO:  # one output: the tainted funds leave first, the fee last
            t_amount = min(s.tainted, amount)
            t_fee = min(s.tainted - t_amount, fee)
            s.tainted -= t_amount + t_fee
            return t_amount, t_fee
        if p in (TaintPolicy.FIFO, TaintPolicy.LIFO):
            newest = p is TaintPolicy.LIFO
            t_amount = _take_lots(s, amount, newest)
            t_fee = _take_lots(s, fee, newest)
            s.tainted -= t_amount + t_fee
            return t_amount, t_fee
        held = max(s.balance, total)
        share = s.tainted * total // held if held else 0
        t_amount, t_fee = apportion(share, [amount, fee]) if share else (0, 0)
        s.tainted -= t_amount + t_fee
        return t_amount, t_fee

    def credit(self, r: _Account, amount: int, tainted: int) -> None:
        """Receive `amount`, `tainted` of it tainted."""
        r.balance += amount
        r.tainted += tainted
        if tainted:
            r.poisoned = True
        if self.policy in (TaintPolicy.FIFO, TaintPolicy.LIFO):
            # a transfer's tainted part is laid down first, so FIFO spends it first
            for part, flag in ((tainted, 1), (amount - tainted, 0)):
                if part:
                    r.lots.append([part, flag])

    def step(self, t: Transfer, source_addr: bool, source_tx: bool) -> None:
        """Replay one transfer."""
        s, r = self.account(t.sender), self.account(t.receiver)
        if source_addr:
            # taint that came back to a source is spent again, not counted twice
            _take_lots(s, t.amount + t.fee, False)
            absorbed = min(s.tainted, t.amount + t.fee)
            s.tainted -= absorbed
            s.balance = max(s.balance - t.amount - t.fee, 0)
            self.res.source_value += t.amount + t.fee - absorbed
            self.receive(t.sender, t.amount + t.fee - absorbed, 0)
            self.res.fees += t.fee
            t_amount, hop = t.amount, 1
        else:
            t_amount, t_fee = self.spend(s, t.amount, t.fee)
            s.balance = max(s.balance - t.amount - t.fee, 0)
            self.res.fees += t_fee
            hop = s.hop + 1
            if source_tx:
                self.res.source_value += t.amount - t_amount
                t_amount, hop = t.amount, 1
        if not t_amount:
            self.credit(r, t.amount, 0)
            return
        self.res.tx_taint[t.tx_id] = self.res.tx_taint.get(t.tx_id, 0) + t_amount
        reason = self.cut_reason(t, t_amount, hop)
        if reason:
            self.res.unexplored[reason] = self.res.unexplored.get(reason, 0) + t_amount
            self.credit(r, t.amount, 0)
            return
        self.receive(t.receiver, t_amount, hop)
        if hop < r.hop:
            r.hop = hop
            self.paths[t.receiver] = [*self.paths.get(t.sender, []), t.tx_id]
        if t.receiver in self.exits and not self.cut.follow_exits:
            self.res.exits[t.receiver] = self.res.exits.get(t.receiver, 0) + t_amount
            self.credit(r, t.amount, 0)
            return
        self.credit(r, t.amount, t_amount)

    def receive(self, address: str, value: int, hop: int) -> None:
        """Book tainted value an address received (a source: what it sent as stolen, at hop 0)."""
        if value <= 0:
            return
        res = self.res
        res.received[address] = res.received.get(address, 0) + value
        res.received_hops[address] = min(res.received_hops.get(address, hop), hop)

    def cut_reason(self, t: Transfer, t_amount: int, hop: int) -> str | None:
        """Why the taint on `t` is not followed, if it is not."""
        cut = self.cut
        if t_amount < cut.min_value:
            return "below min value"
        if cut.max_hops is not None and hop > cut.max_hops:
            return "max hops"
        if t.time is not None and cut.end_time is not None and t.time > cut.end_time:
            return "time window"
        return None


def taint_account(
    transfers: Sequence[Transfer],
    sources: Sequence[str],
    policy: TaintPolicy = TaintPolicy.HAIRCUT,
    cutoffs: Cutoffs | None = None,
    exits: Collection[str] = frozenset(),
) -> TaintResult:
    """Replay `transfers` in time order and follow taint from `sources` (addresses or transfer ids)."""
    cut = cutoffs or Cutoffs()
    src = set(sources)
    known = {t.sender for t in transfers} | {t.tx_id for t in transfers} | {t.receiver for t in transfers}
    missing = src - known
    if missing:
        raise NotFoundError(f"source {sorted(missing)[0]}: not an address or transfer id in the loaded data")
    res = TaintResult(policy=policy, sources=list(sources))
    replay = _Replay(policy, cut, exits, res)
    for s in src:
        replay.account(s).hop = 0
    order = sorted(range(len(transfers)), key=lambda i: (transfers[i].time or 0, i))
    for i in order:
        t = transfers[i]
        if cut.start_time is not None and t.time is not None and t.time < cut.start_time:
            replay.credit(replay.account(t.receiver), t.amount, 0)
            continue
        replay.step(t, t.sender in src, t.tx_id in src)
    for a, acc in replay.acc.items():
        if acc.tainted:
            res.holdings[a] = acc.tainted
            res.hops[a] = acc.hop
    for a, v in res.exits.items():
        res.holdings[a] = res.holdings.get(a, 0) + v
        res.hops[a] = replay.acc[a].hop
    res.paths = {a: replay.paths.get(a, []) for a in top_holdings(res.holdings)}
    return res
