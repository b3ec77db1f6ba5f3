"""Plain text trees and tables: what an engine's report returns for a person to read, so that the
interface chooses how to draw it (the CLI with rich) and engines print nothing."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class TextTree:
    """A line of text and the lines under it."""

    label: str
    children: list[TextTree] = field(default_factory=list)

    def add(self, label: str) -> TextTree:
        """Add a line under this one and return it."""
        child = TextTree(label)
        self.children.append(child)
        return child


@dataclass
class TextTable:
    """A titled table of text cells."""

    title: str
    columns: list[str] = field(default_factory=list)
    rows: list[tuple[str, ...]] = field(default_factory=list)

    def add_column(self, name: str) -> None:
        """Append a column."""
        self.columns.append(name)

    def add_row(self, *cells: str) -> None:
        """Append a row, one cell per column."""
        self.rows.append(cells)
