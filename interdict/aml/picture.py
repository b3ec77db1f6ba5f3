"""The picture of one typology alert: its accounts as boxes, its transfers as timed arrows (SVG).

Laid out like tracing's flow picture (`interdict.tracing.reports.render`, whose boxes it reuses):
columns are steps from the accounts that only send within the structure (or from the first
account, for a cycle); each arrow is one sender-receiver pair, labelled with its amounts, the number
of transfers and the first date. Self-contained (no script), so it is safe as an `<img>` data URI.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import UTC, datetime
from html import escape

from interdict.aml.alert import TypologyAlert
from interdict.aml.detectors.common import money_range
from interdict.aml.table import TransferTable
from interdict.tracing.reports.render import BOX_H, BOX_W, _box

COL_W, ROW_H, LIMIT = 300, 46, 40
_STYLE = (".arrow{stroke:#e08a1e;stroke-width:1.6;fill:none;marker-end:url(#head)}"
          ".lbl{font-size:10px;fill:#444}.node rect{fill:#fff;stroke:#555}.node.hub rect{fill:#fff4d6}"
          ".node text{font-size:11px;font-family:system-ui,sans-serif}")


def _columns(accounts: list[str], pairs: dict[tuple[str, str], list[int]]) -> dict[str, int]:
    """Column of each account: steps from the accounts nothing in the structure pays."""
    paid = {b for _, b in pairs}
    frontier = [a for a in accounts if a not in paid] or accounts[:1]
    col = {a: 0 for a in frontier}
    step = 0
    while frontier and step < len(accounts):
        step += 1
        nxt = [b for (a, b) in pairs if a in frontier and b not in col]
        for b in nxt:
            col[b] = step
        frontier = list(dict.fromkeys(nxt))
    for a in accounts:
        col.setdefault(a, step + 1)
    return col


def typology_svg(table: TransferTable, alert: TypologyAlert, index: dict[str, int]) -> str:
    """The SVG of `alert`; `index` maps the table's transfer ids to rows (`{tx: i}`)."""
    rows = [index[t] for t in alert.transactions if t in index]
    accounts = list(alert.accounts[:LIMIT])
    keep = set(accounts)
    pairs: dict[tuple[str, str], list[int]] = defaultdict(list)
    for i in rows:
        a, b = table.accounts[int(table.src[i])], table.accounts[int(table.dst[i])]
        if a in keep and b in keep:
            pairs[(a, b)].append(i)
    col = _columns(accounts, pairs)
    count: dict[int, int] = defaultdict(int)
    pos: dict[str, tuple[int, int]] = {}
    for a in accounts:
        c = col[a]
        pos[a] = (20 + COL_W * c, 30 + ROW_H * count[c])
        count[c] += 1
    parts = [_arrow(pos[a], pos[b], table, ids) for (a, b), ids in pairs.items()]
    parts += [_box(x, y, a, "", "hub" if a == alert.accounts[0] else "", a, a) for a, (x, y) in pos.items()]
    width = 40 + COL_W * (max(col.values(), default=0)) + BOX_W
    height = 50 + ROW_H * max(count.values(), default=1)
    more = f" (first {LIMIT} of {len(alert.accounts)} accounts)" if len(alert.accounts) > LIMIT else ""
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}"><style>{_STYLE}</style>'
        '<defs><marker id="head" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="7" markerHeight="7" '
        'orient="auto-start-reverse"><path d="M0,0L10,5L0,10z" fill="#e08a1e"/></marker></defs>'
        f'<text x="20" y="16" class="lbl">{escape(alert.typology)}: {len(alert.accounts)} accounts, '
        f"{len(alert.transactions)} transfers{escape(more)}</text>" + "".join(parts) + "</svg>"
    )


def _arrow(src: tuple[int, int], dst: tuple[int, int], table: TransferTable, ids: list[int]) -> str:
    (x1, y1), (x2, y2) = src, dst
    forward = x2 > x1
    sx, sy = (x1 + BOX_W, y1 + BOX_H // 2) if forward else (x1 + BOX_W // 2, y1 + BOX_H)
    ex, ey = (x2, y2 + BOX_H // 2) if forward else (x2 + BOX_W // 2, y2 + BOX_H)
    bend = 0 if forward else 40 + abs(y2 - y1) // 3  # back and same-column arrows curve below
    mx, my = (sx + ex) // 2, (sy + ey) // 2 + bend
    first = datetime.fromtimestamp(int(table.time[ids].min()), UTC).strftime("%Y-%m-%d %H:%M")
    label = f"{money_range(table.amount[ids])} ×{len(ids)} · {first}"
    return (f'<path class="arrow" d="M{sx},{sy} Q{mx},{my} {ex},{ey}"><title>{escape(label)}</title></path>'
            f'<text class="lbl" x="{mx - 40}" y="{my - 3}">{escape(label)}</text>')
