"""Stack: layered bipartite - layer 1 pays layer 2, which pays layer 3 (and on), each layer a
bipartite block (see `bipartite`) whose receivers are, for at least `min_side` accounts, the
senders of the next block, which starts after it (when `time_respecting`).

Benign look-alike: supply chains (wholesalers pay producers, retailers pay wholesalers): amounts
differ by layer and are spread over weeks, so the blocks rarely form (`amount_tolerance`,
`window_days`); the score is the mean of the layers' scores.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field

import numpy as np

from interdict.aml.alert import TypologyAlert
from interdict.aml.detectors.bipartite import BipartiteParams, blocks
from interdict.aml.detectors.common import make_alert, money_range, param, regularity, span
from interdict.aml.table import TransferTable


@dataclass(frozen=True, slots=True)
class StackParams:
    """Parameters of the stack detector."""

    layer: BipartiteParams = field(default_factory=BipartiteParams,
                                   metadata={"doc": "parameters of each layer (a bipartite block)"})
    time_respecting: bool = param(True, "each layer starts after the previous one starts")
    min_score: float = param(0.0, "alerts scoring below this are dropped")


def detect_stack(table: TransferTable, params: StackParams) -> list[TypologyAlert]:
    """Two or more bipartite layers, the receivers of one the senders of the next."""
    found = blocks(table, params.layer)
    by_sender: dict[int, list[int]] = {}
    for j, b in enumerate(found):
        for s in b.senders.tolist():
            by_sender.setdefault(s, []).append(j)
    alerts = []
    for i, a in enumerate(found):
        for j in sorted({j for r in a.receivers.tolist() for j in by_sender.get(r, [])}):
            b = found[j]
            shared = np.intersect1d(a.receivers, b.senders)
            if i == j or len(shared) < params.layer.min_side:
                continue
            if params.time_respecting and table.time[b.ids].min() < table.time[a.ids].min():
                continue
            ids = np.concatenate([a.ids, b.ids])
            amounts = table.amount[ids]
            score = 0.4 + 0.3 * (a.density + b.density) / 2 + 0.3 * regularity(amounts)
            if score < params.min_score:
                continue
            dur = int(table.time[ids].max() - table.time[ids].min())
            text = (f"{len(a.senders)} accounts paid {len(a.receivers)}, which paid {len(b.receivers)} more: "
                    f"two layers of {money_range(amounts)} ({len(ids)} transfers), {span(dur)}.")
            members = list(dict.fromkeys([*a.senders.tolist(), *a.receivers.tolist(), *b.receivers.tolist()]))
            evidence = {"layers": 2, "layer_sizes": [len(a.senders), len(a.receivers), len(b.receivers)],
                        "params": asdict(params)}
            alerts.append(make_alert(table, "stack", ids, score, text, evidence, members))
    return alerts
