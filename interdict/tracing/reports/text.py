"""Tracing results as readable text: trees and tables of plain strings (with rich console markup).

The engines and reports print nothing and need no terminal library: an interface turns a `TextTree`
or `TextTable` into its own widgets (the CLI into rich trees and tables).
"""

from __future__ import annotations

from interdict.core.text import TextTable, TextTree
from interdict.tracing.back import BackResult
from interdict.tracing.paths import PathResult
from interdict.tracing.policies.policy import TaintResult
from interdict.tracing.reports.report import fmt
from interdict.tracing.tags import Tag, TagIndex


def _tag_text(tags: list[Tag]) -> str:
    return "; ".join(f"{t.category}: {t.label} [{t.source.split(' (')[0]}]" for t in tags[:3])


def taint_tree(res: TaintResult, tags: TagIndex, decimals: int = 8, limit: int = 25) -> TextTree:
    """Sources, then where the taint rests (exits marked), then fees, unexplored and what was left out."""
    asset = f" in {res.asset}" if res.asset else ""
    tree = TextTree(
        f"[bold]{res.policy}[/] taint from {', '.join(res.sources)}{asset}: {fmt(res.source_value, decimals)}"
    )
    if res.mixed_in:
        tree.add(f"clean value mixed in (poison): {fmt(res.mixed_in, decimals)}")
    rest = tree.add(f"at the frontier: {fmt(res.frontier_value, decimals)} in {len(res.holdings)} addresses")
    for a, v in sorted(res.holdings.items(), key=lambda kv: -kv[1])[:limit]:
        mark = " [bold red]EXIT[/]" if a in res.exits else ""
        label = _tag_text(tags.lookup(a))
        node = rest.add(
            f"{a}{mark}: {fmt(v, decimals)} (hops {res.hops.get(a)}){'  ' + label if label else ''}"
        )
        path = res.paths.get(a, [])
        if path:
            node.add("via " + " -> ".join(p[:12] for p in path[:7]) + (" ..." if len(path) > 7 else ""))
    if len(res.holdings) > limit:
        rest.add(f"... {len(res.holdings) - limit} more (use --json)")
    tree.add(f"fees: {fmt(res.fees, decimals)}")
    unexplored = tree.add(f"unexplored: {fmt(res.unexplored_value, decimals)}")
    for reason, v in res.unexplored.items():
        unexplored.add(f"{reason}: {fmt(v, decimals)}")
    for asset, v in res.ignored_assets.items():
        tree.add(f"[red]not followed[/]: {asset} {v:,} (base units) the sources also moved")
    tree.add("[green]balanced[/]" if res.balanced else "[red]NOT balanced[/]")
    return tree


def back_table(res: BackResult, tags: TagIndex, decimals: int = 8, limit: int = 30) -> TextTable:
    """Origins of a deposit as a table."""
    table = TextTable(title=f"Origins of {res.deposit} ({fmt(res.deposit_value, decimals)})")
    for col in ("origin", "value", "share", "hops", "tags"):
        table.add_column(col)
    for a, v in sorted(res.origins.items(), key=lambda kv: -kv[1])[:limit]:
        share = f"{100 * v / res.deposit_value:.2f}%" if res.deposit_value else "-"
        table.add_row(a, fmt(v, decimals), share, str(res.hops.get(a)), _tag_text(tags.lookup(a)))
    if res.unexplored:
        table.add_row("(beyond hop limit)", fmt(res.unexplored, decimals), "", "", "")
    return table


def path_table(p: PathResult, decimals: int = 8) -> TextTable:
    """A path as a table, one row per hop."""
    table = TextTable(title=f"{p.start} -> {p.target}: {p.direction}, {len(p.edges)} hops")
    for col in ("#", "from", "to", "amount", "tx"):
        table.add_column(col)
    for i, e in enumerate(p.edges, 1):
        table.add_row(str(i), e.sender, e.receiver, fmt(e.amount, decimals), e.tx)
    return table
