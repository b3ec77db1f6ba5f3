"""Allow-list ("good guy") entries: a reviewed false positive, suppressed for one query × entity.

An entry is scoped to the normalised, order-insensitive form of the query name (so "PAK Jin Hyok"
and "Jin Hyok Pak" share one entry) and to one listed entity key (`list:list_id`). It carries
who decided it, why, and until when; an expired entry no longer suppresses anything.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from interdict.screening.normalize import query_key


@dataclass(frozen=True, slots=True)
class AllowEntry:
    """One reviewed false positive: this query name is not this listed entity."""

    query: str  # the query name as the reviewer saw it
    entity_key: str  # "list:list_id", e.g. "ofac_sdn:12345"
    reason: str
    author: str
    expires: str | None = None  # ISO date (inclusive); None = until withdrawn
    created: str | None = None  # ISO date

    @property
    def key(self) -> str:
        """The normalised query form the entry applies to."""
        return query_key(self.query)

    def active_on(self, day: date) -> bool:
        """True when the entry has not expired on `day`."""
        return self.expires is None or date.fromisoformat(self.expires) >= day


class AllowList:
    """A set of allow-list entries, looked up by (normalised query, entity key)."""

    def __init__(self, entries: Iterable[AllowEntry] = (), *, today: date | None = None) -> None:
        self.entries = tuple(entries)
        self.today = today
        self._by_key: dict[tuple[str, str], AllowEntry] = {}
        for entry in self.entries:
            self._by_key[(entry.key, entry.entity_key)] = entry

    def lookup(self, query_name: str, entity_key: str) -> AllowEntry | None:
        """The active entry suppressing this entity for this query name, if any."""
        entry = self._by_key.get((query_key(query_name), entity_key))
        if entry is None:
            return None
        return entry if entry.active_on(self.today or date.today()) else None

    def __len__(self) -> int:
        return len(self.entries)
