"""What the list store answers about versions and loads, as plain values (no storage here)."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any


@dataclass(frozen=True, slots=True)
class ListVersion:
    """One stored version of a list."""

    list: str
    version: int
    format: str | None
    published: str | None
    sha256: str
    source: str | None
    loaded_at: str
    entities: int
    active: bool

    def to_dict(self) -> dict[str, Any]:
        """JSON shape for `interdict lists show --json`."""
        return asdict(self)


@dataclass(frozen=True, slots=True)
class LoadResult:
    """What one load did: a new version, or nothing because that file was already loaded."""

    version: ListVersion
    new: bool  # False: a version with the same sha256 existed, nothing was written
    links: int = 0  # subject links after the load
    forced: tuple[str, ...] = ()  # the safety rules this load broke and --force overrode

    @property
    def message(self) -> str:
        """One line for the user."""
        v = self.version
        if not self.new:
            return (f"{v.list} version {v.version} already holds this file (sha256 {v.sha256[:12]}):"
                    " nothing loaded")
        why = "it states no publication date" if v.published is None else "an older publication"
        state = "active" if v.active else f"stored, not active ({why}; the active version stays)"
        forced = f" (forced although {'; '.join(self.forced)})" if self.forced else ""
        return f"{v.list} version {v.version}: {v.entities} entries, {state}{forced}"
