"""A picture of the flow: one self-contained HTML page with an inline SVG (no CDN, works offline).

Columns are hops from the sources. Each frontier address is a box whose band from the source is as
wide as the taint it received; exits are red, fees and unexplored value are shown as their own
boxes. Hovering a box or band shows its address, amount, tags and the transactions on its path;
clicking a box highlights its band. The picture is built from a TaintResult, nothing else.
"""

from __future__ import annotations

from html import escape

from interdict.tracing.policies.policy import TaintResult
from interdict.tracing.reports.report import fmt
from interdict.tracing.tags import TagIndex

W_COL, H_ROW, BOX_W, BOX_H = 260, 34, 210, 26

_SCRIPT = """
document.querySelectorAll('.node').forEach(function (n) {
  n.addEventListener('click', function () {
    var id = n.getAttribute('data-id');
    document.querySelectorAll('.band').forEach(function (b) {
      b.classList.toggle('dim', b.getAttribute('data-id') !== id);
    });
  });
});
"""
_STYLE = """
body{font-family:system-ui,sans-serif;margin:1.5em;color:#222}
.band{fill:none;stroke:#e08a1e;stroke-opacity:.55}.band.dim{stroke-opacity:.08}
.node rect{fill:#fff;stroke:#555}.node.exit rect{fill:#fde2e2;stroke:#b00}.node.src rect{fill:#fff4d6}
.node text{font-size:11px}.node{cursor:pointer} table{border-collapse:collapse;font-size:13px}
td,th{border:1px solid #ccc;padding:2px 6px;text-align:left}
"""


def _box(x: int, y: int, label: str, sub: str, cls: str, node_id: str, title: str) -> str:
    return (
        f'<g class="node {cls}" data-id="{escape(node_id)}"><title>{escape(title)}</title>'
        f'<rect x="{x}" y="{y}" width="{BOX_W}" height="{BOX_H}" rx="4"/>'
        f'<text x="{x + 6}" y="{y + 11}">{escape(label[:34])}</text>'
        f'<text x="{x + 6}" y="{y + 22}">{escape(sub)}</text></g>'
    )


def flow_svg(res: TaintResult, tags: TagIndex, decimals: int = 8, limit: int = 60) -> str:
    """The SVG element for a taint result (the `limit` largest frontier addresses)."""
    top = sorted(res.holdings.items(), key=lambda kv: -kv[1])[:limit]
    cols: dict[int, int] = {}
    parts: list[str] = []
    bands: list[str] = []  # drawn first, so that boxes sit on top of the bands passing them
    src_y = 10
    src_h = max(BOX_H, H_ROW * max(len(top), 1) // 2)
    max_hop = max([res.hops.get(a, 1) for a, _ in top] + [1])
    biggest = max([v for _, v in top] + [1])
    for a, v in top:
        col = max(res.hops.get(a, 1), 1)
        row = cols.get(col, 0)
        cols[col] = row + 1
        x, y = 20 + W_COL * col, 10 + H_ROW * row
        width = 1 + 18 * v / biggest
        path = " -> ".join(res.paths.get(a, []))
        labels = "; ".join(f"{t.category}: {t.label} ({t.source})" for t in tags.lookup(a)[:4])
        title = f"{a}\n{fmt(v, decimals)} tainted, {res.hops.get(a)} hops\n{labels}\nvia {path}"
        bands.append(
            f'<path class="band" data-id="{escape(a)}" stroke-width="{width:.1f}" '
            f'd="M{20 + BOX_W},{src_y + src_h // 2} C{x - 80},{src_y + src_h // 2} {x - 80},'
            f'{y + BOX_H // 2} {x},{y + BOX_H // 2}"><title>{escape(title)}</title></path>'
        )
        cls = "exit" if a in res.exits else ""
        parts.append(_box(x, y, a, f"{fmt(v, decimals)}  hop {res.hops.get(a)}", cls, a, title))
    sources = ", ".join(res.sources)
    parts.append(
        f'<g class="node src" data-id="sources"><title>{escape(sources)}</title>'
        f'<rect x="20" y="{src_y}" width="{BOX_W}" height="{src_h}" rx="4"/>'
        f'<text x="26" y="{src_y + 14}">sources ({len(res.sources)})</text>'
        f'<text x="26" y="{src_y + 28}">{escape(fmt(res.source_value, decimals))}</text></g>'
    )
    y_extra = 10 + H_ROW * max([*cols.values(), 1]) + 10
    x_extra = 20 + W_COL * (max_hop + 1)
    parts.append(_box(x_extra, 10, "fees", fmt(res.fees, decimals), "", "fees", "value paid as fees"))
    parts.append(
        _box(
            x_extra,
            10 + H_ROW,
            "unexplored",
            fmt(res.unexplored_value, decimals),
            "",
            "unexplored",
            "; ".join(f"{k}: {fmt(v, decimals)}" for k, v in res.unexplored.items()),
        )
    )
    width = x_extra + BOX_W + 20
    height = max(y_extra, src_y + src_h + 20, 3 * H_ROW)
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}">' + "".join(bands) + "".join(parts) + "</svg>"
    )


def flow_html(
    res: TaintResult, tags: TagIndex, decimals: int = 8, title: str = "Interdict taint flow"
) -> str:
    """A self-contained HTML page: the flow picture and the frontier as a table."""
    rows = "".join(
        f"<tr><td>{escape(a)}</td><td>{escape(fmt(v, decimals))}</td><td>{res.hops.get(a)}</td>"
        f"<td>{'exit' if a in res.exits else ''}</td>"
        f"<td>{escape('; '.join(t.label for t in tags.lookup(a)[:3]))}</td></tr>"
        for a, v in sorted(res.holdings.items(), key=lambda kv: -kv[1])[:500]
    )
    summary = (
        f"policy <b>{res.policy}</b>; source {fmt(res.source_value, decimals)}"
        f"{'; mixed in ' + fmt(res.mixed_in, decimals) if res.mixed_in else ''}; frontier "
        f"{fmt(res.frontier_value, decimals)}; fees {fmt(res.fees, decimals)}; unexplored "
        f"{fmt(res.unexplored_value, decimals)}; {'balanced' if res.balanced else 'NOT balanced'}"
    )
    return (
        f"<!doctype html><html><head><meta charset='utf-8'><title>{escape(title)}</title>"
        f"<style>{_STYLE}</style></head><body><h1>{escape(title)}</h1><p>{summary}</p>"
        f"<p>Hover a box or band for details; click a box to highlight its flow.</p>"
        f"{flow_svg(res, tags, decimals)}<h2>Frontier</h2><table><tr><th>address</th><th>tainted</th>"
        f"<th>hops</th><th></th><th>tags</th></tr>{rows}</table><script>{_SCRIPT}</script></body></html>"
    )
