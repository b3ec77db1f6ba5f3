"""What the name rules read of a scored alignment: which query and listed words a match joins, and
how alike they are (`scoring.TokenMatch` has these). One protocol for the rule modules (`partial`,
`lineage`, `left_out`), which cannot import `scoring` (it imports them)."""

from __future__ import annotations

from typing import Protocol


class Aligned(Protocol):
    @property
    def query(self) -> tuple[int, ...]: ...
    @property
    def name(self) -> tuple[int, ...]: ...
    @property
    def similarity(self) -> float: ...
