"""The documented cases file (`scenarios/dprk_scenarios.json`): a JSON list of case objects."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from interdict.core.errors import TransferFormatError


def read_cases(path: Path) -> list[dict[str, Any]]:
    """The raw case list."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as exc:
        raise TransferFormatError(str(path), f"line {exc.lineno}", "not valid JSON") from exc
    if not isinstance(data, list):
        raise TransferFormatError(str(path), None, "expected a JSON list of cases")
    return data
