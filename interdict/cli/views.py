"""Rich widgets for the plain text trees and tables that the tracing reports return."""

from __future__ import annotations

from rich.table import Table
from rich.tree import Tree

from interdict.core.text import TextTable, TextTree


def rich_tree(node: TextTree, into: Tree | None = None) -> Tree:
    """A rich Tree with the same lines."""
    tree = Tree(node.label) if into is None else into.add(node.label)
    for child in node.children:
        rich_tree(child, tree)
    return tree


def rich_table(t: TextTable) -> Table:
    """A rich Table with the same title, columns and rows."""
    table = Table(title=t.title)
    for col in t.columns:
        table.add_column(col)
    for row in t.rows:
        table.add_row(*row)
    return table
