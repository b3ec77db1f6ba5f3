"""The report's charts as SVG text (matplotlib, Agg backend): amount stolen per quarter by actor, and
where the traced funds went. Each SVG gets its own id salt so that several can sit in one page."""

from __future__ import annotations

import io
from collections.abc import Mapping
from decimal import Decimal

import matplotlib

matplotlib.use("Agg")  # no display: the charts are written, never shown

import matplotlib.pyplot as plt
from matplotlib.figure import Figure
from matplotlib.ticker import MaxNLocator, StrMethodFormatter

PLACES = ("exchange", "mixer", "bridge", "exit", "unspent", "left the data", "cut off", "fees")
COLORS = {"exchange": "#d62728", "mixer": "#9467bd", "bridge": "#ff7f0e", "exit": "#8c564b",
          "unspent": "#1f77b4", "left the data": "#7f7f7f", "cut off": "#bcbd22", "fees": "#17becf"}


def svg_of(fig: Figure, salt: str) -> str:
    """The figure as inline SVG text (no XML prolog), text kept as text, ids salted."""
    buf = io.StringIO()
    with plt.rc_context({"svg.fonttype": "none", "svg.hashsalt": salt}):
        fig.savefig(buf, format="svg", bbox_inches="tight")
    plt.close(fig)
    text = buf.getvalue()
    return text[text.index("<svg"):]


def quarter_range(seen: set[str]) -> list[str]:
    """Every quarter from the first to the last seen ("2017Q2"), so that a quiet year shows as a gap
    rather than vanishing from the time axis; labels not in that form are kept, sorted, at the end."""
    parsed = sorted((int(q[:4]), int(q[5])) for q in seen
                    if len(q) == 6 and q[:4].isdigit() and q[4] == "Q" and q[5] in "1234")
    odd = sorted(q for q in seen if not (len(q) == 6 and q[:4].isdigit() and q[4] == "Q" and q[5] in "1234"))
    if not parsed:
        return odd
    (y, k), last = parsed[0], parsed[-1]
    out: list[str] = []
    while (y, k) <= last:
        out.append(f"{y}Q{k}")
        y, k = (y + 1, 1) if k == 4 else (y, k + 1)
    return [*out, *odd]


def quarters_by_actor(usd: Mapping[str, Mapping[str, Decimal]], counts: Mapping[str, Mapping[str, int]],
                      top: int = 8) -> str:
    """Stacked bars per quarter: USD stolen (where sourced) and number of incidents, by actor."""
    quarters = quarter_range(set(usd) | set(counts))
    totals: dict[str, int] = {}
    for per in counts.values():
        for actor, n in per.items():
            totals[actor] = totals.get(actor, 0) + n
    actors = sorted(totals, key=lambda a: -totals[a])
    shown, rest = actors[:top], actors[top:]
    fig, (ax_usd, ax_n) = plt.subplots(2, 1, figsize=(10, 6.2), sharex=True)
    x = list(range(len(quarters)))
    cmap = plt.get_cmap("tab10")
    for axis, data, scale in ((ax_usd, usd, 1e6), (ax_n, counts, 1)):
        bottom = [0.0] * len(quarters)
        for k, actor in enumerate([*shown, *(["other actors"] if rest else [])]):
            names = [actor] if actor != "other actors" else rest
            heights = [float(sum(data.get(q, {}).get(a, 0) for a in names)) / scale for q in quarters]
            axis.bar(x, heights, bottom=bottom, label=actor, color=cmap(k % 10), width=0.8)
            bottom = [b + h for b, h in zip(bottom, heights, strict=True)]
    ax_usd.set_ylabel("USD stolen, millions\n(where a source gives USD)")
    ax_usd.yaxis.set_major_formatter(StrMethodFormatter("{x:,.0f}"))  # no "1e6" offset above millions
    ax_n.set_ylabel("incidents")
    ax_n.yaxis.set_major_locator(MaxNLocator(integer=True))  # incidents are counted, never 0.2 of one
    ax_usd.set_title("Amount stolen per quarter, by attributed actor")
    ax_usd.legend(fontsize=8, loc="upper left")
    step = max(1, len(quarters) // 24)
    ax_n.set_xticks(x[::step], quarters[::step], rotation=60, fontsize=8)
    for axis in (ax_usd, ax_n):
        axis.spines[["top", "right"]].set_visible(False)
    return svg_of(fig, "quarters")


def where_funds_went(shares: Mapping[str, Mapping[str, Decimal]],
                     empty: str = "no incident traced yet (incidents trace ID)") -> str:
    """One horizontal bar per asset: the share of the traced value at each place (`empty` if none)."""
    assets = sorted(shares)
    fig, ax = plt.subplots(figsize=(10, 0.7 + 0.55 * max(len(assets), 1)))
    if not assets:
        ax.text(0.5, 0.5, empty, ha="center", va="center")
        ax.set_axis_off()
        return svg_of(fig, "exits")
    left = [0.0] * len(assets)
    for place in PLACES:
        widths = []
        for asset in assets:
            total = sum(shares[asset].values()) or Decimal(1)
            widths.append(float(shares[asset].get(place, Decimal(0)) / total * 100))
        if any(widths):
            ax.barh(assets, widths, left=left, label=place, color=COLORS[place])
            left = [a + w for a, w in zip(left, widths, strict=True)]
    ax.set_xlim(0, 100)
    ax.set_xlabel("% of the traced value of each asset")
    ax.set_title("Where the traced funds went")
    below = -0.35 if len(assets) < 3 else -0.15
    ax.legend(fontsize=8, ncols=4, loc="upper center", bbox_to_anchor=(0.5, below))
    ax.spines[["top", "right"]].set_visible(False)
    return svg_of(fig, "exits")
