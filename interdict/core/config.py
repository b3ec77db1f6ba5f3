"""Where Interdict keeps its data, and where the shared sample data lives."""

from __future__ import annotations

import os
from pathlib import Path

# The real lists in `../shared/data/lists` that the demo loads and the benchmarks measure: the UN
# consolidated list, the full OFAC SDN list (advanced XML) and OFAC's non-SDN consolidated list.
SHARED_LIST_FILES = (
    "un/consolidated.xml",
    "ofac/sdn_advanced_2025-11/sdn_advanced.xml.bz2",
    "ofac/consolidated.xml",
)


def home() -> Path:
    """The data directory: `$INTERDICT_HOME`, else `.interdict/` in the working directory."""
    path = Path(os.environ.get("INTERDICT_HOME", ".interdict")).expanduser()
    path.mkdir(parents=True, exist_ok=True)
    return path


def database_path() -> Path:
    """The embedded DuckDB file holding lists, indexes, transfers and payment decisions."""
    return home() / "interdict.duckdb"


def shared_data_dir() -> Path | None:
    """The shared real-data folder (`../shared/data` beside the checkout), if present.

    `INTERDICT_SHARED_DATA` overrides the search; a user's machine normally has none, in which case
    the demo fetches the official lists or falls back to the samples bundled with the package.
    """
    env = os.environ.get("INTERDICT_SHARED_DATA")
    if env:
        p = Path(env)
        return p if p.is_dir() else None
    here = Path(__file__).resolve()
    for parent in [Path.cwd(), *Path.cwd().parents, *here.parents]:
        candidate = parent / "shared" / "data"
        if candidate.is_dir() and (candidate / "lists").is_dir():
            return candidate
        sibling = parent.parent / "shared" / "data"
        if sibling.is_dir() and (sibling / "lists").is_dir():
            return sibling
    return None


def bundled_data_dir() -> Path:
    """Small hand-written samples in the official formats that ship inside the package."""
    return Path(__file__).resolve().parent.parent / "data"
