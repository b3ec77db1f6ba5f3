"""Attribution tags (read by `sources.tagpacks`, `sources.ofac` and from loaded sanctions lists).

Every tag keeps where it came from (`source`), what it says the address is (`category`, one of
exchange, mixer, bridge, ransomware, theft, sanctioned, blacklisted, service, other) and how far to
trust it (`confidence`, 0-100). Exits (exchanges, mixers, bridges) stop a taint walk.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

EXIT_CATEGORIES = frozenset({"exchange", "mixer", "bridge"})

@dataclass(frozen=True, slots=True)
class Tag:
    """One statement about one address, with its source."""

    address: str
    currency: str
    label: str
    category: str
    source: str
    confidence: int
    actor: str | None = None

    @property
    def is_exit(self) -> bool:
        """True for exchanges, mixers and bridges."""
        return self.category in EXIT_CATEGORIES


def address_key(address: str) -> str:
    """Matching key: hex (0x) and bech32 addresses are case-insensitive, base58 is not."""
    a = address.strip()
    low = a.lower()
    return low if low.startswith(("0x", "bc1", "ltc1", "tb1")) else a


def tags_from_entities(entities: Iterable[Any]) -> list[Tag]:
    """Crypto identifiers of loaded sanctions-list entities (`interdict.lists`) as tags."""
    tags = []
    for e in entities:
        for ident in getattr(e, "identifiers", ()):
            if str(getattr(ident, "type", "")) == "crypto" and ident.value:
                tags.append(
                    Tag(
                        ident.value, ident.currency or "?", e.primary_name, "sanctioned", f"list:{e.key}", 100
                    )
                )
    return tags


class TagIndex:
    """Tags by address key, for screening and for marking exits."""

    def __init__(self, tags: Iterable[Tag] = ()) -> None:
        self.by_key: dict[str, list[Tag]] = defaultdict(list)
        self.add(tags)

    def add(self, tags: Iterable[Tag]) -> None:
        """Add tags, skipping exact duplicates."""
        for t in tags:
            bucket = self.by_key[address_key(t.address)]
            if t not in bucket:
                bucket.append(t)

    def lookup(self, address: str) -> list[Tag]:
        """Every tag on an address (most confident first)."""
        return sorted(self.by_key.get(address_key(address), []), key=lambda t: -t.confidence)

    def exits(self, addresses: Iterable[str]) -> set[str]:
        """The given addresses that carry an exit tag (exchange, mixer, bridge)."""
        return {a for a in addresses if any(t.is_exit for t in self.by_key.get(address_key(a), ()))}

    def __len__(self) -> int:
        return sum(len(v) for v in self.by_key.values())


def tag_to_json(t: Tag) -> dict[str, Any]:
    """A tag as a JSON-ready dict."""
    return {
        "label": t.label,
        "category": t.category,
        "source": t.source,
        "confidence": t.confidence,
        "currency": t.currency,
        "actor": t.actor,
    }
