"""Attribution tags: GraphSense TagPacks, OFAC digital-currency address lists, loaded sanctions lists.

Every tag keeps where it came from (`source`), what it says the address is (`category`, one of
exchange, mixer, bridge, ransomware, theft, sanctioned, blacklisted, service, other) and how far to
trust it (`confidence`, 0-100). Exits (exchanges, mixers, bridges) stop a taint walk.
"""

from __future__ import annotations

import csv
import json
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from interdict.core.errors import TransferFormatError

EXIT_CATEGORIES = frozenset({"exchange", "mixer", "bridge"})

# GraphSense confidence levels (tagpack-tool's confidence.yaml names), as 0-100 scores
CONFIDENCE = {
    "ownership": 100,
    "ledger_immanent": 100,
    "authority_data": 95,
    "service_data": 85,
    "forensic": 70,
    "web_crawl": 40,
    "untrusted_transaction": 20,
}
_ABUSE = {"ransomware": "ransomware", "sanction": "sanctioned", "service_hack": "theft", "scam": "theft"}
_CATEGORY = {
    "exchange": "exchange",
    "mixing_service": "mixer",
    "coinjoin": "mixer",
    "bridge": "bridge",
    "black_list": "blacklisted",
}


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


def _category(fields: dict[str, Any]) -> str:
    abuse = str(fields.get("abuse") or "")
    if abuse in _ABUSE:
        return _ABUSE[abuse]
    cat = str(fields.get("category") or "")
    if cat in _CATEGORY:
        return _CATEGORY[cat]
    label = str(fields.get("label") or "").lower()
    if "ofac" in label or "sanction" in label:
        return "sanctioned"
    if "bridge" in label:
        return "bridge"
    return "service" if cat in {"service", "wallet_service", "market", "gambling", "miner"} else "other"


def read_tagpack(path: Path) -> list[Tag]:
    """Read one TagPack YAML; header fields are inherited by each entry of `tags`."""
    try:
        with path.open(encoding="utf-8") as fh:
            doc = yaml.load(fh, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"line {mark.line + 1}" if mark is not None else None
        raise TransferFormatError(str(path), where, f"not valid YAML ({exc})") from exc
    if not isinstance(doc, dict) or not isinstance(doc.get("tags"), list):
        raise TransferFormatError(str(path), None, "expected a TagPack: a mapping with a 'tags' list")
    header = {k: v for k, v in doc.items() if k != "tags"}
    tags = []
    for i, entry in enumerate(doc["tags"]):
        if not isinstance(entry, dict) or not entry.get("address"):
            raise TransferFormatError(str(path), f"tags[{i}]", "expected a mapping with an 'address'")
        f = {**header, **entry}
        tags.append(
            Tag(
                address=str(f["address"]).strip(),
                currency=str(f.get("currency") or "?").upper(),
                label=str(f.get("label") or header.get("title") or ""),
                category=_category(f),
                source=f"tagpack:{path.stem} ({f.get('source') or f.get('creator') or 'GraphSense'})",
                confidence=CONFIDENCE.get(str(f.get("confidence")), 50),
                actor=str(f["actor"]) if f.get("actor") else None,
            )
        )
    return tags


def read_ofac_folder(folder: Path) -> list[Tag]:
    """OFAC SDN digital-currency addresses: per-asset `.txt` lists and the by-party CSV if present."""
    source = f"OFAC SDN ({folder.name})"
    tags: list[Tag] = []
    for txt in sorted(folder.glob("sanctioned_addresses_*.txt")):
        asset = txt.stem.rsplit("_", 1)[-1]
        for line in txt.read_text(encoding="utf-8").splitlines():
            if line.strip():
                tags.append(Tag(line.strip(), asset, "OFAC SDN listed address", "sanctioned", source, 100))
    party = folder / "sdn_digital_currency_addresses_by_party.csv"
    if party.exists():
        with party.open(newline="", encoding="utf-8") as fh:
            reader = csv.DictReader(fh)
            for row in reader:
                if not row.get("address") or not row.get("sdn_name"):
                    raise TransferFormatError(
                        str(party), f"line {reader.line_num}", "expected address and sdn_name"
                    )
                label = (
                    f"{row['sdn_name']} [{row.get('programs', '')}] (SDN profile {row.get('profile_id', '')})"
                )
                tags.append(
                    Tag(row["address"].strip(), row.get("currency") or "?", label, "sanctioned", source, 100)
                )
    if not tags:
        raise TransferFormatError(str(folder), None, "no sanctioned_addresses_*.txt or by-party CSV found")
    return tags


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


def read_json_list(path: Path) -> list[str]:
    """A JSON list of addresses (the `.json` twin of an OFAC `.txt` list)."""
    data = json.loads(path.read_text(encoding="utf-8"))
    if not isinstance(data, list):
        raise TransferFormatError(str(path), None, "expected a JSON list of addresses")
    return [str(x) for x in data]
