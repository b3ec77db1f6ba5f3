"""GraphSense TagPacks (YAML): attribution tags with their source and confidence."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from interdict.core.errors import TransferFormatError
from interdict.tracing.tags import Tag

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
