"""Where a store outside the case store reports the records it changes (the keyed audit chain).

The payments and lists stores (DuckDB) take a `StateSink` instead of importing the case store: the
command or request that decides a payment or loads a list passes one in (in production
`interdict.cases.audit_external.ChainSink`), and the engines stay free of the cases package.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Protocol


class StateSink(Protocol):
    """Binds records into a tamper-evident chain and seals them with its key."""

    def record(self, kind: str, records: Mapping[str, Mapping[str, Any]]) -> None:
        """Append the state of each record (id → JSON-able fields) of `kind`; raise if it cannot."""
        ...

    def seal(self, text: str) -> str:
        """A keyed MAC of `text` (naming the key it was made with)."""
        ...

    def sealed(self, text: str, seal: str | None) -> bool:
        """Whether `seal` is a MAC of `text` made by this sink's keys."""
        ...
