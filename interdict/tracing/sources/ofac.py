"""OFAC SDN digital-currency address lists: per-asset `.txt` lists, their `.json` twins, the by-party CSV."""

from __future__ import annotations

import csv
import json
from pathlib import Path

from interdict.core.errors import TransferFormatError
from interdict.tracing.tags import Tag


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


def read_json_list(path: Path) -> list[str]:
    """A JSON list of addresses (the `.json` twin of an OFAC `.txt` list)."""
    data = json.loads(path.read_text(encoding="utf-8"))
    if not isinstance(data, list):
        raise TransferFormatError(str(path), None, "expected a JSON list of addresses")
    return [str(x) for x in data]
